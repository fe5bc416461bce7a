/** The fields a server refused, by name, each with what is wrong with it. */
export type InvalidFields = Readonly<Record<string, readonly string[]>>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One field's problems: a list of messages, or a single message; anything else is none. */
function problems(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is string => typeof entry === 'string');
}

/**
 * The invalid fields of an error body, read defensively: Makini's `{ error: { fields } }` (as the
 * sandbox sends it), or Laravel's `{ errors }` (a validation answer of the framework Makini's API
 * is built on). A field with no readable message is left out; `undefined` when none is named.
 *
 * @example
 * invalidFields({ error: { fields: { totalNetValue: ['must be a decimal'] } } });
 * // { totalNetValue: ['must be a decimal'] }
 */
export function invalidFields(body: unknown): InvalidFields | undefined {
  if (!isObject(body)) return undefined;
  const source =
    isObject(body.error) && isObject(body.error.fields) ? body.error.fields : body.errors;
  if (!isObject(source)) return undefined;
  const fields: Record<string, readonly string[]> = {};
  for (const [name, value] of Object.entries(source)) {
    const messages = problems(value);
    if (messages.length > 0) fields[name] = Object.freeze(messages);
  }
  return Object.keys(fields).length > 0 ? Object.freeze(fields) : undefined;
}
