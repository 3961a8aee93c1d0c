import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import type { Page } from 'playwright-core';
import { displayData, type LabSession, notebookWithOutputs, startLab } from './lab_session';

// Browser globals used inside page callbacks (the test tsconfig has no DOM lib).
declare const document: any;
declare const window: any;

const ARTIFACTS = resolve(__dirname, '..', '..', '..', 'test-artifacts', 'ui');
const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const M = deconv.MIME_TYPES;

/** The valid outputs, one per renderer: 64 channels of 32x32, 16 captioned images, both move diagrams, a dashboard. */
function validCells() {
  // Channel c = 8a + b: sin((b + 1)x/6)·cos((a + 1)y/6), scaled by (c + 1)/64 so the channel means differ.
  const maps = tf.tidy(() => {
    const axis = tf.range(0, 32).div(6);
    const fx = tf.sin(axis.reshape([1, 32, 1]).mul(tf.range(1, 9).reshape([1, 1, 8]))); // [1, x, b]
    const fy = tf.cos(axis.reshape([32, 1, 1]).mul(tf.range(1, 9).reshape([1, 1, 8]))); // [y, 1, a]
    const grid = fy
      .reshape([32, 1, 8, 1])
      .mul(fx.reshape([1, 32, 1, 8]))
      .reshape([32, 32, 64]);
    return grid.mul(tf.range(1, 65).div(64).reshape([1, 1, 64])).add(tf.range(0, 64).div(128).reshape([1, 1, 64]));
  });
  const digits = tf.tidy(() => tf.randomUniform([16, 28, 28, 1], -1, 1, 'float32', 5));
  const h = { step: [] as number[], lossG: [] as number[], lossD: [] as number[], dReal: [] as number[], dFake: [] as number[] };
  for (let i = 0; i < 300; i++) {
    h.step.push(i);
    h.lossG.push(2 + Math.sin(i / 20));
    h.lossD.push(1.2 - i / 400);
    h.dReal.push(0.8 - i / 1500);
    h.dFake.push(0.2 + i / 1500);
  }
  const cells = [
    {
      source: '// feature maps 64x32x32',
      outputs: [displayData(deconv.featureMapsBundle(maps, { title: 'conv2 activations', layer: `gen/conv2 ${XSS}` }))],
    },
    {
      source: '// image grid',
      outputs: [
        displayData(
          deconv.imagesBundle(digits, {
            title: `samples ${XSS}`,
            captions: digits.shape.slice(0, 1).flatMap((n) => Array.from({ length: n }, (_, i) => (i === 3 ? XSS : `digit ${i}`))),
          }),
        ),
      ],
    },
    {
      source: '// transposed 3x3 s2 p1',
      outputs: [
        displayData(
          deconv.arithmeticBundle(
            {
              kind: 'transposed',
              inputSize: 3,
              kernelSize: 3,
              stride: 2,
              padding: 1,
              input: [
                [1, 2, 3],
                [4, 5, 6],
                [7, 8, 9],
              ],
              kernel: [
                [1, 0, 1],
                [0, 1, 0],
                [1, 0, 1],
              ],
            },
            { title: 'seed article case 2' },
          ),
        ),
      ],
    },
    {
      source: '// conv 5x5 k3 s2 p1',
      outputs: [displayData(deconv.arithmeticBundle({ kind: 'conv', inputSize: 5, kernelSize: 3, stride: 2, padding: 1 }))],
    },
    {
      source: '// training',
      outputs: [
        displayData(
          deconv.trainingBundle({
            title: 'DCGAN on MNIST',
            step: 300,
            totalSteps: 1000,
            epoch: 1,
            totalEpochs: 4,
            elapsedSeconds: 95,
            etaSeconds: 222,
            history: h,
            samples: digits,
          }),
        ),
      ],
    },
  ];
  tf.dispose([maps, digits]);
  return cells;
}

