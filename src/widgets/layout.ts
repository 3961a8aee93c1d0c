/**
 * LayoutModel (@jupyter-widgets/base 2.0.0): the CSS properties of a widget's view, every one `null` by
 * default. Each DOM widget gets its own, as in ipywidgets ("reference to new instance").
 */
import { identity, IDENTITY_SPEC, optionName, stateKey } from './model_state';
import { nullable, oneOf, type StateSpec, str, type Trait } from './traits';
import { show, Widget } from './widget';

const CSS_WIDE = ['inherit', 'initial', 'unset'];

const ENUMERATED: Record<string, string[]> = {
  align_content: ['flex-start', 'flex-end', 'center', 'space-between', 'space-around', 'space-evenly', 'stretch', ...CSS_WIDE],
  align_items: ['flex-start', 'flex-end', 'center', 'baseline', 'stretch', ...CSS_WIDE],
  align_self: ['auto', 'flex-start', 'flex-end', 'center', 'baseline', 'stretch', ...CSS_WIDE],
  grid_auto_flow: ['column', 'row', 'row dense', 'column dense', ...CSS_WIDE],
  justify_content: ['flex-start', 'flex-end', 'center', 'space-between', 'space-around', ...CSS_WIDE],
  justify_items: ['flex-start', 'flex-end', 'center', ...CSS_WIDE],
  object_fit: ['contain', 'cover', 'fill', 'scale-down', 'none'],
  visibility: ['visible', 'hidden', ...CSS_WIDE],
};

const FREE = [
  'border_bottom',
  'border_left',
  'border_right',
  'border_top',
  'bottom',
  'display',
  'flex',
  'flex_flow',
  'grid_area',
  'grid_auto_columns',
  'grid_auto_rows',
  'grid_column',
  'grid_gap',
  'grid_row',
  'grid_template_areas',
  'grid_template_columns',
  'grid_template_rows',
  'height',
  'left',
  'margin',
  'max_height',
  'max_width',
  'min_height',
  'min_width',
  'object_position',
  'order',
  'overflow',
  'padding',
  'right',
  'top',
  'width',
];

const CSS_SPEC: Record<string, Trait> = Object.fromEntries([
  ...Object.entries(ENUMERATED).map(([key, values]) => [key, nullable(oneOf(...values))]),
  ...FREE.map((key) => [key, nullable(str)]),
]);

/** Traits of LayoutModel. */
export const LAYOUT_SPEC: StateSpec = { ...IDENTITY_SPEC, ...CSS_SPEC };

/** CSS properties of a widget's layout, camelCase (`{ width: '300px', justifyContent: 'center' }`). */
export type LayoutOptions = Record<string, string | null>;

/** LayoutModel state for `options`; throws on unknown properties or values outside their list. */
export function layoutState(options: LayoutOptions = {}): Record<string, unknown> {
  const state: Record<string, unknown> = { ...identity('@jupyter-widgets/base', '2.0.0', 'LayoutModel', 'LayoutView') };
  for (const key of Object.keys(CSS_SPEC)) state[key] = null;
  for (const [option, value] of Object.entries(options ?? {})) {
    const key = stateKey(option);
    if (!Object.hasOwn(CSS_SPEC, key))
      throw new Error(`layout has no property "${option}"; it has ${Object.keys(CSS_SPEC).map(optionName).join(', ')}`);
    const problem = CSS_SPEC[key].check(value);
    if (problem) throw new Error(`layout.${option} must be ${problem}, got ${show(value)}`);
    state[key] = value;
  }
  return state;
}

/** Opens a LayoutModel with a checked state. */
export function openLayout(state: Record<string, unknown>): Widget {
  return new Widget({ name: 'Layout', spec: LAYOUT_SPEC, state, writable: [] });
}
