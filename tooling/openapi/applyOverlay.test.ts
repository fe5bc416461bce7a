import { describe, expect, it } from 'vitest';
import { applyOverlay, OverlayError } from './applyOverlay.js';
import { loadOverlaidSpecs } from './loadOverlaidSpecs.js';

const spec = () => ({
  components: {
    schemas: {
      Dimension: [] as unknown,
      Order: { properties: { total: { type: 'object', format: 'object' } } },
    },
  },
});

describe('applyOverlay', () => {
  it('fails naming the action whose target matches nothing', () => {
    expect(() =>
      applyOverlay(spec(), {
        overlay: '1.0.0',
        actions: [{ target: '$.components.schemas.Missing', update: { type: 'object' } }],
      }),
    ).toThrow(
      new OverlayError(
        'Overlay action 0 ($.components.schemas.Missing) matched nothing: fix the target or drop the action.',
      ),
    );
  });

  it('removes, then updates what was removed', () => {
    const result = applyOverlay(spec(), {
      overlay: '1.0.0',
      actions: [
        { target: '$.components.schemas.Dimension', remove: true },
        { target: '$.components.schemas', update: { Dimension: { type: 'object' } } },
        { target: "$.components.schemas.*.properties[?@.format == 'object'].format", remove: true },
        { target: '$.components.schemas.Order.properties.total', update: { type: 'string' } },
      ],
    });
    expect(result.components.schemas).toEqual({
      Dimension: { type: 'object' },
      Order: { properties: { total: { type: 'string' } } },
    });
  });

  it('merges objects deeply and appends to arrays', () => {
    const result = applyOverlay(
      { info: { title: 'a', contact: { name: 'x' } }, tags: ['one'] },
      {
        overlay: '1.0.0',
        actions: [
          { target: '$.info', update: { contact: { email: 'e' } } },
          { target: '$.tags', update: 'two' },
        ],
      },
    );
    expect(result).toEqual({
      info: { title: 'a', contact: { name: 'x', email: 'e' } },
      tags: ['one', 'two'],
    });
  });

  it('refuses an action with neither update nor remove', () => {
    expect(() =>
      applyOverlay(spec(), { overlay: '1.0.0', actions: [{ target: '$.components' }] }),
    ).toThrow(/neither `update` nor `remove: true`/);
  });
});

describe('the overlaid specs', () => {
  const specs = loadOverlaidSpecs();

  it('keep no defect the overlay fixes', () => {
    const problems: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        for (const [index, item] of node.entries()) walk(item, `${path}/${index}`);
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (
        typeof record.type === 'string' &&
        !['string', 'number', 'integer', 'boolean', 'array', 'object', 'http'].includes(record.type)
      )
        problems.push(`${path}: type ${record.type}`);
      if (['nullable', 'object', 'string'].includes(String(record.format)))
        problems.push(`${path}: format ${record.format}`);
      if ('$ref' in record && Object.keys(record).length > 1)
        problems.push(`${path}: $ref with siblings`);
      if (record.type === 'array' && !('items' in record))
        problems.push(`${path}: array without items`);
      for (const [key, value] of Object.entries(record)) walk(value, `${path}/${key}`);
    };
    walk(specs, '#');
    expect(problems).toEqual([]);
  });

  it('give no `*Key` field a format: keys are plain strings, never decimals or dates', () => {
    const formatted: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      const properties = record.properties as Record<string, { format?: string }> | undefined;
      for (const [field, property] of Object.entries(properties ?? {}))
        if (/Key$/.test(field) && property?.format !== undefined)
          formatted.push(`${path}/properties/${field}: format ${property.format}`);
      for (const [key, value] of Object.entries(record)) walk(value, `${path}/${key}`);
    };
    walk(specs, '#');
    expect(formatted).toEqual([]);
  });

  it('give every operation an operationId and error responses', () => {
    const missing: string[] = [];
    for (const spec of [specs.system, specs.erp]) {
      for (const [path, item] of Object.entries(spec.paths)) {
        for (const [method, operation] of Object.entries(
          item as Record<string, { operationId?: string; responses: Record<string, unknown> }>,
        )) {
          if (!operation.operationId) missing.push(`${method} ${path}: operationId`);
          for (const status of ['401', '429', '500'])
            if (!operation.responses[status]) missing.push(`${method} ${path}: ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
