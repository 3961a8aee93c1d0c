/**
 * A throwaway JupyterLab server from the project venv and a headless Debian Chromium driven by
 * playwright-core, for the extension's UI tests and render benchmarks. No network: news, update
 * checks and the news prompt are off; settings and workspaces live in a temporary folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

// Browser globals used inside page callbacks (the test tsconfig has no DOM lib).
declare const document: any;

const ROOT = resolve(__dirname, '..', '..', '..');
const VENV_BIN = join(ROOT, '.venv', 'bin');

/** A running JupyterLab with a browser. */
export interface LabSession {
  /** The notebook directory (write notebooks here before opening them). */
  notebookDir: string;
  browser: Browser;
  /** Opens `path` (relative to the notebook dir) in a fresh workspace, in `theme`, and waits for the notebook. */
  open(page: Page, path: string, theme: 'light' | 'dark'): Promise<void>;
  /** Stops the browser and the server and removes the temporary folders. */
  close(): Promise<void>;
}

/** A free TCP port on localhost. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Writes one user setting file (JupyterLab reads them on every page load). */
function writeSetting(settingsDir: string, plugin: string, value: Record<string, unknown>): void {
  const [pkg, name] = plugin.split(':');
  mkdirSync(join(settingsDir, pkg), { recursive: true });
  writeFileSync(join(settingsDir, pkg, `${name}.jupyterlab-settings`), JSON.stringify(value));
}

