/**
 * A kernel-side ipywidgets 8 model (widget message protocol 2.1.0) over one `jupyter.widget` comm.
 *
 * The comm opens with the full state; kernel changes go out as `update`; front-end `update`s are checked key
 * by key against the model's traits and relations, the accepted keys echoed back first (`echo_update`, so
 * every front end converges and an `update` sent by an observer lands after the echo), then applied and
 * observed. Anything else the front end sends is logged and ignored, never thrown into the kernel.
 */
import { inspect } from 'node:util';
import { putBuffers, removeBuffers } from './buffers';
import { type Comm, type CommMessage, commPort } from './comm_port';
import { ensureControlTarget } from './control';
import { widgetLog } from './log';
import { registry } from './registry';
import type { StaticImage } from './static_image';
import type { StateSpec } from './traits';

/** The widget message protocol version this kernel speaks. */
export const WIDGET_PROTOCOL_VERSION = '2.1.0';

/** The MIME type JupyterLab's widget manager renders. */
export const WIDGET_VIEW_MIME = 'application/vnd.jupyter.widget-view+json';

const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

/** One changed state key, as observers receive it. */
export interface Change<T = unknown> {
  name: string;
  old: T;
  new: T;
}

/** A callback on state changes. */
export type Observer<T = unknown> = (change: Change<T>) => void | Promise<void>;

/** Everything a model is made of. */
export interface WidgetDefinition {
  /** The ipywidgets class name, e.g. "IntSlider", for messages. */
  name: string;
  spec: StateSpec;
  /** The complete initial state: a value for every key of `spec`. */
  state: Record<string, unknown>;
  /** The keys the front end may set. */
  writable: readonly string[];
  /** Checks relations between keys (e.g. min ≤ value ≤ max) on a candidate state: what is wrong, or undefined. */
  relation?: (state: Record<string, unknown>) => string | undefined;
  /** Layout and style models created for this widget, closed with it. */
  owned?: Widget[];
}

/** A value as error messages show it. */
export function show(value: unknown): string {
  return inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 80 });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b);
}

/** Reports an error thrown by user code run for a front-end event: into the cell showing the widget. */
export function reportCallbackError(what: string, error: unknown): void {
  console.error(`${what} failed: ${(error as Error)?.stack ?? String(error)}`);
}

/** A widget model; the factories in this folder make the concrete ones. */
export class Widget {
  /** The comm id, which the front end knows the model by. */
  readonly modelId: string;
  protected readonly state: Record<string, unknown>;
  private readonly comm: Comm;
  private readonly spec: StateSpec;
  private readonly writable: ReadonlySet<string>;
  private readonly owned: Widget[];
  private readonly relation: (state: Record<string, unknown>) => string | undefined;
  private readonly observers = new Set<{ names?: ReadonlySet<string>; handler: Observer }>();
  private readonly customHandlers = new Set<(content: unknown, buffers: DataView[]) => void | Promise<void>>();

  constructor(definition: WidgetDefinition) {
    this.name = definition.name;
    this.spec = definition.spec;
    this.state = { ...definition.state };
    this.writable = new Set(definition.writable);
    this.owned = definition.owned ?? [];
    this.relation = definition.relation ?? (() => undefined);
    for (const key of Object.keys(this.spec)) {
      const problem = this.spec[key].check(this.state[key]);
      if (problem) throw new Error(`${this.name}.${key} must be ${problem}, got ${show(this.state[key])}`);
    }
    const relation = this.relation(this.state);
    if (relation) throw new Error(`${this.name}: ${relation}`);
    const port = commPort();
    ensureControlTarget(port);
    const split = removeBuffers(this.state);
    this.comm = port.open(
      'jupyter.widget',
      { state: split.state, buffer_paths: split.bufferPaths },
      { version: WIDGET_PROTOCOL_VERSION },
      split.buffers,
    );
    this.modelId = this.comm.commId;
    registry().widgets.set(this.modelId, this);
    this.comm.onMsg((message) => this.receive(message));
    this.comm.onClose(() => registry().widgets.delete(this.modelId));
  }

  /** The ipywidgets class name, e.g. "IntSlider". */
  readonly name: string;

