// Serves the H5 build of the mini-program and forwards API calls to the BFF, so the
// browser sees one origin (no CORS, the same relative URLs as in production behind a gateway).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(process.env.H5_ROOT ?? 'miniapp/dist/h5');
const bff = new URL(process.env.BFF_URL ?? 'http://127.0.0.1:3100');
const port = Number(process.env.H5_PORT ?? 3000);
const host = process.env.H5_HOST ?? '127.0.0.1';
const PROXIED = /^\/(api\/|healthz$|readyz$)/;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function proxy(req, res) {
  const up = http.request(
    { host: bff.hostname, port: bff.port, method: req.method, path: req.url, headers: { ...req.headers, host: bff.host, 'x-forwarded-for': req.socket.remoteAddress }, agent },
    (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    },
  );
  up.on('error', () => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: { code: 'upstream_unavailable', message: '服务暂时无法访问，请稍后再试' } }));
  });
  req.pipe(up);
}

function serveFile(req, res) {
  const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.normalize(path.join(root, urlPath));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  const ext = path.extname(file);
  const immutable = /\.[0-9a-f]{8,}\./.test(path.basename(file));
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': ext === '.html' ? 'no-cache' : immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
  });
  fs.createReadStream(file).pipe(res);
}

const server = http.createServer((req, res) => (PROXIED.test(req.url ?? '') ? proxy(req, res) : serveFile(req, res)));
server.listen(port, host, () => {
  process.stdout.write(`${JSON.stringify({ event: 'ready', url: `http://${host}:${server.address().port}` })}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
