import type { ConvArithmeticPayload, FeatureMapsPayload, ImageGridPayload, TrainingPayload, View } from 'deconvlab-contract';
import * as contract from 'deconvlab-contract';
import { base64ByteLength } from './decode';

export type { View };

/** The four views and their payload types. */
export interface IPayloads {
  featureMaps: FeatureMapsPayload;
  imageGrid: ImageGridPayload;
  convArithmetic: ConvArithmeticPayload;
  training: TrainingPayload;
}

/** The MIME type of each view, read from the schemas' titles. */
export const MIME_TYPES: Record<View, string> = contract.MIME_TYPES;

/** The payload version this extension reads. */
export const PAYLOAD_VERSION = contract.PAYLOAD_VERSION;

/** A payload that does not match its schema; the message says what is wrong in words a user can act on. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

interface IAjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

type StandaloneValidator = ((data: unknown) => boolean) & { errors?: IAjvError[] | null };

const VALIDATORS: Record<View, StandaloneValidator> = {
  featureMaps: contract.featureMaps,
  imageGrid: contract.imageGrid,
  convArithmetic: contract.convArithmetic,
  training: contract.training,
};

/** One ajv error as `at /path: message (detail)`. */
function describeError(e: IAjvError): string {
  const extra = e.params?.additionalProperty ?? e.params?.allowedValues;
  return `at ${e.instancePath || '(top level)'}: ${e.message ?? 'is invalid'}${extra === undefined ? '' : ` (${JSON.stringify(extra)})`}`;
}

/** Throws when a condition between fields (which JSON Schema cannot express) does not hold. */
function expect(ok: boolean, message: string): void {
  if (!ok) throw new PayloadError(message);
}

/** Checks that the base64 `data` holds exactly `expected` bytes. */
function expectBytes(data: string, expected: number, what: string, where = ''): void {
  const actual = data.length % 4 === 0 ? base64ByteLength(data) : NaN;
  expect(
    actual === expected,
    `${where}data holds ${Number.isNaN(actual) ? 'malformed base64' : `${actual} bytes`} but ${what} needs ${expected}`,
  );
}

function checkFeatureMaps(p: FeatureMapsPayload): void {
  for (const key of ['min', 'max', 'mean'] as const) {
    expect(p[key].length === p.channels, `${key} has ${p[key].length} values but channels is ${p.channels}`);
  }
  expect(
    p.min.every((m, c) => m <= p.max[c]),
    'min exceeds max for some channel',
  );
  const { maxValues } = contract.LIMITS.featureMaps;
  expect(p.height * p.width * p.channels <= maxValues, `${p.height}x${p.width}x${p.channels} exceeds ${maxValues / 2 ** 20}M values`);
  expectBytes(p.data, p.height * p.width * p.channels, `${p.height}x${p.width}x${p.channels}`);
}

function checkImageGrid(p: ImageGridPayload, where = ''): void {
  expect(
    p.captions === undefined || p.captions.length === p.count,
    `${where}captions has ${p.captions?.length} entries but count is ${p.count}`,
  );
  const { maxBytes } = contract.LIMITS.imageGrid;
  expect(
    p.count * p.height * p.width * p.channels <= maxBytes,
    `${where}${p.count} images of ${p.height}x${p.width}x${p.channels} exceed ${maxBytes / 2 ** 20}M bytes`,
  );
  expectBytes(p.data, p.count * p.height * p.width * p.channels, `${p.count} images of ${p.height}x${p.width}x${p.channels}`, where);
}

function checkTraining(p: TrainingPayload): void {
  const n = p.history.step.length;
  for (const key of ['lossG', 'lossD', 'dReal', 'dFake'] as const) {
    expect(p.history[key].length === n, `history.${key} has ${p.history[key].length} values but history.step has ${n}`);
  }
  if (p.samples) checkImageGrid(p.samples, 'samples: ');
}

