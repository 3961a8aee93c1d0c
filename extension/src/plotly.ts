/** The parts of plotly.js this extension uses. */
export interface IPlotly {
  react(root: HTMLElement, data: unknown[], layout: Record<string, unknown>, config?: Record<string, unknown>): Promise<unknown>;
  purge(root: HTMLElement): void;
  Plots: { resize(root: HTMLElement): Promise<unknown> | void };
}

let loading: Promise<IPlotly> | undefined;

/** Loads the bundled plotly.js once, lazily: it is a separate chunk, fetched from the extension's own static files on first use. */
export function loadPlotly(): Promise<IPlotly> {
  loading ??= import('plotly.js-dist-min').then((m) => ((m as { default?: IPlotly }).default ?? m) as IPlotly);
  return loading;
}

/** Plot settings shared by every chart: no logo, no links out, nothing fetched. */
export const PLOT_CONFIG = {
  displaylogo: false,
  responsive: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  modeBarButtonsToRemove: ['toImage'],
};
