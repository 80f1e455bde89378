// Persistent chat in a real browser: amazon-connect-chatjs 5.0.0 in Debian's headless Chromium, against the real
// ConnectMock. chatjs needs no change for persistent chat (its docs/persistent-chat-feature.md): the site's backend
// starts the new chat with StartChatContact's PersistentChat, and the page's GetTranscript brings the past. Here a
// customer chats, ends the chat, and comes back (a page load with ?continue=<the ended contact>): the page shows the
// earlier conversation, marked as past, and the new chat goes on below it.
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { controlPlane, ENDPOINT } from "../js/helpers.mjs";
import { agent, transcriptOf } from "../js/chat-helpers.mjs";
import { startBackend } from "./backend.mjs";
import { launchChromium } from "./chromium.mjs";

const RESULTS = process.env.COMPAT_RESULTS_DIR;
const TIMEOUT = 30_000;
if (!RESULTS) {
  throw new Error("COMPAT_RESULTS_DIR is not set: run these tests through tests/compat/run.sh");
}

describe("persistent chat with amazon-connect-chatjs in Chromium", () => {
  let browser;
  let backend;
  let page;
  let consoleLines;

  before(async () => {
    browser = await launchChromium({ viewport: { width: 720, height: 640 } });
    backend = await startBackend(ENDPOINT);
  });

  after(async () => {
    await browser?.close();
    await backend?.close();
  });

  beforeEach(async () => {
    await controlPlane.reset();
    page = await browser.context.newPage();
    consoleLines = [];
    page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  });

  afterEach(async (t) => {
    const state = await chatState().catch((e) => ({ unavailable: e.message }));
    const name = t.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 60);
    writeFileSync(join(RESULTS, `chatjs-persistent-${name}.log`),
      [`page state: ${JSON.stringify(state, null, 1)}`, "", "console:", ...consoleLines].join("\n"));
    await page.close();
  });

  const chatState = () => page.evaluate(() => {
    const { session, ...rest } = window.chat ?? {};
    return rest;
  });

  async function openChat(query = "") {
    await page.goto(`${backend.url}/${query}`);
    await page.waitForSelector('#status[data-phase="ready"]', { timeout: TIMEOUT });
    return (await chatState()).details;
  }

  async function send(text) {
    await page.fill("#message", text);
    await page.click("#send");
  }

  const bubbles = (selector) => page.locator(`#log ${selector} .bubble`).allTextContents();

  for (const rehydration of ["ENTIRE_PAST_SESSION", "FROM_SEGMENT"]) {
    test(`a returning customer (${rehydration}) sees the earlier chat above the new one, and chats on`, async () => {
      // The first visit: the customer asks, the agent answers, the customer ends the chat.
      const first = await openChat(`?initial=${encodeURIComponent("Hi, my lamp arrived broken.")}`);
      await agent.join(first.ContactId, "Sam");
      await agent.say(first.ContactId, "Sorry to hear that! Could you send a photo?");
      await page.waitForSelector('#log li.message[data-role="AGENT"]', { timeout: TIMEOUT });
      await send("I will, once I find my camera.");
      await page.waitForFunction(() => window.chat.sent.length === 1, null, { timeout: TIMEOUT });
      await page.click("#end");
      await page.waitForSelector('#status[data-phase="ended"]', { timeout: TIMEOUT });

      // The next visit: a page load whose backend continues the ended contact.
      const second = await openChat(`?continue=${first.ContactId}&rehydration=${rehydration}`);
      assert.notEqual(second.ContactId, first.ContactId);
      assert.equal(second.ContinuedFromContactId, first.ContactId);
      await page.waitForSelector("#log li.past.message", { timeout: TIMEOUT });
      // chatjs's onChatRehydrated: the chat.rehydrated the new chat's first socket hears once it subscribes.
      await page.waitForFunction(() => window.chat.rehydrated === 1, null, { timeout: TIMEOUT });

      // The past, from chatjs's GetTranscript: both sides of the first chat, each item on the contact it was sent on.
      assert.deepEqual(await bubbles("li.past.message"), [
        "Hi, my lamp arrived broken.", "Sorry to hear that! Could you send a photo?", "I will, once I find my camera.",
      ]);
      const related = await page.locator("#log li.past").evaluateAll((lis) => [...new Set(lis.map((li) => li.dataset.relatedContactId))]);
      assert.deepEqual(related, [first.ContactId]);
      assert.equal(await page.locator("#log li.divider").count(), 1);
      assert.equal(await page.locator("#ended").isHidden(), true, "a past chat.ended must not end the new chat");

      // The new chat goes on below the past.
      await send("Found it! Here is the photo.");
      await page.waitForFunction(() => window.chat.sent.length === 1, null, { timeout: TIMEOUT });
      await page.waitForFunction(
        () => [...document.querySelectorAll("#log li.message:not(.past) .bubble")].some((b) => b.textContent === "Found it! Here is the photo."),
        null, { timeout: TIMEOUT });
      const order = await page.locator("#log li").evaluateAll((lis) => lis.map((li) => li.classList.contains("past") || li.classList.contains("divider")));
      assert.deepEqual(order, [...order].sort((a, b) => Number(b) - Number(a)), "every past item is above every new one");
      const server = await transcriptOf(second.ContactId);
      assert.ok(server.some((i) => i.RelatedContactId === first.ContactId && i.Content === "Hi, my lamp arrived broken."));
      assert.deepEqual((await chatState()).errors, []);

      await page.screenshot({ path: join(RESULTS, `chatjs-chromium-persistent-${rehydration.toLowerCase()}.png`), fullPage: true });
    });
  }
});
