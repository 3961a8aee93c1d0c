import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { ImageGridPayload } from 'deconvlab-contract';
import { el } from '../theme';
import { ImageGridView } from '../views/image_grid_view';
import { PayloadRenderer } from './payload_renderer';

/** Renders `application/vnd.deconvlab.image-grid+json`: images on canvases, nearest-neighbour upscaled, captions, click to enlarge. */
export class ImageGridRenderer extends PayloadRenderer<'imageGrid'> {
  constructor(options: IRenderMime.IRendererOptions) {
    super(options, 'imageGrid');
  }

  protected draw(p: ImageGridPayload): void {
    this.clear();
    const header = el('div', 'jp-DeconvlabHeader');
    if (p.title) header.append(el('span', 'jp-DeconvlabHeader-title', p.title));
    header.append(
      el('span', 'jp-DeconvlabHeader-meta', `${p.count} image${p.count === 1 ? '' : 's'}, ${p.height}×${p.width}×${p.channels}`),
    );
    // A handful of images (a comparison) is drawn larger than a batch of samples.
    const view = new ImageGridView(p.count <= 4 ? 160 : 96);
    view.update(p);
    this.node.append(header, view.node);
  }
}
