/** deconvlab-contract: the payloads the deconvlab builders emit and the JupyterLab renderers accept. */
export { MIME_TYPES, PAYLOAD_VERSION } from './mime_types';
export type { View } from './mime_types';
export { LIMITS } from './limits';
export type * from './generated/payloads';
export { convArithmetic, featureMaps, imageGrid, training } from './generated/validators';
export { VIRIDIS_LUT } from './viridis';
export { smoothEma } from './smoothing';
export { clock } from './clock';
