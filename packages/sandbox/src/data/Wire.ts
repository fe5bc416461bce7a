/**
 * A model as it travels on the wire: the parsed type without the non-enumerable `customFields`
 * view that core adds when parsing.
 */
export type Wire<T> =
  T extends ReadonlyArray<infer Item>
    ? Wire<Item>[]
    : T extends object
      ? { [K in keyof T as K extends 'customFields' ? never : K]: Wire<T[K]> }
      : T;
