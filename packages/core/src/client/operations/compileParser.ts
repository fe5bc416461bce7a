import type * as z from 'zod';
import { type FieldNode, objectSource } from './objectSource.js';

/** What a compiled parser returns for a value it does not accept. */
export const NO_MATCH: unique symbol = Symbol('no match');
/** Parses one value as the zod schema would, or gives `NO_MATCH`. */
export type CompiledParser = (value: unknown) => unknown;

type Internals = {
  def: Record<string, unknown> & {
    type: string;
    checks?: Array<{ _zod: { def: Record<string, unknown> } }>;
  };
  optin?: string;
  optout?: string;
  values?: ReadonlySet<unknown>;
};
const internals = (schema: unknown) => (schema as { _zod: Internals })._zod;

/** A schema this compiler does not cover: the whole schema is then parsed by zod alone. */
class Unsupported extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A fast path for the tolerant models: compiles a zod schema built of the shapes the models use
 * (objects, arrays, strings with a minimum length, numbers, booleans, null, enums and literals,
 * unions, optional, nullable, pipes and transforms) into plain closures that give the same output
 * as `schema.parse` for every value they accept (loose objects keep their keys in the order sent,
 * where zod puts the model's first), without building issues. A value they do not
 * accept gives `NO_MATCH`, and the caller parses it with zod for the real issues; so the fast path
 * can only ever be stricter than zod, never more lenient. A schema with anything else (refinements,
 * defaults, records, lazy, …) is not compiled: `undefined`.
 *
 * Why: zod builds a result object and an issues array for every field of every record; a page of
 * 100 purchase orders with their line items is ~18,000 fields, which cost more than fetching the page.
 */
export function compileParser(
  schema: z.ZodType,
  options: { generate?: boolean } = {},
): CompiledParser | undefined {
  generate = options.generate ?? true;
  try {
    return compile(schema);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  } finally {
    generate = true;
  }
}

/** Whether object parsers may be generated code, for this compilation (closures otherwise). */
let generate = true;

function compile(schema: unknown): CompiledParser {
  const zod = internals(schema);
  const { def } = zod;
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'string': {
      if (def.coerce) throw new Unsupported();
      let minimum = 0;
      for (const check of checks) {
        const checkDef = check._zod.def;
        // Its `when` can only skip the check in zod; always checking is stricter, never laxer.
        if (checkDef.check !== 'min_length') throw new Unsupported();
        minimum = Math.max(minimum, checkDef.minimum as number);
      }
      return minimum === 0
        ? (value) => (typeof value === 'string' ? value : NO_MATCH)
        : (value) => (typeof value === 'string' && value.length >= minimum ? value : NO_MATCH);
    }
    case 'number': {
      if (def.coerce) throw new Unsupported();
      const bounds = checks.map((check) => numberCheck(check._zod.def));
      return (value) =>
        typeof value === 'number' && Number.isFinite(value) && bounds.every((test) => test(value))
          ? value
          : NO_MATCH;
    }
    case 'boolean':
      if (def.coerce || checks.length > 0) throw new Unsupported();
      return (value) => (typeof value === 'boolean' ? value : NO_MATCH);
    case 'null':
      return (value) => (value === null ? null : NO_MATCH);
    case 'unknown':
    case 'any':
      return (value) => value;
    case 'enum':
    case 'literal': {
      const values = zod.values;
      if (!values || checks.length > 0) throw new Unsupported();
      return (value) => (values.has(value) ? value : NO_MATCH);
    }
    case 'optional': {
      // zod answers undefined for undefined, unless a default inside substitutes one: left to zod.
      if (internals(def.innerType).optin === 'defaulted' || checks.length > 0) {
        throw new Unsupported();
      }
      const parse = compile(def.innerType);
      return (value) => (value === undefined ? undefined : parse(value));
    }
    case 'nullable': {
      if (checks.length > 0) throw new Unsupported();
      const parse = compile(def.innerType);
      return (value) => (value === null ? null : parse(value));
    }
    case 'union':
      return compileUnion(def, checks.length);
    case 'array': {
      if (checks.length > 0) throw new Unsupported();
      const parse = compile(def.element);
      return (value) => {
        if (!Array.isArray(value)) return NO_MATCH;
        const output = new Array(value.length);
        for (let index = 0; index < value.length; index++) {
          const item = parse(value[index]);
          if (item === NO_MATCH) return NO_MATCH;
          output[index] = item;
        }
        return output;
      };
    }
    case 'object':
      if (checks.length > 0) throw new Unsupported();
      return compileObject(def);
    case 'record':
      if (checks.length > 0) throw new Unsupported();
      return compileRecord(def);
    case 'pipe': {
      if (checks.length > 0) throw new Unsupported();
      const first = compile(def.in);
      const then = compile(def.out);
      return (value) => {
        const middle = first(value);
        return middle === NO_MATCH ? NO_MATCH : then(middle);
      };
    }
    case 'transform': {
      const transform = def.transform as (value: unknown, payload: unknown) => unknown;
      // One payload per transform, reused: the records of a page would otherwise each allocate one.
      const issues: unknown[] = [];
      const shared = {
        value: undefined as unknown,
        issues,
        addIssue: (issue: unknown) => void issues.push(issue),
      };
      let busy = false;
      return (value) => {
        let payload = shared;
        if (busy) {
          const own: unknown[] = [];
          payload = { value, issues: own, addIssue: (issue: unknown) => void own.push(issue) };
        }
        payload.value = value;
        payload.issues.length = 0;
        busy = true;
        try {
          const output = transform(value, payload);
          if (payload.issues.length > 0 || output instanceof Promise) return NO_MATCH;
          return output;
        } finally {
          if (payload === shared) busy = false;
        }
      };
    }
    default:
      throw new Unsupported();
  }
}

