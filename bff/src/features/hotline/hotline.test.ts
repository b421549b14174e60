import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { openidFor, phoneFor, signCallback } from '@zwgk/upstream-sim';
import { eventually, startTestStack, type TestStack } from '../../../test/stack';
import { maskPhone } from '../../core/crypto';
import { computeDeadline } from './deadline';
import { hotlineModels, ticketAad } from './model';
import { startForwarder } from './forwarder';
import { TaskRunner } from '../../core/tasks';
import { hotlineWorkers } from './routes';
import { statsWindow, STATS_WINDOW_MONTHS } from './service';
import { lastCompleteMonth } from './stats';
import { applyParkedEvents } from './sync';

let s: TestStack;
const SECRET = 'test-case-callback-secret';

beforeAll(async () => {
  s = await startTestStack({
    env: {
      STAFF_OPENIDS: openidFor('hl-staff'),
      CASE_CALLBACK_SECRET: SECRET,
      HOTLINE_FORWARD_POLL_MS: '100',
      HOTLINE_FORWARD_BACKOFF_MS: '50',
      HOTLINE_FORWARD_MAX_BACKOFF_MS: '200',
      HOTLINE_FORWARD_MAX_ATTEMPTS: '3',
      HOTLINE_PHOTO_DAILY_MAX: '5',
      HOTLINE_PHOTO_DAILY_MAX_BYTES: '5120',
      HOTLINE_SYNC_POLL_MS: '0',
      RATE_LIMIT_WRITES_PER_MIN: '10000',
      RATE_LIMIT_IP_WRITES_PER_MIN: '10000',
      CACHE_FRESH_S: '1',
    },
  });
  await callbackTo(`${s.url}/api/v1/hotline/case-events`, SECRET);
}, 60_000);
afterAll(() => s?.stop());
afterEach(async () => {
  await s.heal();
});

async function sim(method: string, path: string, body?: unknown) {
  const r = await fetch(s.sims.case.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.json() as Promise<any>;
}
const callbackTo = (url: string | null, secret?: string) => sim('PUT', '/__sim/callback', { url, ...(secret ? { secret } : {}) });
const simTickets = async (): Promise<any[]> => (await s.sims.case.state()).tickets;

const tokens = new Map<string, string>();
async function tokenOf(name: string, bindPhone = true): Promise<string> {
  if (!tokens.has(name)) {
    const l = await s.login(name);
    if (bindPhone) {
      const r = await s.req('POST', '/api/v1/auth/phone', { token: l.accessToken, body: { code: `sim-${name}` } });
      expect(r.status).toBe(200);
    }
    tokens.set(name, l.accessToken);
  }
  return tokens.get(name)!;
}

const form = (over: Record<string, unknown> = {}) => ({
  type: 'complaint',
  title: '小区夜间施工噪音扰民',
  description: '幸福路 12 号工地每晚十一点后仍在施工，噪音很大，影响休息。',
  location: { address: '幸福路 12 号', lat: 30.27, lng: 120.15 },
  contactAllowed: true,
  anonymous: false,
  ...over,
});

async function submit(token: string, body: unknown = form(), key = `k-${randomUUID()}`) {
  const r = await s.req('POST', '/api/v1/hotline/tickets', { token, body, headers: { 'Idempotency-Key': key } });
  return { ...r, key };
}

/** Submits and waits until the case system has accepted it; returns our detail and the case ticket. */
async function submitDelivered(token: string, body: unknown = form()) {
  const r = await submit(token, body);
  expect(r.status).toBe(201);
  const detail = await eventually(async () => {
    const d = await s.req('GET', `/api/v1/hotline/tickets/${r.body.trackingNo}`, { token });
    return d.body.caseTicketNo ? d.body : null;
  });
  const ticket = (await simTickets()).find((t) => t.ticketNo === detail.caseTicketNo);
  return { trackingNo: r.body.trackingNo as string, detail, ticket };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.alloc(100, 1)]);

