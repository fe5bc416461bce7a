/**
 * Makini's published specs, bundled into the build so the sandbox serves exactly what they name.
 * Typed loosely on purpose: the JSON's literal type is huge and nothing here needs it.
 */
import erpJson from '../../../../specs/oas3_erp.json' with { type: 'json' };
import systemJson from '../../../../specs/oas3_system.json' with { type: 'json' };

/** The parts of an OpenAPI schema object the sandbox reads. */
export interface SpecSchema {
  type?: string;
  format?: string;
  nullable?: boolean;
  $ref?: string;
  items?: SpecSchema;
  properties?: Record<string, SpecSchema>;
  required?: string[];
}

export interface SpecOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: { 'application/json'?: { schema?: SpecSchema } } };
  responses?: Record<string, { content?: { 'application/json'?: { schema?: SpecSchema } } }>;
}

export interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, SpecSchema> };
}

export const ERP_SPEC = erpJson as unknown as SpecDocument;
export const SYSTEM_SPEC = systemJson as unknown as SpecDocument;
