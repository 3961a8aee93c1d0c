import { crc32, deflateSync } from 'node:zlib';

/** PNG colour type of 1 (grey), 3 (RGB) or 4 (RGBA) channels. */
const COLOUR_TYPE = { 1: 0, 3: 2, 4: 6 } as const;
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One PNG chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Encodes uint8 pixels `[height, width, channels]` as base64 PNG with Node's public zlib (deflate and CRC-32),
 * synchronously: display helpers must be synchronous so the output lands in the cell that asked for it
 * (tfjs-node's public `tf.node.encodePng` is async).
 */
export function encodePngBase64(pixels: Uint8Array, height: number, width: number, channels: 1 | 3 | 4): string {
  if (pixels.length !== height * width * channels) {
    throw new Error(`encodePngBase64: ${pixels.length} bytes do not fill ${height}x${width}x${channels}; pass height*width*channels bytes`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, COLOUR_TYPE[channels], 0, 0, 0], 8); // 8 bits per sample, deflate, no filter method, no interlace
  const row = width * channels;
  const scanlines = Buffer.alloc(height * (row + 1)); // each row starts with filter type 0 (none)
  for (let y = 0; y < height; y++) scanlines.set(pixels.subarray(y * row, (y + 1) * row), y * (row + 1) + 1);
  const png = Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(scanlines)), chunk('IEND', Buffer.alloc(0))]);
  return png.toString('base64');
}
