import { describe, expect, it } from 'vitest';
import * as nodeEntry from './index.js';
import * as webEntry from './index.web.js';

describe('@makini-kit/webhook-node entry points', () => {
  it('node: exports exactly these names (any change here is an API change)', () => {
    expect(Object.keys(nodeEntry).sort()).toMatchSnapshot();
  });

  it('edge/worker/browser: the same API minus the Node-only adapters and synchronous verifiers', () => {
    const nodeOnly = [
      'safeVerifyWebhook',
      'safeVerifyWebhookSignature',
      'toExpressMiddleware',
      'toNodeHandler',
    ];
    expect(Object.keys(webEntry).sort()).toEqual(
      Object.keys(nodeEntry)
        .filter((name) => !nodeOnly.includes(name))
        .sort(),
    );
  });
});
