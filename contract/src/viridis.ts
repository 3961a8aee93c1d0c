/** Viridis control points (perceptually uniform, readable on light and dark backgrounds; plotly's 'Viridis'). */
const VIRIDIS = ['#440154', '#472c7a', '#3b528b', '#2c718e', '#21908d', '#27ad81', '#5cc863', '#aadc32', '#fde725'];

/** 256 RGB entries interpolated between the control points. */
function buildLut(stops: string[]): Uint8Array {
  const rgb = stops.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
  const lut = new Uint8Array(256 * 3);
  for (let q = 0; q < 256; q++) {
    const t = (q / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) lut[q * 3 + c] = Math.round(rgb[k][c] * (1 - f) + rgb[k + 1][c] * f);
  }
  return lut;
}

/** The viridis lookup table: level q (0..255) is `lut[3q..3q+2]`. */
export const VIRIDIS_LUT = buildLut(VIRIDIS);
