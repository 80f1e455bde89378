// Interactive messages in amazon-connect-chatjs 5.0.0, in Debian's headless Chromium driven by playwright-core: the
// customer's page declares application/vnd.amazonaws.connect.message.interactive (and its .response) in
// StartChatContact, as a widget that renders them does. ConnectMock's bot, configured with no code to answer "menu"
// with a ListPicker (ConnectMock__Chat__Bot__Templates__menu, see run.sh and browser/menu-list-picker.json), sends it;
// chatjs delivers the item, the page (chat.html) renders its title and elements as buttons, the customer clicks one,
// and the choice goes back as SendMessage with the interactive.response content type, which the agent side (the
// control plane's transcript and journal) sees. The simulated agent's list picker to the main server, too.
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ENDPOINT, call, controlPlane } from "../js/helpers.mjs";
import { agent, transcriptOf } from "../js/chat-helpers.mjs";
import { startBackend } from "./backend.mjs";
import { launchChromium } from "./chromium.mjs";

const RESULTS = process.env.COMPAT_RESULTS_DIR;
const BOT_ENDPOINT = process.env.CONNECTMOCK_BOT_ENDPOINT;
const TIMEOUT = 30_000;
const INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive";
const RESPONSE = "application/vnd.amazonaws.connect.message.interactive.response";
const MENU = JSON.parse(readFileSync(new URL("./menu-list-picker.json", import.meta.url), "utf8"));

if (!RESULTS) {
  throw new Error("COMPAT_RESULTS_DIR is not set: run these tests through tests/compat/run.sh");
}

describe("interactive messages in amazon-connect-chatjs in Chromium", () => {
  let browser;
  let page;
  let consoleLines;

  before(async () => {
    browser = await launchChromium({ viewport: { width: 720, height: 760 } });
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    page = await browser.context.newPage();
    consoleLines = [];
    page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  });

  afterEach(async (t) => {
    const state = await page.evaluate(() => {
      const { session, ...rest } = window.chat ?? {};
      return rest;
    }).catch((e) => ({ unavailable: e.message }));
    const name = t.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 60);
    writeFileSync(join(RESULTS, `chatjs-interactive-${name}.log`),
      [`page state: ${JSON.stringify(state, null, 1)}`, "", "console:", ...consoleLines].join("\n"));
    await page.close();
  });

  async function openChat(backend) {
    await page.goto(`${backend.url}/?interactive`);
    await page.waitForSelector('#status[data-phase="ready"]', { timeout: TIMEOUT });
    return page.evaluate(() => window.chat.details);
  }

  /** The customer picks an element of the list picker; returns the content the page sent. */
  async function choose(title) {
    await page.locator("#log .picker button.element", { hasText: title }).click();
    const sent = await page.waitForFunction(
      (type) => window.chat.sent.find((s) => s.contentType === type), RESPONSE, { timeout: TIMEOUT });
    return sent.jsonValue();
  }

  /** Polls a server's transcript of the contact until `predicate` finds an item. */
  async function waitForServerItem(endpoint, contactId, predicate, what) {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const { Transcript } = await call("GET", `/_connectmock/contacts/${contactId}/transcript`, undefined, endpoint);
      const found = Transcript.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) assert.fail(`the server's transcript never showed ${what}: ${JSON.stringify(Transcript)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test("the bot answers \"menu\" with its configured ListPicker; the customer's choice comes back as interactive.response", async () => {
    assert.ok(BOT_ENDPOINT, "CONNECTMOCK_BOT_ENDPOINT (the ConnectMock with the bot and its menu template) is not set");
    const backend = await startBackend(BOT_ENDPOINT);
    try {
      const { ContactId } = await openChat(backend);
      await page.fill("#message", "menu");
      await page.click("#send");

      // chatjs delivered the bot's interactive MESSAGE item, content untouched; the page rendered it.
      const picker = page.locator('#log li.message.bot .picker[data-template-type="ListPicker"]');
      await picker.waitFor({ timeout: TIMEOUT });
      const delivered = await page.evaluate((type) => window.chat.items.find((i) => i.ContentType === type), INTERACTIVE);
      assert.equal(delivered.Type, "MESSAGE");
      assert.equal(delivered.ParticipantRole, "SYSTEM");
      assert.deepEqual(JSON.parse(delivered.Content), MENU);
      assert.equal(await picker.locator(".title").textContent(), MENU.data.content.title);
      assert.deepEqual(
        await picker.locator("button.element").evaluateAll((buttons) => buttons.map((b) => b.firstChild.textContent)),
        MENU.data.content.elements.map((e) => e.title));

      const sent = await choose("New service");
      const answer = JSON.parse(sent.message);
      assert.equal(answer.templateType, "ListPicker");
      assert.equal(answer.version, "1.0");
      assert.deepEqual(answer.data.content.elements, [MENU.data.content.elements[1]]);

      // The agent side: the control plane's transcript has the customer's interactive.response, and the journal
      // the SendMessage call chatjs made with that content type.
      const seen = await waitForServerItem(BOT_ENDPOINT, ContactId, (i) => i.Id === sent.id, "the customer's choice");
      assert.equal(seen.ContentType, RESPONSE);
      assert.equal(seen.ParticipantRole, "CUSTOMER");
      assert.equal(seen.Content, sent.message);
      const query = new URLSearchParams({ operation: "SendMessage", requestId: sent.requestId, includeBodies: "true" });
      const { requests: [request] } = await call("GET", `/_connectmock/requests?${query}`, undefined, BOT_ENDPOINT);
      assert.ok(request, `no journal entry for request ${sent.requestId}`);
      assert.equal(request.statusCode, 200);
      assert.equal(request.requestBody.ContentType, RESPONSE);
      assert.equal(request.requestBody.Content, sent.message);

      await page.locator("#log li.message.customer", { hasText: "Chose: New service" }).waitFor({ timeout: TIMEOUT });
      await page.locator("#log .picker button.chosen", { hasText: "New service" }).waitFor({ timeout: TIMEOUT });
      await page.screenshot({ path: join(RESULTS, "chatjs-chromium-interactive-list-picker.png"), fullPage: true });
    } finally {
      await backend.close();
    }
  });

  test("the simulated agent's ListPicker reaches chatjs; a chat that did not declare the type gets none", async () => {
    await controlPlane.reset();
    const backend = await startBackend(ENDPOINT);
    try {
      const { ContactId } = await openChat(backend);
      await agent.join(ContactId, "Alex (Agent)");
      const template = { ...MENU, data: { content: { ...MENU.data.content, title: "Which department?" } } };
      await agent.say(ContactId, JSON.stringify(template), INTERACTIVE);
      await page.locator("#log li.message.agent .picker", { hasText: "Which department?" }).waitFor({ timeout: TIMEOUT });
      const sent = await choose("Billing");
      const seen = (await transcriptOf(ContactId)).find((i) => i.Id === sent.id);
      assert.equal(seen?.ContentType, RESPONSE);

      // A second chat, without ?interactive: StartChatContact declared text/plain only.
      const plain = await (await fetch(`${backend.url}/start`, { method: "POST", body: "{}" })).json();
      await agent.join(plain.ContactId, "Alex (Agent)");
      await assert.rejects(agent.say(plain.ContactId, JSON.stringify(template), INTERACTIVE),
        /answered 400: [\s\S]*did not declare it in SupportedMessagingContentTypes/);
    } finally {
      await backend.close();
    }
  });
});
