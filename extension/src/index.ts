import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { ConvArithmeticRenderer } from './renderers/conv_arithmetic';
import { FeatureMapsRenderer } from './renderers/feature_maps';
import { ImageGridRenderer } from './renderers/image_grid';
import { TrainingRenderer } from './renderers/training';
import { MIME_TYPES, type View } from './validate';

type RendererClass = new (options: IRenderMime.IRendererOptions) => IRenderMime.IRenderer;

const RENDERERS: Record<View, RendererClass> = {
  featureMaps: FeatureMapsRenderer,
  imageGrid: ImageGridRenderer,
  convArithmetic: ConvArithmeticRenderer,
  training: TrainingRenderer,
};

/** One mime extension per deconvlab view. `safe`: renderers never run payload code or insert HTML, so saved outputs render in untrusted notebooks too. */
const extensions: IRenderMime.IExtension[] = (Object.keys(RENDERERS) as View[]).map((view) => ({
  id: `deconvlab-extension:${view}`,
  rendererFactory: { safe: true, mimeTypes: [MIME_TYPES[view]], createRenderer: (options) => new RENDERERS[view](options) },
  rank: 0,
  dataType: 'json',
}));

export default extensions;
