// How the browser tests start Firefox: Debian's /usr/bin/firefox-esr through puppeteer-core over WebDriver BiDi, never
// a downloaded browser (puppeteer-core downloads none). Not playwright-core, which drives Chromium here: its Firefox
// support needs Playwright's own patched Firefox, and its WebDriver BiDi backend (channel "moz-firefox") sets up every
// page with commands Firefox ESR does not have ("Protocol error (emulation.setMediaFeaturesOverride): unknown command"),
// so no page of Debian's Firefox ever opens under it. puppeteer-core is pinned at 24.x: 25 asks for Node.js 22.12 or
// later, and the suite runs on Node.js 20.11+.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import puppeteer from "puppeteer-core";
import { BidiElementHandle } from "puppeteer-core/internal/bidi/ElementHandle.js";
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

/**
 * Waits for the elements of `lookups` in Firefox's own accessibility tree, as a person using a screen reader finds them,
 * and returns their handles in order. Each lookup is `[role, name]` or `{ role, name, within, tag }`: an ARIA role
 * (omitted: any role, as for a password field, which has none) and an exact accessible name, optionally only inside the
 * element `within` and only an element `tag` (e.g. "h2"). Each is one WebDriver BiDi browsingContext.locateNodes with an
 * accessibility locator: the command puppeteer's ::-p-aria selectors send, but sent directly, every lookup of a step at
 * once, retried every 50 ms until each finds its element. Through puppeteer's selectors and locators the same lookup took
 * one to eight seconds (page-side polling that calls back into Node.js, retries of the whole chain), most of this file's
 * running time.
 */
export async function byRoles(page, lookups, timeout = 20_000) {
  const frame = page.mainFrame();
  const wanted = lookups.map((l) => (Array.isArray(l) ? { role: l[0], name: l[1] } : l));
  const found = new Array(wanted.length).fill(null);
  const locate = async (l) => {
    const value = l.role ? { role: l.role, name: l.name } : { name: l.name };
    const nodes = await frame.browsingContext.locateNodes({ type: "accessibility", value }, l.within ? [l.within.remoteValue()] : undefined);
    return nodes.find((n) => !l.tag || n.value?.localName === l.tag) ?? null;
  };
  for (const deadline = Date.now() + timeout; ; await sleep(50)) {
    const missing = wanted.map((_, i) => i).filter((i) => !found[i]);
    const nodes = await Promise.all(missing.map((i) => locate(wanted[i])));
    missing.forEach((i, k) => { found[i] = nodes[k]; });
    if (found.every(Boolean)) break;
    if (Date.now() > deadline) {
      const names = wanted.filter((_, i) => !found[i]).map((l) => `${l.tag ?? ""}${l.role ? `[role=${l.role}]` : ""} "${l.name}"`);
      assert.fail(`not in Firefox's accessibility tree after ${timeout} ms: ${names.join(", ")}`);
    }
  }
  return found.map((node) => BidiElementHandle.from(node, frame.mainRealm()));
}

/** The first element of this role and accessible name, as a ::-p-aria selector finds it (see byRoles). */
export const byRole = async (page, role, name, options = {}) => (await byRoles(page, [{ role, name, ...options }], options.timeout))[0];

/**
 * Clicks a control found by byRoles once it is enabled, as puppeteer's locators wait before they act (it is then
 * scrolled into view and clicked at its centre with the mouse).
 */
export async function clickWhenEnabled(handle) {
  await handle.frame.waitForFunction((e) => !e.matches(":disabled"), { polling: 50 }, handle);
  await handle.click();
}

/**
 * Fills a field found by byRoles as puppeteer's Locator.fill does: a select gets the option of this value (with its
 * input and change events) once the option is there, a text field is emptied and typed into key by key.
 */
export async function fill(handle, value) {
  await handle.frame.waitForFunction((e, v) => !e.matches(":disabled") && (!(e instanceof HTMLSelectElement) ||
    [...e.options].some((o) => o.value === v)), { polling: 50 }, handle, value);
  if (await handle.evaluate((e) => e instanceof HTMLSelectElement)) {
    const selected = await handle.select(value);
    assert.deepEqual(selected, [value], `no option ${value} to select`);
    return;
  }
  await handle.evaluate((e) => { e.value = ""; });
  await handle.type(value);
}
