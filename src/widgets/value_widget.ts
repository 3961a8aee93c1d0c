/** A widget with a typed `value`: reading it gives the synced value, assigning it sends an `update`. */
import { type Observer, Widget } from './widget';

/** A widget whose state has a `value` of type V. */
export class ValueWidget<V> extends Widget {
  /** The current value (the front end's latest accepted change, or the last one set here). */
  get value(): V {
    return this.state.value as V;
  }

  set value(value: V) {
    this.set({ value });
  }

  /** Calls `handler` with `{ name, old, new }` after each change of `value` (or of the named keys). */
  override observe(handler: Observer<V>, names: string | string[] = 'value'): () => void {
    return super.observe(handler as Observer, names);
  }
}
