import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callHelp, signatureHelpText } from 'deconvlab-kernel/dist/call_help';
import { typescript } from 'deconvlab-kernel/dist/tslab_internals';
import type * as TS from 'typescript';

const ts = typescript();

/** Help at the `|` of `code` (removed), in a one-file program. */
function helpAt(code: string): string | undefined {
  const position = code.indexOf('|');
  const source = code.replace('|', '');
  const options = { target: ts.ScriptTarget.ES2022, noLib: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, ...rest) =>
    name === 'cell.ts' ? ts.createSourceFile(name, source, ts.ScriptTarget.ES2022, true) : getSourceFile(name, ...rest);
  const program = ts.createProgram(['cell.ts'], options, host);
  return callHelp(ts, program, program.getSourceFile('cell.ts')!, position);
}

const OVERLOADED = [
  '/** Picks one.',
  ' * @param count how many',
  ' * @param label what to call it',
  ' * @param loud whether to shout',
  ' * @example pick(3) */',
  'declare function pick(count: number): number;',
  '/** Picks by name. */',
  'declare function pick(label: string, loud: boolean): string;',
  '',
].join('\n');

test('call_help: the overload that the arguments select, its docs and tags, and the current parameter with its @param doc', () => {
  assert.equal(
    helpAt(`${OVERLOADED}pick(|`),
    'pick(count: number): number  (overload 1 of 2)\n\nPicks one.\n\n@example pick(3)\n\nCurrent parameter: count — how many',
  );
  assert.equal(
    helpAt(`${OVERLOADED}pick('a', |`),
    'pick(label: string, loud: boolean): string  (overload 2 of 2)\n\nPicks by name.\n\nCurrent parameter: loud',
  );
});

test('call_help: the innermost call, rest parameters, and nothing outside a call', () => {
  const code = 'declare function outer(a: number, b: number): void;\ndeclare function inner(...xs: string[]): number;\n';
  assert.match(helpAt(`${code}outer(inner('a', 'b', |), 2)`) ?? '', /^inner\(\.\.\.xs: string\[\]\): number\n\nCurrent parameter: xs$/);
  assert.match(helpAt(`${code}outer(inner('a'), |)`) ?? '', /Current parameter: b$/);
  assert.equal(helpAt(`${code}const x = 1|`), undefined);
});

test("call_help: signatureHelpText keeps TypeScript's selected item and names no parameter past a fixed list", () => {
  const parts = (t: string): TS.SymbolDisplayPart[] => [{ text: t, kind: 'text' }];
  const parameter = (name: string): TS.SignatureHelpParameter => ({
    name,
    displayParts: parts(`${name}: number`),
    documentation: [],
    isOptional: false,
  });
  const item: TS.SignatureHelpItem = {
    isVariadic: false,
    prefixDisplayParts: parts('f('),
    suffixDisplayParts: parts('): void'),
    separatorDisplayParts: parts(', '),
    parameters: [parameter('a')],
    documentation: [],
    tags: [],
  };
  const help = { items: [item], selectedItemIndex: 0, argumentIndex: 3, argumentCount: 4, applicableSpan: { start: 0, length: 0 } };
  assert.equal(signatureHelpText(help), 'f(a: number): void');
});