async function upload(token: string | null, bytes: Buffer, name = 'photo.jpg', type = 'image/jpeg', field = 'file') {
  const fd = new FormData();
  fd.append(field, new Blob([bytes], { type }), name);
  const res = await fetch(`${s.url}/api/v1/hotline/photos`, { method: 'POST', body: fd, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as any };
}

describe('POST /api/v1/hotline/photos and GET /api/v1/hotline/photos/:id', () => {
  test('when a photo carries EXIF (where it was taken), then what is stored and served has none, and the stored bytes are sealed', async () => {
    const owner = await tokenOf('hl-photo-exif');
    const app1Payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from('II*\0 GPSLatitude 30.27 GPSLongitude 120.15')]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, app1Payload.length + 2]), app1Payload]);
    const scan = Buffer.from([0xff, 0xda, 0, 4, 1, 2, 7, 7, 7, 0xff, 0xd9]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), app1, scan]);
    const up = await upload(owner, jpeg, 'gps.jpg', 'image/jpeg');
    expect(up.status).toBe(201);
    expect(up.body.size).toBe(2 + scan.length);
    const served = Buffer.from(await (await fetch(`${s.url}/api/v1/hotline/photos/${up.body.id}`, { headers: { authorization: `Bearer ${owner}` } })).arrayBuffer());
    expect(served.equals(Buffer.concat([Buffer.from([0xff, 0xd8]), scan]))).toBe(true);
    const stored = await hotlineModels(s.context.mongo).Photo.findById(up.body.id).lean();
    const raw = Buffer.from((stored!.data as any).buffer ?? stored!.data);
    expect(stored!.sealed).toBe(true);
    expect(raw.includes(scan)).toBe(false);
    expect(raw.includes(Buffer.from('GPSLatitude'))).toBe(false);
  });

  test('when a citizen uploads a PNG, then it is stored and served to them, to staff and by its signed link, and to nobody else', async () => {
    const owner = await tokenOf('hl-photo-owner');
    const up = await upload(owner, PNG, 'a.png', 'image/png');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ mime: 'image/png', size: PNG.length });

    const mine = await fetch(`${s.url}/api/v1/hotline/photos/${up.body.id}`, { headers: { authorization: `Bearer ${owner}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await mine.arrayBuffer()).equals(PNG)).toBe(true);

    const staff = await tokenOf('hl-staff');
    expect((await fetch(`${s.url}/api/v1/hotline/photos/${up.body.id}`, { headers: { authorization: `Bearer ${staff}` } })).status).toBe(200);
    expect((await fetch(s.url + up.body.url)).status).toBe(200);

    const other = await tokenOf('hl-photo-other');
    expect((await fetch(`${s.url}/api/v1/hotline/photos/${up.body.id}`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(404);
    expect((await fetch(`${s.url}/api/v1/hotline/photos/${up.body.id}`)).status).toBe(401);
    const forged = up.body.url.replace(/sig=[^&]+/, 'sig=AAAA');
    expect((await fetch(s.url + forged)).status).toBe(401);
  });

  test('when the file is too large, not an image, missing or not multipart, then 400 names the file field and nothing is stored', async () => {
    const token = await tokenOf('hl-photo-bad');
    const Photo = hotlineModels(s.context.mongo).Photo;
    const before = await Photo.countDocuments();

    const big = Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]);
    const r1 = await upload(token, big);
    expect(r1.status).toBe(400);
    expect(r1.body.error.details[0]).toEqual({ field: 'file', message: '图片不能超过 5 MB' });

    // A text file claiming to be a JPEG: the bytes decide.
    const r2 = await upload(token, Buffer.from('hello, not an image at all'), 'x.jpg', 'image/jpeg');
    expect(r2.status).toBe(400);
    expect(r2.body.error.message).toBe('只支持 JPEG、PNG 或 WebP 格式的图片');

    const r3 = await upload(token, JPEG, 'a.jpg', 'image/jpeg', 'other');
    expect(r3.status).toBe(400);
    expect(r3.body.error.details[0].field).toBe('file');

    const r4 = await s.req('POST', '/api/v1/hotline/photos', { token, body: { file: 'x' } });
    expect(r4.status).toBe(400);

    expect(await Photo.countDocuments()).toBe(before);
  });

  test('when a citizen uploads more photos in a day than allowed, then 429 says so and nothing more is stored', async () => {
    const token = await tokenOf('hl-quota-count');
    const Photo = hotlineModels(s.context.mongo).Photo;
    const max = s.config.HOTLINE_PHOTO_DAILY_MAX;
    for (let i = 0; i < max; i++) expect((await upload(token, JPEG)).status).toBe(201);
    const before = await Photo.countDocuments();
    const over = await upload(token, JPEG);
    expect(over.status).toBe(429);
    expect(over.body.error.message).toBe(`今天上传的图片已达上限（${max} 张），请明天再试`);
    expect(await Photo.countDocuments()).toBe(before);
    // Someone else is not affected.
    expect((await upload(await tokenOf('hl-quota-other'), JPEG)).status).toBe(201);
  });

  test('when a citizen uploads more bytes in a day than allowed, then 429 names the size limit', async () => {
    const token = await tokenOf('hl-quota-bytes');
    const limit = s.config.HOTLINE_PHOTO_DAILY_MAX_BYTES;
    const part = Buffer.concat([JPEG, Buffer.alloc(Math.floor(limit / 2) + 1 - JPEG.length, 1)]);
    expect((await upload(token, part)).status).toBe(201);
    const over = await upload(token, part);
    expect(over.status).toBe(429);
    expect(over.body.error.message).toBe(`今天上传的图片总大小已达上限（${Math.round(limit / 1024)} KB），请明天再试`);
  });

  test('when photos are older than 24 h and no ticket uses them, then the sweep deletes them and keeps the rest', async () => {
    const token = await tokenOf('hl-sweep');
    const Photo = hotlineModels(s.context.mongo).Photo;
    const abandoned = (await upload(token, JPEG)).body.id;
    const attached = (await upload(token, PNG, 'a.png', 'image/png')).body.id;
    const recent = (await upload(token, JPEG)).body.id;
    expect((await submit(token, form({ photoIds: [attached] }))).status).toBe(201);
    const old = new Date(Date.now() - 25 * 3_600_000);
    await Photo.collection.updateMany({ _id: { $in: [abandoned, attached].map((id) => new Types.ObjectId(id)) } }, { $set: { createdAt: old } });

    expect(await hotlineWorkers(s.context)!.photoSweep.runOnce()).toBeGreaterThanOrEqual(1);
    const left = (await Photo.find({ ownerId: (await Photo.findById(recent).lean())!.ownerId }, { _id: 1 }).lean()).map((p) => String(p._id));
    expect(left).toEqual(expect.arrayContaining([attached, recent]));
    expect(left).not.toContain(abandoned);
  });

  test('when a photo is about to be swept, then a new submission refuses it with 400 on photoIds', async () => {
    const token = await tokenOf('hl-sweep');
    const Photo = hotlineModels(s.context.mongo).Photo;
    const id = (await upload(token, JPEG)).body.id;
    await Photo.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { createdAt: new Date(Date.now() - 23.5 * 3_600_000) } });
    const r = await submit(token, form({ photoIds: [id] }));
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toEqual({ field: 'photoIds', message: '有图片不存在或已失效，请重新上传' });
  });

  test('when a restored draft asks for fresh links, then only the caller’s live photos come back, in order, with working links', async () => {
    const token = await tokenOf('hl-links');
    const Photo = hotlineModels(s.context.mongo).Photo;
    const a = (await upload(token, JPEG)).body.id;
    const b = (await upload(token, PNG, 'b.png', 'image/png')).body.id;
    const aging = (await upload(token, JPEG)).body.id;
    await Photo.collection.updateOne({ _id: new Types.ObjectId(aging) }, { $set: { createdAt: new Date(Date.now() - 23.5 * 3_600_000) } });
    const theirs = (await upload(await tokenOf('hl-links-other'), JPEG)).body.id;
    const gone = new Types.ObjectId().toHexString();

    const r = await s.req('POST', '/api/v1/hotline/photos/links', { token, body: { ids: [b, theirs, a, gone, aging] } });
    expect(r.status).toBe(200);
    expect(r.body.photos.map((p: any) => [p.id, p.mime])).toEqual([
      [b, 'image/png'],
      [a, 'image/jpeg'],
    ]);
    for (const p of r.body.photos) expect((await fetch(s.url + p.url)).status).toBe(200);

    expect((await s.req('POST', '/api/v1/hotline/photos/links', { token, body: { ids: ['xyz'] } })).status).toBe(400);
    expect((await s.req('POST', '/api/v1/hotline/photos/links', { body: { ids: [a] } })).status).toBe(401);
  });

  test('when nobody is logged in, then the upload is refused with 401', async () => {
    expect((await upload(null, JPEG)).status).toBe(401);
  });

  test('when the id is malformed, then 400', async () => {
    const token = await tokenOf('hl-photo-owner');
    expect((await s.req('GET', '/api/v1/hotline/photos/xyz', { token })).status).toBe(400);
  });
});

describe('POST /api/v1/hotline/tickets', () => {
  test('when a citizen submits, then a tracking number comes back at once and the case system gets the ticket exactly once', async () => {
    const token = await tokenOf('hl-alice');
    const photo = await upload(token, JPEG);
    const r = await submit(token, form({ photoIds: [photo.body.id] }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'submitted', statusLabel: '已提交，正在转交', replayed: false });
    expect(r.body.trackingNo).toMatch(/^RX-\d{8}-[0-9A-Z]{6}$/);

    const again = await submit(token, form({ title: '改过的标题也不会产生第二件' }), r.key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ trackingNo: r.body.trackingNo, replayed: true });

    const detail = await eventually(async () => {
      const d = await s.req('GET', `/api/v1/hotline/tickets/${r.body.trackingNo}`, { token });
      return d.body.status !== 'submitted' ? d.body : null;
    });
    const forKey = (await simTickets()).filter((t) => t.idempotencyKey === `zwgk-${r.body.trackingNo}`);
    expect(forKey).toHaveLength(1);
    const t = forKey[0];
    expect(detail.caseTicketNo).toBe(t.ticketNo);
    expect(t).toMatchObject({ type: 'complaint', title: form().title, anonymous: false, contactAllowed: true });
    expect(t.contact.phone).toBe(phoneFor('hl-alice'));
    expect(t.attachments).toHaveLength(1);
    expect(t.attachments[0].mime).toBe('image/jpeg');
    expect(detail.photos).toHaveLength(1);
    expect(detail.contactPhoneMasked).toBe(maskPhone(phoneFor('hl-alice')));
    expect(detail.timeline[0]).toMatchObject({ status: 'submitted', statusLabel: '已提交，正在转交' });
    expect(detail.timeline.map((e: any) => e.status)).toContain('accepted');
    // Our deadline and the case system's agree.
    expect(Date.parse(detail.deadline.dueAt)).toBe(Date.parse(t.dueAt));
    expect(detail.deadline.explanation).toContain('个工作日');
  });

  test('when the same key is sent several times at once, then one ticket is stored and every answer names it', async () => {
    const token = await tokenOf('hl-race');
    const key = `k-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(token, form(), key)));
    expect(answers.every((a) => a.status === 201 || a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.body.trackingNo)).size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(await hotlineModels(s.context.mongo).Ticket.countDocuments({ idempotencyKey: key })).toBe(1);
  });

  test("when two citizens happen to use the same key, then each gets their own ticket", async () => {
    const key = `k-${randomUUID()}`;
    const a = await submit(await tokenOf('hl-race'), form(), key);
    const b = await submit(await tokenOf('hl-alice'), form(), key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.trackingNo).not.toBe(b.body.trackingNo);
  });

  test('when the citizen keeps their identity hidden, then the case system gets anonymous and no name or phone, while staff still see who it was', async () => {
    const token = await tokenOf('hl-anon');
    const { trackingNo, ticket } = await submitDelivered(token, form({ anonymous: true, contactName: '张三', contactPhone: '13900001111' }));
    expect(ticket.anonymous).toBe(true);
    expect(ticket.contact).toEqual({});
    const staff = await tokenOf('hl-staff');
    const d = await s.req('GET', `/api/v1/hotline/staff/tickets/${trackingNo}`, { token: staff });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ anonymous: true, contactName: '张三', contactPhone: '13900001111' });
  });

  test('when stored, then the phone, name, account and place are encrypted at rest, and still shown to their owner and sent to the case system', async () => {
    const token = await tokenOf('hl-crypt');
    const r = await submit(token, form({ contactName: '李四', contactPhone: '13712345678' }));
    const raw = await s.context.mongo.collection('hotline_tickets').findOne({ trackingNo: r.body.trackingNo });
    const text = JSON.stringify(raw);
    expect(text).not.toContain('13712345678');
    expect(text).not.toContain('李四');
    expect(text).not.toContain('幸福路 12 号');
    expect(text).not.toContain('每晚十一点后仍在施工');
    expect(text).not.toContain('120.15');
    expect(raw!.contactPhoneEnc).toMatch(/^v3\./);
    expect(raw!.descriptionEnc).toMatch(/^v3\./);
    const mine = await eventually(async () => {
      const d = await s.req('GET', `/api/v1/hotline/tickets/${r.body.trackingNo}`, { token });
      return d.body.caseTicketNo ? d.body : null;
    });
    expect(mine.description).toBe(form().description);
    expect(mine.location).toEqual({ address: '幸福路 12 号', lat: 30.27, lng: 120.15 });
    const atCase = (await simTickets()).find((t) => t.ticketNo === mine.caseTicketNo);
    expect(atCase).toMatchObject({ description: form().description, location: { address: '幸福路 12 号', lat: 30.27, lng: 120.15 } });
  });

  test('when a request is older than the retention period, then its personal data and photos are erased and the record stays listed', async () => {
    const token = await tokenOf('hl-retention');
    const photo = await upload(token, PNG, 'a.png', 'image/png');
    const old = await submit(token, form({ contactName: '王五', photoIds: [photo.body.id] }));
    const recent = await submit(token, form({ title: '最近提交的诉求保留原样' }));
    const Ticket = hotlineModels(s.context.mongo).Ticket;
    await Ticket.updateOne({ trackingNo: old.body.trackingNo }, { $set: { submittedAt: new Date(Date.now() - (s.config.HOTLINE_RETENTION_DAYS + 1) * 86_400_000) } });
    expect(await hotlineWorkers(s.context)!.retention.runOnce()).toBeGreaterThanOrEqual(1);
    const erased = await Ticket.findOne({ trackingNo: old.body.trackingNo }).lean();
    expect(erased).toMatchObject({ contactNameEnc: null, contactPhoneEnc: null, descriptionEnc: null, locationEnc: null, photoIds: [], erasedAt: expect.any(Date) });
    expect(await hotlineModels(s.context.mongo).Photo.exists({ _id: photo.body.id })).toBeNull();
    const listed = (await s.req('GET', '/api/v1/hotline/tickets?pageSize=50', { token })).body.items.map((i: any) => i.trackingNo);
    expect(listed).toEqual(expect.arrayContaining([old.body.trackingNo, recent.body.trackingNo]));
    const kept = await Ticket.findOne({ trackingNo: recent.body.trackingNo }).lean();
    expect(kept!.descriptionEnc).toMatch(/^v3\./);
    expect(kept!.erasedAt ?? null).toBeNull();
  });

  test('when a sealed field is copied from one ticket into another, then it does not open there (bound to its record and field)', async () => {
    const token = await tokenOf('hl-crypt-copy');
    const staff = await tokenOf('hl-staff');
    const a = await submit(token, form({ contactName: '赵六', contactPhone: '13611112222' }));
    const b = await submit(token, form({ title: '另一件诉求', contactName: '钱七', contactPhone: '13633334444' }));
    const tickets = s.context.mongo.collection('hotline_tickets');
    const rawA = await tickets.findOne({ trackingNo: a.body.trackingNo });
    // A's phone into B's phone field, A's name into B's description field.
    await tickets.updateOne({ trackingNo: b.body.trackingNo }, { $set: { contactPhoneEnc: rawA!.contactPhoneEnc, descriptionEnc: rawA!.contactNameEnc } });
    const d = await s.req('GET', `/api/v1/hotline/staff/tickets/${b.body.trackingNo}`, { token: staff });
    expect(d.status).toBe(200);
    expect(d.body.contactName).toBe('钱七');
    expect(d.body.contactPhone).toBeNull();
    expect(JSON.stringify(d.body)).not.toContain('13611112222');
    expect(JSON.stringify(d.body)).not.toContain('赵六');
    // A itself still reads.
    const dA = await s.req('GET', `/api/v1/hotline/staff/tickets/${a.body.trackingNo}`, { token: staff });
    expect(dA.body).toMatchObject({ contactName: '赵六', contactPhone: '13611112222' });
  });

  test('when a ticket was stored before the account and place were sealed, then it still reads', async () => {
    const token = await tokenOf('hl-crypt-old');
    const r = await submit(token, form());
    await s.context.mongo.collection('hotline_tickets').updateOne(
      { trackingNo: r.body.trackingNo },
      { $set: { description: '旧数据：明文保存的诉求内容', location: { address: '旧地址 1 号', lat: null, lng: null }, descriptionEnc: null, locationEnc: null } },
    );
    const d = await s.req('GET', `/api/v1/hotline/tickets/${r.body.trackingNo}`, { token });
    expect(d.body).toMatchObject({ description: '旧数据：明文保存的诉求内容', location: { address: '旧地址 1 号', lat: null, lng: null } });
  });

  test('when the key header is missing or malformed, then 400 names it', async () => {
    const token = await tokenOf('hl-alice');
    const r1 = await s.req('POST', '/api/v1/hotline/tickets', { token, body: form() });
    expect(r1.status).toBe(400);
    expect(r1.body.error.details[0]).toEqual({ field: 'Idempotency-Key', message: '缺少请求标识 Idempotency-Key' });
    const r2 = await submit(token, form(), 'short');
    expect(r2.status).toBe(400);
    expect(r2.body.error.details[0].field).toBe('Idempotency-Key');
  });

  test('when fields are invalid, then 400 lists each with a Chinese message and nothing is stored', async () => {
    const token = await tokenOf('hl-alice');
    const Ticket = hotlineModels(s.context.mongo).Ticket;
    const before = await Ticket.countDocuments();
    const r = await submit(token, { type: 'praise', title: '短', description: '太短', photoIds: Array(7).fill('0'.repeat(24)), contactPhone: '123', location: { address: '某地', lat: 30 } });
    expect(r.status).toBe(400);
    const byField = Object.fromEntries(r.body.error.details.map((d: any) => [d.field, d.message]));
    expect(byField).toMatchObject({
      type: '请选择诉求类型（咨询、求助、投诉、举报或建议）',
      title: '标题至少 4 个字',
      description: '请至少用 10 个字描述您的诉求',
      photoIds: '最多上传 6 张图片',
      contactPhone: '请填写正确的 11 位手机号',
      'location.lat': '地图位置需要同时包含经度和纬度',
    });
    expect(await Ticket.countDocuments()).toBe(before);
  });

  test("when a photo is someone else's, then 400 on photoIds", async () => {
    const other = await tokenOf('hl-photo-other');
    const photo = await upload(other, JPEG);
    const token = await tokenOf('hl-alice');
    const r = await submit(token, form({ photoIds: [photo.body.id] }));
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toEqual({ field: 'photoIds', message: '有图片不存在或已失效，请重新上传' });
  });

  test('when contact is allowed but there is no phone at all, then 400 on contactPhone', async () => {
    const token = await tokenOf('hl-nophone', false);
    const r = await submit(token, form());
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].field).toBe('contactPhone');
    expect((await submit(token, form({ contactAllowed: false }))).status).toBe(201);
  });

  test('when nobody is logged in, then 401', async () => {
    expect((await s.req('POST', '/api/v1/hotline/tickets', { body: form(), headers: { 'Idempotency-Key': `k-${randomUUID()}` } })).status).toBe(401);
  });

  test('when the case system is down, then the citizen is still answered at once and the ticket is delivered once it is back', async () => {
    const token = await tokenOf('hl-outage');
    await s.sims.case.setFaults({ mode: 'down' });
    // Acknowledged without the case system (latency is measured by bench/hotline-ack.mjs, not here).
    const r = await submit(token);
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('submitted');
    await new Promise((res) => setTimeout(res, 300));
    const d = await s.req('GET', `/api/v1/hotline/tickets/${r.body.trackingNo}`, { token });
    expect(d.body).toMatchObject({ status: 'submitted', statusLabel: '已提交，正在转交', caseTicketNo: null, deadline: null });
    // Tracking reads our own store: it keeps working while the case system is down.
    const list = await s.req('GET', '/api/v1/hotline/tickets', { token });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ trackingNo: r.body.trackingNo, status: 'submitted' });

    await s.heal();
    await eventually(async () => (await s.req('GET', `/api/v1/hotline/tickets/${r.body.trackingNo}`, { token })).body.caseTicketNo, 10_000);
    expect((await simTickets()).filter((t) => t.idempotencyKey === `zwgk-${r.body.trackingNo}`)).toHaveLength(1);
  });
});

