import { MAX_TIMER_MS } from '../dedupe/keepClaim.js';

/**
 * The handler's numeric options: their defaults and what a usable value is. The bounds exist
 * because each value reaches something that misbehaves silently otherwise: a renewal timer
 * (`processingTtlMs`), a store's expiry (`dedupeTtlMs`), or the body reader, whose `size > NaN`
 * is never true (`maxBodyBytes`).
 */
export const OPTION_BOUNDS = {
  processingTtlMs: {
    default: 60_000,
    max: MAX_TIMER_MS,
    whole: false,
    unit: 'milliseconds',
    why: 'the longest timer Node keeps, as the claim is renewed on one',
    example: '60_000',
  },
  dedupeTtlMs: {
    default: 3 * 86_400_000,
    max: Number.MAX_SAFE_INTEGER,
    whole: false,
    unit: 'milliseconds',
    why: undefined,
    example: '259_200_000 (3 days)',
  },
  maxBodyBytes: {
    default: 1_048_576,
    max: Number.MAX_SAFE_INTEGER,
    whole: true,
    unit: 'bytes',
    why: undefined,
    example: '1_048_576 (1 MiB)',
  },
} as const;

export type NumericOption = keyof typeof OPTION_BOUNDS;

const show = (value: unknown) =>
  typeof value === 'string' ? `the string ${JSON.stringify(value)}` : String(value);

/**
 * Why `value` cannot be the option `name`, saying what to pass instead; `undefined` when it can.
 * Written as "inside the bounds" rather than "outside", since every comparison with NaN is false.
 */
export function numericOptionProblem(name: NumericOption, value: unknown): string | undefined {
  const bounds = OPTION_BOUNDS[name];
  if (
    typeof value === 'number' &&
    value >= 1 &&
    value <= bounds.max &&
    (!bounds.whole || Number.isInteger(value))
  ) {
    return undefined;
  }
  const kind = bounds.whole ? `a whole number of ${bounds.unit}` : `a number of ${bounds.unit}`;
  const why = bounds.why ? ` (${bounds.why})` : '';
  return (
    `${name} is ${show(value)}: pass ${kind} from 1 to ${bounds.max}${why}, e.g. ${bounds.example}, ` +
    'or leave it out for the default. Number() of an unset environment variable is NaN: give the ' +
    'variable a value or a fallback.'
  );
}
