/**
 * `deconv.widgets.dropdown`: DropdownModel (@jupyter-widgets/controls 2.0.0). The model syncs only the labels
 * (`_options_labels`) and the selected `index`; the option values stay in the kernel, and `.value` is the
 * option at `index`, as in ipywidgets 8.
 */
import { inspect } from 'node:util';
import { DESCRIPTION_KEYS, type DescriptionOptions, domDefinition } from './dom_widget';
import { controls, DESCRIPTION_DEFAULTS, DESCRIPTION_SPEC } from './model_state';
import { arrayOf, int, nullable, str } from './traits';
import { type Change, type Observer, show, Widget } from './widget';

/** Options of `dropdown`. */
export interface DropdownOptions<T> extends DescriptionOptions {
  /** The values to choose from. */
  options: readonly T[];
  /** Their labels (default: strings as they are, other values printed). */
  labels?: readonly string[];
  /** The selected option (default: the first). */
  value?: T;
}

function label(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, { depth: 1, breakLength: Infinity });
}

function sameOption(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

function indexRelation(state: Record<string, unknown>): string | undefined {
  const { index, _options_labels: labels } = state as { index: number | null; _options_labels: string[] };
  if (index !== null && (index < 0 || index >= labels.length)) return `index ${index} is not in [0, ${labels.length - 1}]`;
  return undefined;
}

/** A dropdown list; `.value` is the selected option (null when none is). */
export class Dropdown<T> extends Widget {
  /** The option values, in order. */
  readonly options: readonly T[];

  constructor(options: DropdownOptions<T>) {
    const values = options?.options;
    if (!Array.isArray(values) || values.length === 0)
      throw new Error(`Dropdown needs options: a non-empty array of values, got ${show(values)}`);
    const labels = options.labels ?? values.map(label);
    if (!Array.isArray(labels) || labels.length !== values.length || !labels.every((l) => typeof l === 'string')) {
      throw new Error(`Dropdown labels must be ${values.length} strings, one per option, got ${show(options.labels)}`);
    }
    const index = options.value === undefined ? 0 : values.findIndex((v) => sameOption(v, options.value));
    if (index < 0) throw new Error(`Dropdown value ${show(options.value)} is not one of the options ${show(values)}`);
    const { options: _values, labels: _labels, value: _value, ...rest } = options;
    super(
      domDefinition({
        widget: 'Dropdown',
        spec: { ...DESCRIPTION_SPEC, _options_labels: arrayOf(str), index: nullable(int) },
        defaults: { ...DESCRIPTION_DEFAULTS, ...controls('DropdownModel', 'DropdownView'), _options_labels: [...labels], index },
        options: rest,
        allowed: DESCRIPTION_KEYS,
        writable: ['index'],
        relation: indexRelation,
        styleModel: 'DescriptionStyleModel',
      }),
    );
    this.options = [...values];
  }

  /** The selected index, or null. */
  get index(): number | null {
    return this.state.index as number | null;
  }

  /** The selected option, or null when none is selected. */
  get value(): T | null {
    return this.index === null ? null : this.options[this.index];
  }

  set value(value: T | null) {
    const index = value === null ? -1 : this.options.findIndex((v) => sameOption(v, value));
    if (value !== null && index < 0) throw new Error(`Dropdown value ${show(value)} is not one of the options ${show(this.options)}`);
    this.set({ index: value === null ? null : index });
  }

  /** Calls `handler` with `{ name: 'value', old, new }` (option values) after each change of the selection, or observes the named keys. */
  override observe(handler: Observer<T | null>, names?: string | string[]): () => void {
    if (names !== undefined) return super.observe(handler as Observer, names);
    const at = (index: unknown): T | null => (typeof index === 'number' ? this.options[index] : null);
    return super.observe((change: Change) => handler({ name: 'value', old: at(change.old), new: at(change.new) }), 'index');
  }

  protected override summaryKeys(): string[] {
    return ['index', 'description'];
  }
}

/** A dropdown, e.g. `dropdown({ options: ['SAME', 'VALID'], description: 'padding' })`. */
export function dropdown<T>(options: DropdownOptions<T>): Dropdown<T> {
  return new Dropdown(options);
}