describe('forwarding that fails for good, and the staff re-queue', () => {
  /** Stores a submission while the case system is down and spoils it with `spoil` before it is forwarded. */
  async function spoiled(token: string, spoil: (id: unknown) => Record<string, unknown>) {
    const models = hotlineModels(s.context.mongo);
    await s.sims.case.setFaults({ mode: 'down' });
    const sub = await submit(token, form({ contactPhone: '13800001111' }));
    expect(sub.status).toBe(201);
    const stored = await models.Ticket.findOne({ trackingNo: sub.body.trackingNo }, { _id: 1 }).lean();
    // Spoiled only while no attempt holds it (one may be probing the down case system with the
    // unspoiled body); it is then due at once with a fresh count, so the next attempt reads it.
    await eventually(async () => {
      const r = await models.Ticket.updateOne(
        { trackingNo: sub.body.trackingNo, 'forward.leaseId': null },
        { $set: { ...spoil(stored!._id), 'forward.attempts': 0, 'forward.nextAttemptAt': new Date() } },
      );
      return r.modifiedCount === 1 || null;
    });
    await s.heal();
    hotlineWorkers(s.context)!.forwarder.kick();
    return { models, trackingNo: sub.body.trackingNo as string };
  }

  test('when the case system refuses a submission (4xx), then it is failed at once, the citizen sees 转交未成功, and staff find it and re-queue it', async () => {
    const token = await tokenOf('hl-refused');
    const staff = await tokenOf('hl-staff');
    // A contact name longer than the case system accepts (50): it answers 400 on every attempt.
    const { models, trackingNo } = await spoiled(token, (id) => ({ contactNameEnc: s.context.cipher.encrypt('张'.repeat(60), ticketAad('contactNameEnc', id)) }));
    const failed = await eventually(async () => {
      const d = await models.Ticket.findOne({ trackingNo }).lean();
      return d?.forward.state === 'failed' ? d : null;
    });
    expect(failed.forward.attempts).toBe(1);
    expect(failed.forward.lastError).toContain('400');
    expect((await simTickets()).some((t) => t.idempotencyKey === `zwgk-${trackingNo}`)).toBe(false);

    const mine = await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token });
    expect(mine.body).toMatchObject({ status: 'submitted', statusLabel: '转交未成功', forwardFailed: true });
    expect(mine.body.timeline.at(-1)).toMatchObject({ statusLabel: '转交未成功', note: '转交未成功，工作人员将尽快处理' });
    const list = await s.req('GET', '/api/v1/hotline/tickets', { token });
    expect(list.body.items.find((i: any) => i.trackingNo === trackingNo)).toMatchObject({ forwardFailed: true, statusLabel: '转交未成功' });

    const desk = await s.req('GET', '/api/v1/hotline/staff/tickets?forward=failed', { token: staff });
    expect(desk.status).toBe(200);
    expect(desk.body.items.map((i: any) => i.trackingNo)).toContain(trackingNo);
    expect(desk.body.items.every((i: any) => i.forwardState === 'failed')).toBe(true);
    const detail = await s.req('GET', `/api/v1/hotline/staff/tickets/${trackingNo}`, { token: staff });
    expect(detail.body.forwarding).toMatchObject({ state: 'failed', attempts: 1 });
    expect(detail.body.forwarding.failedAt).toEqual(expect.any(String));
    // Its owner is told, in the inbox.
    const told = await eventually(async () => {
      const r = await s.req('GET', '/api/v1/me/notifications', { token });
      return r.body.items?.find((n: any) => n.kind === 'hotline_failed') ?? null;
    });
    expect(told).toMatchObject({ title: '诉求转交未成功', link: `/features/hotline/pages/ticket/index?no=${trackingNo}`, readAt: null });

    // Not retried by itself.
    await new Promise((r) => setTimeout(r, 400));
    expect((await models.Ticket.findOne({ trackingNo }).lean())!.forward.attempts).toBe(1);

    // Staff correct the record and re-queue it: it is delivered and the notice is gone.
    await models.Ticket.updateOne({ trackingNo }, { $set: { contactNameEnc: s.context.cipher.encrypt('张三', ticketAad('contactNameEnc', failed._id)) } });
    const requeued = await s.req('POST', `/api/v1/hotline/staff/tickets/${trackingNo}/requeue`, { token: staff });
    expect(requeued.status).toBe(200);
    expect(requeued.body.forwarding).toMatchObject({ state: 'pending', attempts: 0, failedAt: null });
    const delivered = await eventually(async () => {
      const d = await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token });
      return d.body.caseTicketNo ? d.body : null;
    });
    expect(delivered.forwardFailed).toBe(false);
    expect(delivered.timeline.map((e: any) => e.note)).not.toContain('转交未成功，工作人员将尽快处理');
    const again = await s.req('POST', `/api/v1/hotline/staff/tickets/${trackingNo}/requeue`, { token: staff });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('只有转交未成功的诉求才能重新转交');
    // Both staff actions on it are in the audit log, newest first, without the personal data itself.
    const audit = await s.req('GET', `/api/v1/staff/audit?targetId=${trackingNo}`, { token: staff });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(['hotline.requeue', 'hotline.view_identity']);
    expect(audit.body.items[0]).toMatchObject({
      role: 'hotline',
      target: { type: 'hotline_ticket', id: trackingNo },
      before: { forwardState: 'failed' },
      after: { forwardState: 'pending', attempts: 0 },
      requestId: expect.any(String),
    });
    expect(JSON.stringify(audit.body)).not.toContain('张三');
  });

  test('when forwarding keeps failing for a reason other than an outage, then it is failed after the configured attempts', async () => {
    const token = await tokenOf('hl-refused');
    // A sealed field that cannot be opened: the forwarder throws before calling the case system.
    const { models, trackingNo } = await spoiled(token, () => ({ contactNameEnc: 'not-a-sealed-value' }));
    const failed = await eventually(async () => {
      const d = await models.Ticket.findOne({ trackingNo }).lean();
      if (process.env.DBG) console.log(JSON.stringify(d?.forward));
      return d?.forward.state === "failed" ? d : null;
    });
    expect(failed.forward.attempts).toBe(s.config.HOTLINE_FORWARD_MAX_ATTEMPTS);
  });

  test('when the case system is down for many attempts, then the submission is never failed', async () => {
    const token = await tokenOf('hl-refused');
    const models = hotlineModels(s.context.mongo);
    await s.sims.case.setFaults({ mode: 'down' });
    const sub = await submit(token);
    await eventually(async () => ((await models.Ticket.findOne({ trackingNo: sub.body.trackingNo }).lean())!.forward.attempts > s.config.HOTLINE_FORWARD_MAX_ATTEMPTS ? true : null), 15_000, 100);
    expect((await models.Ticket.findOne({ trackingNo: sub.body.trackingNo }).lean())!.forward.state).toBe('pending');
  }, 30_000);

  test('when a citizen or nobody re-queues, then 403 / 401; an unknown number is 404; a malformed one 400', async () => {
    const citizen = await tokenOf('hl-refused');
    const staff = await tokenOf('hl-staff');
    expect((await s.req('POST', '/api/v1/hotline/staff/tickets/RX-20260101-AAAAAA/requeue', { token: citizen })).status).toBe(403);
    expect((await s.req('POST', '/api/v1/hotline/staff/tickets/RX-20260101-AAAAAA/requeue')).status).toBe(401);
    expect((await s.req('POST', '/api/v1/hotline/staff/tickets/RX-20260101-AAAAAA/requeue', { token: staff })).status).toBe(404);
    expect((await s.req('POST', '/api/v1/hotline/staff/tickets/nope/requeue', { token: staff })).status).toBe(400);
  });
});

