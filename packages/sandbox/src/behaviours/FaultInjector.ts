import { createRandom } from '../data/random.js';
import { corruptRecord } from './corruptRecord.js';

// Spelled out (not derived from FAULT_KINDS) so the API reference shows the kinds themselves.
/**
 * - `error`: answers `status` with an error body.
 * - `rate_limit`: answers 429 with `Retry-After`.
 * - `latency`: delays the answer by `latencyMs`.
 * - `drop`: closes the connection without an answer.
 * - `truncate`: cuts the body short.
 * - `malformed`: answers a body that is not JSON.
 */
export type FaultKind = 'error' | 'rate_limit' | 'latency' | 'drop' | 'truncate' | 'malformed';

/** Every kind of fault the sandbox injects. */
export const FAULT_KINDS = [
  'error',
  'rate_limit',
  'latency',
  'drop',
  'truncate',
  'malformed',
] as const satisfies readonly FaultKind[];

/**
 * A fault to inject. It applies to requests whose path starts with `route` (`*` matches any run of
 * characters), either to the next `times` matching calls (scripted) or with `probability` each
 * (dice seeded from the sandbox seed and the rule's position, so a run is repeatable).
 */
export interface FaultRuleInput {
  /** The path prefix it applies to, e.g. `/api/erp/purchase-orders*`. */
  route: string;
  /** Only calls of this HTTP method. @default any */
  method?: string;
  /** What happens. */
  kind: FaultKind;
  /** Status of an `error` fault. @default 503 */
  status?: number;
  /** `Retry-After` of a `rate_limit` fault, in seconds. @default 1 */
  retryAfterSeconds?: number;
  /** Delay of a `latency` fault. @default 1000 */
  latencyMs?: number;
  /** Chance per matching call, 0..1. */
  probability?: number;
  /** Apply to exactly the next N matching calls, then stop. */
  times?: number;
}

/** A fault rule in force, as `addFault` returns it. */
export interface FaultRule extends FaultRuleInput {
  /** Its id, for `removeFault`. */
  id: string;
  /** Matching calls left for a scripted rule. */
  remaining?: number;
  /** How often the rule fired. */
  hits: number;
}

/** A fault that answers in place of the route (latency only delays it, and is summed instead). */
export type AnsweringFault = FaultRule & { kind: Exclude<FaultKind, 'latency'> };

export interface FaultDecision {
  latencyMs: number;
  fault?: AnsweringFault;
}

export class FaultRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function validate(input: FaultRuleInput) {
  if (typeof input.route !== 'string' || !input.route.startsWith('/')) {
    throw new FaultRuleError('route', 'route must be a path starting with "/", e.g. "/api/erp/*".');
  }
  if (!FAULT_KINDS.includes(input.kind)) {
    throw new FaultRuleError('kind', `kind must be one of ${FAULT_KINDS.join(', ')}.`);
  }
  const hasTimes = input.times !== undefined;
  const hasProbability = input.probability !== undefined;
  if (hasTimes === hasProbability) {
    throw new FaultRuleError(
      'times',
      'give exactly one of times (next N calls) or probability (0..1).',
    );
  }
  if (hasTimes && !(Number.isInteger(input.times) && (input.times ?? 0) > 0)) {
    throw new FaultRuleError('times', 'times must be a positive integer.');
  }
  if (hasProbability && !((input.probability ?? -1) >= 0 && (input.probability ?? 2) <= 1)) {
    throw new FaultRuleError('probability', 'probability must be between 0 and 1.');
  }
  if (
    input.status !== undefined &&
    !(Number.isInteger(input.status) && input.status >= 400 && input.status <= 599)
  ) {
    throw new FaultRuleError('status', 'status must be an HTTP error status (400-599).');
  }
}

const toPattern = (route: string) =>
  new RegExp(`^${route.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}`);

/** Decides, per request, which injected faults apply. */
export class FaultInjector {
  private rules: Array<FaultRule & { pattern: RegExp; dice: () => number }> = [];
  private created = 0;
  /** Every Nth record of every list is broken (`corruptRecords` fault); 0 = off. */
  corruptEvery = 0;

  constructor(private readonly seed: number) {}

  /** Breaks every `every`th record of every list, in a different way each time; 0 turns it off. */
  corruptRecords(every: number) {
    if (!Number.isInteger(every) || every < 0) {
      throw new TypeError(
        `corruptRecords.every must be a whole number of records, 0 to turn it off (got ${every}).`,
      );
    }
    this.corruptEvery = every;
  }

  corrupt(json: string, position: number): string {
    return this.corruptEvery > 0 ? corruptRecord(json, position, this.corruptEvery) : json;
  }

  add(input: FaultRuleInput): FaultRule {
    validate(input);
    const id = `fault_${++this.created}`;
    const rule = {
      ...input,
      id,
      hits: 0,
      ...(input.times !== undefined ? { remaining: input.times } : {}),
      pattern: toPattern(input.route),
      dice: createRandom((this.seed * 31 + this.created) >>> 0),
    };
    this.rules.push(rule);
    return this.describe(rule);
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => this.describe(rule));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear() {
    this.rules = [];
    this.corruptEvery = 0;
  }

  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (!rule.pattern.test(path)) continue;
      let fires: boolean;
      if (rule.remaining !== undefined) {
        fires = rule.remaining > 0;
        if (fires) rule.remaining--;
      } else {
        fires = rule.dice() < (rule.probability ?? 0);
      }
      if (!fires) continue;
      rule.hits++;
      if (rule.kind === 'latency') decision.latencyMs += rule.latencyMs ?? 1000;
      else decision.fault ??= this.describe(rule) as AnsweringFault;
    }
    this.rules = this.rules.filter((rule) => rule.remaining !== 0);
    return decision;
  }

  private describe(rule: FaultRule & { pattern?: RegExp; dice?: () => number }): FaultRule {
    const { pattern: _pattern, dice: _dice, ...plain } = rule;
    return plain;
  }
}
