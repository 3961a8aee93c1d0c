// Debian's Chromium for the browser (UI) tests; nothing else needs it.
import { existsSync } from 'node:fs';
import { run, say } from './step.mjs';

/** Where the UI tests expect Chromium (playwright-core cannot download its own browser here). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Installs Debian's chromium when missing and running as root; otherwise prints how to get it and goes on. */
export function setupChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    say(`Chromium not found at ${CHROMIUM}: the UI tests will fail. Install it (Debian: \`sudo apt-get install chromium\`) or set CHROMIUM_PATH.`);
    return;
  }
  say('installing Chromium for the UI tests (apt-get install chromium)');
  const fix = 'check that apt can reach the Debian archive, or install chromium yourself and set CHROMIUM_PATH';
  run('apt-get', ['update', '-qq'], { what: 'apt-get update failed', fix });
  run('apt-get', ['install', '-y', '-qq', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    what: 'apt-get install chromium failed',
    fix,
  });
}
