import { describe, expect, it } from 'vitest';
import { SCHEMAS } from '../../packages/core/src/index.js';
import { loadOverlaidSpecs } from '../openapi/loadOverlaidSpecs.js';
import { readSpecs } from './readSpecs.js';

const { schemas } = readSpecs(loadOverlaidSpecs());

describe('the generated schemas', () => {
  it('let every field the overlaid spec does not require be absent', () => {
    const refused: string[] = [];
    for (const named of schemas) {
      const schema = SCHEMAS[named.name];
      if (!schema) continue;
      const required = new Set(named.node.required ?? []);
      const result = schema.safeParse({});
      for (const issue of result.error?.issues ?? []) {
        const field = String(issue.path[0] ?? '');
        if (!required.has(field)) refused.push(`${named.name}.${field}: ${issue.message}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('take a passthrough request without a body (a GET through the source system)', () => {
    expect(SCHEMAS.PassthroughRequest?.safeParse({ method: 'GET', path: 'items' }).success).toBe(
      true,
    );
  });
});
