import { describe, expect, it } from 'vitest';
import { loadOverlaidSpecs } from '../openapi/loadOverlaidSpecs.js';
import { secretBody } from './emitResources.js';
import { readSpecs } from './readSpecs.js';

describe('secretBody', () => {
  it('marks exactly the operations whose answer carries a credential', () => {
    const { operations, schemas } = readSpecs(loadOverlaidSpecs());
    const bySchema = new Map(schemas.map((named) => [named.name, named]));
    const marked = operations
      .filter((operation) => secretBody(operation, bySchema))
      .map((operation) => `${operation.id} → ${operation.schema}`);
    expect(marked).toEqual([
      'connections.create → ConnectionStore',
      'connections.createToken → ConnectionToken',
    ]);
  });
});
