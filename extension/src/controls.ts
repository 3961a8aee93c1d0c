import { el } from './theme';

/** A `<select>` with (value, text) options. */
export function select(label: string, options: [string, string][], value: string): HTMLSelectElement {
  const node = el('select', 'jp-DeconvlabSelect');
  node.setAttribute('aria-label', label);
  for (const [v, text] of options) {
    const option = el('option', '', text);
    option.value = v;
    node.append(option);
  }
  node.value = value;
  return node;
}

/** A control with a small text label before it. */
export function labelled(text: string, control: HTMLElement): HTMLElement {
  const label = el('label', 'jp-DeconvlabControl');
  label.append(el('span', '', text), control);
  return label;
}

/** A text button with an accessible label. */
export function button(text: string, label: string): HTMLButtonElement {
  const node = el('button', 'jp-DeconvlabButton', text);
  node.type = 'button';
  node.setAttribute('aria-label', label);
  node.title = label;
  return node;
}
