import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import { escapeXml } from 'deconvlab/dist/show/svg';
import { type ParsedSvg, parseSvg } from '../util/parse_svg';

/** Where the fallbacks are saved for looking at. */
const FALLBACK_ARTIFACTS = resolve(__dirname, '..', '..', '..', '..', 'test-artifacts', 'fallbacks');

const HOSTILE = '<script>alert(1)</script> & "quotes" \'single\' ]]> <!-- x';
const CONTROL = 'bell\u0007 nul\u0000 lone\uD800 end';

/** Parses a bundle's SVG, saves it under test-artifacts/fallbacks/ for looking at, and returns what it holds. */
function svgOf(bundle: deconv.MimeBundle, name: string): ParsedSvg & { bytes: number } {
  const svg = bundle['image/svg+xml'];
  assert.equal(typeof svg, 'string', 'the bundle has an image/svg+xml fallback');
  assert.equal(bundle['image/png'], undefined, 'no PNG beside the SVG');
  mkdirSync(FALLBACK_ARTIFACTS, { recursive: true });
  writeFileSync(join(FALLBACK_ARTIFACTS, `${name}.svg`), svg as string);
  return { ...parseSvg(svg as string), bytes: Buffer.byteLength(svg as string) };
}

/** The `[height, width]` of each embedded PNG. */
function pngSizes(images: string[]): number[][] {
  return images.map((href) => {
    assert.match(href, /^data:image\/png;base64,/);
    const png = tf.node.decodePng(Buffer.from(href.slice('data:image/png;base64,'.length), 'base64'));
    const shape = png.shape.slice(0, 2);
    png.dispose();
    return shape;
  });
}

