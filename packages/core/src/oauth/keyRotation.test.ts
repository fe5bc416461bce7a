import { afterEach, describe, expect, it } from 'vitest';
import { MakiniClient } from '../client/MakiniClient.js';
import { TokenDecryptionError } from '../errors/TokenDecryptionError.js';
import { ConnectionHealthMonitor, type HealthAlert } from '../health/ConnectionHealthMonitor.js';
import { TokenCipher } from './TokenCipher.js';

const tokens = {
  accessToken: 'at_rotation_0123456789',
  refreshToken: 'rt_rotation_0123456789',
  expiresAt: 1_900_000_000_000,
};
const oldKey = { id: '2026-05', secret: TokenCipher.generateSecret() };
const newKey = { id: '2026-11', secret: TokenCipher.generateSecret() };

const monitors: ConnectionHealthMonitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.dispose();
});

describe('key rotation across a rolling deploy', () => {
  it('phase 1 (new key second) seals with the old key, so replicas not yet deployed still open everything', async () => {
    const notYetDeployed = new TokenCipher({ keys: [oldKey] });
    const phase1 = new TokenCipher({ keys: [oldKey, newKey] });
    const phase2 = new TokenCipher({ keys: [newKey, oldKey] });
    const sealedBefore = await notYetDeployed.seal(tokens, 'conn_1');
    // Phase 1 has nothing to reseal: the old key is still the first.
    expect(phase1.isStale(sealedBefore)).toBe(false);
    const sealedInPhase1 = await phase1.seal(tokens, 'conn_1');
    expect(await notYetDeployed.open(sealedInPhase1, 'conn_1')).toEqual(tokens);

    // Phase 2 reseals with the new key, which every phase-1 replica already opens.
    expect(phase2.isStale(sealedInPhase1)).toBe(true);
    const sealedInPhase2 = await phase2.seal(tokens, 'conn_1');
    expect(phase2.isStale(sealedInPhase2)).toBe(false);
    expect(await phase1.open(sealedInPhase2, 'conn_1')).toEqual(tokens);
    // What skipping phase 1 does to a replica that still has only the old key.
    await expect(notYetDeployed.open(sealedInPhase2, 'conn_1')).rejects.toBeInstanceOf(
      TokenDecryptionError,
    );
  });

  it('a call whose token does not open is not counted against the connection by the monitor', async () => {
    const sealed = await new TokenCipher({ keys: [newKey, oldKey] }).seal(tokens, 'conn_1');
    const oldReplica = new TokenCipher({ keys: [oldKey] });
    // The token step fails before anything is sent: no request reaches this address.
    const client = new MakiniClient({
      baseUrl: 'http://127.0.0.1:9',
      getToken: async () => (await oldReplica.open(sealed, 'conn_1')).accessToken,
      maxRetries: 0,
    });
    const alerts: HealthAlert[] = [];
    const monitor = new ConnectionHealthMonitor({ onAlert: (alert) => alerts.push(alert) });
    monitors.push(monitor);
    monitor.track('conn_1', client);
    for (let call = 0; call < 6; call++) {
      const error = await client.integrations.current().catch((caught: unknown) => caught);
      expect(TokenDecryptionError.is(error)).toBe(true);
    }
    expect(monitor.get('conn_1')).toMatchObject({ state: 'unknown', samples: 0 });
    expect(alerts).toEqual([]);
  });
});
