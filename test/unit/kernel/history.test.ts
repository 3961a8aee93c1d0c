import assert from 'node:assert/strict';
import { test } from 'node:test';
import { History } from 'deconvlab-kernel/dist/history';

function filled(): History {
  const history = new History();
  ['6 * 7', 'x = 1', '6 * 7', 'print(2)'].forEach((input, i) => history.add(i + 1, input, i === 0 ? '42' : null));
  return history;
}

test('history: tail n=2 gives the last two inputs as [session, line, input]', () => {
  assert.deepEqual(filled().query({ hist_access_type: 'tail', n: 2 }), [
    [1, 3, '6 * 7'],
    [1, 4, 'print(2)'],
  ]);
});

test('history: output=true pairs input and output', () => {
  assert.deepEqual(filled().query({ hist_access_type: 'tail', n: 4, output: true })[0], [1, 1, ['6 * 7', '42']]);
});

test('history: range start=2 stop=4 is half-open', () => {
  assert.deepEqual(
    filled()
      .query({ hist_access_type: 'range', session: 1, start: 2, stop: 4 })
      .map((h) => h[1]),
    [2, 3],
  );
});

test('history: search is a whole-input glob; unique keeps the last of equal inputs; n limits', () => {
  const history = filled();
  assert.deepEqual(
    history.query({ hist_access_type: 'search', pattern: '6*7' }).map((h) => h[1]),
    [1, 3],
  );
  assert.deepEqual(
    history.query({ hist_access_type: 'search', pattern: '6*7', unique: true }).map((h) => h[1]),
    [3],
  );
  assert.deepEqual(
    history.query({ hist_access_type: 'search', pattern: '*', n: 1 }).map((h) => h[1]),
    [4],
  );
  assert.deepEqual(history.query({ hist_access_type: 'search', pattern: '6?7' }), []);
});

test('history: an unknown access type is rejected with the allowed ones', () => {
  assert.throws(() => filled().query({ hist_access_type: 'all' }), /not one of "tail", "range", "search"/);
});
