import { encodePngBase64 } from './encode_png';
import { fitText, svgImage, svgRect, svgText } from './svg';
import { tileImages } from './tile_images';

/** A grid of images for an SVG fallback: uint8 pixels `[N][H][W][C]`, laid out in `columns`, each drawn `tile` px on its longer side. */
export interface SvgTileGrid {
  bytes: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  columns: number;
  tile: number;
  captions?: string[];
  left: number;
  top: number;
}

/** The drawn grid: SVG elements and the size they take. */
export interface SvgBlock {
  body: string[];
  width: number;
  height: number;
}

const GAP = 6;
const CAPTION = 14;
/** Images smaller than this (longer side) are upscaled before encoding, so they stay sharp where a viewer smooths scaled images. */
const MIN_PNG_SIDE = 32;

/** One image as a base64 PNG, upscaled nearest-neighbour to at least {@link MIN_PNG_SIDE} px. */
function imagePng(g: SvgTileGrid, index: number): string {
  const size = g.height * g.width * g.channels;
  const zoom = Math.max(1, Math.floor(MIN_PNG_SIDE / Math.max(g.height, g.width)));
  const r = tileImages(g.bytes.subarray(index * size, (index + 1) * size), 1, g.height, g.width, g.channels, {
    columns: 1,
    zoom,
    gap: 0,
    background: 255,
  });
  return encodePngBase64(r.pixels, r.height, r.width, r.channels);
}

/** Draws the images (one embedded PNG each, framed) with their captions below. */
export function svgTileGrid(g: SvgTileGrid): SvgBlock {
  const scale = g.tile / Math.max(g.height, g.width);
  const w = g.width * scale;
  const h = g.height * scale;
  const columns = Math.min(g.columns, g.count);
  const rowHeight = h + (g.captions ? CAPTION : 0) + GAP;
  const body: string[] = [];
  for (let i = 0; i < g.count; i++) {
    const x = g.left + (i % columns) * (w + GAP);
    const y = g.top + Math.floor(i / columns) * rowHeight;
    body.push(svgImage(x, y, w, h, imagePng(g, i)), svgRect(x, y, w, h, 'none', '#bbb'));
    const caption = g.captions?.[i];
    if (caption) body.push(svgText(x + w / 2, y + h + 11, fitText(caption, w + GAP, 10), { anchor: 'middle', size: 10 }));
  }
  return { body, width: columns * (w + GAP) - GAP, height: Math.ceil(g.count / columns) * rowHeight - GAP };
}

/** The drawn size of the longer side of each tile: about `target` px, shrunk so `columns` fit in `maxWidth`. */
export function tileSize(columns: number, target: number, maxWidth = 960): number {
  return Math.max(24, Math.min(target, Math.floor((maxWidth - (columns - 1) * GAP) / columns)));
}
