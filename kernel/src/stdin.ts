/**
 * Input from the front end: the globals `prompt` and `confirm` (synchronous, as in browsers and Deno:
 * the main thread blocks until the `input_reply` or an interrupt) and deconvlab's `input` (asynchronous).
 * Each sends `input_request` on stdin with the running execute request as parent, only if that request
 * allowed stdin.
 */
import { InputSlot } from './input_slot';
import { InterruptError } from './interrupt';
import { createMessage, encode, type Message } from './wire';

/** What reading input needs from the kernel. */
export interface StdinContext {
  key: string;
  session: string;
  slot: InputSlot;
  /** Sends an encoded `input_request` on the stdin socket. */
  send(frames: Buffer[]): void;
  /** The execute request running now, if any. */
  runningExecute(): Message | undefined;
  /** Resolves once the output printed so far has left (so it shows above the input box). */
  flushOutput(): Promise<void>;
  /** A check, made when input is requested, of whether the running cell has been interrupted since. */
  watchInterrupt(): () => boolean;
}

/** Reads lines from the front end for the running cell. */
export class Stdin {
  constructor(private readonly context: StdinContext) {}

  /** Blocks until the user answers; throws InterruptError on interrupt. */
  readSync(what: string, prompt: string, password: boolean): string {
    const { generation, interrupted } = this.request(what, prompt, password);
    return answered(this.context.slot.waitSync(generation, interrupted));
  }

  /** Resolves with the user's answer; rejects with InterruptError on interrupt. */
  async read(what: string, prompt: string, password: boolean): Promise<string> {
    await this.context.flushOutput();
    const { generation, interrupted } = this.request(what, prompt, password);
    return answered(await this.context.slot.waitAsync(generation, interrupted));
  }

  /** The browser-style globals, bound to this kernel's stdin. */
  globals(): { prompt(message?: string, fallback?: string): string | null; confirm(message?: string): boolean } {
    return {
      prompt: (message = '', fallback) => {
        const shown = fallback === undefined ? String(message) : `${message} [${fallback}] `;
        const text = this.readSync(`prompt(${JSON.stringify(String(message))})`, shown, false);
        return text === '' && fallback !== undefined ? String(fallback) : text;
      },
      confirm: (message = '') =>
        /^\s*y(es)?\s*$/i.test(this.readSync(`confirm(${JSON.stringify(String(message))})`, `${message} [y/N] `, false)),
    };
  }

  /** Sends the `input_request`; returns the request's generation and the interrupt check to wait with. */
  private request(what: string, prompt: string, password: boolean): { generation: number; interrupted: () => boolean } {
    const execute = this.context.runningExecute();
    if (!execute) throw new Error(`${what} needs a running cell: the front end answers input only for the cell it is executing`);
    if (execute.content.allow_stdin !== true) {
      throw new Error(
        `this front end does not accept input (allow_stdin is false): ${what} cannot ask for a value here (nbclient and other batch runners do not answer input); set the value in code instead`,
      );
    }
    const generation = this.context.slot.begin();
    const request = createMessage(this.context.session, 'input_request', { prompt, password }, execute);
    this.context.send(encode(this.context.key, request));
    return { generation, interrupted: this.context.watchInterrupt() };
  }
}

function answered(text: string | undefined): string {
  if (text === undefined) throw new InterruptError();
  return text;
}
