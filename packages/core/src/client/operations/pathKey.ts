import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

/**
 * What is wrong with a path key, or `undefined` for one that can be sent. `.` and `..` are refused
 * because a URL resolver (and many proxies) collapse them: `get('.')` would read the list and
 * `delete('..')` would delete at the parent path.
 */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' && typeof key !== 'number') {
    return `the key must be a non-empty string, got ${key === null ? 'null' : typeof key}`;
  }
  const text = String(key);
  if (text === '') return 'the key must be a non-empty string, got an empty string';
  if (text === '.' || text === '..') {
    return `the key must not be "${text}", which a URL path reads as "this" or "the parent" segment and so would address another route`;
  }
  if (/\p{Surrogate}/u.test(text)) {
    return 'the key holds a lone UTF-16 surrogate, which cannot be encoded in a URL';
  }
  return undefined;
}

const FIX = "Pass the record's `key` (or the table's name) as the API returned it.";

/**
 * Encodes one path segment (a record key, a table name) for a URL path. A key that would address
 * another route or cannot be encoded is refused with `InvalidArgumentError` (`INVALID_ARGUMENT`,
 * `argument: 'key'`), thrown here: an empty key (it would call the list), `.` or `..` (a URL
 * resolver collapses them into the list or the parent route), a lone UTF-16 surrogate
 * (`encodeURIComponent` cannot encode it), or anything but a string or a number. Resource
 * methods validate their keys themselves and reject instead of throwing.
 *
 * @example
 * `/api/erp/purchase-orders/${pathKey('PO/2024 1')}`; // '/api/erp/purchase-orders/PO%2F2024%201'
 */
export function pathKey(key: string | number): string {
  const problem = keyProblem(key);
  if (problem) throw new InvalidArgumentError(`${problem}. ${FIX}`, { argument: 'key' });
  return encodeURIComponent(String(key));
}

/**
 * A path template and its parameters, e.g. `{ template: '/api/erp/purchase-orders/{key}',
 * params: { key } }`. Generated resource methods pass this instead of a built path, so a bad key
 * is found when the call starts and rejects it, rather than throwing out of the method.
 */
export interface PathTemplate {
  readonly template: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A path as the runtime functions take it: built, or a template to fill in. */
export type OperationPath = string | PathTemplate;

/** The template with the parameter at fault shown as `{key}`, the argument every error names. */
function shownTemplate(template: string, name: string): string {
  return template.replace(`{${name}}`, '{key}');
}

/**
 * The path to send: a string as given, or the template filled in with `pathKey`-encoded params.
 * A parameter `pathKey` refuses throws `InvalidArgumentError` naming `method`, the template and
 * the key; the runtime functions turn it into a rejection.
 */
export function resolvePath(method: string, path: OperationPath): string {
  if (typeof path === 'string') return path;
  return path.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const key = path.params[name];
    const problem = keyProblem(key);
    if (problem) {
      const template = shownTemplate(path.template, name);
      throw new InvalidArgumentError(`${method} ${template}: ${problem}. ${FIX}`, {
        argument: 'key',
        method,
        path: template,
      });
    }
    return encodeURIComponent(String(key));
  });
}
