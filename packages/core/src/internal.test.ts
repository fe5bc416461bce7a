import { describe, expect, it } from 'vitest';
import * as entry from './index.js';
import * as internal from './internal.js';

describe('@makini-kit/core/internal', () => {
  it('holds only helpers the main entry point does not promise', () => {
    expect(Object.keys(internal).sort()).toEqual([
      'DEFAULT_CONFIRM_TIMEOUT_MS',
      'PENDING_LINK_KEY',
      'checkTimings',
      'confirmExchange',
      'isLinkCallbackMessage',
      'tagPendingLink',
      'takeReturnedLink',
    ]);
    expect(Object.keys(internal).filter((name) => name in entry)).toEqual([]);
  });
});
