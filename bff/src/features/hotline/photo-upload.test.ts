/**
 * What a photo upload may cost the BFF: fields the upload does not use are capped (and a
 * big one refused), and once an upload is refused mid-body the connection is closed instead
 * of the rest being read and thrown away, however much the client keeps sending.
 */
import net from 'node:net';
import { startTestStack, type TestStack } from '../../../test/stack';
import { hotlineModels } from './model';

let s: TestStack;
let token: string;

beforeAll(async () => {
  s = await startTestStack({ env: { RATE_LIMIT_WRITES_PER_MIN: '10000', RATE_LIMIT_IP_WRITES_PER_MIN: '10000' } });
  token = (await s.login('hl-upload-limits')).accessToken;
}, 60_000);
afterAll(() => s?.stop());

const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.alloc(100, 1)]);

test('when an upload carries a large form field besides the photo, then it is refused with 400 and nothing is stored', async () => {
  const Photo = hotlineModels(s.context.mongo).Photo;
  const before = await Photo.countDocuments();
  const fd = new FormData();
  fd.append('note', 'x'.repeat(2 * 1024 * 1024));
  fd.append('file', new Blob([JPEG], { type: 'image/jpeg' }), 'a.jpg');
  const res = await fetch(`${s.url}/api/v1/hotline/photos`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as any;
  expect(res.status).toBe(400);
  expect(body.error.details[0]).toEqual({ field: 'file', message: '上传内容中有多余的数据，请只上传一张图片' });
  expect(await Photo.countDocuments()).toBe(before);

  // A small field (as some clients add) is still fine.
  const ok = new FormData();
  ok.append('name', 'file');
  ok.append('file', new Blob([JPEG], { type: 'image/jpeg' }), 'a.jpg');
  const r2 = await fetch(`${s.url}/api/v1/hotline/photos`, { method: 'POST', body: ok, headers: { authorization: `Bearer ${token}` } });
  expect(r2.status).toBe(201);
});

test('when a chunked upload goes past the size limit, then it is answered 400 and the connection is closed while the client is still sending', async () => {
  const url = new URL(s.url);
  const boundary = 'zwgk-limit-test';
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const received: Buffer[] = [];
  let closed = false;
  socket.on('data', (d) => received.push(d));
  socket.on('error', () => undefined); // EPIPE / ECONNRESET once the server has hung up
  socket.on('close', () => (closed = true));

  const chunk = (data: Buffer) => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
  socket.write(
    [
      'POST /api/v1/hotline/photos HTTP/1.1',
      `Host: ${url.host}`,
      `Authorization: Bearer ${token}`,
      `Content-Type: multipart/form-data; boundary=${boundary}`,
      'Transfer-Encoding: chunked',
      'Connection: keep-alive',
      '',
      '',
    ].join('\r\n'),
  );
  socket.write(chunk(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`)));
  socket.write(chunk(JPEG));

  // Keep sending well past the 5 MB limit: up to 64 MB, or until the server hangs up.
  const piece = chunk(Buffer.alloc(64 * 1024, 7));
  let sent = 0;
  const LIMIT = 64 * 1024 * 1024;
  while (!closed && sent < LIMIT) {
    if (!socket.write(piece)) await new Promise((r) => setTimeout(r, 5));
    sent += 64 * 1024;
    if (sent % (1024 * 1024) === 0) await new Promise((r) => setImmediate(r));
  }
  // Whatever is still queued has a moment to go (or to fail) before we look.
  const deadline = Date.now() + 3000;
  while (!closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  socket.destroy();
  const response = Buffer.concat(received).toString('utf8');

  expect(response).toMatch(/^HTTP\/1\.1 400 /);
  expect(response).toContain('图片不能超过 5 MB');
  expect(closed).toBe(true);
  // It stopped reading long before the client gave up.
  expect(sent).toBeLessThan(LIMIT);
});
