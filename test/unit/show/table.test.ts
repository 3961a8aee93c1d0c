import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as deconv from 'deconvlab';

const XSS = '<img src=x onerror=alert(1)> & "q"';

test('table of objects: HTML with escaped text, numbers right-aligned and rounded to 4 significant digits', () => {
  const bundle = deconv.tableBundle(
    [
      { name: XSS, value: 1 / 3, count: 12 },
      { name: 'big', value: 123456.789, count: 1e-7 / 3 },
    ],
    { title: `t ${XSS}` },
  );
  const html = bundle['text/html'] as string;
  assert.ok(!html.includes('<img'), 'a string ran as HTML');
  assert.ok(
    html.includes(
      '<caption style="text-align: left; font-weight: bold">t &lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;</caption>',
    ),
  );
  assert.ok(
    html.includes(
      '<th style="text-align: left">(index)</th><th style="text-align: left">name</th><th style="text-align: left">value</th><th style="text-align: left">count</th>',
    ),
  );
  assert.ok(html.includes('<td style="text-align: right">0.3333</td><td style="text-align: right">12</td>'), html);
  assert.ok(html.includes('<td style="text-align: right">123457</td><td style="text-align: right">3.333e-8</td>'), html);
  assert.ok(html.includes('<td style="text-align: left">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;</td>'));
});

test("table text/plain is Node's console.table of the rounded rows, under the title", () => {
  const text = deconv.tableBundle([{ a: 1 / 3, b: 'x' }], { title: 'T', digits: 2 })['text/plain'] as string;
  assert.deepEqual(text.split('\n'), [
    'T',
    '┌─────────┬──────┬─────┐',
    '│ (index) │ a    │ b   │',
    '├─────────┼──────┼─────┤',
    "│ 0       │ 0.33 │ 'x' │",
    '└─────────┴──────┴─────┘',
  ]);
});

test('table of an object of primitives: a Values column; columns option picks and orders columns', () => {
  const html = deconv.tableBundle({ 'classified as 8': '5 of 8', 'mean ink': 0.123456 })['text/html'] as string;
  assert.ok(html.includes('<th style="text-align: left">Values</th>'));
  assert.ok(html.includes('<tr><th style="text-align: left">mean ink</th><td style="text-align: right">0.1235</td></tr>'), html);
  const picked = deconv.tableBundle([{ a: 1, b: 2, c: 3 }], { columns: ['c', 'a'] })['text/html'] as string;
  assert.ok(
    picked.includes('<th style="text-align: left">(index)</th><th style="text-align: left">c</th><th style="text-align: left">a</th></tr>'),
    picked,
  );
});

test('table errors: not rows, bad digits', () => {
  assert.throws(() => deconv.tableBundle(5), /table: expected an array or object of rows \(like console\.table\), got number/);
  assert.throws(() => deconv.tableBundle([], { digits: 0 }), /digits must be an integer in 1\.\.17 \(significant digits\), got 0/);
});

test('show.table sends the bundle through the display sink', () => {
  const messages: deconv.DisplayMessage[] = [];
  deconv.setDisplaySink((m) => messages.push(m));
  try {
    deconv.show.table([{ a: 1 }]);
  } finally {
    deconv.setDisplaySink(undefined);
  }
  assert.equal(messages.length, 1);
  assert.deepEqual(Object.keys((messages[0] as { data: object }).data).sort(), ['text/html', 'text/plain']);
});