  /** True once closed (from either side); a closed widget neither sends nor displays. */
  get closed(): boolean {
    return this.comm.closed;
  }

  /** This widget as a reference in another widget's state (`children`, `layout`, …). */
  get reference(): string {
    return `IPY_MODEL_${this.modelId}`;
  }

  /** A copy of the full state, binary values included. */
  fullState(): Record<string, unknown> {
    return { ...this.state };
  }

  /** Sets state keys from kernel code: checked (a clear error otherwise), sent as one `update`, then observed. */
  set(changes: Record<string, unknown>): void {
    if (this.closed) throw new Error(`${this.name} ${this.modelId} is closed; create a new widget`);
    const next = { ...this.state };
    for (const [key, value] of Object.entries(changes)) {
      if (!Object.hasOwn(this.spec, key)) {
        throw new Error(
          `${this.name} has no state key "${key}"; its keys are ${Object.keys(this.spec)
            .filter((k) => !k.startsWith('_'))
            .join(', ')}`,
        );
      }
      if (/^_(model|view)_/.test(key)) throw new Error(`${this.name}.${key} is fixed when the widget is created`);
      const problem = this.spec[key].check(value);
      if (problem) throw new Error(`${this.name}.${key} must be ${problem}, got ${show(value)}`);
      next[key] = value;
    }
    const relation = this.relation(next);
    if (relation) throw new Error(`${this.name}: ${relation}`);
    const applied = this.apply(changes);
    if (applied.length > 0)
      this.sendUpdate(
        'update',
        applied.map((c) => c.name),
      );
    this.notify(applied, false);
  }

  /**
   * Calls `handler` with `{ name, old, new }` after each change of the named keys (all keys when omitted),
   * whether kernel code or the front end made it. Returns a function that stops observing.
   */
  observe(handler: Observer, names?: string | string[]): () => void {
    const entry = { handler, names: names === undefined ? undefined : new Set(typeof names === 'string' ? [names] : names) };
    for (const name of entry.names ?? []) {
      if (!Object.hasOwn(this.spec, name)) throw new Error(`${this.name} has no state key "${name}" to observe`);
    }
    this.observers.add(entry);
    return () => this.observers.delete(entry);
  }

  /** Sends a custom message (`{method: "custom", content}`) to the front-end model. */
  send(content: Record<string, unknown>, buffers?: ArrayBufferView[]): void {
    if (this.closed) throw new Error(`${this.name} ${this.modelId} is closed; create a new widget`);
    this.comm.send({ method: 'custom', content }, {}, buffers);
  }

  /** Calls `handler` on each custom message from the front end. Returns a function that stops it. */
  onCustomMessage(handler: (content: unknown, buffers: DataView[]) => void | Promise<void>): () => void {
    this.customHandlers.add(handler);
    return () => this.customHandlers.delete(handler);
  }

  /** Closes the comm: the views disappear from the front end. Also closes the layout and style models made for it. */
  close(): void {
    if (!this.closed) this.comm.close();
    registry().widgets.delete(this.modelId);
    for (const widget of this.owned) widget.close();
  }

  /** `IntSlider(value=3, description='stride')`. */
  toString(): string {
    const keys = this.summaryKeys().filter((key) => Object.hasOwn(this.state, key) && this.state[key] !== '');
    return `${this.name}(${keys.map((key) => `${key}=${show(this.state[key])}`).join(', ')})`;
  }

  /** The widget-view bundle (plus a text and, when there is one, the last image shown inside as a static fallback). */
  [JUPYTER_DISPLAY](): Record<string, unknown> {
    if (this.closed) return { 'text/plain': `${this.toString()} (closed)` };
    const image = this.fallbackImage();
    return {
      [WIDGET_VIEW_MIME]: { model_id: this.modelId, version_major: 2, version_minor: 1 },
      'text/plain': this.toString(),
      ...(image !== undefined && { [image.mime]: image.data }),
    };
  }

  /** The static figure a saved notebook shows where the widget cannot render, if any. */
  fallbackImage(): StaticImage | undefined {
    return undefined;
  }

