// How the browser tests start Firefox: Debian's /usr/bin/firefox-esr through puppeteer-core over WebDriver BiDi, never
// a downloaded browser (puppeteer-core downloads none). Not playwright-core, which drives Chromium here: its Firefox
// support needs Playwright's own patched Firefox, and its WebDriver BiDi backend (channel "moz-firefox") sets up every
// page with commands Firefox ESR does not have ("Protocol error (emulation.setMediaFeaturesOverride): unknown command"),
// so no page of Debian's Firefox ever opens under it. puppeteer-core is pinned at 24.x: 25 asks for Node.js 22.12 or
// later, and the suite runs on Node.js 20.11+.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { withBackend } from "./backend.mjs";

export const FIREFOX = "/usr/bin/firefox-esr";

/**
 * A headless Firefox with a fresh profile and the system's colour scheme set (`dark`: what a desktop in dark mode tells
 * Firefox; puppeteer's emulateMediaFeatures needs CDP, which Firefox has not). Its pages open in `context`, whose
 * downloads land in `downloads` without a prompt; `close()` closes it and removes the profile and the downloads.
 */
export async function launchFirefox({ viewport = null, dark = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "connectmock-firefox-"));
  const downloads = join(profile, "downloads");
  mkdirSync(downloads);
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      defaultViewport: viewport,
      extraPrefsFirefox: { "ui.systemUsesDarkTheme": dark ? 1 : 0 },
    });
    const context = await browser.createBrowserContext({ downloadBehavior: { policy: "allow", downloadPath: downloads } });
    return {
      browser,
      context,
      downloads,
      close: async () => {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

/** A suite's Firefox and chat backend for the ConnectMock at `endpoint` (backend.mjs's withBackend). */
export const firefoxWithBackend = (endpoint, { viewport }) => withBackend(endpoint, () => launchFirefox({ viewport }));