/** Malformed payloads and the words their error boxes must show. */
function malformedCells(valid: ReturnType<typeof validCells>) {
  const payload = (i: number, mime: string) =>
    JSON.parse(JSON.stringify((valid[i].outputs[0] as { data: Record<string, unknown> }).data[mime]));

  const cases: [string, string, (p: any) => unknown, RegExp][] = [
    [
      'missing field',
      M.featureMaps,
      (p) => {
        delete p.data;
        return p;
      },
      /must have required property 'data'/,
    ],
    [
      'wrong length',
      M.featureMaps,
      (p) => {
        p.mean.pop();
        return p;
      },
      /mean has 63 values but channels is 64/,
    ],
    [
      'NaN as text',
      M.featureMaps,
      (p) => {
        p.min[0] = 'NaN';
        return p;
      },
      /\/min\/0: must be number/,
    ],
    [
      'negative size',
      M.imageGrid,
      (p) => {
        p.height = -28;
        return p;
      },
      /\/height: must be >= 1/,
    ],
    [
      'unknown version',
      M.imageGrid,
      (p) => {
        p.version = 99;
        return p;
      },
      /payload version 99 is not supported/,
    ],
    [
      'step outside',
      M.convArithmetic,
      (p) => {
        p.trace.direct.steps[0][0] = 40;
        return p;
      },
      /direct step writes output cell \(40, 0\)/,
    ],
    ['JSON string', M.training, (p) => JSON.stringify(p), /is a JSON string, not a JSON object/],
    [
      'hostile key',
      M.training,
      (p) => {
        p[XSS] = 1;
        return p;
      },
      /must NOT have additional properties/,
    ],
  ];
  const index = { [M.featureMaps]: 0, [M.imageGrid]: 1, [M.convArithmetic]: 2, [M.training]: 4 };
  return cases.map(([name, mime, mutate, message]) => ({
    cell: { source: `// malformed: ${name}`, outputs: [displayData({ [mime]: mutate(payload(index[mime], mime)), 'text/plain': name })] },
    message,
  }));
}

/** The cells of the figure fixes (issue 14): a one-row grid to enlarge, a 16-column grid, the matrix C, a smoothed dashboard. */
function fixCells() {
  const row = tf.tidy(() => tf.randomUniform([4, 32, 32, 1], -1, 1, 'float32', 7));
  const wide = tf.tidy(() => tf.randomUniform([32, 28, 28, 1], -1, 1, 'float32', 8));
  const C = deconv.reference.convolutionMatrix([4, 4, 1], deconv.reference.plainTensor([3, 3, 1, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]));
  const matrix = tf.tensor3d(Array.from(C.data), [4, 16, 1]);
  const h = { step: [] as number[], lossG: [] as number[], lossD: [] as number[], dReal: [] as number[], dFake: [] as number[] };
  for (let i = 0; i < 600; i++) {
    h.step.push(i);
    h.lossG.push(2 + Math.sin(i * 2.1) * 0.6 - i / 600);
    h.lossD.push(1 + Math.cos(i * 3.7) * 0.3);
    h.dReal.push(0.7 + Math.sin(i * 1.3) * 0.15);
    h.dFake.push(0.3 + Math.cos(i * 1.9) * 0.15);
  }
  const cells = [
    { source: '// one row of four', outputs: [displayData(deconv.imagesBundle(row, { title: 'one row', columns: 4 }))] },
    { source: '// 16 columns', outputs: [displayData(deconv.imagesBundle(wide, { title: '32 digits, 16 columns', columns: 16 }))] },
    { source: '// the matrix C', outputs: [displayData(deconv.featureMapsBundle(matrix, { title: 'C', layer: 'C' }))] },
    {
      source: '// smoothed dashboard',
      outputs: [displayData(deconv.trainingBundle({ title: 'smoothed', step: 600, history: h, smoothing: 0.9 }))],
    },
  ];
  tf.dispose([row, wide, matrix]);
  return cells;
}

