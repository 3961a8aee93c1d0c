/**
 * Jupyter request handling, apart from transport: busy → handle → reply → idle, with one
 * try/catch per message so a failing handler answers with an error reply and the loop goes on.
 */
import { kernelLog } from './log';
import type { Message } from './wire';

/** The channel a request came in on (its reply goes back on the same one). */
export type Channel = 'shell' | 'control';

/** Reply content for a request, or undefined for messages that take no reply (comm messages). */
export type ReplyContent = Record<string, unknown> | undefined;

/** Handles one message type. */
export type RequestHandler = (request: Message) => ReplyContent | Promise<ReplyContent>;

/** Where the protocol sends replies and status messages. */
export interface ProtocolOutput {
  reply(channel: Channel, request: Message, msgType: string, content: Record<string, unknown>): void;
  status(state: 'busy' | 'idle', parent: Message): void;
}

/** The `error` reply content for an exception. */
export function errorContent(e: unknown): Record<string, unknown> {
  const error = e instanceof Error ? e : new Error(String(e));
  return {
    status: 'error',
    ename: error.name,
    evalue: error.message,
    traceback: (error.stack ?? `${error.name}: ${error.message}`).split('\n'),
  };
}

/** `foo_request` → `foo_reply`. */
export function replyType(msgType: string): string {
  return msgType.endsWith('_request') ? `${msgType.slice(0, -'_request'.length)}_reply` : `${msgType}_reply`;
}

/** Dispatches decoded messages to handlers by `msg_type`. */
export class Protocol {
  constructor(
    private readonly handlers: ReadonlyMap<string, RequestHandler>,
    private readonly output: ProtocolOutput,
  ) {}

  /** Handles one request: status busy, the handler's reply (or an error reply), status idle. */
  async handle(channel: Channel, request: Message): Promise<void> {
    const msgType = request.header.msg_type;
    this.output.status('busy', request);
    try {
      const handler = this.handlers.get(msgType);
      if (!handler) {
        kernelLog(`unknown message type ${JSON.stringify(msgType)} on ${channel}`);
        if (msgType.endsWith('_request')) {
          this.output.reply(channel, request, replyType(msgType), {
            status: 'error',
            ename: 'UnknownRequest',
            evalue: `this kernel does not handle ${msgType}`,
            traceback: [],
          });
        }
        return;
      }
      const content = await handler(request);
      if (content) this.output.reply(channel, request, replyType(msgType), content);
    } catch (e) {
      kernelLog(`${msgType} failed: ${(e as Error)?.stack ?? String(e)}`);
      this.output.reply(channel, request, replyType(msgType), errorContent(e));
    } finally {
      this.output.status('idle', request);
    }
  }
}
