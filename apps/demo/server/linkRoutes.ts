import {
  type ConnectionHealthMonitor,
  exchangeCode,
  ReconnectLinkError,
  ReconnectLinkErrorCode,
  type ReconnectLinks,
} from '@makini-kit/core';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConnectionInfo, ConnectionStore } from './ConnectionStore.js';
import type { DemoConfig } from './config.js';
import { connectionKeyOf } from './connectionKeyOf.js';
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
 * (or `connected`) from the back end. Tokens are kept only under the connection Makini names
 * for them: a reconnect of another one is 409 `WRONG_CONNECTION` (`LINK_WRONG_CONNECTION` on the
 * reconnect page), a new one Makini names none for 502 `CONNECTION_UNNAMED`. A refused link is
 * `{ error: { code } }` with the `ReconnectLinkError` code and a 4xx (see `app.onError`).
 */
export function linkRoutes(app: Hono, deps: LinkRouteDeps) {
  const { config, connections, store, monitor, links, system } = deps;
  const redirectUri = `${config.appUrl}/link/callback`;

  /** Exchanges a Link code and finds whose connection the tokens are for; keeps nothing yet. */
  const signIn = async (code: string) => {
    const tokens = await exchangeCode({
      baseUrl: config.makiniUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      code,
      redirectUri,
      telemetry,
    });
    return { tokens, connection: await connections.identify(tokens) };
  };

  const answer = (context: Context, entry: ConnectionInfo) =>
    context.json({
      data: {
        key: entry.key,
        name: entry.name,
        platform: entry.platform,
        connectionId: entry.key,
        health: monitor.get(entry.key),
      },
    });

  const failed = (context: Context, error: unknown) => {
    if (ReconnectLinkError.is(error) || error instanceof DemoHttpError) throw error;
    // A refused code is the caller's problem (400); Makini failing or unreachable is not (502).
    const refusal = problem(error, (makini) =>
      'status' in makini && Number(makini.status) < 500 ? 400 : 502,
    );
    return context.json(refusal.body, refusal.status);
  };

  // A reconnect (connectionId given) keeps tokens only of the connection Makini names for them,
  // never under the key the browser sent; a new connection takes its key from Makini alone.
  app.post('/api/link/exchange', async (context) => {
    const body = await readJson(context, ExchangeBody);
    try {
      const { tokens, connection } = await signIn(body.code);
      const key = connectionKeyOf(
        connection.key,
        body.connectionId,
        (message) => new DemoHttpError(409, DemoErrorCode.WRONG_CONNECTION, message),
      );
      return answer(context, await connections.keep({ ...connection, key }, tokens));
    } catch (error) {
      return failed(context, error);
    }
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

  // verify → exchange the code → check the tokens are the link's connection's → redeem → keep.
  // The link is used up only by a sign-in that worked: a refused code or a network failure leaves
  // it for the next attempt. Of two exchanges racing, `redeem` lets one through; the other's fresh
  // tokens are dropped unkept.
  app.post('/api/reconnect-links/exchange', async (context) => {
    const body = await readJson(context, LinkExchangeBody);
    const { connectionId } = await links.verify(body.token, { connectionId: body.connectionId });
    try {
      const { tokens, connection } = await signIn(body.code);
      const key = connectionKeyOf(
        connection.key,
        connectionId,
        (message) => new ReconnectLinkError('LINK_WRONG_CONNECTION', message),
      );
      await links.redeem(body.token, { connectionId });
      return answer(context, await connections.keep({ ...connection, key }, tokens));
    } catch (error) {
      return failed(context, error);
    }
  });
}
