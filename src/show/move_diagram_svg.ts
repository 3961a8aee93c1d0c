import type { Trace } from '../trace';
import type { ConvArithmeticPayload } from './payloads';
import { fitText, svgDocument, svgRect, svgText, textWidth, wrapText } from './svg';

/** Cell colours, after Dumoulin & Visin's animations (the player's light palette). */
const COLOURS = {
  i: '#6495ed',
  p: '#ececec',
  z: '#fafafa',
  window: '#28468c',
  output: '#c8e6d2',
  written: '#3caa6e',
  current: '#146e3c',
  line: '#a0a0a0',
};
const PAD = 10;
const FRAMES = 4;
const PANEL_GAP = 2;

/** Up to {@link FRAMES} evenly spaced step indices, first and last included. */
function frameSteps(count: number): number[] {
  const frames = Math.min(FRAMES, count);
  const picks = Array.from({ length: frames }, (_, k) => (frames === 1 ? 0 : Math.round((k * (count - 1)) / (frames - 1))));
  return [...new Set(picks)];
}

/** A number as the cell shows it. */
function cellValue(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** One grid of cells with optional numbers; `fill(r, c)` gives a cell's colour, `shade(r, c)` lays the kernel window over it. */
function cells(
  left: number,
  top: number,
  cs: number,
  [rows, cols]: number[],
  fill: (r: number, c: number) => string,
  label?: (r: number, c: number) => string | undefined,
  shade?: (r: number, c: number) => boolean,
): string[] {
  const rects: string[] = [];
  const shades: string[] = [];
  const texts: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      rects.push(svgRect(left + c * cs, top + r * cs, cs, cs, fill(r, c)));
      if (shade?.(r, c)) shades.push(svgRect(left + c * cs, top + r * cs, cs, cs, COLOURS.window));
      const text = cs >= 16 ? label?.(r, c) : undefined;
      if (text !== undefined)
        texts.push(
          svgText(left + (c + 0.5) * cs, top + (r + 0.62) * cs, text, { size: Math.round(cs * 0.38), anchor: 'middle', fill: '#fff' }),
        );
    }
  }
  const window = shades.length ? [`<g fill-opacity="0.6" stroke="${COLOURS.window}" stroke-width="2">`, ...shades, '</g>'] : [];
  return [
    `<g stroke="${COLOURS.line}">`,
    ...rects,
    '</g>',
    ...window,
    '<g stroke="#000" stroke-width="2" stroke-opacity="0.35" paint-order="stroke">',
    ...texts,
    '</g>',
  ];
}

/** Where a frame's three panels start (the kernel and output labels must not run into each other). */
function panelLefts(t: Trace, cs: number): [number, number, number] {
  const kernelLeft = (t.direct.grid.size[1] + PANEL_GAP) * cs;
  const kernelLabel = textWidth(kernelWords(t), 11);
  return [0, kernelLeft, kernelLeft + Math.max((t.kernelSize[1] + PANEL_GAP) * cs, kernelLabel + 12)];
}

/** The input panel's label: what the grid holds besides the input. */
function inputWords(t: Trace): string {
  const padded = t.direct.grid.padding.flat().some((p) => p > 0);
  const extras = [...(t.kind === 'transposed' ? ['zeros'] : []), ...(padded ? ['padding'] : [])];
  return `input ${t.inputSize.join('×')}${extras.length ? ` + ${extras.join(' + ')}` : ''}`;
}

/** The kernel panel's label. */
function kernelWords(t: Trace): string {
  return `kernel ${t.kernelSize.join('×')}${t.direct.kernelFlipped ? ', rotated 180°' : ''}`;
}

