/**
 * `deconv.widgets.anywidget({ esm, css, ...state })`: a custom widget whose view is an ES module written in
 * the cell, rendered by PyPI anywidget's front end (AnyModel / AnyView of the "anywidget" module, state keys
 * `_esm`, `_css`, `_anywidget_id`). Every other key is two-way state: the front end's `model.set(…);
 * model.save_changes()` arrives here checked against the kind of the key's first value.
 */
import { DOM_KEYS, domDefinition, type DomOptions } from './dom_widget';
import { DOM_DEFAULTS, DOM_SPEC, identity } from './model_state';
import { any, bool, bytes, float, object, type StateSpec, str, type Trait } from './traits';
import { show, Widget } from './widget';

/** The anywidget front-end version range the models ask for (the pinned PyPI anywidget 0.9). */
export const ANYWIDGET_VERSION = '~0.9.*';

/** Options of `anywidget`: the view's module and style, then the synced state. */
export interface AnywidgetOptions extends DomOptions {
  /** An ES module exporting `render({ model, el })` (and optionally `initialize`), as text. */
  esm: string;
  /** CSS for the view. */
  css?: string;
  /** An id for hot CSS replacement between widgets of one kind (default: "deconvlab.anywidget"). */
  id?: string;
  [key: string]: unknown;
}

const RESERVED = new Set(['esm', 'css', 'id', 'layout', 'tooltip', 'tabbable', 'domClasses']);

/** The trait of a user state key, from the kind of its first value. */
function traitOf(key: string, value: unknown): Trait {
  if (typeof value === 'number') return float;
  if (typeof value === 'string') return str;
  if (typeof value === 'boolean') return bool;
  if (ArrayBuffer.isView(value)) return bytes;
  if (Array.isArray(value)) return { expected: 'an array', check: (v) => (Array.isArray(v) ? undefined : 'an array') };
  if (value === null) return any;
  if (object.check(value) === undefined) return object;
  throw new Error(`anywidget state "${key}" must be a number, string, boolean, null, array, object or bytes, got ${show(value)}`);
}

/** A custom widget; `get`/`set` its state keys, `observe` them, `send` custom messages. */
export class AnyWidget extends Widget {
  private readonly keys: string[];

  constructor(options: AnywidgetOptions) {
    if (options === null || typeof options !== 'object' || typeof options.esm !== 'string' || options.esm.trim() === '') {
      throw new Error(
        'anywidget needs esm: the text of an ES module exporting render({ model, el }), e.g. "export default { render({ model, el }) { el.textContent = model.get(\'count\'); } }"',
      );
    }
    if (options.css !== undefined && typeof options.css !== 'string')
      throw new Error(`anywidget css must be a string, got ${show(options.css)}`);
    const keys = Object.keys(options).filter((key) => !RESERVED.has(key) && options[key] !== undefined);
    for (const key of keys) {
      if (key.startsWith('_') || Object.hasOwn(DOM_SPEC, key))
        throw new Error(`anywidget state "${key}" clashes with a key of the widget model; choose another name`);
    }
    const userSpec: StateSpec = Object.fromEntries(keys.map((key) => [key, traitOf(key, options[key])]));
    const version = ANYWIDGET_VERSION;
    super(
      domDefinition({
        widget: 'AnyWidget',
        spec: { ...DOM_SPEC, _esm: str, _css: str, _anywidget_id: str, ...userSpec },
        defaults: {
          ...DOM_DEFAULTS,
          ...identity('anywidget', version, 'AnyModel', 'AnyView'),
          _esm: options.esm,
          _css: options.css ?? '',
          _anywidget_id: options.id ?? 'deconvlab.anywidget',
          ...Object.fromEntries(keys.map((key) => [key, options[key]])),
        },
        options: {
          layout: options.layout,
          tooltip: options.tooltip as string | undefined,
          tabbable: options.tabbable as boolean | undefined,
          domClasses: options.domClasses as string[] | undefined,
        },
        allowed: DOM_KEYS,
        writable: keys,
      }),
    );
    this.keys = keys;
  }

  /** The value of a state key. */
  get(key: string): unknown {
    if (!this.keys.includes(key))
      throw new Error(`anywidget has no state "${key}"; its state keys are ${this.keys.join(', ') || '(none)'}`);
    return this.state[key];
  }

  protected override summaryKeys(): string[] {
    return this.keys;
  }
}

/** A custom widget from an ES module, e.g. `anywidget({ esm: 'export default { render({ model, el }) { … } }', count: 0 })`. */
export function anywidget(options: AnywidgetOptions): AnyWidget {
  return new AnyWidget(options);
}
