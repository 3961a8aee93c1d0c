/**
 * `deconv.widgets.output`: OutputModel (@jupyter-widgets/output 1.0.0). The front end moves every output
 * message whose parent `msg_id` equals the model's `msg_id` into the widget, so `capture` sets `msg_id`
 * to the message whose output is produced now while `fn` runs, and back to '' after.
 */
import { addDisplayListener } from '../show/display_sink';
import { commPort } from './comm_port';
import { DOM_KEYS, domDefinition, type DomOptions } from './dom_widget';
import { widgetLog } from './log';
import { DOM_DEFAULTS, DOM_SPEC, identity } from './model_state';
import { type StaticImage, staticImage } from './static_image';
import { arrayOf, object, str } from './traits';
import { Widget } from './widget';

/** An output area that code can write into from anywhere, e.g. from a slider's observer. */
export class Output extends Widget {
  private lastImage: StaticImage | undefined;
  private captures = 0;

  /**
   * Runs `fn` (sync or async) with its displays, console output and `clearOutput` going into this widget;
   * returns what `fn` returns. Errors propagate to the caller.
   */
  capture<T>(fn: () => T): T {
    const msgId = commPort().parentMessageId();
    if (msgId === undefined) widgetLog(`${this.name} ${this.modelId}: no message is being handled, so output cannot be captured`);
    if (this.captures++ === 0 && msgId !== undefined) this.set({ msg_id: msgId });
    const stopListening = addDisplayListener((message) => {
      const image = message.kind === 'clear' ? undefined : staticImage(message.data);
      if (image) this.lastImage = image;
    });
    const finish = (): void => {
      stopListening();
      if (--this.captures === 0 && !this.closed) this.set({ msg_id: '' });
    };
    let result: T;
    try {
      result = fn();
    } catch (error) {
      finish();
      throw error;
    }
    if (result instanceof Promise) return result.finally(finish) as T;
    finish();
    return result;
  }

  /** Clears the outputs shown in the widget. */
  clear(): void {
    this.set({ outputs: [] });
  }

  /** The last static figure displayed inside, for saved notebooks. */
  override fallbackImage(): StaticImage | undefined {
    return this.lastImage;
  }

  protected override summaryKeys(): string[] {
    return [];
  }
}

/** An output area, e.g. `const out = output(); out.capture(() => deconv.show.arithmetic(config))`. */
export function output(options: DomOptions = {}): Output {
  return new Output(
    domDefinition({
      widget: 'Output',
      spec: { ...DOM_SPEC, msg_id: str, outputs: arrayOf(object) },
      defaults: { ...DOM_DEFAULTS, ...identity('@jupyter-widgets/output', '1.0.0', 'OutputModel', 'OutputView'), msg_id: '', outputs: [] },
      options,
      allowed: DOM_KEYS,
      writable: ['outputs'],
    }),
  );
}
