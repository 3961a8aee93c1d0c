import type { ImageGridPayload } from 'deconvlab-contract';
import { decodeBase64 } from '../decode';
import { el } from '../theme';
import { imageData, pixelCanvas, zoomFor } from './pixels';

/** Gap between tiles in px (the CSS grid's `gap`). */
const GAP = 6;

/**
 * A grid of images with captions, at most `columns` wide and wrapping onto more rows when the output is
 * narrower; click (or Enter) on one enlarges it above the grid, in the output's flow (so nothing is cut
 * off), Escape or a click closes it. `update` redraws in place when the layout is unchanged (no flicker on live updates).
 */
export class ImageGridView {
  readonly node = el('div', 'jp-DeconvlabGrid');
  private readonly grid = el('div', 'jp-DeconvlabGrid-tiles');
  private readonly enlarged = el('div', 'jp-DeconvlabGrid-enlarged');
  private canvases: HTMLCanvasElement[] = [];
  private captions: HTMLElement[] = [];
  private layoutKey = '';
  private bytes = new Uint8Array();
  private payload?: ImageGridPayload;

  constructor(private readonly tileTarget = 96) {
    this.enlarged.hidden = true;
    this.enlarged.addEventListener('click', () => this.closeEnlarged());
    this.node.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !this.enlarged.hidden) {
        this.closeEnlarged();
        e.stopPropagation();
      }
    });
    this.node.append(this.enlarged, this.grid);
  }

  /** Draws `payload` (validated), reusing the tiles when count and sizes are unchanged. */
  update(payload: ImageGridPayload): void {
    this.payload = payload;
    this.bytes = decodeBase64(payload.data);
    const key = [payload.count, payload.height, payload.width, payload.columns].join('x');
    if (key !== this.layoutKey) this.build(payload, key);
    const { height, width, channels } = payload;
    this.canvases.forEach((canvas, i) => canvas.getContext('2d')?.putImageData(imageData(this.bytes, i, height, width, channels), 0, 0));
    this.captions.forEach((caption, i) => {
      caption.textContent = payload.captions?.[i] ?? '';
      caption.hidden = payload.captions === undefined;
    });
    if (!this.enlarged.hidden) this.closeEnlarged();
  }

  private build(p: ImageGridPayload, key: string): void {
    this.layoutKey = key;
    const zoom = zoomFor(p.height, p.width, this.tileTarget);
    // Fixed-width tracks, as many as fit (auto-fill), but never more than the payload's columns.
    const tile = p.width * zoom + 2;
    this.grid.style.gridTemplateColumns = `repeat(auto-fill, ${tile}px)`;
    this.grid.style.maxWidth = `${Math.min(p.columns, p.count) * (tile + GAP) - GAP}px`;
    this.canvases = [];
    this.captions = [];
    const tiles = Array.from({ length: p.count }, (_, i) => {
      const tile = el('figure', 'jp-DeconvlabGrid-tile');
      tile.style.width = `${p.width * zoom + 2}px`;
      tile.tabIndex = 0;
      tile.setAttribute('role', 'button');
      tile.setAttribute('aria-label', `image ${i + 1} of ${p.count}, press Enter to enlarge`);
      const canvas = pixelCanvas(p.height, p.width, zoom, 'jp-DeconvlabGrid-image');
      const caption = el('figcaption', 'jp-DeconvlabGrid-caption');
      tile.append(canvas, caption);
      tile.addEventListener('click', () => this.enlarge(i));
      tile.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.enlarge(i);
        }
      });
      this.canvases.push(canvas);
      this.captions.push(caption);
      return tile;
    });
    this.grid.replaceChildren(...tiles);
  }

  private enlarge(index: number): void {
    const p = this.payload;
    if (!p) return;
    const canvas = pixelCanvas(p.height, p.width, zoomFor(p.height, p.width, 320), 'jp-DeconvlabGrid-large');
    canvas.getContext('2d')?.putImageData(imageData(this.bytes, index, p.height, p.width, p.channels), 0, 0);
    const close = el('button', 'jp-DeconvlabButton', 'Close');
    close.setAttribute('aria-label', 'close the enlarged image');
    const caption = el('div', 'jp-DeconvlabGrid-caption', `${index + 1} / ${p.count}${p.captions ? `: ${p.captions[index]}` : ''}`);
    this.enlarged.replaceChildren(canvas, caption, close);
    this.enlarged.hidden = false;
    this.grid.classList.add('jp-mod-dimmed');
    close.focus({ preventScroll: true });
    this.enlarged.scrollIntoView({ block: 'nearest' });
  }

  private closeEnlarged(): void {
    this.enlarged.hidden = true;
    this.enlarged.replaceChildren();
    this.grid.classList.remove('jp-mod-dimmed');
  }
}
