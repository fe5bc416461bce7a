import { describe, expect, it } from 'vitest';
import { MissingConfigError, makiniConfig } from './makiniConfig';

const REAL = {
  MAKINI_URL: 'https://api.makini.io/',
  MAKINI_CLIENT_ID: 'client_live',
  MAKINI_CLIENT_SECRET: 'live-client-secret',
  MAKINI_WEBHOOK_SECRET: 'whsec_bGl2ZS13ZWJob29rLXNlY3JldC1mb3ItdGVzdHMh',
  APP_URL: 'https://app.example/',
};

describe('makiniConfig', () => {
  it('refuses to start outside development when the webhook secret is unset, naming the variable', () => {
    const { MAKINI_WEBHOOK_SECRET: _, ...env } = REAL;
    const error = (() => {
      try {
        makiniConfig({ ...env, NODE_ENV: 'production' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(MissingConfigError);
    expect(error).toMatchObject({ code: 'MISSING_CONFIG', variables: ['MAKINI_WEBHOOK_SECRET'] });
    expect((error as Error).message).toContain('MAKINI_WEBHOOK_SECRET');
  });

  it('names every missing variable outside development, and never a default secret', () => {
    for (const NODE_ENV of ['production', 'test', undefined]) {
      let error: unknown;
      try {
        makiniConfig({ NODE_ENV, MAKINI_URL: REAL.MAKINI_URL, MAKINI_CLIENT_SECRET: '' });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toMatchObject({
        code: 'MISSING_CONFIG',
        variables: ['MAKINI_CLIENT_ID', 'MAKINI_CLIENT_SECRET', 'MAKINI_WEBHOOK_SECRET', 'APP_URL'],
      });
      expect((error as Error).message).not.toMatch(/sandbox_secret|whsec_/);
    }
  });

  it('reads every variable outside development when all are set', () => {
    expect(makiniConfig({ ...REAL, NODE_ENV: 'production' })).toEqual({
      makiniUrl: 'https://api.makini.io',
      clientId: 'client_live',
      clientSecret: 'live-client-secret',
      webhookSecret: REAL.MAKINI_WEBHOOK_SECRET,
      appUrl: 'https://app.example',
    });
  });

  it('keeps the local sandbox defaults in development', () => {
    const config = makiniConfig({ NODE_ENV: 'development' });
    expect(config).toMatchObject({
      makiniUrl: 'http://127.0.0.1:4010',
      clientId: 'sandbox_client',
      clientSecret: 'sandbox_secret',
      appUrl: 'http://localhost:3000',
    });
    expect(config.webhookSecret).toMatch(/^whsec_/);
    expect(makiniConfig({ NODE_ENV: 'development', MAKINI_CLIENT_ID: 'mine' }).clientId).toBe(
      'mine',
    );
  });
});
