// Debian's Chromium for the browser (UI) tests; nothing else needs it.
import { existsSync } from 'node:fs';
import { aptInstall } from './apt_install.mjs';

/** Where the UI tests expect Chromium (playwright-core cannot download its own browser here). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Installs Debian's chromium when missing and running as root; otherwise prints how to get it and goes on. */
export function setupChromium() {
  if (existsSync(CHROMIUM)) return;
  aptInstall(
    'chromium',
    'Chromium for the UI tests',
    `Chromium not found at ${CHROMIUM}: the UI tests will fail. Install it (Debian: \`sudo apt-get install chromium\`) or set CHROMIUM_PATH.`,
  );
}
