/**
 * Help inside a call's parentheses (Shift+Tab at `deconv.conv2dTranspose(x, |`): the callee and
 * the argument under the cursor, found from the cell's syntax, then the callee's quick info
 * (signature and docs) with the current parameter named.
 */
import type * as TS from 'typescript';
import { typescript } from './tslab_internals';

/** The innermost call around a cursor. */
export interface CallContext {
  /** A position on the callee's name (what quick info is asked for). */
  calleePosition: number;
  /** Zero-based index of the argument the cursor is in. */
  argumentIndex: number;
}

/** The innermost call or `new` whose parentheses contain `position`, if any. */
export function enclosingCall(code: string, position: number): CallContext | undefined {
  const ts = typescript();
  const file = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let found: CallContext | undefined;
  const visit = (node: TS.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      const open = node.arguments.pos;
      // An unclosed call (`f(a, ` at the end of the cell) has no `)`: its list runs to the end.
      const close = code[node.end - 1] === ')' ? node.end - 1 : code.length;
      if (position >= open && position <= close) {
        const commas = node.arguments.filter(
          (argument) => argument.end < position && code.slice(argument.end, position).includes(','),
        ).length;
        found = { calleePosition: calleeNameEnd(ts, node.expression), argumentIndex: commas };
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A position in the callee's last name (`deconv.conv2dTranspose` → end of `conv2dTranspose`). */
function calleeNameEnd(ts: typeof TS, callee: TS.Expression): number {
  return (ts.isPropertyAccessExpression(callee) ? callee.name.end : callee.end) - 1;
}

/** The callee's quick info as text, followed by the parameter at `argumentIndex` and its `@param` doc. */
export function callHelpText(info: TS.QuickInfo, argumentIndex: number, printQuickInfo: (info: TS.QuickInfo) => string): string {
  const parameters = topLevelParameters(info.displayParts ?? []);
  const text = printQuickInfo(info);
  if (parameters.length === 0) return text;
  const name = parameters[Math.min(argumentIndex, parameters.length - 1)];
  const tag = (info.tags ?? []).find((t) => t.name === 'param' && t.text?.[0]?.text === name);
  const doc = tag?.text
    ?.slice(1)
    .map((part) => part.text)
    .join('')
    .trim();
  return `${text}\n\nCurrent parameter: ${name}${doc ? ` — ${doc}` : ''}`;
}

/** The parameter names of the first signature in `parts` (not those of parameters' own function types). */
function topLevelParameters(parts: readonly TS.SymbolDisplayPart[]): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const part of parts) {
    if (part.kind === 'punctuation' && part.text === '(') depth++;
    // The first parenthesis may be the `(alias)`/`(method)` prefix, which holds no parameters.
    else if (part.kind === 'punctuation' && part.text === ')' && --depth === 0 && names.length > 0) break;
    else if (part.kind === 'parameterName' && depth === 1) names.push(part.text);
  }
  return names;
}
