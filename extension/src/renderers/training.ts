import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { Widget } from '@lumino/widgets';
import { clock, smoothEma, type TrainingPayload } from 'deconvlab-contract';
import { labelled } from '../controls';
import { type IPlotly, loadPlotly, PLOT_CONFIG } from '../plotly';
import { cssVar, el } from '../theme';
import { ImageGridView } from '../views/image_grid_view';
import { PayloadRenderer } from './payload_renderer';

/** The dashboard's DOM, built once and updated in place. */
interface IDashboard {
  title: HTMLElement;
  status: HTMLElement;
  progress: HTMLProgressElement;
  stats: HTMLElement;
  latest: HTMLElement;
  smoothing: HTMLInputElement;
  smoothingValue: HTMLElement;
  plot: HTMLDivElement;
  samples: ImageGridView;
  samplesBox: HTMLElement;
}

/** The latest value of a series for the stats line (null was a non-finite value). */
function latestValue(values: (number | null)[]): string {
  if (values.length === 0) return '–';
  const v = values[values.length - 1];
  return v === null ? 'NaN' : Number(v.toPrecision(4)).toString();
}

/**
 * Renders `application/vnd.deconvlab.training+json`: progress, loss and D-output curves (one plotly
 * figure, updated with `Plotly.react`; optional EMA smoothing over faint raw curves, from the payload
 * or the slider) and the latest samples; display updates redraw in place.
 */
export class TrainingRenderer extends PayloadRenderer<'training'> {
  private dash?: IDashboard;
  private plotly?: IPlotly;
  private latest?: TrainingPayload;
  /** The smoothing the reader chose with the slider; until then the payload's. */
  private chosenSmoothing?: number;

  constructor(options: IRenderMime.IRendererOptions) {
    super(options, 'training');
  }

  protected async draw(p: TrainingPayload): Promise<void> {
    const d = (this.dash ??= this.build());
    this.latest = p;
    d.title.textContent = p.title ?? 'Training';
    d.status.textContent = p.status;
    d.status.dataset.status = p.status;
    if (p.totalSteps) {
      d.progress.max = p.totalSteps;
      d.progress.value = Math.min(p.step, p.totalSteps);
      d.progress.hidden = false;
    } else {
      d.progress.hidden = true;
    }
    const of = (n: number, total?: number) => (total === undefined ? `${n}` : `${n} / ${total}`);
    d.stats.textContent = `step ${of(p.step, p.totalSteps)} · epoch ${of(p.epoch, p.totalEpochs)} · elapsed ${clock(p.elapsedSeconds)}${p.etaSeconds === undefined ? '' : ` · ETA ${clock(p.etaSeconds)}`}`;
    const h = p.history;
    const q = p.quality?.[p.quality.length - 1];
    const quality = q
      ? ` · after epoch ${q.epoch}: FID ${q.fid?.toFixed(2) ?? 'NaN'} · KID ${q.kid?.toFixed(3) ?? 'NaN'} · precision ${q.precision.toFixed(2)} · recall ${q.recall.toFixed(2)}`
      : '';
    d.latest.textContent = `loss G ${latestValue(h.lossG)} · loss D ${latestValue(h.lossD)} · D(x) ${latestValue(h.dReal)} · D(G(z)) ${latestValue(h.dFake)}${quality}`;
    d.samplesBox.hidden = !p.samples;
    if (p.samples) d.samples.update(p.samples);
    await this.plot(p, d);
  }

  /** Draws the curves of `p` with the current smoothing (plotly loads on first use). */
  private async plot(p: TrainingPayload, d: IDashboard): Promise<void> {
    const smoothing = this.chosenSmoothing ?? p.smoothing ?? 0;
    d.smoothing.value = String(smoothing);
    d.smoothingValue.textContent = smoothing.toFixed(2);
    this.plotly ??= await loadPlotly();
    // A newer update may have arrived while plotly loaded; draw only the latest.
    if (this.isDisposed || this.latest !== p || this.dash !== d) return;
    await this.plotly.react(d.plot, this.traces(p, smoothing), this.plotLayout(), PLOT_CONFIG);
  }

