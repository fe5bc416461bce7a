import {
  type ConnectionHealthMonitor,
  exchangeCode,
  ReconnectLinkError,
  ReconnectLinkErrorCode,
  type ReconnectLinks,
} from '@makini-kit/core';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConnectionStore } from './ConnectionStore.js';
import type { DemoConfig } from './config.js';
import type { DemoConnections } from './DemoConnections.js';
import { DemoErrorCode } from './DemoErrorCode.js';
import { DemoHttpError } from './DemoHttpError.js';
import { problem } from './problem.js';
import { readJson } from './readJson.js';
import { ExchangeBody, LinkExchangeBody, LinkVerifyBody } from './requestBodies.js';
import type { SystemApi } from './SystemApi.js';
import { telemetry } from './tracing.js';

/** The HTTP status of each refusal of a reconnect link. */
export const LINK_REFUSAL_STATUS: Record<ReconnectLinkErrorCode, ContentfulStatusCode> = {
  [ReconnectLinkErrorCode.LINK_INVALID]: 400,
  [ReconnectLinkErrorCode.LINK_WRONG_CONNECTION]: 409,
  [ReconnectLinkErrorCode.LINK_EXPIRED]: 410,
  [ReconnectLinkErrorCode.LINK_USED]: 410,
};

export interface LinkRouteDeps {
  config: DemoConfig;
  connections: DemoConnections;
  store: ConnectionStore;
  monitor: ConnectionHealthMonitor;
  links: ReconnectLinks;
  system: SystemApi;
}

/**
 * The routes that finish Makini Link: the app's own code exchange (a reconnect or a new system),
 * and the reconnect page's, where a reconnect link stands in for the app's sign-in. Each exchange
 * answers the connection's key and its health right after, so the widget confirms `reconnected`
 * (or `connected`) from the back end. A refused link is `{ error: { code } }` with the
 * `ReconnectLinkError` code and a 4xx (see `app.onError`).
 */
export function linkRoutes(app: Hono, deps: LinkRouteDeps) {
  const { config, connections, store, monitor, links, system } = deps;
  const redirectUri = `${config.appUrl}/link/callback`;

  const exchange = async (
    context: Context,
    code: string,
    connectionId: string | undefined,
    requiredKey?: string,
  ) => {
    try {
      const tokens = await exchangeCode({
        baseUrl: config.makiniUrl,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        code,
        redirectUri,
        telemetry,
      });
      const entry = await connections.connect(tokens, connectionId, requiredKey);
      return context.json({
        data: {
          key: entry.key,
          name: entry.name,
          platform: entry.platform,
          connectionId: entry.key,
          health: monitor.get(entry.key),
        },
      });
    } catch (error) {
      if (ReconnectLinkError.is(error)) throw error;
      // A refused code is the caller's problem (400); Makini failing or unreachable is not (502).
      const answer = problem(error, (makini) =>
        'status' in makini && Number(makini.status) < 500 ? 400 : 502,
      );
      return context.json(answer.body, answer.status);
    }
  };

  app.post('/api/link/exchange', async (context) => {
    const body = await readJson(context, ExchangeBody);
    return exchange(context, body.code, body.connectionId);
  });

  // The reconnect page's routes: the link's token is what lets the customer in. Opening the page
  // only verifies (mail scanners open links too); the exchange redeems it, once.
  app.post('/api/reconnect-links/verify', async (context) => {
    const { token } = await readJson(context, LinkVerifyBody);
    const { connectionId } = await links.verify(token);
    const info = await store.get(connectionId);
    if (!info) {
      throw new DemoHttpError(
        404,
        DemoErrorCode.NOT_FOUND,
        'The connection of this reconnect link was disconnected; connect the system again in the app.',
      );
    }
    return context.json({ data: { connectionId, system: await system.systemName(info.platform) } });
  });

  app.post('/api/reconnect-links/exchange', async (context) => {
    const body = await readJson(context, LinkExchangeBody);
    const claims = await links.redeem(body.token, { connectionId: body.connectionId });
    return exchange(context, body.code, claims.connectionId, claims.connectionId);
  });
}
