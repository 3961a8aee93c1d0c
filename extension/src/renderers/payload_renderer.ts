import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { el, watchTheme } from '../theme';
import { type IPayloads, validatePayload, type View } from '../validate';

/** Words for each view in error messages. */
const LABELS: Record<View, string> = {
  featureMaps: 'feature maps',
  imageGrid: 'image grid',
  convArithmetic: 'move diagram',
  training: 'training dashboard',
};

/**
 * Base of the four renderers: validates the untrusted payload, then draws it; any failure becomes an
 * inline error box (JupyterLab swallows rejected `renderModel` promises on display updates, so the
 * renderer must show its own error and never reject).
 */
export abstract class PayloadRenderer<V extends View> extends Widget implements IRenderMime.IRenderer {
  private payload?: IPayloads[V];
  private readonly stopWatchingTheme: () => void;

  constructor(
    protected readonly options: IRenderMime.IRendererOptions,
    private readonly view: V,
  ) {
    super();
    this.addClass('jp-DeconvlabRenderer');
    this.stopWatchingTheme = watchTheme(() => this.payload && this.safely(() => this.draw(this.payload as IPayloads[V])));
  }

  /** Validates and draws the model's payload; resolves even when the payload is bad. */
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const start = performance.now();
    await this.safely(() => {
      this.payload = undefined;
      const payload = validatePayload(this.view, model.data[this.options.mimeType]);
      this.payload = payload;
      return this.draw(payload);
    });
    // User Timing entries for the UI tests and benchmarks: the draw itself, and until the next frame.
    performance.measure(`deconvlab:${this.view}`, { start, end: performance.now() });
    requestAnimationFrame(() => performance.measure(`deconvlab:${this.view}:frame`, { start, end: performance.now() }));
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.stopWatchingTheme();
    this.clear();
    super.dispose();
  }

  /** Draws a valid payload; called again with a new payload on display updates (update in place where possible). */
  protected abstract draw(payload: IPayloads[V]): void | Promise<void>;

  /** Releases what `draw` made (timers, plots) and empties the node; subclasses extend it. */
  protected clear(): void {
    this.node.replaceChildren();
  }

  private async safely(work: () => void | Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.showError(error);
    }
  }

  private showError(error: unknown): void {
    this.clear();
    const box = el('div', 'jp-DeconvlabError');
    box.setAttribute('role', 'alert');
    box.append(el('div', 'jp-DeconvlabError-title', `deconvlab: cannot show this ${LABELS[this.view]} output`));
    box.append(el('div', 'jp-DeconvlabError-message', error instanceof Error ? error.message : String(error)));
    this.node.append(box);
  }
}
