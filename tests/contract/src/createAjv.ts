import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIDocument } from '../../../tooling/openapi/loadOverlaidSpecs.js';
import type { SpecName } from './specOperations.js';
import { toJsonSchema } from './toJsonSchema.js';

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

/** The overlay's exact decimals: digits with an optional sign and fraction, as Makini sends money. */
export const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * An ajv (draft-07, strict schema checking, all errors) that knows both specs' component schemas
 * as `system#/definitions/<Name>` and `erp#/definitions/<Name>`, plus `decimal` and the
 * ajv-formats formats. A schema keyword or format ajv does not know fails compilation: the
 * overlaid spec is held to JSON Schema, not read loosely.
 *
 * @example
 * const ajv = createAjv(loadOverlaidSpecs());
 * ajv.validate({ $ref: 'erp#/definitions/PurchaseOrder' }, record);
 */
export function createAjv(documents: Readonly<Record<SpecName, OpenAPIDocument>>): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    // OpenAPI schemas often give `properties` without `type: object`; that is not a violation.
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  // OpenAPI annotations that JSON Schema does not have.
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({ keyword: 'xml' });
  ajv.addKeyword({ keyword: 'externalDocs' });
  addFormats(ajv);
  ajv.addFormat('decimal', DECIMAL);
  for (const spec of ['system', 'erp'] as const) {
    ajv.addSchema(
      {
        $id: spec,
        definitions: Object.fromEntries(
          Object.entries(documents[spec].components.schemas).map(([name, schema]) => [
            name,
            toJsonSchema(schema, spec),
          ]),
        ),
      },
      spec,
    );
  }
  return ajv;
}
