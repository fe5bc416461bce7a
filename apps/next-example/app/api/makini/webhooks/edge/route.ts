import { makiniConfig } from '../../../../../lib/makiniConfig';
import { receiveWebhook } from '../../../../../lib/receiveWebhook';

// The same verification on the edge runtime, with WebCrypto: no Node module is loaded here.
export const runtime = 'edge';

declare const EdgeRuntime: string | undefined;

/** Makini's webhooks, verified on the edge; forward what you need to your queue or API from here. */
export async function POST(request: Request): Promise<Response> {
  const response = await receiveWebhook(request, { secret: makiniConfig().webhookSecret });
  response.headers.set('x-runtime', typeof EdgeRuntime === 'string' ? 'edge' : 'node');
  return response;
}