let lab: LabSession;
let malformed: ReturnType<typeof malformedCells>;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  lab = await startLab();
  const valid = validCells();
  malformed = malformedCells(valid);
  writeFileSync(join(lab.notebookDir, 'views.ipynb'), notebookWithOutputs([...valid, ...malformed.map((m) => m.cell)]));
  writeFileSync(join(lab.notebookDir, 'fixes.ipynb'), notebookWithOutputs(fixCells()));
  const huge = deconv.imagesBundle(tf.zeros([1, 2, 2, 1]))[M.imageGrid] as Record<string, unknown>;
  writeFileSync(
    join(lab.notebookDir, 'huge.ipynb'),
    notebookWithOutputs([
      { source: '// 50 MB', outputs: [displayData({ [M.imageGrid]: { ...huge, data: 'A'.repeat(50 * 1024 * 1024) } })] },
    ]),
  );
});

after(async () => {
  await lab?.close();
});

/** Opens a page that records console errors and uncaught exceptions. */
async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await lab.browser.newPage({ viewport: { width: 1280, height: 1400 } });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, errors };
}

/** Screenshots the output of cell `index` into test-artifacts/ui/. */
async function shoot(page: Page, index: number, name: string): Promise<void> {
  const output = page.locator('.jp-Cell').nth(index).locator('.jp-OutputArea-output');
  await output.scrollIntoViewIfNeeded();
  await output.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

for (const theme of ['light', 'dark'] as const) {
  test(
    `views notebook (${theme}): every renderer draws, malformed payloads show error boxes, no XSS, no console errors`,
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await newPage();
      await lab.open(page, 'views.ipynb', theme);
      await page.waitForFunction((n) => document.querySelectorAll('.jp-DeconvlabRenderer').length >= n, 5 + malformed.length, {
        timeout: 60_000,
      });

      // Feature maps: 64 canvases, header text as text, hover readout, click opens the plotly heatmap (lazy chunk).
      const fm = page.locator('.jp-Cell').nth(0);
      assert.equal(await fm.locator('canvas.jp-DeconvlabFM-map').count(), 64);
      assert.equal(await fm.locator('.jp-DeconvlabHeader-layer').textContent(), `gen/conv2 ${XSS}`);
      await fm
        .locator('canvas.jp-DeconvlabFM-map')
        .nth(5)
        .hover({ position: { x: 10, y: 20 } });
      assert.match((await fm.locator('.jp-DeconvlabReadout').textContent()) ?? '', /^channel 5, y \d+, x \d+: -?\d/);
      await fm.locator('.jp-DeconvlabFM-filter, input.jp-DeconvlabInput').fill('0-7, 12');
      assert.equal(await fm.locator('canvas.jp-DeconvlabFM-map').count(), 9);
      await fm.locator('input.jp-DeconvlabInput').fill('');
      await fm.locator('figure.jp-DeconvlabFM-tile').nth(2).click();
      await fm.locator('.jp-DeconvlabFM-detail .main-svg').first().waitFor({ timeout: 30_000 });
      await shoot(page, 0, `${theme}-feature-maps`);

      // Image grid: 16 canvases, the hostile caption is text, click enlarges, Escape closes.
      const grid = page.locator('.jp-Cell').nth(1);
      assert.equal(await grid.locator('canvas.jp-DeconvlabGrid-image').count(), 16);
      assert.equal(await grid.locator('figcaption').nth(3).textContent(), XSS);
      await shoot(page, 1, `${theme}-image-grid`);
      await grid.locator('figure.jp-DeconvlabGrid-tile').nth(3).click();
      await grid.locator('canvas.jp-DeconvlabGrid-large').waitFor();
      await shoot(page, 1, `${theme}-image-grid-enlarged`);
      await page.keyboard.press('Escape');
      assert.equal(await grid.locator('canvas.jp-DeconvlabGrid-large').count(), 0);

      // Move diagrams: scatter + zero insertion side by side; keyboard steps; play advances.
      const transposed = page.locator('.jp-Cell').nth(2);
      assert.deepEqual(await transposed.locator('.jp-DeconvlabPlayer-title').allTextContents(), [
        'scatter (each input stamps the kernel)',
        'zero insertion (the equivalent convolution)',
      ]);
      const zeroInsertion = transposed.locator('.jp-DeconvlabPlayer').nth(1);
      await zeroInsertion.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.match((await zeroInsertion.locator('.jp-DeconvlabPlayer-status').textContent()) ?? '', /^step 3 of 25: output \(0, 2\) = /);
      await shoot(page, 2, `${theme}-move-transposed`);
      const conv = page.locator('.jp-Cell').nth(3).locator('.jp-DeconvlabPlayer');
      await conv.locator('button[aria-label="play"]').click();
      await page.waitForFunction(
        () => /^step [2-9]/.test(document.querySelectorAll('.jp-Cell')[3].querySelector('.jp-DeconvlabPlayer-status')?.textContent ?? ''),
        undefined,
        { timeout: 5000 },
      );
      await conv.locator('button[aria-label="pause"]').click();
      await shoot(page, 3, `${theme}-move-conv`);

      // Training dashboard: plotly curves and samples.
      const training = page.locator('.jp-Cell').nth(4);
      await training.locator('.jp-DeconvlabTraining-plot .main-svg').first().waitFor({ timeout: 30_000 });
      assert.match(
        (await training.locator('.jp-DeconvlabStats').first().textContent()) ?? '',
        /^step 300 \/ 1000 · epoch 1 \/ 4 · elapsed 0:01:35 · ETA 0:03:42$/,
      );
      assert.equal(await training.locator('canvas.jp-DeconvlabGrid-image').count(), 16);
      await shoot(page, 4, `${theme}-training`);

      // Malformed payloads: an error box each, with the rule in words.
      for (const [k, { message }] of malformed.entries()) {
        const box = page
          .locator('.jp-Cell')
          .nth(5 + k)
          .locator('.jp-DeconvlabError');
        assert.match((await box.textContent()) ?? '', message, `malformed case ${k}`);
      }
      await shoot(page, 5 + malformed.findIndex((m) => /additional/.test(String(m.message))), `${theme}-error-box`);

      assert.equal(await page.evaluate(() => window.__xss), undefined, 'a payload string ran as HTML');
      assert.equal(await page.locator('.jp-DeconvlabRenderer img, .jp-DeconvlabRenderer script').count(), 0);
      const times = await page.evaluate(() =>
        performance
          .getEntriesByType('measure')
          .filter((e) => e.name.startsWith('deconvlab:'))
          .map((e) => ({ name: e.name, ms: e.duration })),
      );
      writeFileSync(join(ARTIFACTS, `${theme}-render-times.json`), JSON.stringify(times, null, 2));
      await page.screenshot({ path: join(ARTIFACTS, `${theme}-notebook.png`) });
      assert.deepEqual(errors, [], 'console errors');
      await page.close();
    },
  );
}

