/**
 * Generated source for the compiled parser of one object schema: property reads with constant
 * names, which the engine caches per record shape, and the checks of plain fields (strings,
 * numbers, booleans, null, optional, nullable and unions of them) written inline. What cannot be
 * written inline is called through `parsers[i]`. Used only where the runtime allows `new Function`
 * (not under a Content-Security-Policy without 'unsafe-eval'); the closures serve otherwise.
 */

/** What `objectSource` needs to know of one field's schema. */
export type FieldNode =
  | { kind: 'string'; minimum: number }
  | { kind: 'number' | 'boolean' | 'null' | 'unknown' }
  | { kind: 'optional' | 'nullable'; inner: FieldNode }
  | { kind: 'union'; options: FieldNode[] }
  /** Parsed by `parsers[index]`: its output may differ from its input. */
  | { kind: 'call'; index: number };

export interface FieldSource {
  key: string;
  node: FieldNode;
  omitWhenAbsent: boolean;
}

/** A boolean expression that is true when `v` does not match `node`, or undefined if it needs a call. */
function failure(node: FieldNode, v: string): string | undefined {
  switch (node.kind) {
    case 'string':
      return node.minimum > 0
        ? `(typeof ${v} !== 'string' || ${v}.length < ${node.minimum})`
        : `typeof ${v} !== 'string'`;
    case 'number':
      return `(typeof ${v} !== 'number' || !Number.isFinite(${v}))`;
    case 'boolean':
      return `typeof ${v} !== 'boolean'`;
    case 'null':
      return `${v} !== null`;
    case 'unknown':
      return 'false';
    case 'optional':
    case 'nullable': {
      const inner = failure(node.inner, v);
      if (inner === undefined) return undefined;
      return `(${v} !== ${node.kind === 'optional' ? 'undefined' : 'null'} && ${inner})`;
    }
    case 'union': {
      const options = node.options.map((option) => failure(option, v));
      if (options.some((option) => option === undefined)) return undefined;
      return `(${options.join(' && ')})`;
    }
    case 'call':
      return undefined;
  }
}

/**
 * The body of `(value, parsers, NO_MATCH) => output`: a loose object (`keep`) copies every key with
 * one spread and writes back only what a parser changed; a stripping one copies the model's keys.
 */
export function objectSource(fields: readonly FieldSource[], keep: boolean): string {
  const lines = [
    "if (typeof value !== 'object' || value === null || Array.isArray(value)) return NO_MATCH;",
    "if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return NO_MATCH;",
    `const output = ${keep ? '{ ...value }' : '{}'};`,
    'let v; let p;',
  ];
  for (const field of fields) {
    const name = JSON.stringify(field.key);
    lines.push(`v = value[${name}];`);
    // JSON holds no undefined: an undefined value is an absent key, or one left to zod.
    const absent = field.omitWhenAbsent
      ? `if (v === undefined) { if (${name} in value) return NO_MATCH; } else {`
      : `if (v === undefined && !(${name} in value)) return NO_MATCH; {`;
    lines.push(absent);
    const check = failure(field.node, 'v');
    if (check !== undefined) {
      lines.push(`if (${check}) return NO_MATCH;`);
      if (!keep) lines.push(`output[${name}] = v;`);
    } else {
      const index = field.node.kind === 'call' ? field.node.index : -1;
      lines.push(`p = parsers[${index}](v); if (p === NO_MATCH) return NO_MATCH;`);
      lines.push(keep ? `if (p !== v) output[${name}] = p;` : `output[${name}] = p;`);
    }
    lines.push('}');
  }
  lines.push('return output;');
  return lines.join('\n');
}
