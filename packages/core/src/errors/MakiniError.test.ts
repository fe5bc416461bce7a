import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './errorFromResponse.js';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  MakiniApiError,
  MakiniError,
  NotFoundError,
  RateLimitError,
  ReauthorizationRequiredError,
  ServerError,
} from './MakiniError.js';

const body = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: 'm', request_id: 'req_1', ...extra },
});

describe('errorFromResponse', () => {
  it.each([
    [401, 'AUTHENTICATION_FAILED', AuthenticationError],
    [401, 'REAUTHORIZATION_REQUIRED', ReauthorizationRequiredError],
    [404, 'NOT_FOUND', NotFoundError],
    [409, 'CONFLICT', ConflictError],
    [422, 'VALIDATION_ERROR', BadRequestError],
    [429, 'RATE_LIMIT_EXCEEDED', RateLimitError],
    [503, 'SERVICE_UNAVAILABLE', ServerError],
  ])('%i %s → %o', (status, code, type) => {
    const error = errorFromResponse(status, new Headers({ 'x-request-id': 'req_9' }), body(code), {
      method: 'GET',
      path: '/x',
    });
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, code, requestId: 'req_9' });
    expect(error.message).toContain('req_9');
  });

  it('reads the rate-limit headers', () => {
    const now = Date.UTC(2026, 0, 1);
    const error = errorFromResponse(
      429,
      new Headers({
        'retry-after': '7',
        'x-ratelimit-limit': '60',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(now / 1000 + 30),
      }),
      body('RATE_LIMIT_EXCEEDED'),
      {},
      now,
    ) as RateLimitError;
    expect(error).toMatchObject({ retryAfterMs: 7000, limit: 60, remaining: 0 });
    expect(error.resetAt?.getTime()).toBe(now + 30_000);
  });

  it.each([
    ['1e300', 2 ** 31 - 1],
    ['99999999999', 2 ** 31 - 1],
    ['999999999', 2 ** 31 - 1],
    ['-5', 0],
  ])('reads x-ratelimit-reset %s as a valid date and a finite wait of %i ms', (reset, waitMs) => {
    const now = Date.UTC(2026, 0, 1);
    const error = errorFromResponse(
      429,
      new Headers({ 'x-ratelimit-reset': reset }),
      body('RATE_LIMIT_EXCEEDED'),
      {},
      now,
    ) as RateLimitError;
    expect(error.resetAt?.getTime()).toBe(now + waitMs);
    expect(error.retryAfterMs).toBe(waitMs);
    expect(() => JSON.stringify(error)).not.toThrow();
  });

  it('carries the connection of a reauthorization error and says what to do', () => {
    const error = errorFromResponse(
      401,
      new Headers(),
      body('REAUTHORIZATION_REQUIRED', { connection_id: 'c1' }),
      {},
    );
    expect((error as ReauthorizationRequiredError).connectionKey).toBe('c1');
    expect(error.message).toMatch(/run Makini Link again/);
  });

  it('keeps no credential-bearing headers', () => {
    const error = errorFromResponse(
      500,
      new Headers({ 'set-cookie': 'session=secret', 'x-request-id': 'r' }),
      {},
      {},
    );
    expect(JSON.stringify(error)).not.toContain('secret');
  });
});

describe('is() across duplicated bundles', () => {
  it('recognizes a look-alike from another copy by brand and kind, not by class identity', () => {
    const error = new ReauthorizationRequiredError(401, 'x', { connectionKey: 'c' });
    const fromAnotherCopy = Object.assign(Object.create(null), {
      [Symbol.for('makini-kit.error')]: true,
      kinds: error.kinds,
      kind: error.kind,
    });
    for (const type of [
      MakiniError,
      MakiniApiError,
      AuthenticationError,
      ReauthorizationRequiredError,
    ]) {
      expect(type.is(error)).toBe(true);
      expect(type.is(fromAnotherCopy)).toBe(true);
    }
    expect(RateLimitError.is(error)).toBe(false);
    expect(NotFoundError.is(fromAnotherCopy)).toBe(false);
    expect(MakiniError.is(new Error('x'))).toBe(false);
    expect(error.kinds).toEqual([
      'ReauthorizationRequiredError',
      'AuthenticationError',
      'MakiniApiError',
      'MakiniError',
    ]);
  });

  it('prints redacted through toJSON and util.inspect', () => {
    const secret = 'sk_live_51Hx9f2eZvKYlo2CQdNz7aZ1q';
    // A low-level failure can quote a credential (a proxy echoing the Authorization header).
    const cause = Object.assign(new Error(`upstream refused Authorization: Bearer ${secret}`), {
      headers: { authorization: `Bearer ${secret}` },
    });
    const error = errorFromResponse(
      401,
      new Headers({
        'x-request-id': 'r',
        'set-cookie': `session=${secret}`,
        'x-debug-token': secret,
      }),
      { error: { code: 'AUTHENTICATION_FAILED', message: 'nope', request_id: 'r' } },
      { method: 'GET', path: '/api/x?code=[redacted]', cause },
    );
    expect(AuthenticationError.is(error)).toBe(true);
    expect(error.cause).toBe(cause);
    const printed = [
      inspect(error, { depth: Number.POSITIVE_INFINITY }),
      inspect({ wrapped: error }, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify(error),
      String(error),
      error.message,
    ].join('\n');
    expect(printed).toContain('AuthenticationError');
    expect(printed).not.toContain(secret);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      kind: 'AuthenticationError',
      status: 401,
      requestId: 'r',
    });
  });
});
