/**
 * Render times of the extension's four renderers in JupyterLab + Chromium, against the reference: the
 * same output's static SVG fallback drawn as an <img> with a data URL (how nbconvert's HTML and
 * JupyterLab's built-in image renderers show it), decoded and on screen in the next frame. Ours: a fresh
 * renderer made from the installed extension's federated module, from creation to the next animation
 * frame after renderModel, median of 5, in a page of JupyterLab with the light theme.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-node';
import * as deconv from 'deconvlab';
import type * as LabSessionModule from '../test/dist/ui/lab_session';
import type { BenchRow, BenchRun } from './bench_row';

// Browser globals used inside page callbacks (the bench tsconfig has no DOM lib).
declare const document: any;
declare const Image: any;
declare const requestAnimationFrame: (f: () => void) => void;

const COPIES = 5;

/** The bundles measured, by name. */
function bundles(): [string, deconv.MimeBundle][] {
  tf.engine().startScope();
  try {
    const maps = tf.randomNormal([32, 32, 64], 0, 1, 'float32', 1);
    const images = tf.randomUniform([64, 28, 28, 1], -1, 1, 'float32', 2);
    const n = 300;
    const series = Array.from({ length: n }, (_, i) => 1 + Math.sin(i / 10));
    const history = {
      step: series.map((_, i) => i),
      lossG: series,
      lossD: series,
      dReal: series.map(() => 0.6),
      dFake: series.map(() => 0.4),
    };
    return [
      ['featureMaps 64ch 32x32', deconv.featureMapsBundle(maps)],
      ['imageGrid 64 images 28x28', deconv.imagesBundle(images)],
      [
        'convArithmetic transposed 16x16 k3 s2 p1',
        deconv.arithmeticBundle({ kind: 'transposed', inputSize: 16, kernelSize: 3, stride: 2, padding: 1 }),
      ],
      [
        'training 300 steps + 16 samples',
        deconv.trainingBundle({ step: n, history, samples: images.slice([0, 0, 0, 0], [16, -1, -1, -1]) }),
      ],
    ];
  } finally {
    tf.engine().endScope();
  }
}

/** The median of a list. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export const run: BenchRun = async () => {
  // The UI helpers are compiled test code outside bench's project; loaded at run time, typed by the import above.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startLab, notebookWithOutputs, measureRender } = require(
    join(__dirname, '..', '..', 'test', 'dist', 'ui', 'lab_session'),
  ) as typeof LabSessionModule;
  const measured = bundles();
  const lab = await startLab();
  const rows: BenchRow[] = [];
  try {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(lab.notebookDir, 'empty.ipynb'), notebookWithOutputs([{ source: '', outputs: [] }]));
    const page = await lab.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await lab.open(page, 'empty.ipynb', 'light');
    for (const [name, bundle] of measured) {
      const mime = Object.keys(bundle)[0];
      await measureRender(page, mime, bundle[mime], 1); // warm-up: loads plotly's chunk once
      const ours = await measureRender(page, mime, bundle[mime], COPIES);
      const reference = await page.evaluate(
        async ({ svg, copies }: { svg: string; copies: number }) => {
          const times: number[] = [];
          for (let i = 0; i < copies; i++) {
            const start = performance.now();
            const img = new Image();
            img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
            document.body.append(img);
            await img.decode();
            await new Promise<void>((r) => requestAnimationFrame(() => r()));
            times.push(performance.now() - start);
            img.remove();
          }
          return times;
        },
        { svg: bundle['image/svg+xml'] as string, copies: COPIES },
      );
      const oursMs = median(ours);
      const refMs = median(reference);
      rows.push({
        name: `render ${name} (JupyterLab, Chromium)`,
        unit: 'ms',
        ours: oursMs,
        reference: 'an <img> of the SVG fallback',
        reference_value: refMs,
        ratio: refMs / oursMs,
      });
    }
    await page.close();
  } finally {
    await lab.close();
  }
  return rows;
};
