/**
 * The extension against a LIVE deconvlab kernel in the real JupyterLab: cells typed and run through the UI,
 * display updates replacing the training dashboard in place, the move-diagram player from a kernel output,
 * and the toolbar's interrupt stopping a training cell (InterruptError, dashboard "stopped", the partial
 * history usable in the next cell).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { cellFinished, cellState, collectErrors, type LabSession, shutdownKernels, startLab } from './lab_session';

// Browser globals used inside page callbacks (the test tsconfig has no DOM lib).
declare const document: any;

const ARTIFACTS = resolve(__dirname, '..', '..', '..', 'test-artifacts', 'ui');
const KERNEL_TIMEOUT = 25_000;

/** A fresh notebook on the deconvlab kernel: one empty code cell, no outputs. */
function emptyNotebook(): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'deconvlab', display_name: 'TypeScript (deconvlab)', language: 'typescript' } },
    cells: [{ id: 'cell-0', cell_type: 'code', execution_count: null, metadata: {}, source: '', outputs: [] }],
  });
}

let lab: LabSession;
let page: Page;
const errors: string[] = [];
/** The file the training cell waits for after its 10th update, so the test can measure the DOM at that point. */
let resumeFlag: string;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  lab = await startLab();
  resumeFlag = join(lab.notebookDir, 'resume-after-10');
  writeFileSync(join(lab.notebookDir, 'live.ipynb'), emptyNotebook());
  page = await lab.browser.newPage({ viewport: { width: 1280, height: 1400 } });
  collectErrors(page, errors);
  await lab.open(page, 'live.ipynb', 'light');
  // The kernel is up once the status bar's kernel item reads Idle, a state only the kernel itself reports.
  await page.waitForFunction(
    () => [...document.querySelectorAll('#jp-main-statusbar *')].some((e) => e.textContent === 'TypeScript (deconvlab) | Idle'),
    undefined,
    { timeout: 60_000 },
  );
});

after(async () => {
  // Shut the kernel down through the server API (with the page's own token) before the server stops.
  try {
    if (page && !page.isClosed()) {
      assert.deepEqual(await shutdownKernels(page), [204], 'one kernel, shut down');
    }
  } finally {
    await lab?.close();
  }
});

/** Cell `index` of the notebook. */
function cell(index: number): Locator {
  return page.locator('.jp-Notebook .jp-Cell').nth(index);
}

/** Types `source` into cell `index` (which must exist) and runs it with Shift+Enter, which adds the next cell. */
async function run(index: number, source: string): Promise<Locator> {
  const editor = cell(index).locator('.cm-content');
  await editor.click();
  // One input event, as a paste: no auto-indent or bracket closing mangles the code.
  await page.keyboard.insertText(source);
  assert.equal(
    await editor.textContent().then((t) => t?.replace(/\s+/g, '')),
    source.replace(/\s+/g, ''),
    `cell ${index} holds the typed code`,
  );
  await page.keyboard.press('Shift+Enter');
  await page
    .locator('.jp-Notebook .jp-Cell')
    .nth(index + 1)
    .waitFor();
  return cell(index);
}

/** Waits until cell `index` has finished running (its prompt shows an execution count). */
function finished(index: number): Promise<void> {
  return cellFinished(page, index, KERNEL_TIMEOUT);
}

/** Waits until the dashboard in cell `index` shows step `step` with status `status` and its plotly figure has its four traces. */
async function dashboardAt(index: number, step: number, status: string): Promise<void> {
  await page
    .waitForFunction(
      ({ i, step, status }) => {
        const output = document.querySelectorAll('.jp-Notebook .jp-Cell')[i]?.querySelector('.jp-OutputArea');
        const stats = output?.querySelector('.jp-DeconvlabStats')?.textContent ?? '';
        return (
          stats.startsWith(`step ${step} `) &&
          output.querySelector('.jp-DeconvlabStatus')?.dataset.status === status &&
          output.querySelectorAll('.jp-DeconvlabTraining-plot .scatterlayer .trace').length === 4
        );
      },
      { i: index, step, status },
      { timeout: KERNEL_TIMEOUT },
    )
    .catch(async (error) => {
      throw new Error(`dashboard in cell ${index} never showed step ${step}, ${status}; the cell shows: ${await cellState(page, index)}`, {
        cause: error,
      });
    });
}

/** Element count under cell `index`'s output area. */
function outputNodes(index: number): Promise<number> {
  return page.evaluate((i) => document.querySelectorAll('.jp-Notebook .jp-Cell')[i].querySelectorAll('.jp-OutputArea *').length, index);
}

