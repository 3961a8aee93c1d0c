/** `deconv.widgets.floatSlider`: ipywidgets' FloatSlider. */
import { sliderDefinition, type SliderOptions } from './slider';
import { ValueWidget } from './value_widget';

/** A slider over numbers; `.value` is a number. */
export class FloatSlider extends ValueWidget<number> {}

/** A float slider, e.g. `floatSlider({ min: -3, max: 3, step: 0.1, description: 'z₀' })`. */
export function floatSlider(options: SliderOptions = {}): FloatSlider {
  return new FloatSlider(sliderDefinition('Float', options));
}
