import type { ImageGridPayload } from './payloads';
import { fitText, svgDocument, svgText, textWidth } from './svg';
import { svgTileGrid, tileSize } from './svg_tiles';

const PAD = 10;
const MIN_WIDTH = 360;

/** The static fallback of an image grid, drawn from its payload: title, the images in the payload's columns, captions. */
export function imageGridSvg(p: ImageGridPayload, description: string): string {
  const columns = Math.min(p.columns, p.count);
  const grid = svgTileGrid({
    bytes: Buffer.from(p.data, 'base64'),
    count: p.count,
    height: p.height,
    width: p.width,
    channels: p.channels,
    columns,
    tile: tileSize(columns, 160),
    captions: p.captions,
    left: PAD,
    top: p.title ? 50 : 30,
  });
  const width = Math.max(MIN_WIDTH, grid.width + 2 * PAD, Math.min(720, textWidth(p.title ?? '', 14) + 2 * PAD + 4));
  const head: string[] = [];
  if (p.title) head.push(svgText(PAD, 20, fitText(p.title, width - 2 * PAD, 14), { bold: true, size: 14 }));
  head.push(
    svgText(PAD, p.title ? 38 : 18, `${p.count} image${p.count === 1 ? '' : 's'}, ${p.height}×${p.width}×${p.channels}`, {
      size: 11,
      fill: '#555',
    }),
  );
  return svgDocument(width, grid.height + (p.title ? 50 : 30) + PAD, description, [...head, ...grid.body]);
}