/** Screenshots cell `index`'s output into test-artifacts/ui/. */
async function shoot(index: number, name: string): Promise<void> {
  const output = cell(index).locator('.jp-OutputArea');
  await output.scrollIntoViewIfNeeded();
  await output.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

test(
  'live training dashboard: 50 updates with samples replace one display in place, DOM does not grow, status done',
  { timeout: 60_000 },
  async () => {
    const source = [
      `const fs = require('fs');`,
      `const live = deconv.show.training({ title: 'live', totalSteps: 50, minIntervalMs: 0 });`,
      `for (let step = 1; step <= 50; step++) {`,
      `const samples = tf.randomUniform([4, 8, 8, 1], -1, 1, 'float32', step);`,
      `live.update({ step, epoch: 0, lossG: 2 + Math.sin(step / 5), lossD: 1.3 - step / 100, dReal: 0.7, dFake: 0.3, samples });`,
      `samples.dispose();`,
      `await new Promise((r) => setTimeout(r, 20));`,
      `while (step === 10 && !fs.existsSync(${JSON.stringify(resumeFlag)})) await new Promise((r) => setTimeout(r, 50));`,
      `}`,
      `live.close();`,
    ].join('\n');
    const c = await run(0, source);
    await dashboardAt(0, 10, 'running');
    const after10 = await outputNodes(0);
    writeFileSync(resumeFlag, '');
    await dashboardAt(0, 50, 'done');
    await finished(0);
    const after50 = await outputNodes(0);

    assert.equal(await c.locator('.jp-OutputArea-output').count(), 1, 'one output: updates replaced the display');
    assert.equal(await c.locator('.jp-DeconvlabRenderer').count(), 1, 'one dashboard');
    assert.equal(await c.locator('.jp-DeconvlabHeader-title').textContent(), 'live');
    assert.equal(await c.locator('canvas.jp-DeconvlabGrid-image').count(), 4, 'the latest 4 samples');
    assert.match((await c.locator('.jp-DeconvlabStats').first().textContent()) ?? '', /^step 50 \/ 50 · epoch 0 · elapsed /);
    assert.ok(
      Math.abs(after50 - after10) <= Math.max(10, 0.05 * after10),
      `output DOM grew with updates: ${after10} elements after 10, ${after50} after 50`,
    );
    await shoot(0, 'live-training');
    assert.deepEqual(errors, [], 'console errors');
  },
);

test('live move diagram: transposed 3x3 k3 s2 p1 from the kernel plays, the step button advances', { timeout: 30_000 }, async () => {
  const c = await run(1, `deconv.show.arithmetic({ kind: 'transposed', inputSize: 3, kernelSize: 3, stride: 2, padding: 1 });`);
  await finished(1);
  const player = c.locator('.jp-DeconvlabPlayer').first();
  await player.waitFor({ timeout: KERNEL_TIMEOUT });
  assert.equal(await c.locator('.jp-DeconvlabPlayer').count(), 2, 'scatter and zero-insertion players');
  const status = player.locator('.jp-DeconvlabPlayer-status');
  assert.match((await status.textContent()) ?? '', /^step 1 of \d+/);
  await player.locator('button[aria-label="next step"]').click();
  await player.locator('button[aria-label="next step"]').click();
  assert.match((await status.textContent()) ?? '', /^step 3 of \d+/);
  await shoot(1, 'live-move-transposed');
  assert.deepEqual(errors, [], 'console errors');
});

test(
  'interrupt from the toolbar stops dcgan.train: InterruptError, dashboard stopped, the next cell uses the partial history',
  { timeout: 60_000 },
  async () => {
    await run(
      2,
      [
        `const G = deconv.dcgan.generator({ imageSize: 8, channels: 1, zDim: 4, width: 4, seed: 1 });`,
        `const D = deconv.dcgan.discriminator({ imageSize: 8, channels: 1, width: 4, seed: 1 });`,
        `const real = tf.randomUniform([64, 8, 8, 1], -1, 1, 'float32', 7) as tf.Tensor4D;`,
        `const progress = { step: 0 };`,
      ].join('\n'),
    );
    await finished(2);
    const c = await run(
      3,
      [
        `const board = deconv.show.training({ title: 'interrupt me', totalEpochs: 100000, minIntervalMs: 100 });`,
        `const partial = deconv.dcgan.newTrainHistory();`,
        `await deconv.dcgan.train({ generator: G, discriminator: D, data: real, epochs: 100000, batchSize: 16, history: partial,`,
        `onStep: (r) => { progress.step = r.step; board.update({ step: r.step, epoch: r.epoch, lossG: r.gLoss, lossD: r.dLoss, dReal: r.dReal, dFake: r.dFake }); } });`,
      ].join('\n'),
    );
    // Training is under way once the dashboard shows a few steps (or the cell failed: then say why).
    const stderr = c.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
    await page.waitForFunction(
      () => {
        const output = document.querySelectorAll('.jp-Notebook .jp-Cell')[3]?.querySelector('.jp-OutputArea');
        const stats = output?.querySelector('.jp-DeconvlabStats')?.textContent ?? '';
        return (
          Number(/^step (\d+)/.exec(stats)?.[1] ?? 0) >= 5 || output?.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]')
        );
      },
      undefined,
      { timeout: KERNEL_TIMEOUT },
    );
    assert.equal(await stderr.count(), 0, `the training cell failed before the interrupt: ${await stderr.allTextContents()}`);
    await page.locator('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]').click();
    await finished(3);
    await stderr.waitFor({ timeout: KERNEL_TIMEOUT }).catch(async (error) => {
      throw new Error(`no error output after the interrupt; the cell shows: ${await cellState(page, 3)}`, { cause: error });
    });
    assert.match((await stderr.textContent()) ?? '', /InterruptError/);
    await page.waitForFunction(
      () => document.querySelectorAll('.jp-Notebook .jp-Cell')[3]?.querySelector('.jp-DeconvlabStatus')?.dataset.status === 'stopped',
      undefined,
      { timeout: 10_000 },
    );
    assert.equal(await c.locator('.jp-DeconvlabStatus').textContent(), 'stopped');
    assert.equal(await c.locator('.jp-DeconvlabRenderer').count(), 1, 'one dashboard');
    await shoot(3, 'live-interrupted');

    // The interrupted cell's bindings survive: the history it declared holds the completed steps.
    const next = await run(4, '`${partial.step >= 5 && partial.steps.length === partial.step && partial.aborted}`');
    await finished(4);
    await next.locator('.jp-OutputArea-output').waitFor({ timeout: KERNEL_TIMEOUT });
    assert.equal((await next.locator('.jp-OutputArea-output').textContent())?.trim(), "'true'");
    // Training really stopped: no step completes in the background while a later cell waits.
    const idle = await run(
      5,
      'const stepThen = progress.step;\nawait new Promise((r) => setTimeout(r, 500));\n`steps ${stepThen} then ${progress.step}`',
    );
    await finished(5);
    await idle.locator('.jp-OutputArea-output').waitFor({ timeout: KERNEL_TIMEOUT });
    const text = (await idle.locator('.jp-OutputArea-output').textContent()) ?? '';
    const [, then, now] = /steps (\d+) then (\d+)/.exec(text) ?? [];
    assert.ok(Number(then) >= 5 && then === now, `training kept running after the interrupt: ${text}`);
    await page.screenshot({ path: join(ARTIFACTS, 'live-notebook.png'), fullPage: true });
    assert.deepEqual(errors, [], 'console errors');
  },
);

