/**
 * `deconv.widgets.interact(fn, controls)`, like ipywidgets' `interact`: one control per entry of `controls`,
 * an output area below them, and `fn(values)` run once and again on every change, its output replacing the
 * previous one (clear_output wait, so nothing flickers) and its errors shown in the output area.
 *
 * Runs happen while the change message is handled, so their output carries that message as parent and the
 * front end routes it into the output area (a run from a timer, after the kernel went idle, would lose its
 * output). The front end sends a model's next change only once the kernel is idle again, which coalesces a
 * fast drag; an async `fn` still running when a change arrives is followed by one more run with the
 * latest values.
 *
 * Tensors: a synchronous run is one tf engine scope, so the tensors it creates (unless `tf.keep`-ed) are
 * disposed when it ends. An async `fn` cannot be scoped across its awaits: the tensors it creates before
 * its first await and the tensors it returns are disposed when the next run starts; wrap work done after
 * an await in `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-node';
import { clearOutput, display } from '../show/display';
import { type Box, vbox } from './box';
import { type Control, controlFor, type ControlSpec, type ValueOf } from './interact_controls';
import { type Output, output } from './output';
import { show } from './widget';

/** The values `fn` receives: one per control, by name. */
export type InteractValues<C> = { [K in keyof C]: ValueOf<C[K]> };

const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

/** The tensors in a returned value (a tensor, or arrays and objects of them). */
function tensorsIn(value: unknown, found: tf.Tensor[] = []): tf.Tensor[] {
  if (value instanceof tf.Tensor) found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => tensorsIn(item, found));
  else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    Object.values(value).forEach((item) => tensorsIn(item, found));
  return found;
}

function showError(error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
  display({ 'text/plain': text }, { raw: true });
}

/** The controls, output area and box `interact` shows, and the runs of `fn`. */
export class Interactive<C extends Record<string, ControlSpec>> {
  /** The box shown: the controls, then the output area. */
  readonly widget: Box;
  /** The output area `fn` writes into. */
  readonly output: Output;
  /** The control widgets, by parameter name. */
  readonly controls: { [K in keyof C]: Control['widget'] };
  private readonly entries: Array<[string, Control]>;
  private readonly stops: Array<() => void> = [];
  private running: Promise<void> | undefined;
  private again = false;
  private leftovers: tf.Tensor[] = [];

  constructor(
    private readonly fn: (values: InteractValues<C>) => unknown,
    controls: C,
  ) {
    if (typeof fn !== 'function') throw new Error(`interact needs a function as its first argument, got ${show(fn)}`);
    if (controls === null || typeof controls !== 'object' || Object.keys(controls).length === 0) {
      throw new Error(`interact needs controls: an object like { stride: [1, 4], padding: ['SAME', 'VALID'] }, got ${show(controls)}`);
    }
    this.entries = [];
    try {
      for (const [name, spec] of Object.entries(controls)) this.entries.push([name, controlFor(name, spec)]);
      this.output = output();
      this.widget = vbox({ children: [...this.entries.map(([, c]) => c.widget), this.output] });
    } catch (error) {
      this.entries.filter(([, c]) => c.owned).forEach(([, c]) => c.widget.close());
      throw error;
    }
    this.controls = Object.fromEntries(this.entries.map(([name, c]) => [name, c.widget])) as Interactive<C>['controls'];
    for (const [, control] of this.entries) this.stops.push(control.observe(() => this.update()));
  }

  /** The controls' current values. */
  values(): InteractValues<C> {
    return Object.fromEntries(this.entries.map(([name, c]) => [name, c.value()])) as InteractValues<C>;
  }

  /** Runs `fn` with the current values now (or once more after the run in progress); resolves when done. */
  update(): Promise<void> | void {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = this.run();
    if (!run) return;
    this.running = run.then(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        return this.update();
      }
    });
    return this.running;
  }

  /** Closes the output area, the box and the controls `interact` made; disposes the last run's tensors. */
  close(): void {
    this.stops.forEach((stop) => stop());
    tf.dispose(this.leftovers);
    this.leftovers = [];
    this.widget.close();
    this.output.close();
    this.entries.filter(([, c]) => c.owned).forEach(([, c]) => c.widget.close());
  }

  /** A line of text: `interact` has shown the box already (display `.widget` to show it again). */
  [JUPYTER_DISPLAY](): Record<string, unknown> {
    return { 'text/plain': `interact(${this.entries.map(([name]) => name).join(', ')})` };
  }

  /** One run inside the output area: sync runs finish here, async ones return their promise. */
  private run(): Promise<void> | undefined {
    tf.dispose(this.leftovers);
    this.leftovers = [];
    return this.output.capture(() => {
      clearOutput({ wait: true });
      const engine = tf.engine();
      engine.startScope('interact');
      let result: unknown;
      try {
        result = this.fn(this.values());
        if (!isThenable(result)) {
          if (result !== undefined) display(result);
          return undefined;
        }
        // Keep what the async fn made so far: it still needs it after this scope ends.
        this.leftovers = [...engine.state.activeScope.track];
      } catch (error) {
        showError(error);
        return undefined;
      } finally {
        engine.endScope(isThenable(result) ? this.leftovers : undefined);
      }
      return Promise.resolve(result).then((value) => {
        if (value !== undefined) display(value);
        this.leftovers.push(...tensorsIn(value));
      }, showError);
    });
  }
}

/**
 * Shows controls for `fn`'s parameters and an output area, runs `fn(values)` once, then on every change.
 * `controls` maps names to `[min, max]`, `[min, max, step]`, an array of options, a boolean, a string or a widget.
 * Returns the {@link Interactive} (its controls, output area, `close()`).
 */
export function interact<C extends Record<string, ControlSpec>>(fn: (values: InteractValues<C>) => unknown, controls: C): Interactive<C> {
  const interactive = new Interactive(fn, controls);
  // A synchronous first run has finished before the box is shown, so the display carries its image as fallback.
  void interactive.update();
  display(interactive.widget);
  return interactive;
}
