/** The static figure a widget's saved display carries: what GitHub, nbconvert and nbviewer show instead of the live widget. */
import type { MimeBundle } from '../show/display_sink';

/** One static image of a display bundle: its MIME type and its data (SVG text or base64 PNG). */
export interface StaticImage {
  mime: 'image/svg+xml' | 'image/png';
  data: string;
}

/** The bundle's SVG (what deconv.show draws) or else its PNG, if it has one. */
export function staticImage(data: MimeBundle): StaticImage | undefined {
  for (const mime of ['image/svg+xml', 'image/png'] as const) {
    const value = data[mime];
    if (typeof value === 'string') return { mime, data: value };
  }
  return undefined;
}
