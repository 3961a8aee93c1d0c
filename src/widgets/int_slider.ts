/** `deconv.widgets.intSlider`: ipywidgets' IntSlider. */
import { sliderDefinition, type SliderOptions } from './slider';
import { ValueWidget } from './value_widget';

/** A slider over integers; `.value` is a number. */
export class IntSlider extends ValueWidget<number> {}

/** An integer slider, e.g. `intSlider({ min: 1, max: 4, value: 2, description: 'stride' })`. */
export function intSlider(options: SliderOptions = {}): IntSlider {
  return new IntSlider(sliderDefinition('Int', options));
}
