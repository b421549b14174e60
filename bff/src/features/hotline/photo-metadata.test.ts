import { stripMetadata } from './photo-metadata';

/** A JPEG segment: marker, length, payload. */
const seg = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

/** A little-endian EXIF block with orientation and a GPS latitude reference, as phones write them. */
function exifWithGps(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 16);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(2, 8);
  // Orientation (SHORT)
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  // A GPS IFD pointer; the text below stands for the coordinates it leads to.
  tiff.writeUInt16LE(0x8825, 22);
  tiff.writeUInt16LE(4, 24);
  tiff.writeUInt32LE(1, 26);
  tiff.writeUInt32LE(38, 30);
  tiff.write('GPS 30.27N120.15E', 38, 'latin1');
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

const SCAN = Buffer.concat([seg(0xda, Buffer.from([1, 2, 3, 4])), Buffer.from([9, 9, 9, 9, 0xff, 0xd9])]);

describe('stripMetadata', () => {
  test('when a JPEG carries EXIF with GPS, XMP and a comment, then they are gone, the orientation and the image data stay', () => {
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      seg(0xe0, Buffer.from('JFIF\0\x01\x01', 'latin1')),
      seg(0xe1, exifWithGps(6)),
      seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>拍摄地点</x:xmpmeta>')),
      seg(0xfe, Buffer.from('taken by 张三')),
      seg(0xdb, Buffer.alloc(65, 1)),
      SCAN,
    ]);
    const out = stripMetadata(jpeg, 'image/jpeg');
    expect(out.includes(Buffer.from('GPS 30.27N'))).toBe(false);
    expect(out.includes(Buffer.from('xmpmeta'))).toBe(false);
    expect(out.includes(Buffer.from('张三'))).toBe(false);
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(out.subarray(out.length - SCAN.length)).toEqual(SCAN);
    expect(out.includes(Buffer.from('JFIF'))).toBe(true);
    // A minimal EXIF with the orientation (6: rotate 90°) only.
    const app1 = out.indexOf(Buffer.from('Exif\0\0', 'latin1'));
    expect(app1).toBeGreaterThan(0);
    expect(out.readUInt16BE(app1 + 6 + 10 + 8)).toBe(6);
  });

  test('when a PNG carries text and EXIF chunks, then only the image chunks stay', () => {
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    };
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'),
      chunk('IHDR', Buffer.alloc(13)),
      chunk('tEXt', Buffer.from('Location\0幸福路 12 号')),
      chunk('eXIf', exifWithGps(1).subarray(6)),
      chunk('IDAT', Buffer.alloc(20, 5)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const out = stripMetadata(png, 'image/png');
    expect(out.includes(Buffer.from('Location'))).toBe(false);
    expect(out.includes(Buffer.from('GPS 30.27N'))).toBe(false);
    expect(['IHDR', 'IDAT', 'IEND'].every((t) => out.includes(Buffer.from(t)))).toBe(true);
  });

  test('when a WebP carries EXIF and XMP chunks, then they and their flags are gone and the RIFF size fits', () => {
    const chunk = (fourcc: string, data: Buffer) => {
      const size = Buffer.alloc(4);
      size.writeUInt32LE(data.length);
      return Buffer.concat([Buffer.from(fourcc, 'latin1'), size, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x04;
    const body = Buffer.concat([chunk('VP8X', vp8x), chunk('VP8 ', Buffer.alloc(30, 3)), chunk('EXIF', exifWithGps(1)), chunk('XMP ', Buffer.from('<x:xmpmeta/>'))]);
    const head = Buffer.alloc(12);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(body.length + 4, 4);
    head.write('WEBP', 8, 'latin1');
    const out = stripMetadata(Buffer.concat([head, body]), 'image/webp');
    expect(out.includes(Buffer.from('GPS 30.27N'))).toBe(false);
    expect(out.includes(Buffer.from('xmpmeta'))).toBe(false);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[12 + 8] & 0x0c).toBe(0);
  });

  test('when a file cannot be followed, then it is returned as it came', () => {
    const odd = Buffer.from([0xff, 0xd8, 0x00, 0x01, 0x02]);
    expect(stripMetadata(odd, 'image/jpeg')).toEqual(odd);
  });
});
