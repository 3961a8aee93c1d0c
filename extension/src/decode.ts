/** Number of bytes a (pattern-checked) base64 string decodes to, computed without decoding. */
export function base64ByteLength(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return (data.length / 4) * 3 - padding;
}

/** Decodes base64 to bytes. */
export function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Value of quantised byte `q` of a channel whose range is `min..max` (the feature-maps encoding). */
export function dequantise(q: number, min: number, max: number): number {
  return min + ((max - min) * q) / 255;
}