  /** The keys `toString` shows. */
  protected summaryKeys(): string[] {
    return ['value', 'description'];
  }

  private apply(changes: Record<string, unknown>): Change[] {
    const applied: Change[] = [];
    for (const [key, value] of Object.entries(changes)) {
      const old = this.state[key];
      this.state[key] = value;
      if (!sameValue(old, value)) applied.push({ name: key, old, new: value });
    }
    return applied;
  }

  private sendUpdate(method: 'update' | 'echo_update', keys: string[], values: Record<string, unknown> = this.state): void {
    const state: Record<string, unknown> = {};
    for (const key of keys) state[key] = values[key];
    const split = removeBuffers(state);
    this.comm.send({ method, state: split.state, buffer_paths: split.bufferPaths }, {}, split.buffers);
  }

  private notify(changes: Change[], fromFrontEnd: boolean): Promise<void> | void {
    const pending: Promise<void>[] = [];
    for (const { names, handler } of [...this.observers]) {
      for (const change of changes) {
        if (names && !names.has(change.name)) continue;
        if (!fromFrontEnd) {
          void handler(change);
          continue;
        }
        try {
          const result = handler(change);
          if (result instanceof Promise) pending.push(result.catch((e) => reportCallbackError(`${this.name} observer`, e)));
        } catch (error) {
          reportCallbackError(`${this.name} observer`, error);
        }
      }
    }
    if (pending.length > 0) return Promise.all(pending).then(() => undefined);
  }

  private receive(message: CommMessage): Promise<void> | void {
    const method = message.data.method;
    if (method === 'update') return this.receiveUpdate(message);
    if (method === 'request_state') return this.sendUpdate('update', Object.keys(this.spec));
    if (method === 'custom') return this.receiveCustom(message);
    widgetLog(
      `${this.name} ${this.modelId}: ignored a message with method ${show(method)}; expected "update", "request_state" or "custom"`,
    );
  }

  private receiveUpdate(message: CommMessage): Promise<void> | void {
    const incoming = message.data.state;
    const label = `${this.name} ${this.modelId}`;
    if (!isPlainObject(incoming)) return widgetLog(`${label}: ignored an update whose state is ${show(incoming)}, not an object`);
    const state = { ...incoming };
    const bufferProblem = putBuffers(state, message.data.buffer_paths ?? [], message.buffers);
    if (bufferProblem) return widgetLog(`${label}: ignored an update: ${bufferProblem}`);

    const accepted: Record<string, unknown> = {};
    const refused: string[] = [];
    for (const [key, value] of Object.entries(state)) {
      const problem = this.frontEndProblem(key, value, { ...this.state, ...accepted });
      if (problem === undefined) {
        accepted[key] = value;
        continue;
      }
      widgetLog(`${label}: ignored ${key} = ${show(value)} from the front end: ${problem}`);
      if (this.writable.has(key)) refused.push(key);
    }
    const keys = Object.keys(accepted);
    if (keys.length > 0) this.sendUpdate('echo_update', keys, accepted);
    const applied = this.apply(accepted);
    // Views that showed a refused value are set back to the kernel's.
    if (refused.length > 0) this.sendUpdate('update', refused);
    return this.notify(applied, true);
  }

  private frontEndProblem(key: string, value: unknown, candidate: Record<string, unknown>): string | undefined {
    if (!Object.hasOwn(this.spec, key)) return 'not a state key of this widget';
    if (!this.writable.has(key)) return 'the front end may not set it';
    const problem = this.spec[key].check(value);
    if (problem) return `expected ${problem}`;
    return this.relation({ ...candidate, [key]: value });
  }

  private receiveCustom(message: CommMessage): Promise<void> | void {
    const pending: Promise<void>[] = [];
    for (const handler of [...this.customHandlers]) {
      try {
        const result = handler(message.data.content, message.buffers);
        if (result instanceof Promise) pending.push(result.catch((e) => reportCallbackError(`${this.name} message handler`, e)));
      } catch (error) {
        reportCallbackError(`${this.name} message handler`, error);
      }
    }
    if (pending.length > 0) return Promise.all(pending).then(() => undefined);
  }
}
