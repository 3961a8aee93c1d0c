/**
 * The order in which shell messages are handled: execute requests one after the other, in arrival
 * order; every other message (comm messages, completion, history, …) at once, also while a cell
 * runs (between its awaits), so a front-end control can reach a running loop.
 */
import { kernelLog } from './log';
import type { Message } from './wire';

/** Dispatches shell messages to `handle`. */
export class ShellDispatch {
  private executes: Promise<void> = Promise.resolve();
  private running: Message | undefined;

  constructor(private readonly handle: (request: Message) => Promise<void>) {}

  /** Queues an execute request, or handles any other message now. */
  dispatch(request: Message): void {
    if (request.header.msg_type !== 'execute_request') {
      this.handle(request).catch((e: Error) => kernelLog(`shell message failed: ${e.stack}`));
      return;
    }
    this.executes = this.executes.then(async () => {
      this.running = request;
      try {
        await this.handle(request);
      } catch (e) {
        kernelLog(`execute_request failed: ${(e as Error).stack}`);
      } finally {
        this.running = undefined;
      }
    });
  }

  /** The execute request running now, if any. */
  runningExecute(): Message | undefined {
    return this.running;
  }
}
