/**
 * Binary widget state travels as comm buffers (widget message protocol 2): each buffer leaves the state
 * and its place is given as a path of keys and indices in `buffer_paths`; in a list it leaves a null behind.
 */

/** A path into a state object: keys and list indices. */
export type BufferPath = Array<string | number>;

/** State without its binary parts, their paths and the buffers, in the same order. */
export interface SplitState<T> {
  state: T;
  bufferPaths: BufferPath[];
  buffers: ArrayBufferView[];
}

function isBinary(value: unknown): value is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

function asView(value: ArrayBufferView | ArrayBuffer): ArrayBufferView {
  return value instanceof ArrayBuffer ? new DataView(value) : value;
}

function separate(value: unknown, path: BufferPath, out: SplitState<unknown>): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (!isBinary(item)) return separate(item, [...path, i], out);
      out.bufferPaths.push([...path, i]);
      out.buffers.push(asView(item));
      return null;
    });
  }
  if (value !== null && typeof value === 'object' && !isBinary(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (isBinary(item)) {
        out.bufferPaths.push([...path, key]);
        out.buffers.push(asView(item));
      } else {
        result[key] = separate(item, [...path, key], out);
      }
    }
    return result;
  }
  return value;
}

/** Splits binary values out of `state` (which is not modified), like ipywidgets' `_remove_buffers`. */
export function removeBuffers<T extends Record<string, unknown>>(state: T): SplitState<T> {
  const out: SplitState<unknown> = { state: undefined, bufferPaths: [], buffers: [] };
  out.state = separate(state, [], out);
  return out as SplitState<T>;
}

/**
 * Puts buffers back at their paths in `state` (modified in place). Returns an error text, leaving the
 * state partly filled, when the paths do not fit the state: the caller drops the whole message then.
 */
export function putBuffers(state: Record<string, unknown>, paths: unknown, buffers: DataView[]): string | undefined {
  if (!Array.isArray(paths)) return `buffer_paths must be an array of paths, got ${typeof paths}`;
  if (paths.length !== buffers.length) return `${paths.length} buffer_paths for ${buffers.length} buffers`;
  for (const [n, path] of paths.entries()) {
    if (!Array.isArray(path) || path.length === 0 || !path.every((p) => typeof p === 'string' || Number.isSafeInteger(p))) {
      return `buffer path ${n} must be a non-empty array of keys and indices`;
    }
    let container: unknown = state;
    for (const key of path.slice(0, -1)) {
      // Own properties only: a path through "__proto__" must not reach Object.prototype.
      container =
        container !== null && typeof container === 'object' && Object.hasOwn(container, key)
          ? (container as Record<string | number, unknown>)[key]
          : undefined;
    }
    const last = path[path.length - 1] as string | number;
    const fits = Array.isArray(container)
      ? typeof last === 'number' && last >= 0 && last < container.length
      : container !== null && typeof container === 'object' && typeof last === 'string' && !isBinary(container);
    if (!fits) return `buffer path ${JSON.stringify(path)} does not lead into the state`;
    Object.defineProperty(container, last, { value: buffers[n], enumerable: true, writable: true, configurable: true });
  }
  return undefined;
}
