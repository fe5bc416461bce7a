import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AnsweringFault, FaultDecision } from '../behaviours/FaultInjector.js';
import { redactHeaders } from '../behaviours/RequestLog.js';
import { ADMIN_PREFIX } from '../routes/adminRoutes.js';
import type { SandboxState } from '../SandboxState.js';
import { randomToken } from '../state/randomToken.js';
import type { AccessPolicy } from './AccessPolicy.js';
import { ApiError } from './ApiError.js';
import type { Handler } from './Handler.js';
import { json, type Reply, writeReply } from './Reply.js';
import { RequestContext } from './RequestContext.js';
import type { Router } from './Router.js';

const newRequestId = () => `req_${randomToken(12, 'hex')}`;

function errorReply(error: ApiError, requestId: string): Reply {
  return json(
    {
      error: {
        code: error.code,
        message: error.message,
        request_id: requestId,
        ...(error.extra.fields ? { fields: error.extra.fields } : {}),
        ...(error.extra.connectionId ? { connection_id: error.extra.connectionId } : {}),
      },
    },
    error.status,
    error.extra.headers,
  );
}

/** Faults that answer in place of the route; `drop` and `truncate` break the connection instead. */
function faultReply(
  fault: AnsweringFault,
  requestId: string,
  response: ServerResponse,
): Reply | 'broken' {
  switch (fault.kind) {
    case 'error': {
      const status = fault.status ?? 503;
      const code =
        status === 503
          ? 'SERVICE_UNAVAILABLE'
          : status === 502
            ? 'UPSTREAM_ERROR'
            : 'INTERNAL_ERROR';
      return errorReply(
        new ApiError(status, code, `Injected fault ${fault.id}: the server answered ${status}.`),
        requestId,
      );
    }
    case 'rate_limit': {
      const seconds = fault.retryAfterSeconds ?? 1;
      return errorReply(
        new ApiError(
          429,
          'RATE_LIMIT_EXCEEDED',
          `Injected fault ${fault.id}: rate limit exceeded; retry after ${seconds} s.`,
          {
            headers: { 'retry-after': String(seconds) },
          },
        ),
        requestId,
      );
    }
    case 'drop':
      response.socket?.destroy();
      return 'broken';
    case 'truncate': {
      const body = '{"data":[{"key":"5000000000000","orderNo":"45000';
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(body.length * 4),
        'x-request-id': requestId,
      });
      response.write(body);
      response.socket?.destroy();
      return 'broken';
    }
    case 'malformed':
      response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId });
      response.end('{"data": [ {"key": "5000000000000", ');
      return 'broken';
  }
}

/** Serves one request: access checks, request id, faults, routing, errors (no stack traces), request log. */
export async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  router: Router<Handler>,
  state: SandboxState,
  policy: AccessPolicy,
): Promise<void> {
  const started = performance.now();
  const requestId = newRequestId();
  const method = request.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL('http://localhost/');
  }
  const path = url.pathname;
  // By first segment, as the router matches: `/__sandbox//x` is admin too.
  const isAdmin = path.split('/').find(Boolean) === ADMIN_PREFIX.slice(1);
  let context: RequestContext | undefined;
  let reply: Reply | 'broken';
  let faultId: string | undefined;

  try {
    policy.check(request, isAdmin);
    const decision: FaultDecision = isAdmin ? { latencyMs: 0 } : state.faults.decide(method, path);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.fault) {
      faultId = decision.fault.id;
      reply = faultReply(decision.fault, requestId, response);
    } else {
      const match = router.match(method, path);
      if (!match) {
        throw new ApiError(
          404,
          'NOT_FOUND',
          `No route ${method} ${path}. See the sandbox README for the routes it serves.`,
        );
      }
      if ('allowed' in match) {
        throw new ApiError(
          405,
          'METHOD_NOT_ALLOWED',
          `${method} is not allowed on ${path}; use ${match.allowed.join(' or ')}.`,
          {
            headers: { allow: match.allowed.join(', ') },
          },
        );
      }
      context = new RequestContext(request, url, match.params, state, requestId);
      reply = await match.handler(context);
    }
  } catch (cause) {
    const error =
      cause instanceof ApiError
        ? cause
        : new ApiError(
            500,
            'INTERNAL_ERROR',
            'The sandbox failed to answer; the request id is in the log.',
          );
    reply = errorReply(error, requestId);
  }

  if (reply !== 'broken' && !response.headersSent && !response.destroyed) {
    writeReply(response, reply, context?.responseHeaders ?? { 'x-request-id': requestId });
  }
  // Anything but a read may have changed state worth keeping (tokens, connections, credentials).
  if (method !== 'GET' && method !== 'HEAD') state.changed();
  if (!isAdmin) {
    state.log.add({
      requestId,
      method,
      path: `${path}${url.search}`.replace(
        /([?&](?:code|refresh_token|client_secret|token)=)[^&]*/g,
        '$1[redacted]',
      ),
      status: reply === 'broken' ? 0 : reply.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      at: new Date(state.options.now()).toISOString(),
      headers: redactHeaders(request.headers),
      ...(context?.connectionKey ? { connectionKey: context.connectionKey } : {}),
      ...(faultId ? { fault: faultId } : {}),
    });
  }
}