test('escapeXml: markup characters become entities, characters XML cannot hold become U+FFFD', () => {
  assert.equal(escapeXml('<a href="x">&\'</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  assert.equal(escapeXml(CONTROL), 'bell\uFFFD nul\uFFFD lone\uFFFD end');
  assert.equal(escapeXml('pair \uD83D\uDE00 kept'), 'pair \uD83D\uDE00 kept');
});

test('image grid SVG: title, meta and every caption as text, hostile strings escaped, one PNG per image, >= 360 px', () => {
  const x = tf.randomUniform([5, 28, 28, 1], -1, 1, 'float32', 1);
  const captions = ['digit 0', HOSTILE, CONTROL, '', 'k=5, s=2'];
  const bundle = deconv.imagesBundle(x, { title: `samples ${HOSTILE}`, captions, columns: 4 });
  const svg = svgOf(bundle, 'image-grid');
  assert.ok(svg.width >= 360, `width ${svg.width}`);
  assert.equal(svg.texts[0], `samples ${HOSTILE}`);
  assert.equal(svg.texts[1], '5 images, 28×28×1');
  assert.deepEqual(svg.texts.slice(2), ['digit 0', HOSTILE.slice(0, 26) + '…', 'bell\uFFFD nul\uFFFD lone\uFFFD end', 'k=5, s=2']);
  assert.equal(bundle['text/plain'], `samples ${HOSTILE}: 5 images of 28x28x1 (digit 0, ${HOSTILE}, ${CONTROL}, k=5, s=2)`);
  // eslint-disable-next-line no-control-regex -- the hostile caption's control characters, as the SVG replaces them
  const alt = (bundle['text/plain'] as string).replace(/[\u0000\u0007\uD800]/g, '\uFFFD');
  assert.equal(svg.title, alt);
  assert.equal(svg.ariaLabel, alt);
  // 28x28 at its own size (upscaled only below 32 px).
  assert.deepEqual(
    pngSizes(svg.images),
    Array.from({ length: 5 }, () => [28, 28]),
  );
  x.dispose();
});

test("image grid range 'each': every image stretched over its own min..max", () => {
  const x = tf.tensor4d([0.5, 0.52, 0.51, 0.5, -3, 7, 2, 2], [2, 2, 2, 1]);
  const p = deconv.imagesBundle(x, { range: 'each' })['application/vnd.deconvlab.image-grid+json'] as deconv.ImageGridPayload;
  // (v - min) / (max - min) * 255 per image: [0, 1, 0.5, 0] and [0, 1, 0.5, 0.5].
  assert.deepEqual(Array.from(Buffer.from(p.data, 'base64')), [0, 255, 128, 0, 0, 255, 128, 128]);
  assert.throws(
    () => deconv.imagesBundle(x, { range: 'all' as 'each' }),
    /range must be two finite numbers \[lo, hi\] with lo < hi, or 'each'/,
  );
  x.dispose();
});

test('feature maps SVG: title, layer, channel labels, colour bar with the shared range, hostile layer escaped', () => {
  const x = tf.tensor3d(
    Array.from({ length: 4 * 4 * 3 }, (_, i) => i / 10 - 1),
    [4, 4, 3],
  );
  const bundle = deconv.featureMapsBundle(x, { title: 'relu1', layer: HOSTILE });
  const svg = svgOf(bundle, 'feature-maps');
  assert.ok(svg.width >= 360);
  assert.equal(svg.texts[0], 'relu1');
  assert.ok(svg.texts[1].startsWith(`${HOSTILE.slice(0, 20)}`), svg.texts[1]);
  for (const label of ['ch 0', 'ch 1', 'ch 2', '-1', '3.7', 'colour: value, one scale for all channels'])
    assert.ok(svg.texts.includes(label), `${label} in ${JSON.stringify(svg.texts)}`);
  x.dispose();
});

test('feature maps SVG of one 4x16 channel (the matrix C): drawn 400 px wide with row/column axes', () => {
  const C = deconv.reference.convolutionMatrix([4, 4, 1], deconv.reference.plainTensor([3, 3, 1, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]));
  const bundle = deconv.featureMapsBundle(tf.tensor3d(Array.from(C.data), [4, 16, 1]), {
    title: 'C for a 4×4 input, 3×3 kernel',
    layer: 'C',
  });
  const svg = svgOf(bundle, 'matrix-c');
  for (const label of ['C for a 4×4 input, 3×3 kernel', 'row (y)', 'column (x)', '0', '14', '3'])
    assert.ok(svg.texts.includes(label), label);
  const [[h, w]] = pngSizes(svg.images.slice(0, 1));
  assert.deepEqual([h, w], [8, 32]); // upscaled x2 so the longer side is >= 32 px
  assert.ok(svg.width >= 460, `width ${svg.width}`);
});

test('move diagram SVG: labelled input, kernel and output panels in 4 frames, values from the reference scatter', () => {
  const input = [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ];
  const kernel = [
    [1, 0, 2],
    [0, 1, 0],
    [3, 0, 1],
  ];
  const bundle = deconv.arithmeticBundle(
    { kind: 'transposed', inputSize: 3, kernelSize: 3, stride: 2, padding: 1, input, kernel },
    { title: '<b>"x" & \'y\'</b> ]]>' },
  );
  const svg = svgOf(bundle, 'move-transposed');
  const reference = deconv.reference.scatter(
    deconv.reference.plainTensor([1, 3, 3, 1], input.flat()),
    deconv.reference.plainTensor([3, 3, 1, 1], kernel.flat()),
    { stride: 2, padding: 1 },
  );
  assert.equal(svg.texts[0], '<b>"x" & \'y\'</b> ]]>');
  assert.ok(
    svg.texts
      .slice(1, 4)
      .join(' ')
      .startsWith(
        'input 3x3, kernel 3x3, stride 2x2, padding 1/1, 1/1, dilation 1x1, output padding 0x0 -> output 5x5 (25 steps) 4 of 25 steps',
      ),
    svg.texts.slice(1, 4).join(' '),
  );
  const frames = svg.texts.filter((t) => t.startsWith('step '));
  assert.deepEqual(
    frames.map((t) => t.split(':')[0]),
    ['step 1 of 25', 'step 9 of 25', 'step 17 of 25', 'step 25 of 25'],
  );
  assert.ok(frames[3].includes(`output (4, 4) = ${reference.data[24]}`), frames[3]);
  assert.equal(svg.texts.filter((t) => t === 'input 3×3 + zeros + padding').length, 4);
  assert.equal(svg.texts.filter((t) => t === 'kernel 3×3, rotated 180°').length, 4);
  assert.equal(svg.texts.filter((t) => t === 'output 5×5').length, 4);
  for (const key of ['input', 'padding', 'inserted zero', 'kernel window', 'output written', 'this step'])
    assert.ok(svg.texts.includes(key), key);
  assert.ok(svg.width >= 420);
});

/** A noisy history of `n` steps. */
function history(n: number): deconv.TrainingHistoryInput {
  const step = Array.from({ length: n }, (_, i) => i);
  return {
    step,
    lossG: step.map((i) => 2 + Math.sin(i) * 0.5 - i / n),
    lossD: step.map((i) => (i === 7 ? NaN : 1.2 + Math.cos(i * 3) * 0.3)),
    dReal: step.map((i) => 0.7 + 0.1 * Math.sin(i * 1.7)),
    dFake: step.map((i) => 0.3 + 0.1 * Math.cos(i * 2.3)),
  };
}

test('training SVG: >= 640 px wide, title, both panels with axes, ticks and legends, samples', () => {
  const samples = tf.randomUniform([16, 28, 28, 1], -1, 1, 'float32', 2);
  const bundle = deconv.trainingBundle({
    title: `DCGAN ${HOSTILE}`,
    step: 300,
    totalSteps: 1000,
    epoch: 1,
    totalEpochs: 4,
    elapsedSeconds: 95,
    etaSeconds: 222,
    history: history(300),
    samples,
  });
  const svg = svgOf(bundle, 'training');
  assert.ok(svg.width >= 640, `width ${svg.width}`);
  assert.equal(svg.texts[0], `DCGAN ${HOSTILE} (running)`);
  assert.equal(svg.texts[1], 'step 300 / 1000 · epoch 1 / 4 · elapsed 0:01:35 · ETA 0:03:42');
  for (const label of [
    'Losses',
    'Discriminator outputs',
    'step',
    'loss',
    'D output (probability real)',
    'loss G',
    'loss D',
    'D(x) real',
    'D(G(z)) generated',
    '0',
    '0.5',
    '1',
    '100',
    '200',
    'latest samples (16)',
  ]) {
    assert.ok(svg.texts.includes(label), `${label} in ${JSON.stringify(svg.texts)}`);
  }
  assert.equal(svg.images.length, 16);
  assert.ok(!(bundle['image/svg+xml'] as string).includes('stroke-opacity'), 'no faint raw curves without smoothing');
  samples.dispose();
});

test('training SVG with smoothing 0.9: smoothed curves over faint raw ones, said in the header; bad smoothing is an error', () => {
  const bundle = deconv.trainingBundle({ step: 3000, history: history(3000), smoothing: 0.9 });
  const svg = svgOf(bundle, 'training-smoothed');
  assert.match(svg.texts[1], /curves smoothed \(EMA 0\.9\), raw values faint$/);
  const raw = (bundle['image/svg+xml'] as string).match(/stroke-opacity="0\.3"/g) ?? [];
  assert.ok(raw.length >= 4, `${raw.length} faint polylines`);
  assert.ok(svg.bytes < 80_000, `a 3000-step dashboard SVG takes ${svg.bytes} bytes`);
  assert.throws(
    () => deconv.trainingBundle({ step: 1, history: history(1), smoothing: 1 }),
    /smoothing must be a number in \[0, 1\) \(0\.9 averages about 10 steps\), got 1/,
  );
});
