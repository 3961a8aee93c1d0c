/**
 * Reading a line from the notebook's user: `await deconv.input(message, { password })`.
 *
 * `src/` knows nothing of Jupyter, so the kernel registers an input provider on a global symbol (as
 * it does the cell signal); it sends Jupyter's `input_request`. The kernel also defines the
 * synchronous globals `prompt(message, default?)` and `confirm(message)`, as browsers and Deno do;
 * their types are declared here so that cells, which import deconvlab, see them.
 */

/** Options of {@link input}. */
export interface InputOptions {
  /** Hide the typed text (the front end shows a password field). */
  password?: boolean;
}

/** Asks the front end for one line of text. */
export type InputProvider = (message: string, options: InputOptions) => Promise<string>;

const PROVIDER_KEY = Symbol.for('deconvlab.input');

type ProviderHolder = { [PROVIDER_KEY]?: InputProvider };

/** Registers the process-wide input provider (or removes it with `undefined`). */
export function setInputProvider(provider: InputProvider | undefined): void {
  (globalThis as ProviderHolder)[PROVIDER_KEY] = provider;
}

/** Asks the user for one line of text in the notebook (or console); throws outside the deconvlab kernel. */
export function input(message = '', options: InputOptions = {}): Promise<string> {
  const provider = (globalThis as ProviderHolder)[PROVIDER_KEY];
  if (!provider) {
    return Promise.reject(
      new Error(
        'deconv.input needs the deconvlab Jupyter kernel (it asks the notebook front end); in plain Node.js read process.stdin instead',
      ),
    );
  }
  return provider(String(message), { password: options.password === true });
}

declare global {
  /** In the deconvlab kernel: asks the front end for a line (`input_request`); an empty answer gives `_default`. */
  function prompt(message?: string, _default?: string): string | null;
  /** In the deconvlab kernel: asks the front end a yes/no question (`[y/N]`); true for `y` or `yes`. */
  function confirm(message?: string): boolean;
}
