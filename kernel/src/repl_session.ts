/**
 * Runs scripts in this thread's V8 context through V8's REPL mode (`Runtime.evaluate` with
 * `replMode: true` over `node:inspector`, as Deno's kernel does): top-level `let`/`const`/`class`
 * bindings persist across scripts, may be redeclared by later scripts, and stay defined when a
 * script throws; top-level `await` works. The script's completion value and thrown values come
 * back as the real JavaScript values, not as inspector descriptions.
 */
import { Session } from 'inspector';

/** How one script ended. */
export type Evaluation = { ok: true; value: unknown } | { ok: false; error: unknown };

interface RemoteObject {
  type: string;
  value?: unknown;
  unserializableValue?: string;
  objectId?: string;
}

interface EvaluateResult {
  result: RemoteObject;
  exceptionDetails?: { exception?: RemoteObject; text: string };
}

/** The inspector's handle on values of one evaluation, released after each. */
const OBJECT_GROUP = 'deconvlab-cell';
/** Where `Runtime.callFunctionOn` leaves a value for the kernel (set and cleared synchronously). */
const HANDOFF = Symbol.for('deconvlab.replHandoff');

/** A connected inspector session evaluating in REPL mode. */
export class ReplSession {
  private readonly session = new Session();

  constructor() {
    this.session.connect();
  }

  /** Runs `script`, awaiting its top-level promise. */
  async evaluate(script: string): Promise<Evaluation> {
    const result = await this.post<EvaluateResult>('Runtime.evaluate', {
      expression: script,
      replMode: true,
      awaitPromise: true,
      objectGroup: OBJECT_GROUP,
    });
    try {
      if (result.exceptionDetails) {
        const thrown = result.exceptionDetails.exception;
        return { ok: false, error: thrown ? await this.take(thrown) : new Error(result.exceptionDetails.text) };
      }
      return { ok: true, value: await this.take(result.result) };
    } finally {
      await this.post('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
    }
  }

  /** Disconnects the session. */
  close(): void {
    this.session.disconnect();
  }

  /** The JavaScript value a remote object stands for. */
  private async take(remote: RemoteObject): Promise<unknown> {
    if (remote.objectId) {
      const holder = globalThis as { [HANDOFF]?: unknown };
      await this.post('Runtime.callFunctionOn', {
        objectId: remote.objectId,
        functionDeclaration: `function () { 'use strict'; globalThis[Symbol.for(${JSON.stringify(HANDOFF.description)})] = this; }`,
      });
      const value = holder[HANDOFF];
      delete holder[HANDOFF];
      return value;
    }
    if (remote.unserializableValue !== undefined) return unserializable(remote.unserializableValue);
    return remote.type === 'undefined' ? undefined : remote.value;
  }

  private post<T>(method: string, params: object): Promise<T> {
    return new Promise((resolve, reject) => {
      this.session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
    });
  }
}

/** `NaN`, `Infinity`, `-Infinity`, `-0` and bigints (`12n`), which the inspector sends as text. */
function unserializable(text: string): unknown {
  return text.endsWith('n') ? BigInt(text.slice(0, -1)) : Number(text);
}
