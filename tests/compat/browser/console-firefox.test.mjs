// The web console in Debian's headless Firefox ESR (puppeteer-core over WebDriver BiDi: firefox.mjs says why not
// playwright-core), against the real ConnectMock with its control-plane API key; console.test.mjs covers the same in
// Chromium, and more. The customer is amazon-connect-chatjs 5.0.0 in a page of another origin (backend.mjs), in the
// same Firefox, or the AWS SDK for JavaScript v3; the agent is whoever clicks or types in the console. Controls are
// found by role and accessible name through Firefox's own accessibility tree (WebDriver BiDi's
// browsingContext.locateNodes with an accessibility locator, through firefox.mjs's byRoles), as a person using a
// screen reader finds them.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { API_KEY, ENDPOINT, controlPlane } from "../js/helpers.mjs";
import { startChat } from "../js/chat-helpers.mjs";
import { DARK_BACKGROUND, LIGHT_BACKGROUND, RESULTS, TIMEOUT, agentMessagesOf, assertThrottledOnce, logName } from "./console-checks.mjs";
import { byRole, byRoles, clickWhenEnabled, fill, firefoxWithBackend, launchFirefox } from "./firefox.mjs";

const VIEWPORT = { width: 1280, height: 860 };

describe("the web console in Firefox: chats live, the agent's side, a file, faults, reset, the keyboard, the dark scheme", () => {
  const held = firefoxWithBackend(ENDPOINT, { viewport: VIEWPORT });
  let pages;
  let consoleLines;

  beforeEach(async () => {
    await controlPlane.reset();
    pages = [];
    consoleLines = [];
  });

  afterEach(async (t) => {
    writeFileSync(join(RESULTS, `console-firefox-${logName(t)}.log`), consoleLines.join("\n"));
    for (const page of pages) await page.close().catch(() => {});
  });

  async function newPage(label, browser = held.browser) {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    pages.push(page);
    page.on("console", (m) => consoleLines.push(`${label} ${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`${label} pageerror: ${e.message}`));
    return page;
  }

  /** The console at `hash`, given the API key in its dialog, once its live feed is connected. */
  async function openConsole(hash = "", browser = held.browser) {
    const page = await newPage("console", browser);
    await page.goto(`${ENDPOINT}/${hash}`);
    const dialog = await byRole(page, "dialog", "Control-plane API key");
    // A password field has no ARIA role (html-aam): it is found by its label's name alone.
    const [key, use] = await byRoles(page, [{ name: "API key", tag: "input", within: dialog }, { role: "button", name: "Use key", within: dialog }]);
    await fill(key, API_KEY);
    await clickWhenEnabled(use);
    await page.waitForSelector('#feed-status[data-state="live"]');
    return page;
  }

  /** The customer: chatjs in the backend's page (another origin), connected; returns its page, contact and token. */
  async function openCustomer() {
    const page = await newPage("customer");
    await page.goto(`${held.backend.url}/`);
    await page.waitForSelector('#status[data-phase="ready"]');
    const details = await page.evaluate(() => window.chat.details);
    return { page, contactId: details.ContactId, participantToken: details.ParticipantToken };
  }

  async function joinAsAgent(page) {
    await clickWhenEnabled(await byRole(page, "button", "Join as agent"));
    await page.waitForSelector("#transcript li.event ::-p-text(Alex (Agent) joined)");
  }

  async function screenshot(page, name) {
    writeFileSync(join(RESULTS, `console-firefox-${name}.png`), await page.screenshot());
  }

  /** Waits for a file of `size` bytes named `name` in the browser's download folder (Firefox renames its .part). */
  async function downloaded(browser, name, size) {
    const path = join(browser.downloads, name);
    for (const deadline = Date.now() + TIMEOUT; Date.now() < deadline; await sleep(50)) {
      if (statSync(path, { throwIfNoEntry: false })?.size === size) return readFileSync(path);
    }
    assert.fail(`no ${size}-byte ${name} in Firefox's download folder after ${TIMEOUT} ms`);
  }

  test("a chat started with the AWS SDK for JavaScript v3 appears in the list within a second, without a reload", async () => {
    const page = await openConsole();
    const name = `Sam ${randomUUID().slice(0, 8)}`;

    // Timed by its row: one query of Firefox's accessibility tree over WebDriver BiDi can take most of a second by itself.
    const started = performance.now();
    const output = await startChat({ ParticipantDetails: { DisplayName: name }, ClientToken: randomUUID(), Attributes: { orderId: "1001" } });
    const row = await page.waitForSelector(`tr[data-contact-id="${output.ContactId}"]`, { timeout: 1000 });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `the chat appeared after ${elapsed.toFixed(0)} ms`);
    assert.match(await row.evaluate((tr) => tr.innerText), new RegExp(`^${name}\\s[\\s\\S]*\\bACTIVE\\b`));

    await clickWhenEnabled(await byRole(page, "button", `Open chat with ${name}`));
    await byRole(page, "heading", name, { tag: "h2" });
    assert.match(await page.$eval("#attributes", (dl) => dl.innerText), /orderId\s+1001/);
  });

  test("the agent's typing and reply from the console reach the customer's WebSocket (chatjs) and GetTranscript", async () => {
    const customer = await openCustomer();
    const page = await openConsole(`#chat/${customer.contactId}`);
    await joinAsAgent(page);

    await clickWhenEnabled(await byRole(page, "textbox", "Message"));
    await page.keyboard.type("Hello Jane, this is Alex.", { delay: 5 });
    await customer.page.waitForSelector("#typing ::-p-text(Alex (Agent) is typing)");
    await page.keyboard.press("Enter");
    await customer.page.waitForFunction(() => window.chat.items.some((i) =>
      i.Type === "MESSAGE" && i.ParticipantRole === "AGENT" && i.Content === "Hello Jane, this is Alex."));
    assert.equal(await page.$eval("#message", (textarea) => textarea.value), "", "the composer is emptied once the message is sent");

    const [format, message, send] = await byRoles(page, [["combobox", "Format"], ["textbox", "Message"], ["button", "Send"]]);
    await fill(format, "text/markdown");
    await fill(message, "**Your order** ships today.");
    await clickWhenEnabled(send);
    await customer.page.waitForFunction(() => window.chat.items.some((i) =>
      i.ContentType === "text/markdown" && i.Content === "**Your order** ships today."));

    assert.deepEqual(await agentMessagesOf(customer.participantToken),
      [["text/plain", "Hello Jane, this is Alex."], ["text/markdown", "**Your order** ships today."]]);
    await page.waitForSelector("#transcript li ::-p-text(ships today)");
    await screenshot(page, "chat");
  });

  test("the customer's typing and message appear live in the open chat; Mark read sends a read receipt", async () => {
    const customer = await openCustomer();
    const page = await openConsole(`#chat/${customer.contactId}`);
    await joinAsAgent(page);

    await customer.page.type("#message", "Where is my order?", { delay: 5 });
    await page.waitForSelector("#typing ::-p-text(Jane is typing)");
    await customer.page.click("#send");
    await customer.page.waitForFunction(() => window.chat.sent.some((s) => s.message === "Where is my order?"));
    const sentAt = performance.now();
    await page.waitForFunction(() => [...document.querySelectorAll('#transcript li[data-role="CUSTOMER"]')]
      .some((li) => li.textContent.includes("Where is my order?")), { polling: "mutation" });
    const elapsed = performance.now() - sentAt;
    assert.ok(elapsed < 1000, `the customer's message showed ${elapsed.toFixed(0)} ms after SendMessage answered`);

    await clickWhenEnabled(await byRole(page, "button", "Mark customer messages read"));
    const sent = (await customer.page.evaluate(() => window.chat.sent)).find((s) => s.message === "Where is my order?");
    await customer.page.waitForFunction((id) => window.chat.readReceipts.includes(id), {}, sent.id);
  });

  test("a file sent from the console downloads byte for byte on the customer's side, and from the console's Download button", async () => {
    const customer = await openCustomer();
    const page = await openConsole(`#chat/${customer.contactId}`);
    await joinAsAgent(page);
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n", "latin1"), randomBytes(150 * 1024)]);
    // The file input takes a file from disk, as a person picks one; Firefox reads it once the console asks for it.
    const folder = mkdtempSync(join(tmpdir(), "connectmock-upload-"));
    try {
      writeFileSync(join(folder, "invoice.pdf"), bytes);
      // By its label: Firefox's accessibility locator gives a file input (a button) no name to find it by. Usable once
      // the console knows the agent joined, as for a person.
      const label = await byRole(page, undefined, "Send a file", { tag: "label" });
      const input = await label.evaluateHandle((l) => l.control);
      await page.waitForFunction((element) => !element.disabled, {}, input);
      await input.uploadFile(join(folder, "invoice.pdf"));
      await customer.page.waitForFunction(() => window.chat.attachmentItems.some((i) =>
        i.Attachments?.some((a) => a.AttachmentName === "invoice.pdf" && a.Status === "APPROVED")));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }

    // The customer clicks the card's Download: chatjs's downloadAttachment (GetAttachment, then its URL).
    await clickWhenEnabled(await byRole(customer.page, "button", "Download", { within: await customer.page.$("#log") }));
    await customer.page.waitForSelector("#log .download ::-p-text(Downloaded)");
    const [result] = await customer.page.evaluate(() => window.chat.downloads);
    assert.equal(result.ok, true, `downloadAttachment failed: ${JSON.stringify(result.error)}`);
    assert.ok(Buffer.from(result.base64, "base64").equals(bytes), `the customer got ${result.size} bytes, not the ${bytes.length} sent`);

    // The console's own Download button hands the same bytes to Firefox, which saves them.
    await clickWhenEnabled(await byRole(page, "button", "Download invoice.pdf"));
    assert.ok((await downloaded(held.browser, "invoice.pdf", bytes.length)).equals(bytes), "the console's download differs from what was sent");
  });

  test("a fault added in the console applies to the next AWS call, and the faults list updates by itself", async () => {
    const page = await openConsole("#faults");
    const [operation, error, count, add] = await byRoles(page,
      [["combobox", "Operation"], ["combobox", "Error"], ["spinbutton", "Count"], ["button", "Add fault"]]);
    await fill(operation, "StartChatContact");
    await fill(error, "ThrottlingException");
    await fill(count, "1");
    await clickWhenEnabled(add);
    // The click only starts the console's POST: the fault is there once the control plane lists it.
    let faults = [];
    for (const deadline = Date.now() + TIMEOUT; faults.length === 0 && Date.now() < deadline; await sleep(50)) faults = await controlPlane.faults();
    const [fault] = faults;
    assert.deepEqual([fault?.operation, fault?.error, fault?.remaining], ["StartChatContact", "ThrottlingException", 1]);
    await byRole(page, "button", `Remove fault ${fault.id} (StartChatContact ThrottlingException)`);

    await assertThrottledOnce();
    await page.waitForSelector("::-p-text(No faults: every call is answered normally.)", { visible: true });
  });

  test("reset from the console empties the list", async () => {
    await startChat({ ParticipantDetails: { DisplayName: "Before reset" }, ClientToken: randomUUID() });
    const page = await openConsole();
    await byRole(page, "button", "Open chat with Before reset");
    await clickWhenEnabled(await byRole(page, "button", "Reset…"));
    const dialog = await byRole(page, "dialog", "Reset ConnectMock?");
    await clickWhenEnabled(await byRole(page, "button", "Reset everything", { within: dialog }));
    await page.waitForSelector("::-p-text(No chats yet.)", { visible: true });
    assert.equal(await page.$$eval("#chat-rows tr", (rows) => rows.length), 0);
    assert.deepEqual(await controlPlane.contacts(), []);
  });

  test("keyboard only: the key typed and Enter, the skip link, a chat opened and joined, each control reached with Tab and shown focused", async () => {
    const name = `Kay ${randomUUID().slice(0, 8)}`;
    await startChat({ ParticipantDetails: { DisplayName: name }, ClientToken: randomUUID() });
    const page = await newPage("console");
    await page.goto(`${ENDPOINT}/`);

    // The dialog opens with its field focused; Enter submits it with its default button, Use key.
    await byRole(page, "dialog", "Control-plane API key");
    await page.keyboard.type(API_KEY);
    await page.keyboard.press("Enter");
    await page.waitForSelector('#feed-status[data-state="live"]');
    await byRole(page, "button", `Open chat with ${name}`);

    /** Presses Tab until the element of this role and name has the focus; asserts it shows a focus ring. */
    async function tabTo(role, elementName, most = 20) {
      const target = await byRole(page, role, elementName);
      for (let presses = 1; presses <= most; presses++) {
        await page.keyboard.press("Tab");
        if (await target.evaluate((e) => e === document.activeElement)) {
          const outline = await target.evaluate((e) => getComputedStyle(e).outlineStyle);
          assert.equal(outline, "solid", `${elementName} has the focus but no visible focus ring`);
          return presses;
        }
      }
      assert.fail(`${most} presses of Tab never reached ${role} "${elementName}"`);
    }

    assert.equal(await tabTo("link", "Skip to content", 1), 1, "the skip link is the first stop of Tab");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");
    await tabTo("button", `Open chat with ${name}`);
    await page.keyboard.press("Enter");
    await byRole(page, "heading", name, { tag: "h2" });
    await tabTo("button", "Join as agent");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#transcript li.event ::-p-text(Alex (Agent) joined)");

    // Escape closes the reset dialog, and nothing was reset.
    await clickWhenEnabled(await byRole(page, "button", "Reset…"));
    await byRole(page, "dialog", "Reset ConnectMock?");
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.getElementById("reset-dialog").open);
    assert.equal((await controlPlane.contacts()).length, 1);
  });

  test("light and dark follow the system's colour scheme, as Firefox is told it by the desktop", async () => {
    const light = await openConsole();
    assert.equal(await light.evaluate(() => getComputedStyle(document.body).backgroundColor), LIGHT_BACKGROUND);

    const dark = await launchFirefox({ viewport: VIEWPORT, dark: true });
    try {
      const page = await openConsole("", dark);
      assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), true);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_BACKGROUND);
      await screenshot(page, "dark");
    } finally {
      await dark.close();
    }
  });
});
