/**
 * Reads a JupyterLab theme variable (canvas and plotly need concrete colours), or `fallback`. Read from
 * the body, not the renderer's node: a renderer draws first while detached, where computed styles are empty.
 */
export function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

/** Calls `onChange` whenever JupyterLab switches theme; returns the function that stops watching. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light'] });
  return () => observer.disconnect();
}

/** Creates an element with a class and optional text (always as text, never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
