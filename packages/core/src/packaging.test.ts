import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The package imports itself by name, as a consumer would; plain Node does not know the
// source condition, so this resolves the built `dist/` through the `exports` map.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const names = ['PurchaseOrder', 'Connection', 'WebhookEvent', 'ErrorCode'];

function runNode(args: string[]) {
  return execFileSync(process.execPath, args, { cwd: packageRoot, encoding: 'utf8' }).trim();
}

describe('the built package', () => {
  beforeAll(() => {
    if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
      throw new Error('dist/ is missing: run `pnpm build` (turbo runs it before `test`).');
    }
  });

  it('works from an ESM consumer', () => {
    const script = `import { ${names.join(', ')} } from '@makini-kit/core';
      const order = PurchaseOrder.parse({ key: 'PO-1', ZZ: 1 });
      console.log(JSON.stringify([typeof Connection.parse, typeof WebhookEvent.parse, ErrorCode.RATE_LIMIT_EXCEEDED, order.customFields]));`;
    expect(JSON.parse(runNode(['--input-type=module', '-e', script]))).toEqual([
      'function',
      'function',
      'RATE_LIMIT_EXCEEDED',
      { ZZ: 1 },
    ]);
  });

  it('works from a CommonJS consumer', () => {
    const script = `const { ${names.join(', ')} } = require('@makini-kit/core');
      const order = PurchaseOrder.parse({ key: 'PO-1', ZZ: 1 });
      console.log(JSON.stringify([typeof Connection.parse, typeof WebhookEvent.parse, ErrorCode.RATE_LIMIT_EXCEEDED, order.customFields]));`;
    expect(JSON.parse(runNode(['--input-type=commonjs', '-e', script]))).toEqual([
      'function',
      'function',
      'RATE_LIMIT_EXCEEDED',
      { ZZ: 1 },
    ]);
  });
});