describe('forwarder passes', () => {
  test('when a claim fails while another worker is still delivering, then the pass and stop() wait for that delivery', async () => {
    const token = await tokenOf('hl-claims');
    const models = hotlineModels(s.context.mongo);
    const title = `认领失败测试 ${randomUUID().slice(0, 8)}`;
    await s.sims.case.setFaults({ mode: 'down' });
    const subs = [await submit(token, form({ title })), await submit(token, form({ title }))];
    // Due only on this test's clock (two hours ahead), so the app's own forwarder leaves them alone.
    await models.Ticket.updateMany({ title }, { $set: { 'forward.nextAttemptAt': new Date(Date.now() + 3_600_000), 'forward.leaseId': null } });
    await s.heal();

    let firstDelivered = false;
    let refused = 0;
    const Ticket = new Proxy(models.Ticket, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (prop !== 'findOneAndUpdate') return typeof v === 'function' ? v.bind(target) : v;
        return (filter: any, ...rest: any[]) => {
          // Once the first delivery is through, claims fail as if Mongo went away: the first
          // worker's next claim then fails while the second delivery is still on its way.
          if (firstDelivered) {
            refused++;
            return Promise.reject(new Error('mongo went away'));
          }
          return (target.findOneAndUpdate as any)({ ...filter, title }, ...rest);
        };
      },
    });
    let creates = 0;
    let inFlight = 0;
    const caseSystem = s.context.upstreams.caseSystem;
    const slowSecond = {
      ...caseSystem,
      createTicket: async (...args: Parameters<typeof caseSystem.createTicket>) => {
        const n = ++creates;
        inFlight++;
        try {
          // The second delivery is still running when the first worker's next claim fails.
          if (n === 2) await new Promise((r) => setTimeout(r, 600));
          const out = await caseSystem.createTicket(...args);
          if (n === 1) firstDelivered = true;
          return out;
        } finally {
          inFlight--;
        }
      },
    };
    const tasks = new TaskRunner(s.context.kv, s.context.logger);
    const forwarder = startForwarder({
      ...s.context,
      notify: hotlineWorkers(s.context)!.service.notify,
      tasks,
      now: () => new Date(Date.now() + 7_200_000),
      config: { ...s.config, HOTLINE_FORWARD_CONCURRENCY: 4, HOTLINE_FORWARD_POLL_MS: 600_000 },
      upstreams: { ...s.context.upstreams, caseSystem: slowSecond },
      models: { ...models, Ticket },
    });
    try {
      const pass = forwarder.runOnce();
      await eventually(async () => (creates >= 2 && refused >= 1) || null, 5000, 5);
      expect(inFlight).toBe(1);
      await tasks.stop();
      expect(inFlight).toBe(0);
      await pass;
      const states = await models.Ticket.find({ trackingNo: { $in: subs.map((x) => x.body.trackingNo) } }, { forward: 1 }).lean();
      expect(states.map((d) => d.forward.state)).toEqual(['delivered', 'delivered']);
    } finally {
      await tasks.stop();
    }
  });
});

