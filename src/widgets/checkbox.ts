/** `deconv.widgets.checkbox`: CheckboxModel (@jupyter-widgets/controls 2.0.0). */
import { DESCRIPTION_KEYS, type DescriptionOptions, domDefinition } from './dom_widget';
import { controls, DESCRIPTION_DEFAULTS, DESCRIPTION_SPEC } from './model_state';
import { bool } from './traits';
import { ValueWidget } from './value_widget';

/** Options of `checkbox`. */
export interface CheckboxOptions extends DescriptionOptions {
  value?: boolean;
  /** Indent the box to line up with controls that have a description. */
  indent?: boolean;
}

/** A checkbox; `.value` is a boolean. */
export class Checkbox extends ValueWidget<boolean> {}

/** A checkbox, e.g. `checkbox({ value: true, description: 'show scatter view' })`. */
export function checkbox(options: CheckboxOptions = {}): Checkbox {
  return new Checkbox(
    domDefinition({
      widget: 'Checkbox',
      spec: { ...DESCRIPTION_SPEC, value: bool, indent: bool },
      defaults: { ...DESCRIPTION_DEFAULTS, ...controls('CheckboxModel', 'CheckboxView'), value: false, indent: true },
      options,
      allowed: [...DESCRIPTION_KEYS, 'value', 'indent'],
      writable: ['value'],
      styleModel: 'CheckboxStyleModel',
    }),
  );
}
