// The spec every part of the kit reads: Makini's published specs with specs/overlay.*.yaml applied.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { applyOverlay, type OverlayDocument } from './applyOverlay.js';

/** An OpenAPI 3.0 document as plain JSON. */
export type OpenAPIDocument = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; [section: string]: unknown };
  [key: string]: unknown;
};

/** The two specs, each with its overlay applied. */
export interface OverlaidSpecs {
  system: OpenAPIDocument;
  erp: OpenAPIDocument;
}

const specsDir = new URL('../../specs/', import.meta.url);

/** Reads one spec and applies its overlay (`specs/overlay.<name>.yaml`). */
export function loadOverlaidSpec(name: 'system' | 'erp'): OpenAPIDocument {
  const spec = JSON.parse(readFileSync(new URL(`oas3_${name}.json`, specsDir), 'utf8'));
  const overlay = parse(
    readFileSync(new URL(`overlay.${name}.yaml`, specsDir), 'utf8'),
  ) as OverlayDocument;
  return applyOverlay(spec, overlay);
}

/**
 * Makini's system and ERP specs with their overlays applied, as fresh plain objects on every call.
 *
 * @example
 * const { erp } = loadOverlaidSpecs();
 * erp.paths['/api/erp/purchase-orders']?.get; // { operationId: 'purchaseOrders.list', … }
 */
export function loadOverlaidSpecs(): OverlaidSpecs {
  return { system: loadOverlaidSpec('system'), erp: loadOverlaidSpec('erp') };
}

/** The folder holding the vendored specs and overlays. */
export const SPECS_DIR = fileURLToPath(specsDir);