describe('GET /api/v1/hotline/tickets and /tickets/:trackingNo', () => {
  test("when a citizen lists 我的诉求, then only their own come back, newest first, paged", async () => {
    const token = await tokenOf('hl-lister');
    const nos: string[] = [];
    for (let i = 0; i < 3; i++) nos.push((await submit(token, form({ title: `第 ${i + 1} 件诉求标题` }))).body.trackingNo);
    await submit(await tokenOf('hl-alice'));
    const p1 = await s.req('GET', '/api/v1/hotline/tickets?page=1&pageSize=2', { token });
    expect(p1.status).toBe(200);
    expect(p1.body.total).toBe(3);
    expect(p1.body.items.map((i: any) => i.trackingNo)).toEqual([nos[2], nos[1]]);
    const p2 = await s.req('GET', '/api/v1/hotline/tickets?page=2&pageSize=2', { token });
    expect(p2.body.items.map((i: any) => i.trackingNo)).toEqual([nos[0]]);
  });

  test("when someone else's tracking number is asked for, then 404 as if it did not exist", async () => {
    const r = await submit(await tokenOf('hl-alice'));
    const other = await s.req('GET', `/api/v1/hotline/tickets/${r.body.trackingNo}`, { token: await tokenOf('hl-lister') });
    expect(other.status).toBe(404);
    const missing = await s.req('GET', '/api/v1/hotline/tickets/RX-20260101-AAAAAA', { token: await tokenOf('hl-lister') });
    expect(missing.status).toBe(404);
    expect(other.body.error.message).toBe(missing.body.error.message);
  });

  test('when the query or number is malformed, then 400; without a token, 401', async () => {
    const token = await tokenOf('hl-lister');
    expect((await s.req('GET', '/api/v1/hotline/tickets?pageSize=500', { token })).body.error.details[0]).toEqual({ field: 'pageSize', message: '每页最多 50 条' });
    expect((await s.req('GET', '/api/v1/hotline/tickets/not-a-number', { token })).status).toBe(400);
    expect((await s.req('GET', '/api/v1/hotline/tickets')).status).toBe(401);
  });

  test('when the case system moves a ticket on, then its signed events bring the timeline, department and deadline up to date', async () => {
    const token = await tokenOf('hl-tracker');
    const { trackingNo, ticket } = await submitDelivered(token);
    for (let i = 0; i < 3; i++) await sim('POST', '/__sim/advance', { ticketNo: ticket.ticketNo });
    const simTicket = (await simTickets()).find((t) => t.ticketNo === ticket.ticketNo);
    expect(simTicket.status).toBe('closed');
    const d = await eventually(async () => {
      const r = await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token });
      return r.body.status === 'closed' ? r.body : null;
    });
    expect(d.timeline.map((e: any) => e.status)).toEqual(['submitted', ...simTicket.timeline.map((e: any) => e.status)]);
    expect(d.timeline.map((e: any) => e.statusLabel)).toEqual(['已提交，正在转交', '受理', '派单', '办理中', '办结']);
    expect(d.department).toBe(simTicket.department);
    expect(d.canRate).toBe(true);
    const accepted = simTicket.timeline.find((e: any) => e.status === 'accepted');
    const closed = simTicket.timeline.find((e: any) => e.status === 'closed');
    const expected = computeDeadline('complaint', new Date(accepted.at), new Date(), new Date(closed.at));
    expect(d.deadline).toMatchObject({ dueAt: expected.dueAt, finished: true, overdue: false });
    expect(Date.parse(d.deadline.dueAt)).toBe(Date.parse(simTicket.dueAt));
    const cb = (await s.sims.case.state()).callback;
    expect(cb.recent.filter((r: any) => r.ticketNo === ticket.ticketNo).every((r: any) => r.state === 'delivered')).toBe(true);
  });

  test('when status events are lost, then the polling fallback catches up from the case system', async () => {
    const token = await tokenOf('hl-poll');
    const { trackingNo, ticket } = await submitDelivered(token);
    await callbackTo(null);
    try {
      await sim('POST', '/__sim/advance', { ticketNo: ticket.ticketNo });
      await new Promise((r) => setTimeout(r, 200));
      expect((await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token })).body.status).toBe('accepted');
      await hotlineWorkers(s.context)!.poller.runOnce();
      const d = await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token });
      expect(d.body.status).toBe('dispatched');
      expect(d.body.department).toBe((await simTickets()).find((t) => t.ticketNo === ticket.ticketNo).department);
    } finally {
      await callbackTo(`${s.url}/api/v1/hotline/case-events`, SECRET);
    }
  });
});

