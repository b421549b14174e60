import type { PhotoMime } from './photos';

/**
 * Removes what a photo says about its taker beyond the picture: EXIF (GPS position, device,
 * time), XMP, IPTC and comments. Only the EXIF orientation is kept (in a minimal EXIF block
 * of its own), so a phone photo still shows the right way up. The image data itself is
 * copied untouched: nothing is re-encoded. A file whose structure cannot be followed is
 * returned as it came (it has already passed the magic-byte check).
 */
export function stripMetadata(data: Buffer, mime: PhotoMime): Buffer {
  try {
    if (mime === 'image/jpeg') return stripJpeg(data);
    if (mime === 'image/png') return stripPng(data);
    return stripWebp(data);
  } catch {
    return data;
  }
}

/** APPn segments that carry no personal data and matter for display: JFIF (APP0), ICC colour (APP2), Adobe (APP14). */
const KEPT_APP = new Set([0xe0, 0xe2, 0xee]);

function stripJpeg(data: Buffer): Buffer {
  if (data[0] !== 0xff || data[1] !== 0xd8) return data;
  const out: Buffer[] = [data.subarray(0, 2)];
  let orientation: number | null = null;
  let sawScan = false;
  let pos = 2;
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) return data; // not a segment boundary: leave the file alone
    const marker = data[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xda) {
      // Start of scan: the compressed image and everything after it stay as they are.
      out.push(data.subarray(pos));
      sawScan = true;
      break;
    }
    const length = data.readUInt16BE(pos + 2);
    const segment = data.subarray(pos, pos + 2 + length);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === 0xe1 && orientation === null) orientation = exifOrientation(segment.subarray(4));
    const drop = (isApp && !KEPT_APP.has(marker)) || marker === 0xfe;
    if (!drop) out.push(segment);
    pos += 2 + length;
  }
  if (!sawScan) return data; // no image data found where it should be: leave the file alone
  if (orientation && orientation !== 1) out.splice(1, 0, orientationSegment(orientation));
  return Buffer.concat(out);
}

/** The orientation tag (0x0112) of IFD0 in an APP1 `Exif\0\0` payload, or null. */
function exifOrientation(payload: Buffer): number | null {
  if (payload.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return null;
  try {
    return readOrientation(payload.subarray(6));
  } catch {
    return null; // a damaged EXIF block is dropped whole all the same
  }
}

function readOrientation(tiff: Buffer): number | null {
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** An APP1 segment holding a big-endian TIFF with one IFD entry: the orientation. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = 0xe1;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** PNG chunks that carry text, EXIF or a timestamp. */
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(data: Buffer): Buffer {
  const out: Buffer[] = [data.subarray(0, 8)];
  let pos = 8;
  while (pos + 12 <= data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.subarray(pos + 4, pos + 8).toString('latin1');
    const chunk = data.subarray(pos, pos + 12 + length);
    if (!PNG_DROPPED.has(type)) out.push(chunk);
    pos += 12 + length;
    if (type === 'IEND') break;
  }
  return Buffer.concat(out);
}

function stripWebp(data: Buffer): Buffer {
  if (data.subarray(0, 4).toString('latin1') !== 'RIFF' || data.subarray(8, 12).toString('latin1') !== 'WEBP') return data;
  const chunks: Buffer[] = [];
  let pos = 12;
  while (pos + 8 <= data.length) {
    const fourcc = data.subarray(pos, pos + 4).toString('latin1');
    const size = data.readUInt32LE(pos + 4);
    const padded = size + (size % 2);
    const chunk = Buffer.from(data.subarray(pos, pos + 8 + padded));
    if (fourcc === 'VP8X') chunk[8] &= ~(0x08 | 0x04); // the EXIF and XMP flags
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') chunks.push(chunk);
    pos += 8 + padded;
  }
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
