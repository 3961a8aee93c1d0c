/** A raster of uint8 pixels, row-major `[height][width][channels]`. */
export interface Raster {
  pixels: Uint8Array;
  height: number;
  width: number;
  channels: 1 | 3;
}

/** How to lay out tiles: columns, integer nearest-neighbour zoom, gap in pixels and the gap's grey level. */
export interface TileLayout {
  columns: number;
  zoom: number;
  gap: number;
  background: number;
}

/**
 * Lays out `count` images of `height × width × channels` (uint8, `[N][H][W][C]`) in a grid, each upscaled
 * by an integer factor with nearest-neighbour sampling; the images embedded in the SVG fallbacks are drawn with it.
 */
export function tileImages(images: Uint8Array, count: number, height: number, width: number, channels: 1 | 3, layout: TileLayout): Raster {
  const { columns, zoom, gap, background } = layout;
  const rows = Math.ceil(count / columns);
  const tileH = height * zoom;
  const tileW = width * zoom;
  const outH = rows * tileH + (rows - 1) * gap;
  const outW = Math.min(count, columns) * tileW + (Math.min(count, columns) - 1) * gap;
  const pixels = new Uint8Array(outH * outW * channels).fill(background);
  for (let n = 0; n < count; n++) {
    const top = Math.floor(n / columns) * (tileH + gap);
    const left = (n % columns) * (tileW + gap);
    for (let y = 0; y < tileH; y++) {
      const src = (n * height + Math.floor(y / zoom)) * width * channels;
      const dst = ((top + y) * outW + left) * channels;
      for (let x = 0; x < tileW; x++) {
        const s = src + Math.floor(x / zoom) * channels;
        for (let c = 0; c < channels; c++) pixels[dst + x * channels + c] = images[s + c];
      }
    }
  }
  return { pixels, height: outH, width: outW, channels };
}