describe('POST /api/v1/hotline/case-events', () => {
  async function post(event: unknown, opts: { secret?: string; ts?: number; sig?: string | null } = {}) {
    const raw = JSON.stringify(event);
    const ts = String(opts.ts ?? Date.now());
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-case-timestamp': ts };
    if (opts.sig !== null) headers['x-case-signature'] = opts.sig ?? signCallback(opts.secret ?? SECRET, ts, raw);
    return s.req('POST', '/api/v1/hotline/case-events', { raw, headers });
  }

  let trackingNo: string;
  let ticketNo: string;
  let token: string;
  beforeAll(async () => {
    // Events for this ticket are sent by the test alone.
    await sim('PUT', '/__sim/clock', { paused: true });
    token = await tokenOf('hl-events');
    const d = await submitDelivered(token);
    trackingNo = d.trackingNo;
    ticketNo = d.ticket.ticketNo;
  });
  afterAll(() => sim('PUT', '/__sim/clock', { paused: false }));
  const ev = (pos: number, status: string, department: string | null = '市生态环境局') => ({
    eventId: `${ticketNo}.${pos}`,
    ticketNo,
    status,
    at: new Date(Date.now() + pos * 1000).toISOString(),
    department,
    note: `测试事件 ${pos}`,
  });

  test('when an event is unsigned, badly signed, signed with another secret or too old, then 401 and nothing changes', async () => {
    const e = ev(2, 'dispatched');
    expect((await post(e, { sig: null })).status).toBe(401);
    expect((await post(e, { sig: 'ab'.repeat(32) })).status).toBe(401);
    expect((await post(e, { sig: 'not-hex' })).status).toBe(401);
    expect((await post(e, { secret: 'another-secret' })).status).toBe(401);
    expect((await post(e, { ts: Date.now() - 10 * 60_000 })).status).toBe(401);
    expect((await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token })).body.status).toBe('accepted');
  });

  test('when events arrive twice and out of order, then each is applied once and the latest position wins', async () => {
    const r3 = await post(ev(3, 'processing'));
    expect(r3.status).toBe(200);
    expect(r3.body).toEqual({ ok: true, duplicate: false });
    const r2 = await post(ev(2, 'dispatched'));
    expect(r2.body.duplicate).toBe(false);
    expect((await post(ev(3, 'processing'))).body).toEqual({ ok: true, duplicate: true });
    const d = (await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token })).body;
    expect(d.status).toBe('processing');
    expect(d.timeline.map((e: any) => e.status)).toEqual(['submitted', 'accepted', 'dispatched', 'processing']);
  });

  test('when a signed event carries a time that is not a date-time, then 400 naming it (not a 500 the case system would retry forever)', async () => {
    for (const at of ['yesterday', '2026-13-45T99:00:00Z', '2026-12-01 10:00']) {
      const r = await post({ ...ev(5, 'processing'), at });
      expect(r.status).toBe(400);
      expect(r.body.error.details[0]).toEqual({ field: 'at', message: '事件时间须为带时区的 ISO 8601 时间' });
    }
    expect((await post({ ...ev(5, 'processing'), at: '2026-12-01T10:00:00+08:00' })).status).toBe(200);
  });

  test('when a signed event is malformed, then 400', async () => {
    const r = await post({ eventId: 'x', ticketNo, status: 'teleported' });
    expect(r.status).toBe(400);
  });

  test('when an event comes for a case ticket we have not mapped yet, then it is kept and applied once the ticket is mapped', async () => {
    const models = hotlineModels(s.context.mongo);
    const caseNo = `12345-20990101-${String(Date.now() % 1e6).padStart(6, '0')}`;
    const r = await post({ eventId: `${caseNo}.2`, ticketNo: caseNo, status: 'dispatched', at: new Date().toISOString(), department: '市水务局', note: '已派单' });
    expect(r.status).toBe(200);
    expect(await models.ParkedEvent.countDocuments({ ticketNo: caseNo })).toBe(1);

    // A stored submission gets mapped to that number, as the forwarder does on acceptance.
    await s.sims.case.setFaults({ mode: 'down' });
    const sub = await submit(token);
    await models.Ticket.updateOne({ trackingNo: sub.body.trackingNo }, { $set: { 'forward.state': 'delivered', caseTicketNo: caseNo } });
    await s.heal();
    await applyParkedEvents({ ...s.context, notify: hotlineWorkers(s.context)!.service.notify, models }, caseNo);
    const d = (await s.req('GET', `/api/v1/hotline/tickets/${sub.body.trackingNo}`, { token })).body;
    expect(d).toMatchObject({ status: 'dispatched', department: '市水务局' });
    expect(await models.ParkedEvent.countDocuments({ ticketNo: caseNo })).toBe(0);
  });

  test('when another event is parked while parked events are being applied, then it is kept for the next pass, not deleted unapplied', async () => {
    const token = await tokenOf('hl-events');
    const models = hotlineModels(s.context.mongo);
    const caseNo = `12345-20990102-${String(Date.now() % 1e6).padStart(6, '0')}`;
    const park = (pos: number, status: string) =>
      models.ParkedEvent.updateOne(
        { eventId: `${caseNo}.${pos}` },
        { $setOnInsert: { ticketNo: caseNo, status, at: new Date(Date.now() + pos), department: '市水务局', note: status } },
        { upsert: true },
      );
    await park(1, 'accepted');
    await s.sims.case.setFaults({ mode: 'down' });
    const sub = await submit(token);
    await models.Ticket.updateOne({ trackingNo: sub.body.trackingNo }, { $set: { 'forward.state': 'delivered', caseTicketNo: caseNo } });
    await s.heal();
    // The second event lands after the parked ones were read, while the merge reads the ticket.
    let raced = false;
    const Ticket = new Proxy(models.Ticket, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (prop !== 'findOne') return typeof v === 'function' ? v.bind(target) : v;
        return (...args: any[]) => ({
          lean: async () => {
            if (!raced) {
              raced = true;
              await park(2, 'dispatched');
            }
            return (target.findOne as any)(...args).lean();
          },
        });
      },
    });
    await applyParkedEvents({ ...s.context, notify: hotlineWorkers(s.context)!.service.notify, models: { ...models, Ticket } }, caseNo);
    expect(raced).toBe(true);
    expect((await models.ParkedEvent.find({ ticketNo: caseNo }).lean()).map((p) => p.eventId)).toEqual([`${caseNo}.2`]);
    await applyParkedEvents({ ...s.context, notify: hotlineWorkers(s.context)!.service.notify, models }, caseNo);
    const d = (await s.req('GET', `/api/v1/hotline/tickets/${sub.body.trackingNo}`, { token })).body;
    expect(d.timeline.map((e: any) => e.status)).toEqual(['submitted', 'accepted', 'dispatched']);
    expect(await models.ParkedEvent.countDocuments({ ticketNo: caseNo })).toBe(0);
  });
});

