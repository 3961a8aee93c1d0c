/**
 * JupyterLab highlights cells of the deconvlab kernel as TypeScript from the kernel's `codemirror_mode`
 * string `'typescript'` (looked up by name in JupyterLab's language registry): the TypeScript-only
 * keywords `interface` and `type` get the theme's keyword colour (JavaScript mode parses both as
 * plain identifiers).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type LabSession, startLab } from './lab_session';

// Browser globals used inside page callbacks (the test tsconfig has no DOM lib).
declare const document: any;
declare const getComputedStyle: any;

/** A notebook on the deconvlab kernel with one TypeScript cell and no saved language_info (it comes from the kernel). */
function typescriptNotebook(): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'deconvlab', display_name: 'TypeScript (deconvlab)', language: 'typescript' } },
    cells: [
      {
        id: 'cell-0',
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        source: 'interface Point { x: number }\ntype Id = string;',
        outputs: [],
      },
    ],
  });
}

let lab: LabSession;
let page: Page;

before(async () => {
  lab = await startLab();
  writeFileSync(join(lab.notebookDir, 'ts.ipynb'), typescriptNotebook());
  page = await lab.browser.newPage({ viewport: { width: 1200, height: 800 } });
  await lab.open(page, 'ts.ipynb', 'light');
  await page.waitForFunction(
    () => [...document.querySelectorAll('#jp-main-statusbar *')].some((e: any) => e.textContent === 'TypeScript (deconvlab) | Idle'),
    undefined,
    { timeout: 60_000 },
  );
});

after(async () => {
  try {
    await page?.evaluate(async () => {
      const token = JSON.parse(document.querySelector('#jupyter-config-data')?.textContent ?? '{}').token ?? '';
      const kernels = (await (await fetch(`/api/kernels?token=${token}`)).json()) as { id: string }[];
      await Promise.all(kernels.map((k) => fetch(`/api/kernels/${k.id}?token=${token}`, { method: 'DELETE' })));
    });
  } finally {
    await lab?.close();
  }
});

test('TypeScript cells are highlighted as TypeScript (interface and type are keywords)', async () => {
  const colours = () =>
    page.evaluate(() => {
      /** The computed colour of a CSS variable, resolved the way the editor's spans are. */
      const resolved = (variable: string) => {
        const probe = document.createElement('span');
        probe.style.color = `var(${variable})`;
        document.body.appendChild(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      };
      const spans = [...document.querySelectorAll('.jp-Notebook .jp-Cell .cm-line span')];
      const colourOf = (text: string) => {
        const span = spans.find((s: any) => s.textContent === text);
        return span ? getComputedStyle(span).color : 'no span';
      };
      return {
        interface: colourOf('interface'),
        keyword: resolved('--jp-mirror-editor-keyword-color'),
        type: colourOf('type'),
      };
    });
  // Highlighting follows the kernel's language_info once the kernel is connected; the assertion below says what was seen.
  await page
    .waitForFunction(
      () => [...document.querySelectorAll('.jp-Notebook .jp-Cell .cm-line span')].some((s: any) => s.textContent === 'interface'),
      undefined,
      { timeout: 30_000 },
    )
    .catch(() => undefined);
  const seen = await colours();
  assert.equal(seen.interface, seen.keyword, `'interface' has the keyword colour: ${JSON.stringify(seen)}`);
  assert.equal(seen.type, seen.keyword, `'type' has the keyword colour: ${JSON.stringify(seen)}`);
});
