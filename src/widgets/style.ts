/**
 * The style models of ipywidgets 8 (@jupyter-widgets/controls 2.0.0, viewed by @jupyter-widgets/base's
 * StyleView): one per described control, holding description width, colours and fonts.
 */
import { identity, IDENTITY_SPEC, optionName, stateKey } from './model_state';
import { nullable, type StateSpec, str, type Trait } from './traits';
import { show, Widget } from './widget';

const NULL_STRING = { trait: nullable(str), default: null };
const DESCRIPTION_WIDTH = { trait: str, default: '' };

const STYLES: Record<string, Record<string, { trait: Trait; default: unknown }>> = {
  DescriptionStyleModel: { description_width: DESCRIPTION_WIDTH },
  SliderStyleModel: { description_width: DESCRIPTION_WIDTH, handle_color: NULL_STRING },
  CheckboxStyleModel: { background: NULL_STRING, description_width: DESCRIPTION_WIDTH },
  TextStyleModel: { background: NULL_STRING, description_width: DESCRIPTION_WIDTH, font_size: NULL_STRING, text_color: NULL_STRING },
  ButtonStyleModel: {
    button_color: NULL_STRING,
    font_family: NULL_STRING,
    font_size: NULL_STRING,
    font_style: NULL_STRING,
    font_variant: NULL_STRING,
    font_weight: NULL_STRING,
    text_color: NULL_STRING,
    text_decoration: NULL_STRING,
  },
};

/** The style models a control can have. */
export type StyleModel = 'DescriptionStyleModel' | 'SliderStyleModel' | 'CheckboxStyleModel' | 'TextStyleModel' | 'ButtonStyleModel';

/** Style properties, camelCase (`{ descriptionWidth: 'initial', handleColor: 'teal' }`). */
export type StyleOptions = Record<string, string | boolean | null>;

/** Traits of a style model. */
export function styleSpec(model: StyleModel): StateSpec {
  return { ...IDENTITY_SPEC, ...Object.fromEntries(Object.entries(STYLES[model]).map(([key, { trait }]) => [key, trait])) };
}

/** The state of a style model for `options`; throws on properties the model does not have. */
export function styleState(model: StyleModel, options: StyleOptions = {}): Record<string, unknown> {
  const keys = STYLES[model];
  const state: Record<string, unknown> = {
    ...identity('@jupyter-widgets/controls', '2.0.0', model, 'StyleView', '@jupyter-widgets/base', '2.0.0'),
  };
  for (const [key, { default: value }] of Object.entries(keys)) state[key] = value;
  for (const [option, value] of Object.entries(options ?? {})) {
    const key = stateKey(option);
    if (!Object.hasOwn(keys, key))
      throw new Error(`style has no property "${option}" here; ${model} has ${Object.keys(keys).map(optionName).join(', ')}`);
    const problem = keys[key].trait.check(value);
    if (problem) throw new Error(`style.${option} must be ${problem}, got ${show(value)}`);
    state[key] = value;
  }
  return state;
}

/** Opens a style model with a checked state. */
export function openStyle(model: StyleModel, state: Record<string, unknown>): Widget {
  return new Widget({ name: model.replace(/Model$/, ''), spec: styleSpec(model), state, writable: [] });
}
