/** One HTTP exchange as it went over the wire. */
export interface Exchange {
  /** The operationId the client was calling when it sent this request. */
  readonly operation: string;
  readonly platform: string;
  readonly method: string;
  readonly url: URL;
  readonly requestContentType: string | null;
  readonly requestBody: string | undefined;
  readonly status: number;
  readonly responseContentType: string | null;
  readonly responseBody: string;
}

/** A `fetch` that records every exchange under the operation currently being called. */
export interface RecordingFetch {
  readonly fetch: typeof fetch;
  readonly exchanges: Exchange[];
  /** Names the operation (and platform) the next requests belong to. */
  begin(operation: string, platform: string): void;
}

/**
 * Wraps the real `fetch`: each request is read from a clone before it is sent and each response
 * body from a clone after, so the client reads exactly what the server sent.
 *
 * @example
 * const recorder = recordingFetch();
 * const client = new MakiniClient({ baseUrl, token, fetch: recorder.fetch });
 */
export function recordingFetch(): RecordingFetch {
  const exchanges: Exchange[] = [];
  let operation = '(none)';
  let platform = '(none)';
  const wrapped: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const requestBody = request.body === null ? undefined : await request.clone().text();
    const response = await fetch(request);
    const responseBody = await response.clone().text();
    exchanges.push({
      operation,
      platform,
      method: request.method,
      url: new URL(request.url),
      requestContentType: request.headers.get('content-type'),
      requestBody,
      status: response.status,
      responseContentType: response.headers.get('content-type'),
      responseBody,
    });
    return response;
  };
  return {
    fetch: wrapped,
    exchanges,
    begin(nextOperation, nextPlatform) {
      operation = nextOperation;
      platform = nextPlatform;
    },
  };
}
