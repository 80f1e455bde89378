// How the browser tests start Chromium: Debian's /usr/bin/chromium through playwright-core, never a downloaded browser.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { withBackend } from "./backend.mjs";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

/** A headless Chromium with a fresh profile; `close()` closes it and removes the profile. */
export async function launchChromium({ args = [], ...options } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "connectmock-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A suite's Chromium and chat backend for the ConnectMock at `endpoint` (backend.mjs's withBackend). */
export const browserWithBackend = (endpoint, { viewport }) => withBackend(endpoint, () => launchChromium({ viewport }));
