import type * as z from 'zod';
import { type CompiledParser, compileParser } from './compileParser.js';

/** Compiled once per schema; `null` for a schema the compiler does not cover. */
const parsers = new WeakMap<z.ZodType, CompiledParser | null>();

/** The compiled fast path of `schema`, or `undefined` when only zod can parse it. */
export function fastParser(schema: z.ZodType): CompiledParser | undefined {
  let parser = parsers.get(schema);
  if (parser === undefined) {
    parser = compileParser(schema) ?? null;
    parsers.set(schema, parser);
  }
  return parser ?? undefined;
}
