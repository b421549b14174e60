// A load generator in its own process (pinned to the last core by `startBurstClient`, away from
// the BFF on core 0), so the sender's own CPU does not sit in the server's latency: every
// connection is opened (and known accepted) before the instant, each request is one pre-built
// buffer written on its own socket, and the latency of each counts from the common start (burst)
// or from its scheduled start (open loop at `rate`/s).
//
// Protocol (IPC): parent sends { type: 'run', port, requests: [{ method, path, headers, body }], rate? };
// the child answers { type: 'done', connectMs, results: [{ status, body, ms }], wallMs }.
import net from 'node:net';

const CONNECT_BATCH = 200;

/** Opens `n` sockets to 127.0.0.1:port in batches (below the listen backlog, so none waits a SYN retry). */
async function openAll(port, n) {
  const socks = [];
  for (let i = 0; i < n; i += CONNECT_BATCH) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(CONNECT_BATCH, n - i) }, () =>
        new Promise((resolve, reject) => {
          const s = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => resolve(s));
          s.once('error', reject);
        }),
      ),
    );
    socks.push(...batch);
  }
  return socks;
}

function requestBytes({ method, path, headers = {}, body }) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const lines = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: keep-alive'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (payload) lines.push('content-type: application/json', `content-length: ${Buffer.byteLength(payload)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${payload}`);
}

/** Reads one HTTP/1.1 response (content-length or until close); resolves with status and body text. */
function readResponse(sock) {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let headerEnd = -1;
    let length = -1;
    let status = 0;
    const done = (st, body) => {
      sock.removeAllListeners('data');
      resolve({ status: st, body });
    };
    sock.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      if (headerEnd < 0) {
        headerEnd = buf.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const head = buf.subarray(0, headerEnd).toString('latin1');
        status = Number(head.slice(9, 12));
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        length = m ? Number(m[1]) : -1;
      }
      if (length >= 0 && buf.length - headerEnd - 4 >= length) done(status, buf.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
    });
    sock.once('close', () => done(status, headerEnd >= 0 ? buf.subarray(headerEnd + 4).toString('utf8') : '{"status":"dropped"}'));
    sock.once('error', () => {});
  });
}

async function run({ port, requests, rate }) {
  const bytes = requests.map(requestBytes);
  const c0 = performance.now();
  const socks = await openAll(port, bytes.length);
  const connectMs = performance.now() - c0;
  // Let the server accept the last batch before the instant.
  await new Promise((r) => setTimeout(r, 200));
  const results = new Array(bytes.length);
  const t0 = performance.now() + 1;
  const pending = [];
  for (let i = 0; i < bytes.length; i++) {
    const at = rate ? t0 + (i * 1000) / rate : t0;
    if (rate) {
      const wait = at - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
    const s = socks[i];
    const answer = readResponse(s).then((r) => {
      results[i] = { ...r, ms: performance.now() - at };
      s.destroy();
    });
    s.write(bytes[i]);
    pending.push(answer);
  }
  await Promise.all(pending);
  return { connectMs, results, wallMs: performance.now() - t0 };
}

process.on('message', async (m) => {
  if (m?.type !== 'run') return;
  const out = await run(m);
  process.send({ type: 'done', ...out });
});
process.send?.({ type: 'ready' });
