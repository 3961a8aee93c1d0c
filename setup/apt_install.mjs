// Installing a Debian package during setup: only as root on apt systems; otherwise one line saying what to do.
import { existsSync } from 'node:fs';
import { run, say } from './step.mjs';

/** Installs Debian's `pkg` (for `purpose`) when running as root with apt; otherwise prints `otherwise` and goes on. */
export function aptInstall(pkg, purpose, otherwise) {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    say(otherwise);
    return;
  }
  say(`installing ${purpose} (apt-get install ${pkg})`);
  const fix = `check that apt can reach the Debian archive, or install ${pkg} yourself`;
  run('apt-get', ['update', '-qq'], { what: 'apt-get update failed', fix });
  run('apt-get', ['install', '-y', '-qq', pkg], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    what: `apt-get install ${pkg} failed`,
    fix,
  });
}
