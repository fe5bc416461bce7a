import { replicaLog } from './replicaLog.js';

/** A failed call to the back end, with what it said: its error code and Makini's request id, if any. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** The demo back end's API, as the browser sees it: health, orders and developer data; no tokens. */
export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  replicaLog.note(path, response.headers.get('x-demo-replica'));
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    error?: { message?: string; code?: string; requestId?: string };
  };
  if (!response.ok) {
    throw new ApiRequestError(
      body.error?.message ?? `The back end answered ${response.status}.`,
      response.status,
      body.error?.code,
      body.error?.requestId,
    );
  }
  return body as T;
}

export interface DemoConnection {
  key: string;
  name: string;
  /** The provider slug, e.g. `sap-s4hana`. */
  platform: string;
  /** The system's name for people, e.g. "SAP S/4HANA". */
  system?: string;
}
