export {
  type IoredisLike,
  type NodeRedisLike,
  type RedisArgument,
  type RedisClientLike,
  type RedisConnection,
  type RedisConnectionOptions,
  toRedisConnection,
} from './RedisConnection.js';
export { RedisHealthBus, type RedisHealthBusOptions } from './RedisHealthBus.js';
export { RedisLock, type RedisLockOptions } from './RedisLock.js';
export { RedisPollLeases, type RedisPollLeasesOptions } from './RedisPollLeases.js';
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './RedisRateLimitStore.js';
export { type RedisScript, redisScript } from './RedisScript.js';
export { RedisTokenStore, type RedisTokenStoreOptions } from './RedisTokenStore.js';
export { RedisUsedLinks, type RedisUsedLinksOptions } from './RedisUsedLinks.js';
