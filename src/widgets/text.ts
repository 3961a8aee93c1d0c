/** `deconv.widgets.text`: TextModel (@jupyter-widgets/controls 2.0.0). */
import { DESCRIPTION_KEYS, type DescriptionOptions, domDefinition } from './dom_widget';
import { controls, DESCRIPTION_DEFAULTS, DESCRIPTION_SPEC } from './model_state';
import { bool, str } from './traits';
import { ValueWidget } from './value_widget';

/** Options of `text`. */
export interface TextOptions extends DescriptionOptions {
  value?: string;
  placeholder?: string;
  /** Send the value on every keystroke (true) or on Enter / leaving the field. */
  continuousUpdate?: boolean;
}

/** A one-line text field; `.value` is a string. */
export class Text extends ValueWidget<string> {}

/** A text field, e.g. `text({ value: 'digit 3', description: 'title' })`. */
export function text(options: TextOptions = {}): Text {
  return new Text(
    domDefinition({
      widget: 'Text',
      spec: { ...DESCRIPTION_SPEC, value: str, placeholder: str, continuous_update: bool },
      defaults: {
        ...DESCRIPTION_DEFAULTS,
        ...controls('TextModel', 'TextView'),
        value: '',
        placeholder: '\u200b',
        continuous_update: true,
      },
      options,
      allowed: [...DESCRIPTION_KEYS, 'value', 'placeholder', 'continuous_update'],
      writable: ['value'],
      styleModel: 'TextStyleModel',
    }),
  );
}