describe('POST /api/v1/hotline/tickets/:trackingNo/rating', () => {
  test('when rated before 办结, then 409; after 办结, 不满意 with 重办 reopens the case in the case system; a second rating of the same round is refused', async () => {
    const token = await tokenOf('hl-rater');
    const { trackingNo, ticket } = await submitDelivered(token);
    const early = await s.req('POST', `/api/v1/hotline/tickets/${trackingNo}/rating`, { token, body: { rating: 'satisfied' } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('诉求办结后才能评价');

    for (let i = 0; i < 3; i++) await sim('POST', '/__sim/advance', { ticketNo: ticket.ticketNo });
    const r = await s.req('POST', `/api/v1/hotline/tickets/${trackingNo}/rating`, { token, body: { rating: 'unsatisfied', comment: '噪音依旧', reopen: true } });
    expect(r.status).toBe(200);
    expect(r.body.rating).toMatchObject({ rating: 'unsatisfied', ratingLabel: '不满意', comment: '噪音依旧', reopenRequested: true });
    expect(r.body.status).toBe('processing');
    const simT = (await simTickets()).find((t) => t.ticketNo === ticket.ticketNo);
    expect(simT.rating.rating).toBe('unsatisfied');
    expect(simT.timeline.at(-1)).toMatchObject({ status: 'processing', note: '重办' });

    const again = await s.req('POST', `/api/v1/hotline/tickets/${trackingNo}/rating`, { token, body: { rating: 'satisfied' } });
    expect(again.status).toBe(409);

    // After the reopened case is closed again, the new round may be rated.
    await sim('POST', '/__sim/advance', { ticketNo: ticket.ticketNo });
    const second = await s.req('POST', `/api/v1/hotline/tickets/${trackingNo}/rating`, { token, body: { rating: 'satisfied' } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: 'visited', rating: { rating: 'satisfied', reopenRequested: false } });
    const third = await s.req('POST', `/api/v1/hotline/tickets/${trackingNo}/rating`, { token, body: { rating: 'satisfied' } });
    expect(third.status).toBe(409);
    expect(third.body.error.message).toBe('该诉求已经评价过了，不能重复评价');
  });

  test('when 重办 is asked with a rating other than 不满意, or the rating is unknown, then 400', async () => {
    const token = await tokenOf('hl-rater');
    const r = await s.req('POST', '/api/v1/hotline/tickets/RX-20260101-AAAAAA/rating', { token, body: { rating: 'satisfied', reopen: true } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toEqual({ field: 'reopen', message: '只有选择“不满意”时才能申请重办' });
    const r2 = await s.req('POST', '/api/v1/hotline/tickets/RX-20260101-AAAAAA/rating', { token, body: { rating: 'great' } });
    expect(r2.body.error.details[0]).toEqual({ field: 'rating', message: '请选择满意、基本满意或不满意' });
  });

  test("when someone else rates a ticket, then 404; without a token, 401", async () => {
    const { trackingNo } = await submitDelivered(await tokenOf('hl-rater'));
    const r = await s.req('POST', `/api/v1/hotline/tickets/${trackingNo}/rating`, { token: await tokenOf('hl-alice'), body: { rating: 'satisfied' } });
    expect(r.status).toBe(404);
    expect((await s.req('POST', `/api/v1/hotline/tickets/${trackingNo}/rating`, { body: { rating: 'satisfied' } })).status).toBe(401);
  });

  test('when the case system is down at rating time, then 503 and no rating is recorded', async () => {
    const token = await tokenOf('hl-rater');
    const { trackingNo, ticket } = await submitDelivered(token);
    for (let i = 0; i < 3; i++) await sim('POST', '/__sim/advance', { ticketNo: ticket.ticketNo });
    await eventually(async () => (await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token })).body.status === 'closed');
    await s.sims.case.setFaults({ mode: 'down' });
    const r = await s.req('POST', `/api/v1/hotline/tickets/${trackingNo}/rating`, { token, body: { rating: 'satisfied' } });
    expect(r.status).toBe(503);
    await s.heal();
    expect((await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token })).body.rating).toBeNull();
  });
});

