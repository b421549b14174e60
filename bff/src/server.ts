import http from 'node:http';
import type { Connection } from 'mongoose';
import type Redis from 'ioredis';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createMemoryKv, createRedisKv, type Kv } from './core/kv';
import { createLogger } from './core/logger';
import { connectMongo } from './infra/mongo';
import { connectRedis } from './infra/redis';
import { createUpstreams } from './upstream';

const SHUTDOWN_GRACE_MS = 10_000;

/** Starts the BFF: config, connections, HTTP server; stops gracefully on SIGTERM/SIGINT. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const cleanups: Array<() => Promise<unknown>> = [];

  let mongoUri = config.MONGO_URI;
  if (!mongoUri) {
    const { startEmbeddedMongo } = await import('@zwgk/embedded-mongo');
    const embedded = await startEmbeddedMongo();
    mongoUri = embedded.uri;
    cleanups.push(() => embedded.stop());
    logger.warn({ uri: mongoUri }, 'MONGO_URI not set: using an embedded in-memory MongoDB-wire server (data is lost when it stops)');
  }
  const mongo: Connection = await connectMongo(mongoUri, logger);
  cleanups.unshift(() => mongo.close());

  let kv: Kv;
  let redis: Redis | undefined;
  if (config.REDIS_URL) {
    redis = await connectRedis(config.REDIS_URL, logger);
    kv = createRedisKv(redis, config.REDIS_KEY_PREFIX);
    cleanups.unshift(() => redis!.quit());
  } else {
    kv = createMemoryKv();
    logger.warn('REDIS_URL not set: single-instance mode (cache, rate limits and token revocations live in this process)');
  }

  const upstreams = createUpstreams(config, logger);
  cleanups.unshift(() => upstreams.close());
  const { handler, close: closeApp } = createApp({ config, logger, mongo, kv, upstreams });
  cleanups.unshift(closeApp);

  const server = http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.BFF_PORT, config.BFF_HOST, resolve));
  const addr = server.address() as { port: number };
  const url = `http://${config.BFF_HOST}:${addr.port}`;
  logger.info({ url, redis: kv.mode, mongo: config.MONGO_URI ? 'external' : 'embedded' }, 'bff listening');
  logger.flush(); // start-up lines should not wait for the log buffer to fill
  process.send?.({ event: 'ready', url });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; closing connections');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections turn idle as their last request finishes; close each as it does,
      // instead of waiting for the client or the grace timer.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.once('close', () => clearInterval(sweep));
      server.closeIdleConnections();
    });
    for (const c of cleanups) await c().catch((err) => logger.warn({ err }, 'cleanup failed'));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Started by scripts/start.mjs (or a test) over IPC: when that parent goes, so do we.
  if (process.connected) process.once('disconnect', () => void shutdown('parent gone'));
}

main().catch((err) => {
  process.stderr.write(`bff failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
