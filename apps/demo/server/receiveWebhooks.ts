import type { ConnectionHealthMonitor } from '@makini-kit/core';
import { createWebhookHandler, toFetchHandler } from '@makini-kit/webhook-node';
import type { BackendState } from './BackendState.js';

/**
 * The webhook route's handler: verified, deduplicated (across replicas, with a shared store), fed
 * to the monitor. Every delivery goes to the developer panel, described by the verified event
 * alone: what a refused request claims about itself is not shown.
 */
export function receiveWebhooks(
  secret: string,
  state: BackendState,
  monitor: ConnectionHealthMonitor,
  log: (line: string) => void,
) {
  const { activity } = state;
  const webhooks = createWebhookHandler({
    secret,
    dedupe: state.dedupe,
    on: {
      'connection.reauthorization_required': (event) => monitor.applyEvent(event),
      'connection.reauthorized': (event) => {
        monitor.applyEvent(event);
        activity.dismissFor(event.connection_id);
      },
      'connection.status_changed': (event) => monitor.applyEvent(event),
      'sync.completed': (event) => monitor.applyEvent(event),
      'sync.failed': (event) => monitor.applyEvent(event),
    },
    onUnhandled: () => undefined,
    onError: (error) => log(`[webhook] refused: ${(error as Error).message}`),
  });
  return toFetchHandler({
    maxBodyBytes: webhooks.maxBodyBytes,
    handle: async (delivery) => {
      const result = await webhooks.handle(delivery);
      activity.webhook({
        id: result.event?.id ?? '(refused)',
        type: result.event?.type ?? '(refused)',
        connectionId: result.event?.connection_id ?? '',
        receivedAt: Date.now(),
        status: result.status,
      });
      return result;
    },
  });
}