/** Resolves when the server answers on `url`, or rejects with its output after `timeoutMs`. */
async function waitForServer(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`jupyter lab exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`jupyter lab did not answer within ${timeoutMs} ms:\n${log()}`);
}

/** Options of {@link startLab}. */
export interface LabOptions {
  /** Extra environment variables for the server, and so for the kernels it starts (e.g. `QUICK: '1'`). */
  env?: Record<string, string>;
}

/** Starts JupyterLab (from .venv) and Chromium. */
export async function startLab(options: LabOptions = {}): Promise<LabSession> {
  const temp = mkdtempSync(join(tmpdir(), 'deconvlab-ui-'));
  const notebookDir = join(temp, 'notebooks');
  const settingsDir = join(temp, 'settings');
  mkdirSync(notebookDir);
  writeSetting(settingsDir, '@jupyterlab/apputils-extension:notification', { fetchNews: 'false', checkForUpdates: false });
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  let output = '';
  const child = spawn(
    join(VENV_BIN, 'jupyter'),
    [
      'lab',
      '--no-browser',
      `--port=${port}`,
      '--ip=127.0.0.1',
      `--IdentityProvider.token=${token}`,
      `--notebook-dir=${notebookDir}`,
      '--LabApp.news_url=None',
      '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
      '--LabApp.extension_manager=readonly',
      ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
    ],
    {
      env: {
        ...process.env,
        ...options.env,
        PATH: `${VENV_BIN}:${process.env.PATH}`,
        JUPYTERLAB_SETTINGS_DIR: settingsDir,
        JUPYTERLAB_WORKSPACES_DIR: join(temp, 'workspaces'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const stopServer = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  try {
    await waitForServer(`${base}/api/status?token=${token}`, child, () => output);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    return {
      notebookDir,
      browser,
      async open(page, path, theme) {
        writeSetting(settingsDir, '@jupyterlab/apputils-extension:themes', {
          theme: theme === 'dark' ? 'JupyterLab Dark' : 'JupyterLab Light',
        });
        await page.goto(`${base}/lab/tree/${path}?reset&token=${token}`);
        await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 60_000 });
        await page.waitForFunction((t) => document.body.dataset.jpThemeLight === String(t === 'light'), theme);
      },
      async close() {
        await browser.close();
        await stopServer();
        rmSync(temp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopServer();
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/** An nbformat 4.5 notebook whose code cells hold the given saved outputs (a python3 kernelspec: any installed kernel will do, none is run). */
export function notebookWithOutputs(cells: { source: string; outputs: Record<string, unknown>[] }[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: cells.map((cell, i) => ({
      id: `cell-${i}`,
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      source: cell.source,
      outputs: cell.outputs,
    })),
  });
}

/** A `display_data` output of a MIME bundle. */
export function displayData(data: Record<string, unknown>): Record<string, unknown> {
  return { output_type: 'display_data', data, metadata: {} };
}

/**
 * Renders `data` with the installed deconvlab renderer for `mimeType` `copies` times in the open page
 * (taken from the extension's module-federation container, so it is exactly what JupyterLab runs) and
 * returns each time in ms from creating the renderer to the next animation frame after `renderModel`.
 */
export async function measureRender(page: Page, mimeType: string, data: unknown, copies: number): Promise<number[]> {
  return page.evaluate(
    async ({ mimeType, data, copies }) => {
      const w = globalThis as any;
      const factory = await w._JUPYTERLAB['deconvlab-extension'].get('./mimeExtension');
      const extensions = factory().default as any[];
      const extension = extensions.find((e) => e.rendererFactory.mimeTypes.includes(mimeType));
      const times: number[] = [];
      for (let i = 0; i < copies; i++) {
        const start = performance.now();
        const renderer = extension.rendererFactory.createRenderer({ mimeType });
        w.document.body.append(renderer.node);
        await renderer.renderModel({ data: { [mimeType]: data }, metadata: {}, trusted: false, setData() {} });
        await new Promise((r) => w.requestAnimationFrame(r));
        times.push(performance.now() - start);
        renderer.node.remove();
        renderer.dispose();
      }
      return times;
    },
    { mimeType, data, copies },
  );
}

/** The source of the cell with id `cellId` in `notebooks/<file>`. */
export function notebookCellSource(file: string, cellId: string): string {
  const notebook = JSON.parse(readFileSync(join(ROOT, 'notebooks', file), 'utf8')) as { cells: { id: string; source: string[] }[] };
  const cell = notebook.cells.find((c) => c.id === cellId);
  if (!cell) throw new Error(`notebooks/${file} has no cell ${cellId}`);
  return cell.source.join('');
}

/** A notebook on the deconvlab kernel whose one code cell is `source` (no outputs). */
export function kernelNotebook(source: string): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'deconvlab', display_name: 'TypeScript (deconvlab)', language: 'typescript' } },
    cells: [{ id: 'cell-0', cell_type: 'code', execution_count: null, metadata: {}, source, outputs: [] }],
  });
}

/** Waits until the status bar reads "TypeScript (deconvlab) | Idle", a state only the kernel itself reports. */
export async function kernelIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('#jp-main-statusbar *')].some((e) => e.textContent === 'TypeScript (deconvlab) | Idle'),
    undefined,
    { timeout },
  );
}

/** Waits until cell `index` has finished running (its prompt shows an execution count). */
export async function cellFinished(page: Page, index: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    (i) => /\[\d+\]/.test(document.querySelectorAll('.jp-Notebook .jp-Cell')[i]?.querySelector('.jp-InputArea-prompt')?.textContent ?? ''),
    index,
    { timeout },
  );
}

/** Cell `index`'s prompt, dashboard stats, status and plot traces, and output text, for failure messages. */
export function cellState(page: Page, index: number): Promise<string> {
  return page.evaluate((i) => {
    const c = document.querySelectorAll('.jp-Notebook .jp-Cell')[i];
    return JSON.stringify({
      prompt: c?.querySelector('.jp-InputArea-prompt')?.textContent,
      stats: c?.querySelector('.jp-DeconvlabStats')?.textContent,
      status: c?.querySelector('.jp-DeconvlabStatus')?.textContent,
      traces: c?.querySelectorAll('.jp-DeconvlabTraining-plot .scatterlayer .trace').length,
      outputs: c?.querySelectorAll('.jp-OutputArea-output').length,
      text: c?.querySelector('.jp-OutputArea')?.textContent?.slice(0, 500),
    });
  }, index);
}

/** Shuts every kernel down through the server API (with the page's own token); returns the HTTP statuses. */
export function shutdownKernels(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const token = JSON.parse(document.querySelector('#jupyter-config-data')?.textContent ?? '{}').token ?? '';
    const kernels = (await (await fetch(`/api/kernels?token=${token}`)).json()) as { id: string }[];
    return Promise.all(kernels.map(async (k) => (await fetch(`/api/kernels/${k.id}?token=${token}`, { method: 'DELETE' })).status));
  });
}

/** Records the page's console errors, uncaught errors and dialogs (dismissed) into `errors`. */
export function collectErrors(page: Page, errors: string[]): void {
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
}
