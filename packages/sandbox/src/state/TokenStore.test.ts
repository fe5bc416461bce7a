import { describe, expect, it } from 'vitest';
import { TokenStore } from './TokenStore.js';

const ttl = { codeMs: 60_000, accessMs: 3_600_000, refreshMs: 7_200_000, reuseGraceMs: 0 };
const subject = {
  kind: 'connection',
  clientId: 'sandbox_client',
  connectionKey: '09000000000001',
  generation: 1,
} as const;

describe('TokenStore', () => {
  it('reads a state file written before token families: each old pair is a family', () => {
    const store = new TokenStore(() => 1_000, ttl);
    const expiresAt = 10_000_000;
    store.restore({
      access: [
        ['sbx_at_old', { subject, expiresAt, revoked: true }],
        ['sbx_at_live', { subject, expiresAt, revoked: false }],
        [
          'sbx_at_client',
          { subject: { kind: 'client', clientId: 'c' }, expiresAt, revoked: false },
        ],
      ],
      refresh: [
        ['sbx_rt_used', { subject, expiresAt, used: true, accessToken: 'sbx_at_used' }],
        ['sbx_rt_live', { subject, expiresAt, used: false, accessToken: 'sbx_at_live' }],
      ],
    });
    expect(store.lookupAccess('sbx_at_old')).toEqual({ problem: 'revoked' });
    expect(store.lookupAccess('sbx_at_client')).toMatchObject({ subject: { kind: 'client' } });
    expect(store.consumeRefresh('sbx_rt_used', subject.clientId)).toMatchObject({ reuse: true });
    expect(store.lookupAccess('sbx_at_live')).toMatchObject({ subject });
    expect(store.consumeRefresh('sbx_rt_live', subject.clientId)).toMatchObject({ grace: false });
  });

  it('keeps families and revocations through snapshot and restore', () => {
    const before = new TokenStore(() => 1_000, ttl);
    const revoked = before.issuePair(subject);
    const kept = before.issuePair(subject);
    before.consumeRefresh(revoked.refreshToken, subject.clientId);
    before.consumeRefresh(revoked.refreshToken, subject.clientId);
    const used = before.consumeRefresh(kept.refreshToken, subject.clientId);
    if ('problem' in used) throw new Error(used.problem);
    const next = before.issuePair(subject, used.family);

    const after = new TokenStore(() => 2_000, ttl);
    after.restore(JSON.parse(JSON.stringify(before.snapshot())));
    expect(after.lookupAccess(revoked.accessToken)).toEqual({ problem: 'revoked' });
    expect(after.lookupAccess(next.accessToken)).toMatchObject({ subject });
    expect(after.consumeRefresh(kept.refreshToken, subject.clientId)).toMatchObject({
      reuse: true,
    });
    expect(after.lookupAccess(next.accessToken)).toEqual({ problem: 'revoked' });
    // A family started after the restore is not one restored from the file.
    expect(after.lookupAccess(after.issuePair(subject).accessToken)).toMatchObject({ subject });
  });
});
