import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callHelpText, enclosingCall } from 'deconvlab-kernel/dist/call_help';
import type * as TS from 'typescript';

test('call_help: the innermost call around the cursor and the argument index, closed or not', () => {
  const open = 'deconv.conv2dTranspose(x, ';
  assert.deepEqual(enclosingCall(open, open.length), { calleePosition: open.indexOf('(') - 1, argumentIndex: 1 });
  const nested = 'f(a, g(b, c), d)';
  assert.equal(enclosingCall(nested, nested.indexOf('c'))?.argumentIndex, 1);
  assert.equal(enclosingCall(nested, nested.indexOf('c'))?.calleePosition, nested.indexOf('g'));
  assert.equal(enclosingCall(nested, nested.indexOf('d'))?.argumentIndex, 2);
  assert.equal(enclosingCall('const x = 1', 5), undefined);
});

test('call_help: names the current parameter of the signature, not of a callback type, with its @param doc', () => {
  const part = (text: string, kind: string): TS.SymbolDisplayPart => ({ text, kind });
  const info = {
    displayParts: [
      part('(', 'punctuation'),
      part('alias', 'text'),
      part(')', 'punctuation'),
      part(' ', 'space'),
      part('run', 'functionName'),
      part('(', 'punctuation'),
      part('cb', 'parameterName'),
      part(':', 'punctuation'),
      part('(', 'punctuation'),
      part('inner', 'parameterName'),
      part(')', 'punctuation'),
      part(',', 'punctuation'),
      part('times', 'parameterName'),
      part(')', 'punctuation'),
    ],
    tags: [{ name: 'param', text: [part('times', 'parameterName'), part(' ', 'space'), part('how often', 'text')] }],
  } as unknown as TS.QuickInfo;
  const text = callHelpText(info, 1, () => 'SIGNATURE');
  assert.equal(text, 'SIGNATURE\n\nCurrent parameter: times — how often');
  assert.equal(
    callHelpText(info, 0, () => 'S'),
    'S\n\nCurrent parameter: cb',
  );
});
