// Runs the in-memory MongoDB-wire server (CongoDB) in its own process, so the BFF can be
// restarted without losing data. Prints one JSON line {"event":"ready","uri":...} on stdout.
import net from 'node:net';
import { CongoServer } from '@push.rocks/smartmongo/dist_ts/congodb/index.js';
import { withEqualityIndexes } from './indexes.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const requested = Number(process.env.MONGO_EMBEDDED_PORT || 0);
const port = requested > 0 ? requested : await freePort();
const server = new CongoServer({ host: '127.0.0.1', port, storage: 'memory' });
// Declared indexes answer equality filters (indexes.mjs); MONGO_EMBEDDED_INDEXES=0 scans as CongoDB does.
if (process.env.MONGO_EMBEDDED_INDEXES !== '0') withEqualityIndexes(server.getStorage?.() ?? server.storage);
await server.start();
const uri = `mongodb://127.0.0.1:${port}/zwgk?serverMonitoringMode=poll`;
process.stdout.write(JSON.stringify({ event: 'ready', uri, port }) + '\n');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Exit with the parent: a test runner or the start script that dies must not leave us behind.
process.on('disconnect', stop);