/** `z.record(z.string(), value)`: every own key kept, every value parsed. */
function compileRecord(def: Internals['def']): CompiledParser {
  const key = internals(def.keyType);
  const plainKeys =
    key.def.type === 'string' && !key.def.coerce && !key.def.checks?.length && !key.values;
  if (!plainKeys || def.partial) throw new Unsupported();
  const parse = compile(def.valueType);
  return (value) => {
    // A record must be a plain object; a JSON object always is.
    if (!isObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return NO_MATCH;
    if (Object.hasOwn(value, '__proto__')) return NO_MATCH;
    const output: Record<string, unknown> = {};
    for (const name in value) {
      const parsed = parse(value[name]);
      if (parsed === NO_MATCH) return NO_MATCH;
      output[name] = parsed;
    }
    return output;
  };
}

/** `.int()`, `.nonnegative()`, `.min()`, `.max()` and the like; anything else is not covered. */
function numberCheck(check: Record<string, unknown>): (value: number) => boolean {
  const bound = check.value as number;
  if (check.check === 'number_format' && check.format === 'safeint') return Number.isSafeInteger;
  if (check.check === 'greater_than' && typeof bound === 'number') {
    return check.inclusive ? (value) => value >= bound : (value) => value > bound;
  }
  if (check.check === 'less_than' && typeof bound === 'number') {
    return check.inclusive ? (value) => value <= bound : (value) => value < bound;
  }
  throw new Unsupported();
}

function compileUnion(def: Internals['def'], checkCount: number): CompiledParser {
  if (checkCount > 0 || def.discriminator !== undefined || def.inclusive === false) {
    throw new Unsupported();
  }
  const options = (def.options as unknown[]).map(compile);
  // zod takes the first option that parses.
  return (value) => {
    for (const option of options) {
      const output = option(value);
      if (output !== NO_MATCH) return output;
    }
    return NO_MATCH;
  };
}

/** A field's schema as an inline check, or `undefined` when it needs a compiled parser. */
function inlineNode(schema: unknown): FieldNode | undefined {
  const { def, values } = internals(schema);
  const checks = def.checks ?? [];
  if (values !== undefined) return undefined;
  switch (def.type) {
    case 'string': {
      if (def.coerce) return undefined;
      let minimum = 0;
      for (const check of checks) {
        if (check._zod.def.check !== 'min_length') return undefined;
        minimum = Math.max(minimum, check._zod.def.minimum as number);
      }
      return { kind: 'string', minimum };
    }
    case 'number':
    case 'boolean':
      return def.coerce || checks.length > 0 ? undefined : { kind: def.type };
    case 'null':
    case 'unknown':
    case 'any':
      return { kind: def.type === 'null' ? 'null' : 'unknown' };
    case 'optional':
    case 'nullable': {
      if (checks.length > 0) return undefined;
      if (def.type === 'optional' && internals(def.innerType).optin === 'defaulted') {
        return undefined;
      }
      const inner = inlineNode(def.innerType);
      return inner && { kind: def.type, inner };
    }
    case 'union': {
      if (checks.length > 0 || def.discriminator !== undefined || def.inclusive === false) {
        return undefined;
      }
      const options = (def.options as unknown[]).map(inlineNode);
      return options.every((option) => option !== undefined)
        ? { kind: 'union', options: options as FieldNode[] }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether this runtime compiles generated code (a Content-Security-Policy may forbid it). */
let evalAllowed: boolean | undefined;
function canEval(): boolean {
  if (evalAllowed === undefined) {
    try {
      evalAllowed = new Function('return true')() === true;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

function compileObject(def: Internals['def']): CompiledParser {
  const shape = def.shape as Record<string, unknown>;
  if (Object.getOwnPropertySymbols(shape).length > 0) throw new Unsupported();
  const parsers: CompiledParser[] = [];
  const fields = Object.keys(shape).map((key) => {
    if (key === '__proto__') throw new Unsupported();
    const field = internals(shape[key]);
    const parse = compile(shape[key]);
    let node = inlineNode(shape[key]);
    if (node === undefined) node = { kind: 'call', index: parsers.push(parse) - 1 };
    // zod leaves an absent optional key out; an absent required one is an issue.
    const omitWhenAbsent = field.optin === 'optional' && field.optout === 'optional';
    return { key, parse, node, omitWhenAbsent };
  });
  const known = new Set(Object.keys(shape));
  const catchall = def.catchall === undefined ? 'strip' : internals(def.catchall).def.type;
  if (catchall !== 'strip' && catchall !== 'unknown' && catchall !== 'never')
    throw new Unsupported();
  if (catchall !== 'never' && generate && canEval()) {
    const generated = new Function(
      'value',
      'parsers',
      'NO_MATCH',
      objectSource(fields, catchall === 'unknown'),
    );
    return (value) => generated(value, parsers, NO_MATCH);
  }
  return (value) => {
    if (!isObject(value)) return NO_MATCH;
    // Left to zod: an own __proto__ key, which zod knows not to copy.
    if (Object.hasOwn(value, '__proto__')) return NO_MATCH;
    if (catchall === 'never') {
      for (const key in value) if (!known.has(key)) return NO_MATCH;
    }
    // A loose object keeps every key: one spread copies them in the order sent (far cheaper than
    // adding them one by one), and only the fields a transform changed are written again.
    const output: Record<string, unknown> = catchall === 'strip' ? {} : { ...value };
    for (const field of fields) {
      const present = field.key in value;
      if (!present) {
        if (field.omitWhenAbsent) continue;
        return NO_MATCH;
      }
      const input = value[field.key];
      const parsed = field.parse(input);
      if (parsed === NO_MATCH) return NO_MATCH;
      if (catchall === 'strip' || parsed !== input) output[field.key] = parsed;
    }
    return output;
  };
}
