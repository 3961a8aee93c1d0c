import { clock, smoothEma } from 'deconvlab-contract';
import type { TrainingPayload } from './payloads';
import { fitText, svgDocument, svgText } from './svg';
import { chartPanel, type ChartSeries } from './svg_chart';
import { svgTileGrid, tileSize } from './svg_tiles';

const WIDTH = 720;
const PAD = 10;
const PANEL_HEIGHT = 250;

/** A panel's curves: each raw series, and with smoothing the smoothed one on top of the raw one drawn faint. */
function curves(p: TrainingPayload, series: [keyof Omit<TrainingPayload['history'], 'step'>, string, string][]): ChartSeries[] {
  const x = p.history.step;
  const weight = p.smoothing ?? 0;
  return series.flatMap(([key, name, color]) =>
    weight > 0
      ? [
          { name, color, x, y: p.history[key], faint: true },
          { name, color, x, y: smoothEma(p.history[key], weight) },
        ]
      : [{ name, color, x, y: p.history[key] }],
  );
}

/**
 * The static fallback of the training dashboard, drawn from its payload (at least 640 px wide): title and
 * status, progress, the loss panel and the D(x) / D(G(z)) panel with axes, ticks and legends, the latest samples.
 */
export function trainingSvg(p: TrainingPayload, latest: string, description: string): string {
  const of = (n: number, total?: number) => (total === undefined ? `${n}` : `${n} / ${total}`);
  const stats = `step ${of(p.step, p.totalSteps)} · epoch ${of(p.epoch, p.totalEpochs)} · elapsed ${clock(p.elapsedSeconds)}${p.etaSeconds === undefined ? '' : ` · ETA ${clock(p.etaSeconds)}`}`;
  const smoothing = p.smoothing ? ` · curves smoothed (EMA ${p.smoothing}), raw values faint` : '';
  const body = [
    svgText(PAD, 20, fitText(`${p.title ?? 'Training'} (${p.status})`, WIDTH - 2 * PAD, 15), { bold: true, size: 15 }),
    svgText(PAD, 38, fitText(stats + smoothing, WIDTH - 2 * PAD, 11), { size: 11, fill: '#555' }),
    svgText(PAD, 54, fitText(latest, WIDTH - 2 * PAD, 11), { size: 11, fill: '#555' }),
    ...chartPanel({
      left: 0,
      top: 64,
      width: WIDTH / 2,
      height: PANEL_HEIGHT,
      title: 'Losses',
      xTitle: 'step',
      yTitle: 'loss',
      series: curves(p, [
        ['lossG', 'loss G', '#1f77b4'],
        ['lossD', 'loss D', '#d62728'],
      ]),
    }),
    ...chartPanel({
      left: WIDTH / 2,
      top: 64,
      width: WIDTH / 2,
      height: PANEL_HEIGHT,
      title: 'Discriminator outputs',
      xTitle: 'step',
      yTitle: 'D output (probability real)',
      yRange: [0, 1],
      series: curves(p, [
        ['dReal', 'D(x) real', '#2ca02c'],
        ['dFake', 'D(G(z)) generated', '#ff7f0e'],
      ]),
    }),
  ];
  let height = 64 + PANEL_HEIGHT + PAD;
  if (p.samples) {
    const g = p.samples;
    const columns = Math.min(g.columns, g.count);
    body.push(svgText(PAD, height + 12, `latest samples (${g.count})`, { bold: true }));
    const grid = svgTileGrid({
      bytes: Buffer.from(g.data, 'base64'),
      count: g.count,
      height: g.height,
      width: g.width,
      channels: g.channels,
      columns,
      tile: tileSize(columns, 48, WIDTH - 2 * PAD),
      left: PAD,
      top: height + 20,
    });
    body.push(...grid.body);
    height += 20 + grid.height + PAD;
  }
  return svgDocument(WIDTH, height, description, body);
}
