import { LIMITS } from 'deconvlab-contract';
import { type Trace, trace, type TraceConfig } from '../trace';
import type { MimeBundle } from './display_sink';
import { MIME_TYPES } from './mime_types';
import { moveDiagramSvg } from './move_diagram_svg';
import type { ConvArithmeticPayload } from './payloads';

/** Largest grid side and step count the player accepts (the contract's caps). */
const { maxGrid: MAX_GRID, maxSteps: MAX_STEPS } = LIMITS.convArithmetic;

/** Checks a trace against the player's size caps, with the actual sizes in the message. */
function checkCaps(t: Trace): void {
  const sizes = [...t.direct.grid.size, ...t.outputSize, ...(t.scatter?.canvas ?? [])];
  const steps = Math.max(t.direct.steps.length, t.scatter?.steps.length ?? 0);
  if (Math.max(...sizes) > MAX_GRID || steps > MAX_STEPS) {
    throw new Error(
      `arithmetic: the trace has a ${t.direct.grid.size.join('x')} grid and ${steps} steps; the player shows grids up to ${MAX_GRID} cells a side and ${MAX_STEPS} steps, use a smaller inputSize`,
    );
  }
}

/** Text of a move diagram: the configuration and the output size. */
function arithmeticText(t: Trace): string {
  const pad = t.padding.map((p) => p.join('/')).join(', ');
  const extra = t.kind === 'transposed' ? `, output padding ${t.outputPadding.join('x')}` : '';
  return `${t.kind === 'conv' ? 'Convolution' : 'Transposed convolution'}: input ${t.inputSize.join('x')}, kernel ${t.kernelSize.join('x')}, stride ${t.stride.join('x')}, padding ${pad}, dilation ${t.dilation.join('x')}${extra} -> output ${t.outputSize.join('x')} (${t.direct.steps.length} steps)`;
}

/** Builds the move-diagram bundle (vendor JSON with the trace, SVG strip of a few steps with labelled panels, text) of a trace config. */
export function arithmeticBundle(config: TraceConfig, options: { title?: string } = {}): MimeBundle {
  const t = trace(config);
  checkCaps(t);
  const payload: ConvArithmeticPayload = { version: 1, ...(options.title !== undefined && { title: String(options.title) }), trace: t };
  const text = `${payload.title ? `${payload.title}. ` : ''}${arithmeticText(t)}`;
  return {
    [MIME_TYPES.convArithmetic]: payload,
    'image/svg+xml': moveDiagramSvg(payload, arithmeticText(t).replace(/^[^:]*: /, ''), text),
    'text/plain': text,
  };
}
