import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './errorFromResponse.js';
import { invalidFields } from './invalidFields.js';
import { BadRequestError, ConflictError } from './MakiniError.js';

describe('invalidFields', () => {
  it("reads Makini's error.fields and Laravel's errors", () => {
    expect(invalidFields({ error: { code: 'VALIDATION_ERROR', fields: { a: ['bad'] } } })).toEqual({
      a: ['bad'],
    });
    expect(
      invalidFields({ message: 'm', errors: { 'lines.0.qty': ['required', 'numeric'] } }),
    ).toEqual({ 'lines.0.qty': ['required', 'numeric'] });
  });

  it('takes a single message as a list, and leaves out what it cannot read', () => {
    expect(
      invalidFields({ error: { fields: { a: 'bad', b: [1, 'worse', null], c: {}, d: [] } } }),
    ).toEqual({ a: ['bad'], b: ['worse'] });
  });

  it.each([
    undefined,
    null,
    'text',
    [],
    {},
    { error: 'invalid_grant' },
    { error: { fields: ['a'] } },
    { error: { fields: {} } },
    { errors: 'a' },
  ])('is undefined for %j', (body) => {
    expect(invalidFields(body)).toBeUndefined();
  });

  it('is frozen, so an error handler cannot change what the server said', () => {
    const fields = invalidFields({ error: { fields: { a: ['bad'] } } });
    expect(Object.isFrozen(fields)).toBe(true);
    expect(Object.isFrozen(fields?.a)).toBe(true);
  });

  it('is on every BadRequestError built from a response, ConflictError included', () => {
    const body = { error: { code: 'VALIDATION_ERROR', message: 'm', fields: { a: ['bad'] } } };
    const refused = errorFromResponse(422, new Headers(), body, {});
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).fields).toEqual({ a: ['bad'] });
    const conflict = errorFromResponse(409, new Headers(), { error: { code: 'CONFLICT' } }, {});
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).fields).toBeUndefined();
  });
});
