/**
 * Typed reads of a request's `content`, which comes from the network: a field of the wrong type is a
 * `RequestContentError` naming the request, the field, what was expected and what came (the protocol
 * answers it with an error reply); an absent field takes the protocol's default.
 */
import type { Message } from './wire';

/** A request whose content does not fit the message specification. */
export class RequestContentError extends Error {
  override readonly name = 'RequestContentError';
}

/** `content[name]`: a string, or `fallback` when absent. */
export function stringField(request: Message, name: string, fallback: string): string {
  const value = request.content[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw contentError(request, name, 'a string', value);
  return value;
}

/** `content[name]`: a boolean, or `fallback` when absent. */
export function booleanField(request: Message, name: string, fallback: boolean): boolean {
  const value = request.content[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw contentError(request, name, 'true or false', value);
  return value;
}

/** `content[name]`: an integer (from `range.min` to `range.max` when given), or `fallback` when absent. */
export function integerField(request: Message, name: string, fallback: number, range?: { min: number; max: number }): number {
  const value = request.content[name];
  if (value === undefined || value === null) return fallback;
  const inRange = range === undefined || (typeof value === 'number' && value >= range.min && value <= range.max);
  if (typeof value !== 'number' || !Number.isInteger(value) || !inRange)
    throw contentError(request, name, range ? `an integer from ${range.min} to ${range.max}` : 'an integer', value);
  return value;
}

/** `code` and `cursor_pos` of a completion or inspection request (the cursor defaults to the end of the code). */
export function codeAndCursor(request: Message): { code: string; cursor: number } {
  const code = stringField(request, 'code', '');
  return { code, cursor: integerField(request, 'cursor_pos', code.length, { min: 0, max: code.length }) };
}

function contentError(request: Message, name: string, expected: string, value: unknown): RequestContentError {
  const shown = JSON.stringify(value)?.slice(0, 60) ?? String(value);
  return new RequestContentError(`${request.header.msg_type}: content.${name} must be ${expected}, got ${shown}`);
}