test(
  "Shift+Tab inside a call's parentheses: JupyterLab's tooltip shows the overload the arguments select",
  { timeout: 60_000 },
  async () => {
    const index = (await page.locator('.jp-Notebook .jp-Cell').count()) - 1;
    const declare = [
      '/** Picks by count. */',
      'function pick(count: number): number;',
      '/**',
      ' * Picks by label.',
      ' * @param loud whether to shout',
      ' */',
      'function pick(label: string, loud: boolean): string;',
      'function pick(x: any, loud?: boolean): any { return x; }',
    ].join('\n');
    await run(index, declare);
    await finished(index);
    const editor = cell(index + 1).locator('.cm-content');
    await editor.click();
    await page.keyboard.insertText("pick('a', ");
    await page.keyboard.press('Shift+Tab');
    const tooltip = page.locator('.jp-Tooltip');
    await tooltip.waitFor({ timeout: KERNEL_TIMEOUT });
    const text = (await tooltip.textContent()) ?? '';
    assert.match(text, /pick\(label: string, loud: boolean\): string {2}\(overload 2 of 2\)/);
    assert.match(text, /Picks by label\./);
    assert.match(text, /Current parameter: loud — whether to shout/);
    await page.screenshot({ path: join(ARTIFACTS, 'live-call-help.png') });
    assert.deepEqual(errors, [], 'console errors');
  },
);
