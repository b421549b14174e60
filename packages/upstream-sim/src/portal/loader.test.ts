import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSim, SimStartError } from '../index';
import { ContentValidationError, loadPortalContent } from './loader';

const FIXTURE = path.join(__dirname, '__fixtures__', 'basic');

function tempDirWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-content-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function fixtureRecords(file: string): any[] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE, file), 'utf8'));
}

function issuesOf(files: Record<string, string>): string[] {
  try {
    loadPortalContent(tempDirWith(files));
  } catch (err) {
    if (err instanceof ContentValidationError) return err.issues;
    throw err;
  }
  throw new Error('expected the content to be rejected');
}

describe('portal content loader', () => {
  it('when the fixture directory is loaded, then every collection is validated and unknown fields are dropped', () => {
    const { content, warnings } = loadPortalContent(FIXTURE);
    expect(content.policies).toHaveLength(3);
    expect(content.meetings[0].seats).toEqual({ public: 5, stakeholder: 2, expert: 2, media: 1 });
    const p2 = content.policies.find((p) => p.id === 'pol-002')!;
    expect(p2).not.toHaveProperty('internalNote');
    expect(p2.sourceUrl).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('when a file is missing, then its collection is empty', () => {
    const { content } = loadPortalContent(tempDirWith({ 'qas.json': '[]' }));
    expect(content.policies).toEqual([]);
    expect(content.qas).toEqual([]);
  });

  it('when a status is not in the enum, then the issue names file, index and field', () => {
    const records = fixtureRecords('policies.json');
    records.push({ ...records[0], id: 'pol-9', status: 'valid' });
    expect(issuesOf({ 'policies.json': JSON.stringify(records) })).toEqual([
      'policies.json[3].status: expected one of in_force|amended|repealed|expired',
    ]);
  });

  it('when fields have the wrong type or are missing, then each is reported with its path', () => {
    const [meeting] = fixtureRecords('meetings.json');
    const bad = { ...meeting, seats: { ...meeting.seats, media: 1.5 }, agenda: 'one item' };
    delete bad.location;
    expect(issuesOf({ 'meetings.json': JSON.stringify([meeting, bad]) })).toEqual([
      'meetings.json[1].location: missing required field (expected string)',
      'meetings.json[1].agenda: expected array, received string',
      'meetings.json[1].seats.media: expected int, received non-integer number',
    ]);
  });

  it('when a time has no offset, then it is rejected', () => {
    const [qa] = fixtureRecords('qas.json');
    expect(issuesOf({ 'qas.json': JSON.stringify([{ ...qa, updatedAt: '2025-02-01T09:00:00' }]) })).toEqual([
      'qas.json[0].updatedAt: expected ISO 8601 time with offset, e.g. 2026-11-20T09:00:00+08:00',
    ]);
  });

  it('when a nested enum is wrong, then the nested path is named', () => {
    const [item] = fixtureRecords('interpretations.json');
    item.media[0].kind = 'pdf';
    expect(issuesOf({ 'interpretations.json': JSON.stringify([item]) })).toEqual([
      'interpretations.json[0].media[0].kind: expected one of image|audio|video',
    ]);
  });

  it('when ids repeat within a file, then the duplicate is reported', () => {
    const [qa] = fixtureRecords('qas.json');
    expect(issuesOf({ 'qas.json': JSON.stringify([qa, { ...qa }]) })).toEqual([
      'qas.json[1].id: duplicate id "qa-001" (first used at index 0)',
    ]);
  });

  it('when a file is not JSON or not an array, then the file is named', () => {
    expect(issuesOf({ 'open-days.json': '[{' })[0]).toMatch(/^open-days\.json: invalid JSON: /);
    expect(issuesOf({ 'consultations.json': '{"items":[]}' })).toEqual(['consultations.json: expected a JSON array, received object']);
  });

  it('when a link points to an unknown record, then it is only a warning', () => {
    const [interp] = fixtureRecords('interpretations.json');
    const { warnings } = loadPortalContent(tempDirWith({ 'interpretations.json': JSON.stringify([{ ...interp, policyId: 'nope' }]) }));
    expect(warnings).toEqual(['interpretations.json[0].policyId: unknown policy "nope"']);
  });

  it('when the simulator starts on an invalid directory, then it exits with code 1 and the precise message', async () => {
    const records = fixtureRecords('policies.json');
    records[1].status = 'valid';
    const dir = tempDirWith({ 'policies.json': JSON.stringify(records) });
    const err = await spawnSim('portal', { PORTAL_CONTENT_DIR: dir }).then(
      () => {
        throw new Error('expected the simulator to fail');
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SimStartError);
    expect((err as SimStartError).exitCode).toBe(1);
    expect((err as SimStartError).stderr).toContain('policies.json[1].status: expected one of in_force|amended|repealed|expired');
  });
});
