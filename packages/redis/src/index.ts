export {
  type IoredisLike,
  type NodeRedisLike,
  type RedisArgument,
  type RedisClientLike,
  type RedisConnection,
  type RedisConnectionOptions,
  toRedisConnection,
} from './RedisConnection.js';
export { type RedisScript, redisScript } from './RedisScript.js';
