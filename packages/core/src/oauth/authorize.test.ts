import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, createState, parseCallback } from './authorize.js';
import { LinkError } from './LinkError.js';

describe('buildAuthorizeUrl', () => {
  it("builds Link's URL with a fresh random state", () => {
    const first = buildAuthorizeUrl({ clientId: 'c', redirectUri: 'https://app.example/cb' });
    const second = buildAuthorizeUrl({ clientId: 'c', redirectUri: 'https://app.example/cb' });
    const url = new URL(first.url);
    expect(url.origin + url.pathname).toBe('https://link.makini.io/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'c',
      redirect_uri: 'https://app.example/cb',
      state: first.state,
    });
    expect(first.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.state).not.toBe(second.state);
    expect(createState()).not.toBe(createState());
  });

  it('binds Link to an existing connection with connection_id', () => {
    const bound = new URL(
      buildAuthorizeUrl({
        clientId: 'c',
        redirectUri: 'https://app.example/cb',
        connectionId: 'conn_42',
        loginHint: 'ops',
      }).url,
    );
    expect(bound.searchParams.get('connection_id')).toBe('conn_42');
    expect(bound.searchParams.get('login_hint')).toBe('ops');
    const unbound = new URL(
      buildAuthorizeUrl({ clientId: 'c', redirectUri: 'https://app.example/cb' }).url,
    );
    expect(unbound.searchParams.has('connection_id')).toBe(false);
  });

  it('refuses a blank connectionId instead of sending an unbound Link', () => {
    expect(() =>
      buildAuthorizeUrl({
        clientId: 'c',
        redirectUri: 'https://app.example/cb',
        connectionId: ' ',
      }),
    ).toThrow(TypeError);
  });

  it('refuses a relative redirect URI', () => {
    expect(() => buildAuthorizeUrl({ clientId: 'c', redirectUri: '/cb' })).toThrow();
  });
});

describe('parseCallback', () => {
  const state = 'expected-state';
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(LinkError.is(error)).toBe(true);
      return (error as LinkError).code;
    }
    return 'no error';
  };

  it('returns code and state when the state matches', () => {
    expect(
      parseCallback(`https://app.example/cb?code=abc&state=${state}`, { expectedState: state }),
    ).toEqual({ code: 'abc', state });
  });

  it('refuses another state before reading anything else', () => {
    expect(code(() => parseCallback('?code=abc&state=forged', { expectedState: state }))).toBe(
      'STATE_MISMATCH',
    );
    expect(
      code(() => parseCallback('?error=access_denied&state=forged', { expectedState: state })),
    ).toBe('STATE_MISMATCH');
    expect(code(() => parseCallback('?code=abc', { expectedState: '' }))).toBe('STATE_MISMATCH');
  });

  it('surfaces access_denied and other OAuth errors', () => {
    expect(
      code(() => parseCallback(`?error=access_denied&state=${state}`, { expectedState: state })),
    ).toBe('access_denied');
    expect(
      code(() => parseCallback(`?error=server_error&state=${state}`, { expectedState: state })),
    ).toBe('server_error');
    expect(code(() => parseCallback(`?state=${state}`, { expectedState: state }))).toBe(
      'MISSING_CODE',
    );
  });
});
