/**
 * Types of widget state keys, as the ipywidgets 8 model specification gives them
 * (`number (integer)`, `null or string`, `string (one of …)`, `reference to Layout widget`, …).
 *
 * A trait checks one JSON value and says what it expected when the value does not fit; the same check
 * guards options given in TypeScript (which then throw) and updates from the front end (which are ignored).
 */

/** A state key's type: `check` returns undefined when the value fits, else what was expected. */
export interface Trait {
  readonly expected: string;
  check(value: unknown): string | undefined;
}

function trait(expected: string, fits: (value: unknown) => boolean): Trait {
  return { expected, check: (value) => (fits(value) ? undefined : expected) };
}

/** An integer (a safe one: JSON numbers beyond 2^53 lose digits). */
export const int = trait('an integer', (v) => Number.isSafeInteger(v));

/** A finite number. */
export const float = trait('a finite number', (v) => typeof v === 'number' && Number.isFinite(v));

/** true or false. */
export const bool = trait('true or false', (v) => typeof v === 'boolean');

/** Any string. */
export const str = trait('a string', (v) => typeof v === 'string');

/** null or a value of `inner`. */
export function nullable(inner: Trait): Trait {
  return trait(`null or ${inner.expected}`, (v) => v === null || inner.check(v) === undefined);
}

/** One of the listed strings. */
export function oneOf(...values: string[]): Trait {
  return trait(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v) => typeof v === 'string' && values.includes(v));
}

/** An array of values of `inner`. */
export function arrayOf(inner: Trait): Trait {
  return trait(`an array, each item ${inner.expected}`, (v) => Array.isArray(v) && v.every((x) => inner.check(x) === undefined));
}

/** A plain JSON object (not an array, not null). */
export const object = trait('an object', (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v));

const MODEL_REFERENCE = /^IPY_MODEL_[\w-]+$/;

/** A reference to another widget, serialized as `"IPY_MODEL_<model id>"`. */
export const widgetRef = trait('a widget reference "IPY_MODEL_<id>"', (v) => typeof v === 'string' && MODEL_REFERENCE.test(v));

/** Bytes (binary state, sent as a buffer). */
export const bytes = trait('bytes (an ArrayBuffer view)', (v) => ArrayBuffer.isView(v));

/** Any JSON-compatible value or bytes (anywidget state of a kind given by its first value). */
export const any = trait('any value', () => true);

/** A state specification: key → trait. */
export type StateSpec = Record<string, Trait>;
