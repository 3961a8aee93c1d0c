/**
 * `deconv.widgets.button`: ButtonModel (@jupyter-widgets/controls 2.0.0). A click is stateless: the front end
 * sends the custom message `{event: 'click'}`.
 */
import { DESCRIPTION_KEYS, type DescriptionOptions, domDefinition } from './dom_widget';
import { controls, DESCRIPTION_DEFAULTS, DESCRIPTION_SPEC } from './model_state';
import { oneOf, str } from './traits';
import { Widget } from './widget';

/** Options of `button`. */
export interface ButtonOptions extends DescriptionOptions {
  /** Font Awesome icon name without the "fa-" prefix, e.g. 'stop'. */
  icon?: string;
  buttonStyle?: 'primary' | 'success' | 'info' | 'warning' | 'danger' | '';
}

/** A button; `onClick` runs code when it is pressed. */
export class Button extends Widget {
  /** Calls `callback(button)` on each click (errors show under the button; the kernel goes on). Returns a function that stops it. */
  onClick(callback: (button: Button) => void | Promise<void>): () => void {
    return this.onCustomMessage((content) => {
      const event = (content as { event?: unknown } | null)?.event;
      if (event === 'click') return callback(this);
    });
  }

  protected override summaryKeys(): string[] {
    return ['description', 'icon'];
  }
}

/** A button, e.g. `button({ description: 'Stop', icon: 'stop', buttonStyle: 'danger' })`. */
export function button(options: ButtonOptions = {}): Button {
  // ButtonModel is the one control without description_allow_html.
  const { description_allow_html: _html, ...spec } = DESCRIPTION_SPEC;
  const { description_allow_html: _default, ...defaults } = DESCRIPTION_DEFAULTS;
  return new Button(
    domDefinition({
      widget: 'Button',
      spec: { ...spec, icon: str, button_style: oneOf('primary', 'success', 'info', 'warning', 'danger', '') },
      defaults: { ...defaults, ...controls('ButtonModel', 'ButtonView'), icon: '', button_style: '' },
      options,
      allowed: [...DESCRIPTION_KEYS, 'icon', 'button_style'],
      writable: [],
      styleModel: 'ButtonStyleModel',
    }),
  );
}
