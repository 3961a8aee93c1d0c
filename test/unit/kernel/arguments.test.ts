import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { kernelsDir } from 'deconvlab-kernel/dist/install';
import { connectionFileArgument } from 'deconvlab-kernel/dist/main';

test('main: the connection file from --connection-file <path>, --connection-file=<path> or the only positional', () => {
  assert.equal(connectionFileArgument(['--connection-file', '/tmp/k.json']), '/tmp/k.json');
  assert.equal(connectionFileArgument(['--connection-file=/tmp/k.json']), '/tmp/k.json');
  assert.equal(connectionFileArgument(['/tmp/k.json']), '/tmp/k.json');
  assert.throws(() => connectionFileArgument([]), /usage: node kernel\/dist\/main\.js --connection-file <path>; got arguments \[\]/);
  assert.throws(() => connectionFileArgument(['a.json', 'b.json']), /usage: .*got arguments \["a\.json","b\.json"\]/);
});

test('install: --prefix <dir> or --user picks the kernels folder; bad arguments say what to pass', () => {
  assert.equal(kernelsDir(['--prefix', 'venv']), join(resolve('venv'), 'share', 'jupyter', 'kernels'));
  assert.equal(kernelsDir(['--prefix=venv']), join(resolve('venv'), 'share', 'jupyter', 'kernels'));
  process.env.JUPYTER_DATA_DIR = '/data/jupyter';
  assert.equal(kernelsDir(['--user']), join('/data/jupyter', 'kernels'));
  assert.throws(() => kernelsDir(['--prefix']), /--prefix needs a directory, e.g. --prefix \/path\/to\/\.venv/);
  assert.throws(() => kernelsDir([]), /usage: node kernel\/dist\/install\.js --prefix <dir> \| --user; got \[\]/);
  assert.throws(() => kernelsDir(['--system']), /usage: .*Unknown option '--system'/);
});
