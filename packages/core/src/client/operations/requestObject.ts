import type { MakiniClient } from '../MakiniClient.js';
import type { RequestOptions } from '../RequestInput.js';
import { type OperationPath, resolvePath } from './pathKey.js';
import { requestOptions } from './requestOptions.js';
import { templateOf } from './templateOf.js';

/** Options of a call whose answer has no record schema. */
export interface ObjectRequestOptions extends RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** The query string's parameters. */
  query?: URLSearchParams | undefined;
}

/**
 * A call whose answer the spec does not model as records (passthrough, raw tables, deletes): the
 * JSON as sent, or `undefined` for an empty body. Retried like any call: a POST or PUT only with
 * an `idempotencyKey`.
 *
 * @example
 * const answer = await requestObject(client, 'POST', '/api/passthrough', { body: { path: '/x', method: 'get' } });
 */
export function requestObject(
  client: MakiniClient,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  operationPath: OperationPath,
  options: ObjectRequestOptions = {},
): Promise<unknown> {
  let path: string;
  try {
    path = resolvePath(method, operationPath);
  } catch (error) {
    return Promise.reject(error);
  }
  return client.request({
    method,
    path,
    template: templateOf(operationPath),
    query: options.query,
    body: options.body,
    ...requestOptions(options),
  });
}
