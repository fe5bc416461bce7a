import { FaultRuleError, type FaultRuleInput } from '../behaviours/FaultInjector.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import { json } from '../http/Reply.js';
import type { RequestContext } from '../http/RequestContext.js';
import type { Router } from '../http/Router.js';
import { parseJsonBody } from '../http/readBody.js';
import type { SandboxAdmin } from '../SandboxAdmin.js';
import { WebhookEndpointError } from '../webhooks/checkEndpointSecrets.js';

/** The admin API lives under this prefix, apart from Makini's own routes. */
export const ADMIN_PREFIX = '/__sandbox';

async function objectBody(context: RequestContext): Promise<Record<string, unknown>> {
  const body = parseJsonBody(await context.body(), context.request.headers['content-type']) ?? {};
  if (typeof body !== 'object' || Array.isArray(body) || body === null) {
    throw ApiError.invalid('body', 'must be a JSON object');
  }
  return body as Record<string, unknown>;
}

const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', what);

export function addAdminRoutes(router: Router<Handler>, admin: SandboxAdmin) {
  const at = (path: string) => `${ADMIN_PREFIX}${path}`;
  router
    .add('GET', at('/connections'), () => json({ data: admin.connections() }))
    .add('POST', at('/connections/:key/rotate-credentials'), (context) => {
      const key = context.params.key ?? '';
      if (!admin.connections().some((connection) => connection.connectionKey === key)) {
        throw notFound(`No connection ${key}.`);
      }
      return json({ data: admin.rotateCredentials(key) });
    })
    .add('POST', at('/connections/:key/syncs'), async (context) => {
      const key = context.params.key ?? '';
      const { outcome, duration_ms: durationMs } = await objectBody(context);
      if (!admin.connections().some((connection) => connection.connectionKey === key)) {
        throw notFound(`No connection ${key}.`);
      }
      const options = {
        ...(outcome === undefined ? {} : { outcome }),
        ...(durationMs === undefined ? {} : { durationMs }),
      } as Parameters<SandboxAdmin['startSync']>[1];
      try {
        return json({ data: admin.startSync(key, options) }, 201);
      } catch (cause) {
        if (cause instanceof RangeError) {
          throw ApiError.invalid(
            cause.message.startsWith('durationMs') ? 'duration_ms' : 'outcome',
            cause.message,
          );
        }
        throw cause;
      }
    })
    .add('POST', at('/events'), async (context) => {
      const body = await objectBody(context);
      if (typeof body.type !== 'string' || !body.type)
        throw ApiError.invalid('type', 'is required');
      if (typeof body.connection_id !== 'string' || !body.connection_id) {
        throw ApiError.invalid('connection_id', 'is required');
      }
      if (body.data !== undefined && (typeof body.data !== 'object' || body.data === null)) {
        throw ApiError.invalid('data', 'must be an object');
      }
      const event = admin.trigger(
        body.type,
        body.connection_id,
        body.data as Record<string, unknown> | undefined,
      );
      return json({ data: event }, 201);
    })
    .add('GET', at('/faults'), () => json({ data: admin.faults() }))
    .add('POST', at('/faults'), async (context) => {
      try {
        return json(
          { data: admin.addFault((await objectBody(context)) as unknown as FaultRuleInput) },
          201,
        );
      } catch (cause) {
        if (cause instanceof FaultRuleError) throw ApiError.invalid(cause.field, cause.message);
        throw cause;
      }
    })
    .add('PUT', at('/faults/corrupt-records'), async (context) => {
      const { every } = await objectBody(context);
      try {
        admin.corruptRecords(Number(every));
      } catch (cause) {
        throw ApiError.invalid('every', cause instanceof Error ? cause.message : String(cause));
      }
      return json({ data: { every: Number(every) } });
    })
    .add('DELETE', at('/faults'), () => {
      admin.clearFaults();
      return json({});
    })
    .add('DELETE', at('/faults/:id'), (context) => {
      if (!admin.removeFault(context.params.id ?? ''))
        throw notFound(`No fault ${context.params.id}.`);
      return json({});
    })
    .add('PUT', at('/rate-limit'), async (context) => {
      const body = await objectBody(context);
      try {
        admin.setRateLimit(body.limit as number, body.window_ms as number | undefined);
      } catch (cause) {
        throw ApiError.invalid(
          String((cause as Error).message).startsWith('limit') ? 'limit' : 'window_ms',
          (cause as Error).message,
        );
      }
      return json({ data: { limit: body.limit, window_ms: body.window_ms ?? null } });
    })
    .add('GET', at('/webhook-endpoints'), () => json({ data: admin.webhookEndpoints() }))
    .add('POST', at('/webhook-endpoints'), async (context) => {
      const body = await objectBody(context);
      try {
        return json({ data: admin.addWebhookEndpoint(body as never) }, 201);
      } catch (cause) {
        if (cause instanceof WebhookEndpointError)
          throw ApiError.invalid(cause.field, cause.problem);
        throw cause;
      }
    })
    .add('DELETE', at('/webhook-endpoints/:id'), (context) => {
      if (!admin.removeWebhookEndpoint(context.params.id ?? ''))
        throw notFound(`No endpoint ${context.params.id}.`);
      return json({});
    })
    .add('GET', at('/deliveries'), () => json({ data: admin.deliveries() }))
    .add('GET', at('/requests'), () => json({ data: admin.requests() }))
    .add('GET', at('/stats'), () => json({ data: admin.stats() }))
    .add('POST', at('/stats/reset'), () => {
      admin.resetStats();
      return json({ data: admin.stats() });
    })
    .add('POST', at('/clients/:id/redirect-uris'), async (context) => {
      const body = await objectBody(context);
      try {
        admin.addRedirectUri(context.params.id ?? '', String(body.redirect_uri));
      } catch (cause) {
        throw ApiError.invalid('redirect_uri', (cause as Error).message);
      }
      return json({});
    })
    .add('POST', at('/reset'), () => {
      admin.reset();
      return json({});
    });
}
