import { createRemoteHealthSource } from '@makini-kit/core';

/** Connection health from the demo back end (`/api/health`, live over server-sent events). */
export const health = createRemoteHealthSource({ url: '/api/health' });
