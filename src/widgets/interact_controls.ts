/**
 * The abbreviations `interact` understands, as in ipywidgets: `[min, max]` or `[min, max, step]` → an
 * IntSlider when every number is an integer, else a FloatSlider (value in the middle, on a step); any other
 * array → a Dropdown of its items; a boolean → a Checkbox; a string → a Text; a widget → itself.
 */
import { checkbox } from './checkbox';
import { Dropdown, dropdown } from './dropdown';
import { floatSlider } from './float_slider';
import { intSlider } from './int_slider';
import { text } from './text';
import { ValueWidget } from './value_widget';
import { type Change, show, Widget } from './widget';

/** What one entry of `interact`'s controls can be. */
export type ControlSpec =
  | readonly [number, number]
  | readonly [number, number, number]
  | readonly unknown[]
  | boolean
  | string
  | ValueWidget<unknown>
  | Dropdown<unknown>;

/** The value `fn` receives for a control spec. */
export type ValueOf<C> = C extends readonly [number, number] | readonly [number, number, number]
  ? number
  : C extends boolean
    ? boolean
    : C extends string
      ? string
      : C extends ValueWidget<infer V>
        ? V
        : C extends Dropdown<infer T>
          ? T | null
          : C extends readonly (infer T)[]
            ? T
            : never;

/** A control and how to read and watch it. */
export interface Control {
  widget: Widget;
  /** True when `interact` made the widget (and closes it). */
  owned: boolean;
  value(): unknown;
  observe(handler: (change: Change) => void | Promise<void>): () => void;
}

function isRange(spec: readonly unknown[]): boolean {
  return (spec.length === 2 || spec.length === 3) && spec.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** The slider of a range: ipywidgets puts the value in the middle, on a step. */
function rangeSlider(name: string, range: readonly number[]): Widget {
  const [min, max, step] = range;
  if (!(min < max)) throw new Error(`interact: the range of "${name}" must have min < max, got [${range.join(', ')}]`);
  if (step !== undefined && !(step > 0)) throw new Error(`interact: the step of "${name}" must be > 0, got ${step}`);
  const isInt = range.every(Number.isInteger);
  let value = isInt ? min + Math.floor((max - min) / 2) : min + (max - min) / 2;
  if (step !== undefined) value = min + Math.floor((value - min) / step) * step;
  const options = { min, max, value, description: name, ...(step !== undefined && { step }) };
  return isInt ? intSlider(options) : floatSlider(options);
}

function madeControl(name: string, spec: ControlSpec): Widget {
  if (Array.isArray(spec)) {
    if (isRange(spec)) return rangeSlider(name, spec as readonly number[]);
    if (spec.length === 0) throw new Error(`interact: the options of "${name}" are empty; give at least one`);
    return dropdown({ options: spec, description: name });
  }
  if (typeof spec === 'boolean') return checkbox({ value: spec, description: name });
  if (typeof spec === 'string') return text({ value: spec, description: name });
  throw new Error(
    `interact: the control "${name}" must be [min, max], [min, max, step], an array of options, a boolean, a string or a widget with a value; got ${show(spec)}`,
  );
}

/** The control for one entry of `interact`'s controls. */
export function controlFor(name: string, spec: ControlSpec): Control {
  const given: unknown = spec;
  if (given instanceof Widget && !(given instanceof ValueWidget) && !(given instanceof Dropdown)) {
    throw new Error(
      `interact: the control "${name}" is a ${given.name}, which has no value; use a slider, dropdown, checkbox, text or play`,
    );
  }
  const widget = spec instanceof Widget ? spec : madeControl(name, spec);
  const valued = widget as ValueWidget<unknown> | Dropdown<unknown>;
  return { widget, owned: !(spec instanceof Widget), value: () => valued.value, observe: (handler) => valued.observe(handler) };
}