/** Checks a `[rows][cols]` matrix shape. */
function expectMatrix(m: number[][], [rows, cols]: [number, number], what: string): void {
  expect(m.length === rows && m.every((r) => r.length === cols), `values.${what} must be ${rows}x${cols}`);
}

function checkConvArithmetic({ trace: t }: ConvArithmeticPayload): void {
  const { grid, steps, dilation } = t.direct;
  expect(
    grid.cells.length === grid.size[0] && grid.cells.every((r) => r.length === grid.size[1]),
    `direct.grid.cells must be ${grid.size[0]} strings of ${grid.size[1]} characters`,
  );
  expect(t.direct.view === (t.kind === 'conv' ? 'conv' : 'zero-insertion'), `direct.view ${t.direct.view} does not match kind ${t.kind}`);
  expect(
    (t.kind === 'transposed') === (t.scatter !== undefined),
    `a ${t.kind} trace ${t.kind === 'transposed' ? 'needs' : 'has no'} a scatter view`,
  );
  const reach = (d: 0 | 1) => (t.kernelSize[d] - 1) * dilation[d];
  for (const [oy, ox, gy, gx] of steps) {
    expect(oy < t.outputSize[0] && ox < t.outputSize[1], `direct step writes output cell (${oy}, ${ox}) outside ${t.outputSize.join('x')}`);
    expect(
      gy + reach(0) < grid.size[0] && gx + reach(1) < grid.size[1],
      `direct step window at (${gy}, ${gx}) leaves the ${grid.size.join('x')} grid`,
    );
  }
  if (t.scatter) {
    const s = t.scatter;
    for (const [iy, ix, cy, cx] of s.steps) {
      expect(iy < t.inputSize[0] && ix < t.inputSize[1], `scatter step reads input cell (${iy}, ${ix}) outside ${t.inputSize.join('x')}`);
      expect(
        cy + (t.kernelSize[0] - 1) * s.dilation[0] < s.canvas[0] && cx + (t.kernelSize[1] - 1) * s.dilation[1] < s.canvas[1],
        `scatter stamp at (${cy}, ${cx}) leaves the ${s.canvas.join('x')} canvas`,
      );
    }
    expect(
      s.outputOrigin[0] + t.outputSize[0] <= s.canvas[0] && s.outputOrigin[1] + t.outputSize[1] <= s.canvas[1],
      'scatter outputOrigin places the output outside the canvas',
    );
  }
  if (t.values) {
    expectMatrix(t.values.input, t.inputSize, 'input');
    expectMatrix(t.values.kernel, t.kernelSize, 'kernel');
    expectMatrix(t.values.output, t.outputSize, 'output');
  }
}

const CHECKS: { [V in View]: (p: IPayloads[V]) => void } = {
  featureMaps: checkFeatureMaps,
  imageGrid: (p) => checkImageGrid(p),
  convArithmetic: checkConvArithmetic,
  training: checkTraining,
};

/**
 * Validates an untrusted payload against its view's schema (ajv, precompiled) and the cross-field rules
 * the schema cannot state (lengths, bounds); returns it typed or throws a {@link PayloadError}.
 */
export function validatePayload<V extends View>(view: V, data: unknown): IPayloads[V] {
  if (typeof data === 'string')
    throw new PayloadError('the payload is a JSON string, not a JSON object; the kernel must send the object itself');
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new PayloadError(
      `the payload must be a JSON object, got ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data}`,
    );
  const version = (data as { version?: unknown }).version;
  if (version !== PAYLOAD_VERSION) {
    throw new PayloadError(
      `payload version ${JSON.stringify(version) ?? 'missing'} is not supported: this extension reads version ${PAYLOAD_VERSION}; update deconvlab and its extension together`,
    );
  }
  const validator = VALIDATORS[view];
  if (!validator(data)) {
    const errors = (validator.errors ?? []).slice(0, 3).map(describeError);
    throw new PayloadError(`the payload does not match its schema: ${errors.join('; ')}`);
  }
  const payload = data as IPayloads[V];
  CHECKS[view](payload);
  return payload;
}