describe('GET /api/v1/hotline/stats', () => {
  test('when the case system answers, then totals, per-type and per-month figures add up with their denominators and definitions', async () => {
    const from = '2026-01';
    const to = '2026-06';
    const r = await s.req('GET', `/api/v1/hotline/stats?from=${from}&to=${to}`);
    expect(r.status).toBe(200);
    const published: any = await (await fetch(`${s.sims.case.url}/api/stats?from=${from}&to=${to}`)).json();
    expect(r.body.months.map((m: any) => m.month)).toEqual(published.months.map((m: any) => m.month));
    let accepted = 0;
    let satisfied = 0;
    let rated = 0;
    for (const m of published.months) {
      for (const t of Object.values<any>(m.byType)) {
        accepted += t.accepted;
        satisfied += t.satisfied;
        rated += t.rated;
      }
    }
    expect(r.body.status).toBe('ok');
    expect(r.body.total.accepted).toBe(accepted);
    expect(r.body.total.satisfactionRate).toEqual({ value: Math.round((satisfied / rated) * 10000) / 10000, numerator: satisfied, denominator: rated });
    const jan = published.months[0];
    const janComplaint = r.body.months[0].byType.find((t: any) => t.type === 'complaint');
    expect(janComplaint).toMatchObject({ typeLabel: '投诉', accepted: jan.byType.complaint.accepted, onTimeRate: { numerator: jan.byType.complaint.handledOnTime, denominator: jan.byType.complaint.handled } });
    expect(r.body.byType.map((t: any) => t.typeLabel)).toEqual(['咨询', '求助', '投诉', '举报', '建议']);
    expect(r.body.definitions.find((d: any) => d.metric === 'satisfactionRate').definition).toContain('已评价件数');
  });

  test('when the case system goes down after the figures were cached, then any published range is served marked stale; with nothing cached, 503', async () => {
    await s.req('GET', '/api/v1/hotline/stats?from=2025-01&to=2025-03');
    await s.sims.case.setFaults({ mode: 'down' });
    // Let the cached copy pass its fresh time so the next read tries the case system.
    const hit = await eventually(async () => {
      const r = await s.req('GET', '/api/v1/hotline/stats?from=2025-01&to=2025-03');
      return r.body.status === 'stale' ? r : null;
    }, s.config.CACHE_FRESH_S * 1000 + 3000, 200);
    expect(hit.status).toBe(200);
    expect(hit.body.months).toHaveLength(3);
    // A range never asked for before is cut from the same copy.
    const other = await s.req('GET', '/api/v1/hotline/stats?from=2025-04&to=2025-05');
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ status: 'stale', from: '2025-04', to: '2025-05' });
    await s.context.cache.invalidate(`c:case:stats:last${STATS_WINDOW_MONTHS}`);
    expect((await s.req('GET', '/api/v1/hotline/stats?from=2025-04&to=2025-05')).status).toBe(503);
  }, 90_000);

  test('when many distinct ranges are asked for at once, then the case system is called once and each answer is that range', async () => {
    await s.context.cache.invalidate(`c:case:stats:last${STATS_WINDOW_MONTHS}`);
    const spy = jest.spyOn(s.context.upstreams.caseSystem, 'getStats');
    try {
      const { from: first } = statsWindow(new Date());
      const ranges = Array.from({ length: 20 }, (_, i) => {
        const [y, m] = first.split('-').map(Number);
        const n = y * 12 + m - 1 + i;
        const month = `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
        return { from: month, to: month };
      });
      const answers = await Promise.all(ranges.map((r) => s.req('GET', `/api/v1/hotline/stats?from=${r.from}&to=${r.to}`)));
      expect(answers.map((a) => a.status)).toEqual(ranges.map(() => 200));
      expect(answers.map((a) => a.body.months.map((m: any) => m.month))).toEqual(ranges.map((r) => [r.from]));
      // One load of the canonical window (a second only if the 1 s fresh time ran out meanwhile).
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });

  test('when no range is given, then the 12 complete months up to last month (the running month is not shown as a month)', async () => {
    const r = await s.req('GET', '/api/v1/hotline/stats');
    expect(r.status).toBe(200);
    const last = lastCompleteMonth(new Date());
    const months = r.body.months.map((m: any) => m.month);
    expect(months).toHaveLength(12);
    expect(months[11]).toBe(last);
    expect(months).not.toContain(statsWindow(new Date()).to);
    expect(r.body.to).toBe(last);
    // The running month is still published when asked for.
    const running = await s.req('GET', `/api/v1/hotline/stats?from=${statsWindow(new Date()).to}`);
    expect(running.body.months.map((m: any) => m.month)).toEqual([statsWindow(new Date()).to]);
  });

  test('when home and the statistics page are read, then the hotline panel shows the last month of the statistics, with the same figures', async () => {
    const [home, stats] = await Promise.all([s.req('GET', '/api/v1/home'), s.req('GET', '/api/v1/hotline/stats')]);
    const panel = home.body.hotlineStats.data;
    const last = stats.body.months[stats.body.months.length - 1];
    expect(panel.month).toBe(last.month);
    expect(panel).toMatchObject({
      accepted: last.total.accepted,
      handled: last.total.handled,
      handledOnTime: last.total.handledOnTime,
      rated: last.total.rated,
      satisfied: last.total.satisfied,
      onTimeRate: last.total.onTimeRate.value,
      satisfactionRate: last.total.satisfactionRate.value,
    });
  });

  test('when the range reaches outside the published window, then 400 naming the field', async () => {
    const { from, to } = statsWindow(new Date());
    const before = `${Number(from.slice(0, 4)) - 1}${from.slice(4)}`;
    const after = `${Number(to.slice(0, 4)) + 1}${to.slice(4)}`;
    const early = await s.req('GET', `/api/v1/hotline/stats?from=${before}&to=${to}`);
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toEqual({ field: 'from', message: `只能查询最近 ${STATS_WINDOW_MONTHS} 个月的统计（${from} 起）` });
    const late = await s.req('GET', `/api/v1/hotline/stats?to=${after}`);
    expect(late.status).toBe(400);
    expect(late.body.error.details[0]).toEqual({ field: 'to', message: `只能查询已公布的月份（最晚到 ${to}）` });
  });

  test('when the months are malformed or reversed, then 400', async () => {
    expect((await s.req('GET', '/api/v1/hotline/stats?from=2026-13')).body.error.details[0]).toEqual({ field: 'from', message: '月份格式应为 YYYY-MM' });
    expect((await s.req('GET', '/api/v1/hotline/stats?from=2026-05&to=2026-01')).body.error.details[0]).toEqual({ field: 'from', message: '起始月份不能晚于结束月份' });
  });
});

describe('staff desk', () => {
  test('when staff filter the tickets, then only matching ones come back with masked phones', async () => {
    const staff = await tokenOf('hl-staff');
    const citizen = await tokenOf('hl-desk');
    const a = await submit(citizen, form({ type: 'suggestion', title: '建议增设公交站台候车亭', contactPhone: '13811112222' }));
    const r = await s.req('GET', '/api/v1/hotline/staff/tickets?type=suggestion&q=候车亭', { token: staff });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: any) => i.trackingNo)).toEqual([a.body.trackingNo]);
    expect(r.body.items[0]).toMatchObject({ contactPhoneMasked: '138****2222', anonymous: false, typeLabel: '建议' });
    const none = await s.req('GET', '/api/v1/hotline/staff/tickets?type=suggestion&status=visited&q=候车亭', { token: staff });
    expect(none.body.total).toBe(0);
  });

  test('when staff export CSV, then it is UTF-8 with a BOM, one row per ticket and Chinese headers', async () => {
    const staff = await tokenOf('hl-staff');
    const citizen = await tokenOf('hl-desk');
    const a = await submit(citizen, form({ type: 'report', title: '=HYPERLINK("x") 举报无证经营', contactPhone: '13811113333' }));
    const res = await fetch(`${s.url}/api/v1/hotline/staff/tickets.csv?type=report&q=${encodeURIComponent('无证经营')}`, { headers: { authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0].split(',')).toContain('诉求编号');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(a.body.trackingNo);
    expect(lines[1]).toContain('138****3333');
    expect(lines[1]).not.toContain('13811113333');
    // Formula cells are defused.
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") 举报无证经营"`);
    // So are full-width ones, which some spreadsheets fold to = + - @.
    const b = await submit(citizen, form({ type: 'report', title: '＝1+1 举报无证经营摊点', contactPhone: '13811113334' }));
    const res2 = await fetch(`${s.url}/api/v1/hotline/staff/tickets.csv?type=report&q=${encodeURIComponent('无证经营摊点')}`, { headers: { authorization: `Bearer ${staff}` } });
    const row = Buffer.from(await res2.arrayBuffer()).toString('utf8').trimEnd().split('\r\n')[1];
    expect(row).toContain(b.body.trackingNo);
    expect(row).toContain(",'＝1+1 举报无证经营摊点,");
  });

  test('when a citizen or nobody calls the desk, then 403 / 401; a bad filter is 400; an unknown number 404', async () => {
    const citizen = await tokenOf('hl-desk');
    expect((await s.req('GET', '/api/v1/hotline/staff/tickets', { token: citizen })).status).toBe(403);
    expect((await s.req('GET', '/api/v1/hotline/staff/tickets.csv', { token: citizen })).status).toBe(403);
    expect((await s.req('GET', '/api/v1/hotline/staff/tickets/RX-20260101-AAAAAA', { token: citizen })).status).toBe(403);
    expect((await s.req('GET', '/api/v1/hotline/staff/tickets')).status).toBe(401);
    const staff = await tokenOf('hl-staff');
    expect((await s.req('GET', '/api/v1/hotline/staff/tickets?type=praise', { token: staff })).status).toBe(400);
    expect((await s.req('GET', '/api/v1/hotline/staff/tickets/RX-20260101-AAAAAA', { token: staff })).status).toBe(404);
  });

  test('when a staff filter names a date that does not exist, then 400 日期不存在 on that field', async () => {
    const staff = await tokenOf('hl-staff');
    for (const [field, date] of [['from', '2024-13-01'], ['to', '2024-02-30'], ['from', '2023-02-29']] as const) {
      const r = await s.req('GET', `/api/v1/hotline/staff/tickets?${field}=${date}`, { token: staff });
      expect(r.status).toBe(400);
      expect(r.body.error.details).toEqual([{ field, message: '日期不存在' }]);
      expect((await fetch(`${s.url}/api/v1/hotline/staff/tickets.csv?${field}=${date}`, { headers: { authorization: `Bearer ${staff}` } })).status).toBe(400);
    }
    expect((await s.req('GET', '/api/v1/hotline/staff/tickets?from=2024-02-29&to=2024-03-01', { token: staff })).status).toBe(200);
  });
});
