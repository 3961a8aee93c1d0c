/**
 * Help inside a call's parentheses (Shift+Tab at `deconv.conv2dTranspose(x, |`): TypeScript's signature
 * help, as editors show it — the overload that the arguments typed so far select (and how many there
 * are), its documentation and tags, and the current parameter with its `@param` doc.
 */
import type * as TS from 'typescript';

/** TypeScript's signature help service: internal in its typings, present at run time (editors use it through tsserver). */
interface SignatureHelpService {
  getSignatureHelpItems(
    program: TS.Program,
    file: TS.SourceFile,
    position: number,
    triggerReason: TS.SignatureHelpTriggerReason | undefined,
    cancellationToken: { isCancellationRequested(): boolean; throwIfCancellationRequested(): void },
  ): TS.SignatureHelpItems | undefined;
}

const NEVER_CANCELLED = { isCancellationRequested: () => false, throwIfCancellationRequested: () => undefined };

/** The help text for a cursor at `position` of `file` inside a call's parentheses; undefined outside any call. */
export function callHelp(ts: typeof TS, program: TS.Program, file: TS.SourceFile, position: number): string | undefined {
  const service = (ts as unknown as { SignatureHelp: SignatureHelpService }).SignatureHelp;
  const help = service.getSignatureHelpItems(program, file, position, undefined, NEVER_CANCELLED);
  return help && help.items.length > 0 ? signatureHelpText(help) : undefined;
}

/** The selected signature (with its overload number), its docs and tags, then the current parameter and its doc. */
export function signatureHelpText(help: TS.SignatureHelpItems): string {
  const item = help.items[Math.min(help.selectedItemIndex, help.items.length - 1)];
  const signature =
    text(item.prefixDisplayParts) +
    item.parameters.map((p) => text(p.displayParts)).join(text(item.separatorDisplayParts)) +
    text(item.suffixDisplayParts);
  const lines = [help.items.length > 1 ? `${signature}  (overload ${help.selectedItemIndex + 1} of ${help.items.length})` : signature];
  const documentation = text(item.documentation).trim();
  if (documentation) lines.push('', documentation);
  const tags = item.tags.filter((tag) => tag.name !== 'param').map((tag) => `@${tag.name} ${text(tag.text ?? [])}`.trim());
  if (tags.length > 0) lines.push('', ...tags);
  const parameter = currentParameter(item, help.argumentIndex);
  if (parameter) {
    const doc = text(parameter.documentation).trim();
    lines.push('', `Current parameter: ${parameter.name}${doc ? ` — ${doc}` : ''}`);
  }
  return lines.join('\n');
}

/** The parameter the argument at `index` binds to (a rest parameter takes every argument from its position on). */
function currentParameter(item: TS.SignatureHelpItem, index: number): TS.SignatureHelpParameter | undefined {
  const last = item.parameters.length - 1;
  if (index <= last) return item.parameters[index];
  return item.isVariadic && last >= 0 ? item.parameters[last] : undefined;
}

function text(parts: readonly TS.SymbolDisplayPart[]): string {
  return parts.map((part) => part.text).join('');
}
