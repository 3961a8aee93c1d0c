/** The two ways an incoming comm message can fail: bad input (ignored) or a handler that threw. */

/** A front-end comm message that was not acted on (unknown comm or target, malformed content). */
export class CommInputError extends Error {
  override name = 'CommInputError';
}

/** A comm handler registered from TypeScript threw (or its promise rejected). */
export class CommHandlerError extends Error {
  override name = 'CommHandlerError';
  constructor(what: string, cause: unknown) {
    super(`${what} failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`, { cause });
  }
}
