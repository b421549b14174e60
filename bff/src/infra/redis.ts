import Redis from 'ioredis';
import type { Logger } from '../core/logger';

/** Connects to Redis and fails fast when it does not answer at start. */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: 3000,
    // Commands fail fast while Redis is away instead of queueing forever; callers degrade.
    enableOfflineQueue: false,
  });
  redis.on('error', (err) => logger.warn({ err: { message: err.message } }, 'redis error'));
  await redis.connect();
  return redis;
}
