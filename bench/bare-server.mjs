// Baseline for the HTTP benchmark: a bare node:http server answering every request with a
// fixed JSON payload of the size given in PAYLOAD_BYTES.
import http from 'node:http';

const size = Number(process.env.PAYLOAD_BYTES ?? 1000);
const filler = 'x'.repeat(Math.max(0, size - 12));
const body = Buffer.from(`{"payload":"${filler}"}`);
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const ready = { event: 'ready', url: `http://127.0.0.1:${server.address().port}` };
  if (process.send) process.send(ready);
  else process.stdout.write(`${JSON.stringify(ready)}\n`);
});
process.on('SIGTERM', () => process.exit(0));
