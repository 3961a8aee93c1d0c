/**
 * IntSliderModel and FloatSliderModel (@jupyter-widgets/controls 2.0.0): one definition for both, the
 * number trait (integer or float) being the difference, with min ≤ value ≤ max and a positive step.
 */
import { DESCRIPTION_KEYS, type DescriptionOptions, domDefinition } from './dom_widget';
import { controls, DESCRIPTION_DEFAULTS, DESCRIPTION_SPEC } from './model_state';
import { bool, float, int, nullable, oneOf, type StateSpec, str, type Trait } from './traits';
import type { WidgetDefinition } from './widget';

/** Options of `intSlider` and `floatSlider`, as ipywidgets' keyword arguments. */
export interface SliderOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  orientation?: 'horizontal' | 'vertical';
  readout?: boolean;
  /** d3-format of the readout, e.g. 'd' or '.2f'. */
  readoutFormat?: string;
  /** Send the value while dragging (true) or on release. */
  continuousUpdate?: boolean;
  behavior?: 'drag-tap' | 'drag-snap' | 'tap' | 'drag' | 'snap';
}

function sliderSpec(number: Trait, step: Trait): StateSpec {
  return {
    ...DESCRIPTION_SPEC,
    value: number,
    min: number,
    max: number,
    step,
    behavior: oneOf('drag-tap', 'drag-snap', 'tap', 'drag', 'snap'),
    continuous_update: bool,
    orientation: oneOf('horizontal', 'vertical'),
    readout: bool,
    readout_format: str,
  };
}

/** min ≤ value ≤ max and step > 0, as a message naming the numbers. */
export function sliderRelation(state: Record<string, unknown>): string | undefined {
  const { value, min, max, step } = state as { value: number; min: number; max: number; step: number | null };
  if (min > max) return `min ${min} is above max ${max}`;
  if (value < min || value > max)
    return `value ${value} is outside [min, max] = [${min}, ${max}]; change min or max first, or set them together with set({ min, max, value })`;
  if (step !== null && !(step > 0)) return `step must be > 0, got ${step}`;
  return undefined;
}

/** The definition of an IntSlider (`integer`) or FloatSlider. */
export function sliderDefinition(kind: 'Int' | 'Float', options: SliderOptions): WidgetDefinition {
  const isInt = kind === 'Int';
  const spec = sliderSpec(isInt ? int : float, isInt ? int : nullable(float));
  const defaults = {
    ...DESCRIPTION_DEFAULTS,
    ...controls(`${kind}SliderModel`, `${kind}SliderView`),
    value: 0,
    min: 0,
    max: 100,
    step: isInt ? 1 : 0.1,
    behavior: 'drag-tap',
    continuous_update: true,
    orientation: 'horizontal',
    readout: true,
    readout_format: isInt ? 'd' : '.2f',
  };
  const allowed = [
    ...DESCRIPTION_KEYS,
    'value',
    'min',
    'max',
    'step',
    'behavior',
    'continuous_update',
    'orientation',
    'readout',
    'readout_format',
  ];
  return domDefinition({
    widget: `${kind}Slider`,
    spec,
    defaults,
    options,
    allowed,
    writable: ['value'],
    relation: sliderRelation,
    styleModel: 'SliderStyleModel',
  });
}
