import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { FeatureMapsPayload } from 'deconvlab-contract';
import { VIRIDIS_LUT } from 'deconvlab-contract';
import { labelled, select } from '../controls';
import { decodeBase64, dequantise } from '../decode';
import { type IPlotly, loadPlotly, PLOT_CONFIG } from '../plotly';
import { cssVar, el } from '../theme';
import { pixelCanvas, zoomFor } from '../views/pixels';
import { PayloadRenderer } from './payload_renderer';

/** Parses a channel filter such as `0-7, 12` into a set (undefined when empty), or null when malformed. */
export function parseChannelFilter(text: string, channels: number): Set<number> | undefined | null {
  if (!text.trim()) return undefined;
  const picked = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) return null;
    const lo = Number(m[1]);
    const hi = Math.min(channels - 1, Number(m[2] ?? m[1]));
    for (let c = lo; c <= hi; c++) picked.add(c);
  }
  return picked;
}

/**
 * Renders `application/vnd.deconvlab.feature-maps+json`: every channel as a small canvas heatmap (fast
 * for many channels) with hover readout, sort/filter/scale controls, and a plotly heatmap with zoom
 * and hover for the channel you click.
 */
export class FeatureMapsRenderer extends PayloadRenderer<'featureMaps'> {
  private plotDiv?: HTMLDivElement;
  private plotly?: IPlotly;

  constructor(options: IRenderMime.IRendererOptions) {
    super(options, 'featureMaps');
  }

  protected draw(p: FeatureMapsPayload): void {
    this.clear();
    const bytes = decodeBase64(p.data);
    const value = (c: number, y: number, x: number) => dequantise(bytes[(c * p.height + y) * p.width + x], p.min[c], p.max[c]);
    const header = el('div', 'jp-DeconvlabHeader');
    if (p.title) header.append(el('span', 'jp-DeconvlabHeader-title', p.title));
    if (p.layer) header.append(el('span', 'jp-DeconvlabHeader-layer', p.layer));
    header.append(el('span', 'jp-DeconvlabHeader-meta', `${p.height}×${p.width}×${p.channels}`));

    const toolbar = el('div', 'jp-DeconvlabToolbar');
    const sort = select(
      'sort channels',
      [
        ['index', 'channel order'],
        ['mean-desc', 'mean ↓'],
        ['mean-asc', 'mean ↑'],
      ],
      'index',
    );
    const scale = select(
      'colour scale',
      [
        ['shared', 'shared scale'],
        ['channel', 'per-channel scale'],
      ],
      p.scale,
    );
    const filter = el('input', 'jp-DeconvlabInput');
    filter.placeholder = 'channels, e.g. 0-7, 12';
    filter.setAttribute('aria-label', 'show only these channels');
    const legend = el('span', 'jp-DeconvlabLegend');
    toolbar.append(labelled('sort', sort), labelled('scale', scale), labelled('filter', filter), legend);

    const grid = el('div', 'jp-DeconvlabFM-grid');
    const readout = el('div', 'jp-DeconvlabReadout', 'hover a map for values; click one for a zoomable heatmap');
    readout.setAttribute('aria-live', 'polite');
    const detail = el('div', 'jp-DeconvlabFM-detail');
    detail.hidden = true;
    this.node.append(header, toolbar, grid, readout, detail);

    const zoom = mapZoom(p.height, p.width, p.channels);
    const canvases = Array.from({ length: p.channels }, (_, c) => {
      const tile = el('figure', 'jp-DeconvlabFM-tile');
      tile.tabIndex = 0;
      tile.setAttribute('role', 'button');
      tile.setAttribute('aria-label', `channel ${c}, mean ${p.mean[c].toPrecision(3)}; Enter opens a zoomable heatmap`);
      const canvas = pixelCanvas(p.height, p.width, zoom, 'jp-DeconvlabFM-map');
      canvas.dataset.channel = String(c);
      tile.append(canvas, el('figcaption', 'jp-DeconvlabFM-label', `${c}`));
      tile.addEventListener('click', () => void this.showDetail(p, c, value, detail, scale.value === 'shared'));
      tile.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') void this.showDetail(p, c, value, detail, scale.value === 'shared');
      });
      return { tile, canvas };
    });

    const paint = () => {
      const shared = scale.value === 'shared';
      const lo = Math.min(...p.min);
      const hi = Math.max(...p.max);
      legend.textContent = shared ? `colour ${fmt(lo)} … ${fmt(hi)}` : 'colour: each channel min … max';
      canvases.forEach(({ canvas }, c) => paintChannel(canvas, bytes, p, c, shared ? [lo, hi] : undefined));
    };
    const arrange = () => {
      const picked = parseChannelFilter(filter.value, p.channels);
      filter.setAttribute('aria-invalid', String(picked === null));
      const order = Array.from({ length: p.channels }, (_, c) => c);
      if (sort.value !== 'index') order.sort((a, b) => (sort.value === 'mean-desc' ? p.mean[b] - p.mean[a] : p.mean[a] - p.mean[b]));
      grid.replaceChildren(...order.filter((c) => !picked || picked.has(c)).map((c) => canvases[c].tile));
    };
    grid.addEventListener('mousemove', (e) => {
      const canvas = e.target as HTMLElement;
      if (!(canvas instanceof HTMLCanvasElement) || canvas.dataset.channel === undefined) return;
      const c = Number(canvas.dataset.channel);
      const box = canvas.getBoundingClientRect();
      const x = Math.min(p.width - 1, Math.floor(((e.clientX - box.left) / box.width) * p.width));
      const y = Math.min(p.height - 1, Math.floor(((e.clientY - box.top) / box.height) * p.height));
      readout.textContent = `channel ${c}, y ${y}, x ${x}: ${fmt(value(c, y, x))}`;
    });
    sort.addEventListener('change', arrange);
    filter.addEventListener('input', arrange);
    scale.addEventListener('change', paint);
    paint();
    arrange();
  }

  protected override clear(): void {
    if (this.plotDiv && this.plotly) this.plotly.purge(this.plotDiv);
    this.plotDiv = undefined;
    super.clear();
  }

  private async showDetail(
    p: FeatureMapsPayload,
    c: number,
    value: (c: number, y: number, x: number) => number,
    detail: HTMLElement,
    shared: boolean,
  ): Promise<void> {
    detail.hidden = false;
    if (!this.plotDiv) {
      const close = el('button', 'jp-DeconvlabButton', 'Close heatmap');
      close.addEventListener('click', () => {
        detail.hidden = true;
      });
      this.plotDiv = el('div', 'jp-DeconvlabPlot');
      detail.replaceChildren(close, this.plotDiv);
    }
    const div = this.plotDiv;
    this.plotly = await loadPlotly();
    if (this.isDisposed || div !== this.plotDiv) return;
    const z = Array.from({ length: p.height }, (_, y) => Array.from({ length: p.width }, (_, x) => value(c, y, x)));
    const font = cssVar('--jp-ui-font-color1', '#333');
    await this.plotly.react(
      div,
      [
        {
          type: 'heatmap',
          z,
          colorscale: 'Viridis',
          colorbar: { title: { text: 'value', side: 'right' } },
          zmin: shared ? Math.min(...p.min) : p.min[c],
          zmax: shared ? Math.max(...p.max) : p.max[c],
          hovertemplate: `channel ${c}<br>y %{y}, x %{x}<br>value %{z:.4g}<extra></extra>`,
        },
      ],
      {
        // Title at the top left, clear of the mode bar (top right, shown on hover).
        title: {
          text: `channel ${c}${p.layer ? ` of ${p.layer}` : ''}`,
          font: { color: font, size: 13 },
          x: 0,
          xref: 'paper',
          xanchor: 'left',
          y: 1,
          yref: 'container',
          yanchor: 'top',
          pad: { t: 8 },
        },
        height: 360,
        width: 420,
        margin: { l: 56, r: 10, t: 44, b: 46 },
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { color: font },
        yaxis: { autorange: 'reversed', scaleanchor: 'x', constrain: 'domain', title: { text: 'row (y)' } },
        xaxis: { constrain: 'domain', title: { text: 'column (x)' } },
      },
      PLOT_CONFIG,
    );
  }
}

