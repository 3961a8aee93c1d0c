/**
 * A tiny SVG writer for the static fallbacks of the `show` bundles: text stays text (crisp at any zoom,
 * searchable, read by screen readers), pixels travel as embedded PNGs. Every string that reaches the
 * output goes through {@link escapeXml}; numbers are rounded to keep the documents small.
 */

/* eslint-disable no-control-regex -- matching the control characters XML forbids is the point */
/** Characters XML 1.0 forbids (C0 controls but tab/newline/return, U+FFFE/U+FFFF, unpaired surrogates). */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes untrusted text for XML content and attribute values; characters XML cannot hold become U+FFFD. */
export function escapeXml(text: string): string {
  return String(text)
    .replace(NOT_XML, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A coordinate or length with at most one decimal. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** How {@link svgText} sets a line of text. */
export interface TextStyle {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  fill?: string;
  /** Degrees, about the anchor point (−90 for a y-axis title). */
  rotate?: number;
  mono?: boolean;
}

/** One line of text at (x, y) (y is the baseline). */
export function svgText(x: number, y: number, text: string, style: TextStyle = {}): string {
  const attrs = [`x="${n(x)}"`, `y="${n(y)}"`];
  if (style.size !== undefined) attrs.push(`font-size="${style.size}"`);
  if (style.anchor && style.anchor !== 'start') attrs.push(`text-anchor="${style.anchor}"`);
  if (style.bold) attrs.push('font-weight="bold"');
  if (style.fill) attrs.push(`fill="${style.fill}"`);
  if (style.mono) attrs.push('font-family="monospace"');
  if (style.rotate) attrs.push(`transform="rotate(${style.rotate} ${n(x)} ${n(y)})"`);
  return `<text ${attrs.join(' ')}>${escapeXml(text)}</text>`;
}

/** A rectangle; `stroke` draws a 1-unit outline. */
export function svgRect(x: number, y: number, width: number, height: number, fill: string, stroke?: string): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" fill="${fill}"${stroke ? ` stroke="${stroke}"` : ''}/>`;
}

/** A straight line. */
export function svgLine(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}"${width === 1 ? '' : ` stroke-width="${width}"`}/>`;
}

/** An open polyline through `points`; `opacity` below 1 draws it faint. */
export function svgPolyline(points: [number, number][], stroke: string, width = 1.5, opacity = 1): string {
  const path = points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
  return `<polyline points="${path}" fill="none" stroke="${stroke}" stroke-width="${width}"${opacity < 1 ? ` stroke-opacity="${opacity}"` : ''}/>`;
}

/** A base64 PNG drawn into a box, nearest-neighbour when scaled (pixels stay pixels). */
export function svgImage(x: number, y: number, width: number, height: number, pngBase64: string): string {
  return `<image x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${pngBase64}"/>`;
}

/**
 * A standalone SVG document on a white background (so it reads on dark pages too); `description`
 * becomes its `<title>` and `aria-label`, the text a reader hears instead of the picture.
 */
export function svgDocument(width: number, height: number, description: string, body: string[]): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  const label = escapeXml(description);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12" fill="#222">`,
    `<title>${label}</title>`,
    `<rect width="${w}" height="${h}" fill="#fff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** About how wide `text` sets at `size` px in a sans-serif face (for layout; no font metrics are at hand). */
export function textWidth(text: string, size = 12): number {
  return Array.from(text).length * size * 0.6;
}

/** `text` broken at spaces into lines that fit `width` at `size` (at most `maxLines`, the last one cut with an ellipsis). */
export function wrapText(text: string, width: number, size = 12, maxLines = 2): string[] {
  const max = Math.max(1, Math.floor(width / (size * 0.6)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (Array.from(next).length <= max || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines.length <= maxLines
    ? lines
    : [...lines.slice(0, maxLines - 1), fitText(lines.slice(maxLines - 1).join(' '), width, size).replace(/…?$/, '…')];
}

/** `text` cut to fit `width` at `size`, with an ellipsis when cut. */
export function fitText(text: string, width: number, size = 12): string {
  const chars = Array.from(text);
  const max = Math.max(1, Math.floor(width / (size * 0.6)));
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
