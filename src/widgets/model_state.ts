/**
 * Building a model's initial state from TypeScript options: the identity keys of ipywidgets 8's model
 * specification, the keys every DOM widget has, and camelCase options checked against the traits.
 */
import { arrayOf, bool, nullable, type StateSpec, str, widgetRef } from './traits';
import { show } from './widget';

/** The `_model_*` / `_view_*` keys of a model (fixed when the widget is created). */
export function identity(
  module: string,
  version: string,
  model: string,
  view: string,
  viewModule = module,
  viewVersion = version,
): Record<string, string> {
  return {
    _model_module: module,
    _model_module_version: version,
    _model_name: model,
    _view_module: viewModule,
    _view_module_version: viewVersion,
    _view_name: view,
  };
}

/** The identity of a `@jupyter-widgets/controls` 2.0.0 model with its view. */
export function controls(model: string, view: string): Record<string, string> {
  return identity('@jupyter-widgets/controls', '2.0.0', model, view);
}

/** Traits of the identity keys. */
export const IDENTITY_SPEC: StateSpec = {
  _model_module: str,
  _model_module_version: str,
  _model_name: str,
  _view_module: str,
  _view_module_version: str,
  _view_name: str,
};

/** Traits of the keys every DOMWidget has (`layout` refers to its LayoutModel). */
export const DOM_SPEC: StateSpec = {
  ...IDENTITY_SPEC,
  _dom_classes: arrayOf(str),
  layout: widgetRef,
  tabbable: nullable(bool),
  tooltip: nullable(str),
};

/** Defaults of the DOMWidget keys other than `layout`. */
export const DOM_DEFAULTS = { _dom_classes: [], tabbable: null, tooltip: null };

/** Traits of a described control's keys (`style` refers to its style model). */
export const DESCRIPTION_SPEC: StateSpec = {
  ...DOM_SPEC,
  description: str,
  description_allow_html: bool,
  disabled: bool,
  style: widgetRef,
};

/** Defaults of a described control's keys other than `layout` and `style`. */
export const DESCRIPTION_DEFAULTS = { ...DOM_DEFAULTS, description: '', description_allow_html: false, disabled: false };

/** `continuousUpdate` → `continuous_update` (snake_case keys pass unchanged). */
export function stateKey(option: string): string {
  return option.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** camelCase of a state key, as options spell it. */
export function optionName(key: string): string {
  return key.replace(/^_/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The state made of `defaults` and `options`: every option must name a key in `allowed` (as camelCase) and
 * fit its trait, else a clear error. `layout` and `style` options are the callers' to handle.
 */
export function stateFromOptions(
  widget: string,
  spec: StateSpec,
  defaults: Record<string, unknown>,
  options: object,
  allowed: readonly string[],
): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${widget} options must be an object like { ${allowed.slice(0, 3).map(optionName).join(', ')} }, got ${show(options)}`);
  }
  const state: Record<string, unknown> = { ...defaults };
  for (const [option, value] of Object.entries(options)) {
    if (option === 'layout' || option === 'style' || value === undefined) continue;
    const key = stateKey(option);
    if (!allowed.includes(key)) {
      throw new Error(
        `${widget} has no option "${option}"; its options are ${[...allowed.map(optionName), 'layout', 'style'].filter((o, i, all) => all.indexOf(o) === i).join(', ')}`,
      );
    }
    const problem = spec[key].check(value);
    if (problem) throw new Error(`${widget} option ${option} must be ${problem}, got ${show(value)}`);
    state[key] = value;
  }
  return state;
}
