/** `T` with each property that may be `undefined` made optional instead. */
export type Defined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * `value` without its `undefined` properties: an option left out stays out, so its default applies
 * (and `exactOptionalPropertyTypes` holds).
 * @example defined({ mode: undefined, force: false }) // { force: false }
 */
export function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Defined<T>;
}
