import { makiniServer } from '../../../../lib/MakiniServer';
import { receiveWebhook } from '../../../../lib/receiveWebhook';

/** Makini's webhooks, on Node: each connection event updates the health monitor at once. */
export async function POST(request: Request): Promise<Response> {
  const server = makiniServer();
  const apply = (event: Parameters<typeof server.monitor.applyEvent>[0]) =>
    server.monitor.applyEvent(event);
  return receiveWebhook(request, {
    secret: server.config.webhookSecret,
    on: {
      'connection.reauthorization_required': apply,
      'connection.reauthorized': apply,
      'connection.status_changed': apply,
      'sync.completed': apply,
      'sync.failed': apply,
    },
  });
}
