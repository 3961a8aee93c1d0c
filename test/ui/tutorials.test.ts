/**
 * The tutorials as a reader sees them in JupyterLab: notebooks 01, 02 and 04 opened with their saved outputs
 * (from DECONVLAB_TUTORIALS_DIR, default notebooks/; the notebook test leaves QUICK runs in
 * test-artifacts/notebooks/), every deconvlab output screenshot into test-artifacts/ui/tutorials/, and the
 * figure fixes checked in the page: notebook 02's untrained-generator grid shows contrast in one row of
 * four, the matrix C is drawn large, tables are HTML tables, the dashboard smooths its curves, wide grids wrap.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type LabSession, startLab } from './lab_session';

// Browser globals used inside page callbacks (the test tsconfig has no DOM lib).
declare const document: any;

const ROOT = resolve(__dirname, '..', '..', '..');
const SOURCE = process.env.DECONVLAB_TUTORIALS_DIR ? resolve(process.env.DECONVLAB_TUTORIALS_DIR) : join(ROOT, 'notebooks');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'ui', 'tutorials');
const NAMES = ['01-transposed-convolution', '02-three-views', '04-train-dcgan'];

let lab: LabSession;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  lab = await startLab();
});

after(async () => {
  await lab?.close();
});

/** Opens a tutorial, waits for its renderers, screenshots every deconvlab output and HTML table; returns the page and console errors. */
async function openTutorial(name: string): Promise<{ page: Page; errors: string[] }> {
  // Saved outputs only: a python3 kernelspec, so opening the notebook starts no deconvlab kernel.
  const notebook = JSON.parse(readFileSync(join(SOURCE, `${name}.ipynb`), 'utf8'));
  notebook.metadata.kernelspec = { name: 'python3', display_name: 'Python 3', language: 'python' };
  writeFileSync(join(lab.notebookDir, `${name}.ipynb`), JSON.stringify(notebook));
  const page = await lab.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await lab.open(page, `${name}.ipynb`, 'light');
  const expected = notebook.cells
    .flatMap((c: { outputs?: { data?: object }[] }) => c.outputs ?? [])
    .filter((o: { data?: object }) => Object.keys(o.data ?? {}).some((m) => m.startsWith('application/vnd.deconvlab.'))).length;
  await page.waitForFunction((n) => document.querySelectorAll('.jp-DeconvlabRenderer').length >= n, expected, { timeout: 60_000 });
  const outputs = page.locator(
    '.jp-OutputArea-output.jp-DeconvlabRenderer, .jp-OutputArea-output:has(.jp-DeconvlabRenderer), .jp-OutputArea-output:has(table)',
  );
  for (let i = 0; i < (await outputs.count()); i++) {
    await outputs.nth(i).scrollIntoViewIfNeeded();
    await outputs.nth(i).screenshot({ path: join(ARTIFACTS, `${name}-output-${String(i).padStart(2, '0')}.png`) });
  }
  await page.locator('.jp-Cell').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, `${name}-top.png`) });
  assert.equal(await page.locator('.jp-DeconvlabError').count(), 0, 'a deconvlab output shows an error box');
  return { page, errors };
}

/** The cell whose source contains `text`. */
function cellWith(page: Page, text: string) {
  return page.locator('.jp-Cell', { has: page.locator('.jp-InputArea', { hasText: text }) });
}

test('notebook 01: move diagrams play, console.table outputs are HTML tables', { timeout: 180_000 }, async () => {
  const { page, errors } = await openTutorial(NAMES[0]);
  assert.ok((await page.locator('.jp-DeconvlabPlayer').count()) >= 4, 'move-diagram players');
  const table = cellWith(page, 'validTransposeOutputSizes').locator('.jp-RenderedHTMLCommon table');
  assert.equal(await table.count(), 1, 'console.table shows an HTML table');
  assert.deepEqual(await table.locator('thead th').allTextContents(), ['(index)', 'input', 'kernel', 'stride', 'padding', 'valid outputs']);
  assert.equal(await table.locator('tbody tr').count(), 6);
  assert.equal(
    await table
      .locator('tbody tr')
      .first()
      .locator('td')
      .first()
      .evaluate((td: any) => (globalThis as any).getComputedStyle(td).textAlign),
    'right',
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test(
  'notebook 02: the untrained generators show contrast in one row of four, the matrix C is drawn large',
  { timeout: 180_000 },
  async () => {
    const { page, errors } = await openTutorial(NAMES[1]);
    const grid = cellWith(page, 'Untrained DCGAN generators');
    const canvases = grid.locator('canvas.jp-DeconvlabGrid-image');
    assert.equal(await canvases.count(), 4);
    const tops = await canvases.evaluateAll((cs: any[]) => cs.map((c) => Math.round(c.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `the text says "left two / right two": one row, got tops ${tops}`);
    // Each image's grey levels: a flat grey image (the old 123..132 of 255) has a standard deviation near 2.
    const spreads = await canvases.evaluateAll((cs: any[]) =>
      cs.map((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const grey = Array.from({ length: d.length / 4 }, (_, i) => d[4 * i]);
        const mean = grey.reduce((a, b) => a + b, 0) / grey.length;
        return Math.sqrt(grey.reduce((a, b) => a + (b - mean) ** 2, 0) / grey.length);
      }),
    );
    assert.ok(
      spreads.every((s: number) => s > 30),
      `grey-level spreads ${spreads}`,
    );
    assert.match((await grid.locator('.jp-DeconvlabHeader-title').textContent()) ?? '', /contrast stretched per image/);
    await grid.locator('.jp-OutputArea-output').screenshot({ path: join(ARTIFACTS, '02-untrained-generators.png') });
    const matrix = cellWith(page, 'convolutionMatrix').locator('canvas.jp-DeconvlabFM-map');
    const box = await matrix.boundingBox();
    assert.ok(box && box.width >= 300 && box.height >= 75, `C is drawn ${box?.width}x${box?.height} px`);
    await cellWith(page, 'convolutionMatrix')
      .locator('.jp-OutputArea-output')
      .screenshot({ path: join(ARTIFACTS, '02-matrix-c.png') });
    assert.deepEqual(errors, []);
    await page.close();
  },
);

test(
  'notebook 04: the 16-column digit grid wraps inside the output, the dashboard draws smoothed curves over faint raw ones',
  { timeout: 180_000 },
  async () => {
    const { page, errors } = await openTutorial(NAMES[2]);
    const digits = cellWith(page, 'training digits, scaled').locator('.jp-OutputArea-output');
    const [outer, inner] = await digits.evaluate((o: any) => [
      o.getBoundingClientRect().right,
      Math.max(...[...o.querySelectorAll('figure')].map((f: any) => f.getBoundingClientRect().right)),
    ]);
    assert.ok(inner <= outer, `a tile ends at ${inner} px, the output at ${outer} px`);
    const dashboard = cellWith(page, 'deconv.show.training').locator('.jp-DeconvlabTraining-plot');
    await dashboard.locator('.main-svg').first().waitFor({ timeout: 30_000 });
    assert.equal(await dashboard.locator('.scatterlayer .trace').count(), 8, 'four smoothed and four faint raw curves');
    assert.equal(await cellWith(page, 'deconv.show.training').locator('input.jp-DeconvlabSmoothing').inputValue(), '0.9');
    await cellWith(page, 'deconv.show.training')
      .locator('.jp-OutputArea-output')
      .first()
      .screenshot({ path: join(ARTIFACTS, '04-dashboard.png') });
    assert.deepEqual(errors, []);
    await page.close();
  },
);