  protected override clear(): void {
    if (this.dash && this.plotly) this.plotly.purge(this.dash.plot);
    this.dash = undefined;
    super.clear();
  }

  protected override onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    if (this.dash && this.plotly && this.isVisible) void this.plotly.Plots.resize(this.dash.plot);
  }

  private build(): IDashboard {
    this.clear();
    const header = el('div', 'jp-DeconvlabHeader');
    const title = el('span', 'jp-DeconvlabHeader-title');
    const status = el('span', 'jp-DeconvlabStatus');
    header.append(title, status);
    const progress = el('progress', 'jp-DeconvlabProgress');
    const stats = el('div', 'jp-DeconvlabStats');
    const latest = el('div', 'jp-DeconvlabStats');
    const smoothing = el('input', 'jp-DeconvlabSmoothing');
    Object.assign(smoothing, { type: 'range', min: '0', max: '0.99', step: '0.01' });
    smoothing.setAttribute('aria-label', 'curve smoothing (exponential moving average weight)');
    const smoothingValue = el('span', 'jp-DeconvlabStats');
    const toolbar = el('div', 'jp-DeconvlabToolbar');
    toolbar.append(labelled('smoothing', smoothing), smoothingValue);
    smoothing.addEventListener('input', () => {
      this.chosenSmoothing = Number(smoothing.value);
      if (this.latest && this.dash) void this.plot(this.latest, this.dash);
    });
    const body = el('div', 'jp-DeconvlabTraining-body');
    const plot = el('div', 'jp-DeconvlabPlot jp-DeconvlabTraining-plot');
    const samplesBox = el('div', 'jp-DeconvlabTraining-samples');
    const samples = new ImageGridView(40);
    samplesBox.append(el('div', 'jp-DeconvlabTraining-caption', 'latest samples'), samples.node);
    body.append(plot, samplesBox);
    this.node.append(header, progress, stats, latest, toolbar, body);
    return { title, status, progress, stats, latest, smoothing, smoothingValue, plot, samples, samplesBox };
  }

  /** The four curves; with smoothing, each raw curve drawn faint behind its smoothed one. */
  private traces(p: TrainingPayload, smoothing: number): unknown[] {
    const h = p.history;
    const line = (y: (number | null)[], name: string, color: string, axis: '' | '2') => {
      const trace = {
        type: 'scatter',
        mode: 'lines',
        x: h.step,
        name,
        line: { color, width: 1.5 },
        connectgaps: false,
        xaxis: `x${axis}`,
        yaxis: `y${axis}`,
        hovertemplate: `${name} %{y:.4g} at step %{x}<extra></extra>`,
      };
      if (smoothing === 0) return [{ ...trace, y }];
      return [
        { ...trace, y, opacity: 0.25, showlegend: false, hoverinfo: 'skip', hovertemplate: undefined },
        { ...trace, y: smoothEma(y, smoothing), hovertemplate: `${name} (smoothed) %{y:.4g} at step %{x}<extra></extra>` },
      ];
    };
    return [
      ...line(h.lossG, 'loss G', '#1f77b4', ''),
      ...line(h.lossD, 'loss D', '#d62728', ''),
      ...line(h.dReal, 'D(x)', '#2ca02c', '2'),
      ...line(h.dFake, 'D(G(z))', '#ff7f0e', '2'),
    ];
  }

  private plotLayout(): Record<string, unknown> {
    const font = cssVar('--jp-ui-font-color1', '#333');
    const grid = cssVar('--jp-border-color2', '#ddd');
    const axis = { gridcolor: grid, zerolinecolor: grid, color: font };
    return {
      height: 260,
      margin: { l: 44, r: 10, t: 30, b: 36 },
      font: { color: font, size: 11 },
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      legend: { orientation: 'h', y: 1.14, x: 0 },
      xaxis: { ...axis, domain: [0, 0.47], title: { text: 'step' } },
      yaxis: { ...axis, title: { text: 'loss' } },
      xaxis2: { ...axis, domain: [0.55, 1], anchor: 'y2', title: { text: 'step' } },
      yaxis2: { ...axis, anchor: 'x2', range: [0, 1], title: { text: 'D output' } },
      uirevision: 'keep-zoom',
    };
  }
}