/** Paints one channel through the viridis map: over `range` (shared scale) or the channel's own min..max. */
function paintChannel(canvas: HTMLCanvasElement, bytes: Uint8Array, p: FeatureMapsPayload, c: number, range?: [number, number]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(p.width, p.height);
  const plane = p.height * p.width;
  // Shared scale: level = (value − lo)/(hi − lo)·255 with value = min[c] + (max[c] − min[c])·q/255, i.e. a + b·q.
  const span = range && range[1] > range[0] ? range[1] - range[0] : 0;
  const a = range && span ? ((p.min[c] - range[0]) / span) * 255 : 0;
  const b = range ? (span ? (p.max[c] - p.min[c]) / span : 0) : 1;
  for (let i = 0; i < plane; i++) {
    const level = Math.max(0, Math.min(255, Math.round(a + b * bytes[c * plane + i])));
    image.data[4 * i] = VIRIDIS_LUT[3 * level];
    image.data[4 * i + 1] = VIRIDIS_LUT[3 * level + 1];
    image.data[4 * i + 2] = VIRIDIS_LUT[3 * level + 2];
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/**
 * The integer zoom of the channel canvases: a single map (often a matrix) about 320 px on its longer
 * side; many channels about 64 px, with the shorter side at least 24 px for elongated maps.
 */
export function mapZoom(height: number, width: number, channels: number): number {
  if (channels === 1) return zoomFor(height, width, 320);
  const long = Math.max(height, width);
  return Math.max(zoomFor(height, width, 64), Math.min(Math.ceil(24 / Math.min(height, width)), Math.floor(256 / long)));
}

/** A number with 4 significant digits. */
function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
