/** Copies image `index` of `[N][H][W][C]` uint8 pixels (C = 1 or 3) into an RGBA ImageData. */
export function imageData(bytes: Uint8Array, index: number, height: number, width: number, channels: 1 | 3): ImageData {
  const out = new ImageData(width, height);
  const rgba = out.data;
  const base = index * height * width * channels;
  for (let p = 0; p < height * width; p++) {
    const s = base + p * channels;
    rgba[4 * p] = bytes[s];
    rgba[4 * p + 1] = bytes[s + (channels === 3 ? 1 : 0)];
    rgba[4 * p + 2] = bytes[s + (channels === 3 ? 2 : 0)];
    rgba[4 * p + 3] = 255;
  }
  return out;
}

/** A canvas of the image's native size whose CSS size is an integer multiple, drawn nearest-neighbour (CSS `pixelated`). */
export function pixelCanvas(height: number, width: number, zoom: number, className: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = className;
  canvas.width = width;
  canvas.height = height;
  canvas.style.width = `${width * zoom}px`;
  canvas.style.height = `${height * zoom}px`;
  return canvas;
}

/** The integer zoom that makes the longer side about `target` CSS pixels (at least 1). */
export function zoomFor(height: number, width: number, target: number): number {
  return Math.max(1, Math.floor(target / Math.max(height, width)));
}
