/** The Redis the tests use: CI starts one and exports REDIS_URL. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';

/** A key prefix of its own for each test, so that tests never see each other's keys. */
export const testPrefix = (name: string) =>
  `makini-test:${name}:${Math.random().toString(36).slice(2, 10)}:`;
