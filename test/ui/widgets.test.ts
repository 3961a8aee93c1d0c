/**
 * Widgets in the real JupyterLab against a live deconvlab kernel: notebook 01's arithmetic explorer (its
 * cell source, read from the notebook) rendered by JupyterLab's widget manager; dragging the stride slider
 * redraws the move diagram; after a page reload the widgets and the diagram come back from the kernel
 * (`jupyter.widget.control` → `update_states`); an anywidget's ES module view, drawn by PyPI anywidget's front end,
 * changing state both ways; no console errors.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { kernelIdle, kernelNotebook, type LabSession, notebookCellSource, shutdownKernels, startLab } from './lab_session';

// Browser globals used inside page callbacks (the test tsconfig has no DOM lib).
declare const document: any;

const ROOT = resolve(__dirname, '..', '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'ui');
const KERNEL_TIMEOUT = 60_000;

/** A counter as an anywidget: the view's button increments `count` (model.set + save_changes). */
const COUNTER = `const counter = deconv.widgets.anywidget({
  esm: "export default { render({ model, el }) { const b = document.createElement('button'); b.className = 'deconvlab-counter'; const draw = () => { b.textContent = 'count is ' + model.get('count'); }; b.addEventListener('click', () => { model.set('count', model.get('count') + 1); model.save_changes(); }); model.on('change:count', draw); draw(); el.append(b); } }",
  count: 1,
});
counter`;

/** Runs code cell `index` of the open notebook (click into its editor, Shift+Enter). */
async function runCell(index: number): Promise<void> {
  await page.locator('.jp-Notebook .jp-Cell').nth(index).locator('.cm-content').click();
  await page.keyboard.press('Shift+Enter');
}

/** The explorer's diagram description, e.g. "transposed convolution: input 3×3, … → output 5×5". */
async function diagramText(page: Page): Promise<string> {
  return (await page.locator('.widget-output .jp-DeconvlabHeader-meta').first().textContent()) ?? '';
}

let lab: LabSession;
let page: Page;
const errors: string[] = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  lab = await startLab();
  writeFileSync(
    join(lab.notebookDir, 'explorer.ipynb'),
    kernelNotebook(notebookCellSource('01-transposed-convolution.ipynb', 'explore-arithmetic')),
  );
  page = await lab.browser.newPage({ viewport: { width: 1280, height: 1400 } });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await lab.open(page, 'explorer.ipynb', 'light');
  await kernelIdle(page, KERNEL_TIMEOUT);
});

after(async () => {
  try {
    if (page && !page.isClosed()) {
      await shutdownKernels(page);
    }
  } finally {
    await lab?.close();
  }
});

test(
  'notebook 01 explorer: dragging the stride slider redraws the move diagram; after a reload the widgets come back',
  { timeout: 180_000 },
  async () => {
    await page.locator('.jp-Notebook .jp-Cell').first().locator('.cm-content').click();
    await page.keyboard.press('Shift+Enter');
    const sliders = page
      .locator('.widget-output')
      .locator('xpath=ancestor::div[contains(@class, "widget-vbox")]')
      .first()
      .locator('.widget-slider');
    await page.locator('.widget-output .jp-DeconvlabHeader-meta').first().waitFor({ timeout: KERNEL_TIMEOUT });
    assert.equal(await sliders.count(), 6);
    assert.match(await diagramText(page), /stride 2×2, padding 1×1, dilation 1×1 → output 5×5$/);

    // Drag the stride handle to the right end of its track: stride 4.
    const stride = sliders.nth(2);
    const handle = stride.locator('.noUi-handle');
    const track = await stride.locator('.noUi-target').boundingBox();
    const start = await handle.boundingBox();
    assert.ok(track && start);
    await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await page.mouse.down();
    await page.mouse.move(track.x + track.width * 0.6, start.y + start.height / 2, { steps: 5 });
    await page.mouse.move(track.x + track.width + 20, start.y + start.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(
      () => /stride 4×4/.test(document.querySelector('.widget-output .jp-DeconvlabHeader-meta')?.textContent ?? ''),
      undefined,
      { timeout: KERNEL_TIMEOUT },
    );
    assert.equal(await stride.locator('.widget-readout').textContent(), '4');
    assert.match(await diagramText(page), /stride 4×4, padding 1×1, dilation 1×1 → output 9×9$/);
    await page.screenshot({ path: join(ARTIFACTS, 'widgets-explorer-dragged.png') });

    // Save (the reloaded page reads the notebook from disk), reload, and see the widgets restored from the kernel.
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => !document.querySelector('.jp-mod-dirty'), undefined, { timeout: 10_000 });
    await page.reload();
    await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 60_000 });
    await page.locator('.widget-output .jp-DeconvlabHeader-meta').first().waitFor({ timeout: KERNEL_TIMEOUT });
    assert.equal(await sliders.count(), 6);
    assert.equal(await sliders.nth(2).locator('.widget-readout').textContent(), '4');
    assert.match(await diagramText(page), /stride 4×4, padding 1×1, dilation 1×1 → output 9×9$/);
    await page.screenshot({ path: join(ARTIFACTS, 'widgets-explorer-reloaded.png') });
    assert.deepEqual(errors, [], 'console errors');
  },
);

test('anywidget: the ES module view renders; clicks reach the kernel and kernel sets reach the view', { timeout: 120_000 }, async () => {
  writeFileSync(
    join(lab.notebookDir, 'counter.ipynb'),
    JSON.stringify({
      ...JSON.parse(kernelNotebook('')),
      cells: [COUNTER, "counter.get('count')", 'counter.set({ count: 10 })'].map((source, i) => ({
        id: `cell-${i}`,
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        source,
        outputs: [],
      })),
    }),
  );
  await lab.open(page, 'counter.ipynb', 'light');
  await kernelIdle(page, KERNEL_TIMEOUT);
  await runCell(0);
  const button = page.locator('button.deconvlab-counter');
  await button.waitFor({ timeout: KERNEL_TIMEOUT });
  assert.equal(await button.textContent(), 'count is 1');
  await button.click();
  await button.click();
  await page.waitForFunction(() => document.querySelector('button.deconvlab-counter')?.textContent === 'count is 3', undefined, {
    timeout: KERNEL_TIMEOUT,
  });
  await runCell(1);
  await page.waitForFunction(
    () => document.querySelectorAll('.jp-Notebook .jp-Cell')[1]?.querySelector('.jp-OutputArea-output')?.textContent?.includes('3'),
    undefined,
    { timeout: KERNEL_TIMEOUT },
  );
  assert.equal((await page.locator('.jp-Notebook .jp-Cell').nth(1).locator('.jp-OutputArea-output').textContent())?.trim(), '3');
  await runCell(2);
  await page.waitForFunction(() => document.querySelector('button.deconvlab-counter')?.textContent === 'count is 10', undefined, {
    timeout: KERNEL_TIMEOUT,
  });
  await page.screenshot({ path: join(ARTIFACTS, 'widgets-anywidget.png') });
  assert.deepEqual(errors, [], 'console errors');
});
