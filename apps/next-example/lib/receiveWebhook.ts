import {
  createWebhookHandler,
  toFetchHandler,
  type WebhookHandlers,
} from '@makini-kit/webhook-node';

/**
 * Verifies one delivery on its raw bytes (the fetch adapter reads the body itself: never parse it
 * first) and runs the handler for its type. A refusal answers with the verification error's
 * `code`, so the sender's log says what was wrong, never the signature or the secret. Both the Node
 * route and the edge route use it: on the edge, `@makini-kit/webhook-node` resolves to its
 * WebCrypto build.
 */
export async function receiveWebhook(
  request: Request,
  options: { secret: string; on?: WebhookHandlers },
): Promise<Response> {
  let refusal: string | undefined;
  // One per request, so the refusal's code belongs to this request alone.
  const handler = createWebhookHandler({
    secret: options.secret,
    on: options.on ?? {},
    onUnhandled: () => undefined,
    onError: (error) => {
      refusal = String((error as { code?: unknown }).code ?? 'UNKNOWN');
      console.warn(`[webhook] refused: ${refusal}`);
    },
  });
  const response = await toFetchHandler(handler)(request);
  if (response.ok || refusal === undefined) return response;
  const body = (await response.json()) as Record<string, unknown>;
  return Response.json({ ...body, code: refusal }, { status: response.status });
}
