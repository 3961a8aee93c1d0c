import { VIRIDIS_LUT } from 'deconvlab-contract';
import { encodePngBase64 } from './encode_png';
import type { FeatureMapsPayload } from './payloads';
import { fitText, svgDocument, svgImage, svgRect, svgText, textWidth } from './svg';
import { niceTicks } from './svg_chart';
import { svgTileGrid, tileSize } from './svg_tiles';

const PAD = 10;
const MIN_WIDTH = 360;

/** A number with 4 significant digits. */
function fmt(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** Each channel through viridis as RGB `[C][H][W][3]`: over the shared range or the channel's own min..max, as the payload's scale says. */
function colourChannels(p: FeatureMapsPayload, bytes: Uint8Array): Uint8Array {
  const lo = Math.min(...p.min);
  const hi = Math.max(...p.max);
  const rgb = new Uint8Array(bytes.length * 3);
  const plane = p.height * p.width;
  for (let i = 0; i < bytes.length; i++) {
    const c = Math.floor(i / plane);
    const shared = hi > lo ? ((p.min[c] - lo + ((p.max[c] - p.min[c]) * bytes[i]) / 255) / (hi - lo)) * 255 : 0;
    const level = p.scale === 'channel' ? bytes[i] : Math.max(0, Math.min(255, Math.round(shared)));
    rgb.set(VIRIDIS_LUT.subarray(3 * level, 3 * level + 3), 3 * i);
  }
  return rgb;
}

/** The colour bar: viridis from `left` over `width`, with the range's ends (or words for per-channel scales) below. */
function colourBar(p: FeatureMapsPayload, left: number, top: number, width: number): string[] {
  const out = [svgImage(left, top, width, 10, encodePngBase64(VIRIDIS_LUT, 1, 256, 3)), svgRect(left, top, width, 10, 'none', '#999')];
  const [lo, hi] = p.scale === 'shared' ? [fmt(Math.min(...p.min)), fmt(Math.max(...p.max))] : ['channel min', 'channel max'];
  out.push(svgText(left, top + 22, lo, { size: 10 }), svgText(left + width, top + 22, hi, { size: 10, anchor: 'end' }));
  out.push(
    svgText(
      left + width + 8,
      top + 9,
      p.scale === 'shared' ? 'colour: value, one scale for all channels' : 'colour: each channel over its own range',
      { size: 10, fill: '#555' },
    ),
  );
  return out;
}

/** One channel drawn large, with row/column axes and ticks (a single map, such as a matrix). */
function singleMap(p: FeatureMapsPayload, rgb: Uint8Array, top: number): { body: string[]; width: number; height: number } {
  const cell = Math.min(48, 400 / p.width, 320 / p.height);
  const [w, h, left] = [p.width * cell, p.height * cell, PAD + 44];
  const grid = svgTileGrid({
    bytes: rgb,
    count: 1,
    height: p.height,
    width: p.width,
    channels: 3,
    columns: 1,
    tile: Math.max(w, h),
    left,
    top,
  });
  const body = [...grid.body];
  for (const x of niceTicks(0, p.width - 1, Math.min(8, p.width)).filter(Number.isInteger))
    body.push(svgText(left + (x + 0.5) * cell, top + h + 12, String(x), { size: 10, anchor: 'middle' }));
  for (const y of niceTicks(0, p.height - 1, Math.min(8, p.height)).filter(Number.isInteger))
    body.push(svgText(left - 4, top + (y + 0.5) * cell + 4, String(y), { size: 10, anchor: 'end' }));
  body.push(
    svgText(left + w / 2, top + h + 28, 'column (x)', { anchor: 'middle' }),
    svgText(PAD + 12, top + h / 2, 'row (y)', { anchor: 'middle', rotate: -90 }),
  );
  return { body, width: left + w, height: h + 34 };
}

/** The static fallback of feature maps, drawn from their payload: title, layer, every channel in viridis with its index, the colour bar. */
export function featureMapsSvg(p: FeatureMapsPayload, description: string): string {
  const rgb = colourChannels(p, Buffer.from(p.data, 'base64'));
  const top = p.title ? 50 : 30;
  const columns = Math.min(p.channels, 8);
  const maps =
    p.channels === 1
      ? singleMap(p, rgb, top)
      : svgTileGrid({
          bytes: rgb,
          count: p.channels,
          height: p.height,
          width: p.width,
          channels: 3,
          columns,
          tile: tileSize(columns, 96, 760),
          captions: Array.from({ length: p.channels }, (_, c) => `ch ${c}`),
          left: PAD,
          top,
        });
  const width = Math.max(MIN_WIDTH, maps.width + 2 * PAD, 460, Math.min(720, textWidth(p.title ?? '', 14) + 2 * PAD + 4));
  const head: string[] = [];
  if (p.title) head.push(svgText(PAD, 20, fitText(p.title, width - 2 * PAD, 14), { bold: true, size: 14 }));
  const meta = `${p.layer ? `${p.layer} · ` : ''}${p.height}×${p.width}×${p.channels} (height × width × channels)`;
  head.push(svgText(PAD, p.title ? 38 : 18, fitText(meta, width - 2 * PAD, 11), { size: 11, fill: '#555' }));
  const barTop = top + maps.height + 12;
  return svgDocument(width, barTop + 26 + PAD, description, [...head, ...maps.body, ...colourBar(p, PAD, barTop, 200)]);
}
