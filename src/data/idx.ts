/** The idx format of the MNIST files (LeCun et al.): a 4-byte magic (0, 0, type, rank), big-endian sizes, then the values. */

/** An idx array of unsigned bytes: its sizes and the values, a view into the file's buffer (no copy). */
export interface IdxArray {
  shape: number[];
  values: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/** Parses an idx file of unsigned bytes; `name` is used in the errors. */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0)
    throw new Error(`${name} is not an idx file (it must start with two zero bytes)`);
  if (bytes[2] !== UNSIGNED_BYTE)
    throw new Error(`${name} holds idx type 0x${bytes[2].toString(16)}; only unsigned bytes (0x08) are supported`);
  const rank = bytes[3];
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw new Error(`${name} is truncated: its header needs ${header} bytes, the file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + size)
    throw new Error(`${name} has ${bytes.length - header} values for shape [${shape.join(', ')}] (${size} expected); the file is damaged`);
  return { shape, values: bytes.subarray(header) };
}
