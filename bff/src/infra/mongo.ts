import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../core/logger';

/**
 * Opens a MongoDB connection. `serverMonitoringMode=poll` keeps the driver from clearing its
 * pool on the embedded server's heartbeat quirk and is harmless on a real MongoDB.
 */
export async function connectMongo(uri: string, logger: Logger, opts: { dbName?: string } = {}): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    dbName: opts.dbName,
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: 20,
    autoIndex: true,
    ...(uri.includes('serverMonitoringMode') ? {} : { serverMonitoringMode: 'poll' as const }),
  });
  conn.on('disconnected', () => logger.warn('mongo disconnected'));
  conn.on('reconnected', () => logger.info('mongo reconnected'));
  await conn.asPromise();
  return conn;
}