/** One frame at (left, top): the step's sentence, then the labelled panels input (grid), kernel and output. */
function frame(t: Trace, step: number, left: number, top: number, cs: number): string[] {
  const { grid, steps, dilation, kernelFlipped } = t.direct;
  const [oy, ox, gy, gx] = steps[step];
  const [kh, kw] = t.kernelSize;
  const v = t.values;
  const covered = new Set<string>();
  for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) covered.add(`${gy + ky * dilation[0]},${gx + kx * dilation[1]}`);
  const inputAt = (r: number, c: number) =>
    v?.input[(r - grid.padding[0][0]) / grid.spacing[0]]?.[(c - grid.padding[1][0]) / grid.spacing[1]];
  const kernelAt = (r: number, c: number) => v?.kernel[kernelFlipped ? kh - 1 - r : r][kernelFlipped ? kw - 1 - c : c];
  const written = new Map(steps.slice(0, step + 1).map(([y, x], k) => [`${y},${x}`, k === step ? COLOURS.current : COLOURS.written]));
  const [inputLeft, kernelLeft, outputLeft] = panelLefts(t, cs).map((x) => left + x);
  const panelTop = top + 34;
  const sentence = `step ${step + 1} of ${steps.length}: output (${oy}, ${ox})${v ? ` = ${cellValue(v.output[oy][ox])}` : ''}, window at grid (${gy}, ${gx})`;
  return [
    svgText(inputLeft, top + 12, sentence, { size: 11, bold: true }),
    svgText(inputLeft, panelTop - 6, inputWords(t), { size: 11 }),
    svgText(kernelLeft, panelTop - 6, kernelWords(t), { size: 11 }),
    svgText(outputLeft, panelTop - 6, `output ${t.outputSize.join('×')}`, { size: 11 }),
    ...cells(
      inputLeft,
      panelTop,
      cs,
      grid.size,
      (r, c) => COLOURS[grid.cells[r][c] as 'i' | 'p' | 'z'],
      (r, c) => (grid.cells[r][c] === 'i' && inputAt(r, c) !== undefined ? cellValue(inputAt(r, c) as number) : undefined),
      (r, c) => covered.has(`${r},${c}`),
    ),
    ...cells(
      kernelLeft,
      panelTop,
      cs,
      [kh, kw],
      () => COLOURS.window,
      (r, c) => (v ? cellValue(kernelAt(r, c) as number) : undefined),
    ),
    ...cells(
      outputLeft,
      panelTop,
      cs,
      t.outputSize,
      (r, c) => written.get(`${r},${c}`) ?? COLOURS.output,
      (r, c) => (v && written.has(`${r},${c}`) ? cellValue(v.output[r][c]) : undefined),
    ),
  ];
}

/** The colour key below the frames. */
function legend(t: Trace, top: number): string[] {
  const keys: [string, string][] = [
    [COLOURS.i, 'input'],
    [COLOURS.p, 'padding'],
    ...(t.kind === 'transposed' ? [[COLOURS.z, 'inserted zero'] as [string, string]] : []),
    [COLOURS.window, 'kernel window'],
    [COLOURS.written, 'output written'],
    [COLOURS.current, 'this step'],
  ];
  let x = PAD;
  return keys.flatMap(([colour, words]) => {
    const out = [svgRect(x, top, 10, 10, colour, COLOURS.line), svgText(x + 14, top + 9, words, { size: 10 })];
    x += 24 + words.length * 6;
    return out;
  });
}

/** The static fallback of a move diagram, drawn from its payload: title, configuration, a strip of steps with input, kernel and output panels, the colour key. */
export function moveDiagramSvg(p: ConvArithmeticPayload, summary: string, description: string): string {
  const t = p.trace;
  const [rows, cols] = [
    Math.max(t.direct.grid.size[0], t.kernelSize[0], t.outputSize[0]),
    t.direct.grid.size[1] + t.kernelSize[1] + t.outputSize[1] + 2 * PANEL_GAP,
  ];
  const cs = Math.max(6, Math.min(22, Math.floor(600 / cols)));
  const frameHeight = 34 + rows * cs + 14;
  const frameWidth = Math.max(
    panelLefts(t, cs)[2] + t.outputSize[1] * cs,
    textWidth('step 00 of 00: output (0, 0) = 000, window at grid (0, 0)', 11),
  );
  const perRow = 2 * frameWidth + 3 * PAD <= 1040 ? 2 : 1;
  const picks = frameSteps(t.direct.steps.length);
  const width = Math.max(420, perRow * frameWidth + (perRow + 1) * PAD);
  const heading = p.title ?? (t.kind === 'conv' ? 'Convolution' : 'Transposed convolution');
  const note =
    t.kind === 'transposed'
      ? 'the equivalent direct convolution (zero insertion); the player also shows the scatter view'
      : 'the kernel window slides over the padded input';
  const lines = [
    ...wrapText(summary, width - 2 * PAD, 11),
    ...wrapText(`${picks.length} of ${t.direct.steps.length} steps: ${note}`, width - 2 * PAD, 11),
  ];
  const top = 30 + lines.length * 15;
  const body = [
    svgText(PAD, 20, fitText(heading, width - 2 * PAD, 14), { bold: true, size: 14 }),
    ...lines.map((line, k) => svgText(PAD, 37 + k * 15, line, { size: 11, fill: '#555' })),
    ...picks.flatMap((step, k) => frame(t, step, PAD + (k % perRow) * (frameWidth + PAD), top + Math.floor(k / perRow) * frameHeight, cs)),
    ...legend(t, top + Math.ceil(picks.length / perRow) * frameHeight),
  ];
  return svgDocument(width, top + Math.ceil(picks.length / perRow) * frameHeight + 10 + PAD, description, body);
}
