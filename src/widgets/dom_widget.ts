/**
 * The definition of a DOM widget from its options: the state checked first (options, then relations, then
 * layout and style options), and only then its LayoutModel and style model opened, so a bad option
 * opens no comm at all.
 */
import { type LayoutOptions, layoutState, openLayout } from './layout';
import { stateFromOptions } from './model_state';
import { openStyle, type StyleModel, type StyleOptions, styleState } from './style';
import type { StateSpec } from './traits';
import type { Widget, WidgetDefinition } from './widget';

/** Options every DOM widget takes. */
export interface DomOptions {
  /** CSS properties of the view, e.g. `{ width: '300px' }`. */
  layout?: LayoutOptions;
  tooltip?: string | null;
  tabbable?: boolean | null;
  domClasses?: string[];
}

/** Options of a control with a description. */
export interface DescriptionOptions extends DomOptions {
  /** The label beside the control (text, never HTML). */
  description?: string;
  disabled?: boolean;
  /** Style properties, e.g. `{ descriptionWidth: 'initial' }`. */
  style?: StyleOptions;
}

/** The DOM option keys (as state keys) every DOM widget allows. */
export const DOM_KEYS = ['tooltip', 'tabbable', '_dom_classes'];

/** The option keys of a described control. */
export const DESCRIPTION_KEYS = [...DOM_KEYS, 'description', 'disabled'];

/** What makes a DOM widget. */
export interface DomWidgetParts {
  widget: string;
  spec: StateSpec;
  defaults: Record<string, unknown>;
  options: DomOptions & { style?: StyleOptions };
  /** Option keys (state keys) the widget accepts. */
  allowed: readonly string[];
  writable: readonly string[];
  relation?: (state: Record<string, unknown>) => string | undefined;
  /** The style model, for widgets that have one. */
  styleModel?: StyleModel;
}

/** Checks everything, then opens the layout and style models and returns the widget's definition. */
export function domDefinition(parts: DomWidgetParts): WidgetDefinition {
  const state = stateFromOptions(parts.widget, parts.spec, parts.defaults, parts.options, parts.allowed);
  const problem = parts.relation?.(state);
  if (problem) throw new Error(`${parts.widget}: ${problem}`);
  const layout = layoutState(parts.options.layout);
  if (!parts.styleModel && parts.options.style !== undefined) throw new Error(`${parts.widget} has no style option`);
  const style = parts.styleModel && styleState(parts.styleModel, parts.options.style);
  const owned: Widget[] = [openLayout(layout)];
  state.layout = owned[0].reference;
  if (parts.styleModel && style) {
    owned.push(openStyle(parts.styleModel, style));
    state.style = owned[1].reference;
  }
  return { name: parts.widget, spec: parts.spec, state, writable: parts.writable, relation: parts.relation, owned };
}
