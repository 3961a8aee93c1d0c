/** `deconv.widgets.hbox` / `vbox`: HBoxModel and VBoxModel (@jupyter-widgets/controls 2.0.0), widgets side by side or stacked. */
import { DOM_KEYS, domDefinition, type DomOptions } from './dom_widget';
import { controls, DOM_DEFAULTS, DOM_SPEC } from './model_state';
import type { StaticImage } from './static_image';
import { arrayOf, oneOf, widgetRef } from './traits';
import { show, Widget } from './widget';

/** Options of `hbox` and `vbox`. */
export interface BoxOptions extends DomOptions {
  children?: Widget[];
  boxStyle?: 'success' | 'info' | 'warning' | 'danger' | '';
}

/** A box of widgets. */
export class Box extends Widget {
  /** The widgets inside, in order. */
  readonly children: readonly Widget[];

  constructor(kind: 'HBox' | 'VBox', options: BoxOptions) {
    const children = options?.children ?? [];
    if (!Array.isArray(children) || !children.every((c) => c instanceof Widget)) {
      throw new Error(`${kind} children must be an array of widgets (deconv.widgets.*), got ${show(children)}`);
    }
    const closed = children.find((c) => c.closed);
    if (closed) throw new Error(`${kind} child ${closed.toString()} is closed`);
    const { children: _children, ...rest } = options;
    super(
      domDefinition({
        widget: kind,
        spec: { ...DOM_SPEC, children: arrayOf(widgetRef), box_style: oneOf('success', 'info', 'warning', 'danger', '') },
        defaults: {
          ...DOM_DEFAULTS,
          ...controls(`${kind}Model`, `${kind}View`),
          box_style: '',
          children: children.map((c) => c.reference),
        },
        options: rest,
        allowed: [...DOM_KEYS, 'box_style'],
        writable: [],
      }),
    );
    this.children = [...children];
  }

  /** The last image shown inside (of the first child that has one). */
  override fallbackImage(): StaticImage | undefined {
    for (const child of this.children) {
      const image = child.fallbackImage();
      if (image !== undefined) return image;
    }
    return undefined;
  }

  /** `VBox(IntSlider(value=2), Output())`. */
  override toString(): string {
    return `${this.name}(${this.children.map((c) => c.toString()).join(', ')})`;
  }
}

/** Widgets side by side: `hbox({ children: [a, b] })`. */
export function hbox(options: BoxOptions = {}): Box {
  return new Box('HBox', options);
}

/** Widgets stacked: `vbox({ children: [controls, out] })`. */
export function vbox(options: BoxOptions = {}): Box {
  return new Box('VBox', options);
}
