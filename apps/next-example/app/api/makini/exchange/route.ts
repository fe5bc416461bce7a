import { MakiniError } from '@makini-kit/core';
import { makiniServer } from '../../../../lib/MakiniServer';
import { WrongConnectionError } from '../../../../lib/WrongConnectionError';

/**
 * The Link code exchange: the browser sends the code, this server exchanges it with the client
 * secret, keeps the token and answers the connection's health, never a token.
 */
export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const code = body?.code;
  const connectionId = body?.connectionId;
  if (
    typeof code !== 'string' ||
    !code ||
    (connectionId !== undefined && typeof connectionId !== 'string')
  ) {
    return Response.json(
      {
        error: {
          code: 'VALIDATION_ERROR',
          message: 'Send JSON { code, state, connectionId? }: the code Link returned, as a string.',
        },
      },
      { status: 400 },
    );
  }
  try {
    const answer = await makiniServer().exchange({ code, connectionId });
    return Response.json(answer);
  } catch (error) {
    if (error instanceof WrongConnectionError) {
      return Response.json(
        { error: { code: error.code, message: error.message } },
        { status: 409 },
      );
    }
    if (!MakiniError.is(error)) throw error;
    // A refused code is the caller's (400); Makini failing or unreachable is not (502).
    const status = 'status' in error && Number(error.status) < 500 ? 400 : 502;
    return Response.json(
      { error: { code: String(error.code), message: error.message, requestId: error.requestId } },
      { status },
    );
  }
}