/** True when box `a` lies inside box `b` (1 px tolerance). */
function inside(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
}

/** True when two boxes overlap. */
function overlap(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test(
  'figure fixes: enlarge view fully visible, 16 columns wrap, C drawn large, heatmap title clear of the mode bar with axis titles, smoothing',
  { timeout: 180_000 },
  async () => {
    const { page, errors } = await newPage();
    await page.setViewportSize({ width: 1000, height: 1200 });
    await lab.open(page, 'fixes.ipynb', 'light');
    await page.waitForFunction(() => document.querySelectorAll('.jp-DeconvlabRenderer').length >= 4, undefined, { timeout: 60_000 });

    // Enlarge an image of a one-row grid: the 320 px view lies wholly inside the output and the window.
    const row = page.locator('.jp-Cell').nth(0);
    await row.locator('figure.jp-DeconvlabGrid-tile').nth(2).click();
    const large = await row.locator('canvas.jp-DeconvlabGrid-large').boundingBox();
    const output = await row.locator('.jp-OutputArea-output').boundingBox();
    assert.ok(
      large && output && large.height >= 320 && inside(large, output),
      `enlarged ${JSON.stringify(large)} in output ${JSON.stringify(output)}`,
    );
    assert.ok(large.y >= 0 && large.y + large.height <= 1200, `enlarged view off screen: ${JSON.stringify(large)}`);
    await shoot(page, 0, 'fix-enlarged');
    await page.keyboard.press('Escape');

    // 16 columns of 86 px do not fit a 1000 px window: the tiles wrap onto more rows inside the output.
    const wide = page.locator('.jp-Cell').nth(1);
    const wideOutput = await wide.locator('.jp-OutputArea-output').boundingBox();
    const tiles = await wide
      .locator('figure.jp-DeconvlabGrid-tile')
      .evaluateAll((fs: any[]) =>
        fs.map((f) => f.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
      );
    assert.ok(
      tiles.every((t) => inside(t, wideOutput!)),
      'a tile lies outside the output',
    );
    assert.ok(new Set(tiles.map((t) => Math.round(t.y))).size > 2, 'the 32 tiles did not wrap');
    await shoot(page, 1, 'fix-wide-grid');

    // The matrix C: one 4x16 map drawn 320 px wide.
    const matrix = page.locator('.jp-Cell').nth(2);
    const map = await matrix.locator('canvas.jp-DeconvlabFM-map').boundingBox();
    assert.ok(map && map.width >= 320 && map.height >= 80, `C drawn ${map?.width}x${map?.height}`);
    // Its heatmap: the title is not under plotly's mode bar (shown on hover), both axes have titles.
    await matrix.locator('figure.jp-DeconvlabFM-tile').first().click();
    const plot = matrix.locator('.jp-DeconvlabFM-detail .js-plotly-plot');
    await plot.locator('.main-svg').first().waitFor({ timeout: 30_000 });
    await plot.hover();
    await plot.locator('.modebar').waitFor();
    const title = await plot.locator('.gtitle').boundingBox();
    const modebar = await plot.locator('.modebar').boundingBox();
    assert.ok(title && modebar && !overlap(title, modebar), `title ${JSON.stringify(title)} under the mode bar ${JSON.stringify(modebar)}`);
    assert.equal(await plot.locator('.xtitle').textContent(), 'column (x)');
    assert.equal(await plot.locator('.ytitle').textContent(), 'row (y)');
    await shoot(page, 2, 'fix-matrix-heatmap');

    // Smoothing 0.9 from the payload: 4 smoothed + 4 faint raw traces; the slider at 0 leaves the 4 raw ones.
    const dash = page.locator('.jp-Cell').nth(3);
    await dash.locator('.jp-DeconvlabTraining-plot .main-svg').first().waitFor({ timeout: 30_000 });
    assert.equal(await dash.locator('.scatterlayer .trace').count(), 8);
    assert.equal(await dash.locator('input.jp-DeconvlabSmoothing').inputValue(), '0.9');
    await shoot(page, 3, 'fix-smoothed-dashboard');
    await dash.locator('input.jp-DeconvlabSmoothing').fill('0');
    await page.waitForFunction(
      () => document.querySelectorAll('.jp-Cell')[3].querySelectorAll('.scatterlayer .trace').length === 4,
      undefined,
      { timeout: 10_000 },
    );
    assert.deepEqual(errors, [], 'console errors');
    await page.close();
  },
);

test('a 50 MB payload renders an error box quickly and the page stays responsive', { timeout: 120_000 }, async () => {
  const { page, errors } = await newPage();
  await lab.open(page, 'huge.ipynb', 'light');
  const box = page.locator('.jp-DeconvlabError');
  await box.waitFor({ timeout: 60_000 });
  assert.match((await box.textContent()) ?? '', /\/data: must NOT have more than 16777216 characters/);
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  assert.deepEqual(errors, [], 'console errors');
  await page.close();
});
