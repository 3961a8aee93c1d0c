/**
 * The main thread's handler of each request type (`msg_type` → reply content), reading request
 * contents through request_content.ts. kernel_info and is_complete are answered by the shell worker;
 * interrupt and shutdown are replied to by the control worker first: here only their side effects.
 */
import type { CellRunner } from './cell_runner';
import type { KernelComms } from './comms';
import type { ExecuteHandler } from './execute';
import type { History, HistoryQuery } from './history';
import type { RequestHandler } from './protocol';
import { booleanField, codeAndCursor, integerField, stringField } from './request_content';
import type { Message } from './wire';

/** What the handlers act on. */
export interface HandlerContext {
  /** A client asked for kernel_info: the deferred start may go ahead (kernel.ts). */
  clientAskedKernelInfo(): void;
  execute: ExecuteHandler;
  /** The arrival number of a shell request (for stop_on_error). */
  arrivalOf(request: Message): number;
  /** Resolves once the preload has run. */
  runner: Promise<CellRunner>;
  history: History;
  comms: KernelComms;
  /** Shuts the kernel down once the reply is out. */
  shutdownSoon(): void;
}

/** The handlers, by message type. */
export function requestHandlers(context: HandlerContext): Map<string, RequestHandler> {
  const { runner, comms } = context;
  const handleComm: RequestHandler = async (request) => {
    await runner;
    await comms.handle(request);
    return undefined;
  };
  return new Map<string, RequestHandler>([
    ['kernel_info_request', () => void context.clientAskedKernelInfo()],
    ['is_complete_request', () => undefined],
    ['execute_request', (request) => context.execute.handle(request, context.arrivalOf(request))],
    [
      'complete_request',
      async (request) => {
        const { code, cursor } = codeAndCursor(request);
        const info = (await runner).complete(code, cursor);
        return { status: 'ok', matches: info.candidates, cursor_start: info.start, cursor_end: info.end, metadata: {} };
      },
    ],
    [
      'inspect_request',
      async (request) => {
        const { code, cursor } = codeAndCursor(request);
        const text = (await runner).inspect(code, cursor);
        return text
          ? { status: 'ok', found: true, data: { 'text/plain': text }, metadata: {} }
          : { status: 'ok', found: false, data: {}, metadata: {} };
      },
    ],
    ['history_request', (request) => ({ status: 'ok', history: context.history.query(historyQuery(request)) })],
    [
      'comm_info_request',
      async (request) => {
        await runner;
        return comms.info(request);
      },
    ],
    ['comm_open', handleComm],
    ['comm_msg', handleComm],
    ['comm_close', handleComm],
    // The control worker already replied and set the flag; this acts on it if the main thread was free.
    ['interrupt_request', () => void runner.then((r) => r.interrupts.interruptPending())],
    [
      'shutdown_request',
      (request) => {
        const restart = booleanField(request, 'restart', false);
        setImmediate(() => context.shutdownSoon());
        return { status: 'ok', restart };
      },
    ],
  ]);
}

/** The fields of a `history_request`, typed (absent fields stay absent: the store applies the protocol's defaults). */
function historyQuery(request: Message): HistoryQuery {
  const present = (name: string) => request.content[name] !== undefined && request.content[name] !== null;
  const integer = (name: string) => (present(name) ? integerField(request, name, 0) : undefined);
  return {
    output: booleanField(request, 'output', false),
    hist_access_type: stringField(request, 'hist_access_type', ''),
    session: integer('session'),
    start: integer('start'),
    stop: integer('stop'),
    n: integer('n'),
    pattern: present('pattern') ? stringField(request, 'pattern', '') : undefined,
    unique: booleanField(request, 'unique', false),
  };
}
