/**
 * Which request the output produced now belongs to (its `parent_header`): the running or last
 * execute request, except inside a front-end comm message's handler, whose output (including what
 * it does after its own awaits) belongs to that comm message. AsyncLocalStorage keeps the two apart
 * while a handler runs between the awaits of a cell.
 */
import { AsyncLocalStorage } from 'async_hooks';
import type { Message } from './wire';

/** The current output parent. */
export class OutputParent {
  private readonly handling = new AsyncLocalStorage<Message>();
  private execute: Message | undefined;

  /** The parent of output produced now. */
  current(): Message | undefined {
    return this.handling.getStore() ?? this.execute;
  }

  /** Makes `request` the parent of output from now on (outside comm handlers). */
  setExecute(request: Message): void {
    this.execute = request;
  }

  /** Runs `handler` (and everything it awaits) with `message` as the output parent. */
  runAs<T>(message: Message, handler: () => T): T {
    return this.handling.run(message, handler);
  }
}
