// The web console (served by ConnectMock at / and /_connectmock/console/) in Debian's headless Chromium
// (playwright-core), against the real ConnectMock with its control-plane API key: the console asks for the key and
// keeps it in the tab. The customer is amazon-connect-chatjs 5.0.0 in a page of another origin (backend.mjs) or the
// AWS SDK for JavaScript v3; the agent is whoever clicks in the console. Controls are found by role and accessible
// name, as a person using a screen reader finds them. Screenshots of each view go to COMPAT_RESULTS_DIR, and to
// CONSOLE_SCREENSHOTS_DIR when it is set (docs/images, for docs/console.md). console-firefox.test.mjs drives the main
// paths in Firefox ESR; console-checks.mjs holds what both check alike.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { API_KEY, controlPlane, ENDPOINT } from "../js/helpers.mjs";
import { startChat } from "../js/chat-helpers.mjs";
import { browserWithBackend } from "./chromium.mjs";
import { DARK_BACKGROUND, RESULTS, TIMEOUT, agentMessagesOf, assertThrottledOnce, logName } from "./console-checks.mjs";

const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS_DIR;

describe("the web console in Chromium: chats live, the agent's side, faults, reset", () => {
  const held = browserWithBackend(ENDPOINT, { viewport: { width: 1280, height: 860 } });
  let pages;
  let consoleLines;
  let foreignRequests;

  beforeEach(async () => {
    await controlPlane.reset();
    pages = [];
    consoleLines = [];
    foreignRequests = [];
  });

  afterEach(async (t) => {
    writeFileSync(join(RESULTS, `console-${logName(t)}.log`), consoleLines.join("\n"));
    for (const page of pages) await page.close().catch(() => {});
  });

  async function newPage(label) {
    const page = await held.browser.context.newPage();
    pages.push(page);
    page.on("console", (m) => consoleLines.push(`${label} ${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`${label} pageerror: ${e.message}`));
    return page;
  }

  /** The console at `hash`, given the API key in its dialog, once its live feed is connected. */
  async function openConsole(hash = "") {
    const page = await newPage("console");
    const origin = new URL(ENDPOINT).origin;
    // Everything the console loads comes from ConnectMock itself: no CDN, no font host, nothing else.
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) foreignRequests.push(request.url());
    });
    await page.goto(`${ENDPOINT}/${hash}`);
    const dialog = page.getByRole("dialog", { name: "Control-plane API key" });
    await dialog.waitFor({ timeout: TIMEOUT });
    await dialog.getByLabel("API key").fill(API_KEY);
    await dialog.getByRole("button", { name: "Use key" }).click();
    await page.locator('#feed-status[data-state="live"]').waitFor({ timeout: TIMEOUT });
    return page;
  }

  /** The customer: chatjs in the backend's page (another origin), connected; returns its page, contact and token. */
  async function openCustomer(query = "") {
    const page = await newPage("customer");
    await page.goto(`${held.backend.url}/${query}`);
    await page.waitForSelector('#status[data-phase="ready"]', { timeout: TIMEOUT });
    const details = await page.evaluate(() => window.chat.details);
    return { page, contactId: details.ContactId, participantToken: details.ParticipantToken };
  }

  const customerItems = (page) => page.evaluate(() => window.chat.items);

  async function screenshot(page, name) {
    const shot = await page.screenshot({ fullPage: false });
    writeFileSync(join(RESULTS, `console-${name}.png`), shot);
    if (SCREENSHOTS) writeFileSync(join(SCREENSHOTS, `console-${name}.png`), shot);
  }

  async function joinAsAgent(page) {
    await page.getByRole("button", { name: "Join as agent" }).click();
    await page.locator("#transcript li.event", { hasText: "Alex (Agent) joined" }).waitFor({ timeout: TIMEOUT });
  }

  test("a chat started with the AWS SDK for JavaScript v3 appears in the list within a second, without a reload", async () => {
    const page = await openConsole();
    assert.equal(await page.getByRole("link", { name: "Chats" }).getAttribute("aria-current"), "page");
    const name = `Sam ${randomUUID().slice(0, 8)}`;

    const started = performance.now();
    const output = await startChat({ ParticipantDetails: { DisplayName: name }, ClientToken: randomUUID(), Attributes: { orderId: "1001" } });
    await page.getByRole("button", { name: `Open chat with ${name}` }).waitFor({ timeout: 1000 });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `the chat appeared after ${elapsed.toFixed(0)} ms`);

    const row = page.locator(`tr[data-contact-id="${output.ContactId}"]`);
    assert.match(await row.innerText(), /ACTIVE/);
    assert.match(await row.innerText(), /11111111/);
    assert.deepEqual(foreignRequests, [], "the console loaded something from another origin");

    // Opening it shows its attributes and its customer.
    await page.getByRole("button", { name: `Open chat with ${name}` }).click();
    await page.getByRole("heading", { name, level: 2 }).waitFor({ timeout: TIMEOUT });
    assert.match(await page.locator("#attributes").innerText(), /orderId\s+1001/);
    assert.match(await page.locator("#participants").innerText(), new RegExp(`${name}\\s+CUSTOMER`));
  });

  test("the agent's typing and reply from the console reach the customer's WebSocket (chatjs) and GetTranscript", async () => {
    const customer = await openCustomer();
    const page = await openConsole(`#chat/${customer.contactId}`);
    await joinAsAgent(page);
    await customer.page.waitForFunction(() => window.chat.items.some((i) =>
      i.ContentType === "application/vnd.amazonaws.connect.event.participant.joined" && i.ParticipantRole === "AGENT"), null, { timeout: TIMEOUT });

    const message = page.getByRole("textbox", { name: "Message" });
    await message.pressSequentially("Hello Jane, this is Alex.", { delay: 5 });
    // chatjs's onTyping: the page shows who is typing.
    await customer.page.locator("#typing", { hasText: "Alex (Agent) is typing" }).waitFor({ timeout: TIMEOUT });
    await message.press("Enter");
    await customer.page.waitForFunction(() => window.chat.items.some((i) =>
      i.Type === "MESSAGE" && i.ParticipantRole === "AGENT" && i.Content === "Hello Jane, this is Alex."), null, { timeout: TIMEOUT });
    assert.equal(await message.inputValue(), "", "the composer is emptied once the message is sent");

    // Markdown, chosen in the Format picker.
    await page.getByRole("combobox", { name: "Format" }).selectOption({ label: "Markdown" });
    await message.fill("**Your order** ships today.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await customer.page.waitForFunction(() => window.chat.items.some((i) =>
      i.ContentType === "text/markdown" && i.Content === "**Your order** ships today."), null, { timeout: TIMEOUT });

    // GetTranscript, as the customer's own connection reads it.
    assert.deepEqual(await agentMessagesOf(customer.participantToken),
      [["text/plain", "Hello Jane, this is Alex."], ["text/markdown", "**Your order** ships today."]]);
    await page.locator("#transcript li", { hasText: "ships today" }).waitFor({ timeout: TIMEOUT });
    await screenshot(page, "chat");
    // Dark follows the system's preference.
    await page.emulateMedia({ colorScheme: "dark" });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_BACKGROUND);
    await screenshot(page, "chat-dark");
  });

  test("transfer and leaving from the console: chatjs hears transfer.succeeded and the next agent, and the customer stays when the agent leaves", async () => {
    const customer = await openCustomer();
    const page = await openConsole(`#chat/${customer.contactId}`);
    await joinAsAgent(page);

    await page.getByRole("textbox", { name: "Transfer to" }).fill("Kim (Agent)");
    await page.getByRole("button", { name: "Transfer", exact: true }).click();
    await customer.page.waitForFunction(() => window.chat.items.some((i) =>
      i.ContentType === "application/vnd.amazonaws.connect.event.participant.joined" && i.DisplayName === "Kim (Agent)"), null, { timeout: TIMEOUT });
    const types = (await customerItems(customer.page)).map((i) => i.ContentType.replace("application/vnd.amazonaws.connect.event.", ""));
    const transferred = types.indexOf("transfer.succeeded");
    assert.ok(transferred >= 0, `no transfer.succeeded: ${types.join(", ")}`);
    assert.deepEqual(types.slice(transferred, transferred + 3), ["transfer.succeeded", "participant.left", "participant.joined"]);

    await page.getByRole("checkbox", { name: /Leaving ends the chat/ }).uncheck();
    await page.getByRole("button", { name: "Leave chat" }).click();
    await customer.page.waitForFunction(() => window.chat.items.filter((i) =>
      i.ContentType === "application/vnd.amazonaws.connect.event.participant.left").length === 2, null, { timeout: TIMEOUT });
    assert.equal((await controlPlane.contact(customer.contactId)).state, "ACTIVE");
    assert.notEqual(await customer.page.evaluate(() => window.chat.phase), "ended");
  });

  test("the customer's typing and message appear live in the open chat; Mark read sends a read receipt", async () => {
    const customer = await openCustomer();
    const page = await openConsole(`#chat/${customer.contactId}`);
    await joinAsAgent(page);

    await customer.page.locator("#message").pressSequentially("Where is my order?", { delay: 5 });
    await page.locator("#typing", { hasText: "Jane is typing" }).waitFor({ timeout: TIMEOUT });
    await customer.page.locator("#send").click();
    // From SendMessage's answer to the page (chatjs queues its calls: the keystrokes' typing events go first).
    await customer.page.waitForFunction(() => window.chat.sent.some((s) => s.message === "Where is my order?"), null, { timeout: TIMEOUT });
    const sentAt = performance.now();
    const line = page.locator('#transcript li[data-role="CUSTOMER"]', { hasText: "Where is my order?" });
    await line.waitFor({ timeout: TIMEOUT });
    const elapsed = performance.now() - sentAt;
    assert.ok(elapsed < 1000, `the customer's message showed ${elapsed.toFixed(0)} ms after SendMessage answered`);

    await page.getByRole("button", { name: "Mark customer messages read" }).click();
    const sent = (await customer.page.evaluate(() => window.chat.sent)).find((s) => s.message === "Where is my order?");
    await customer.page.waitForFunction((id) => window.chat.readReceipts.includes(id), sent.id, { timeout: TIMEOUT });
    await line.locator(".receipt", { hasText: "Read" }).waitFor({ timeout: TIMEOUT });
  });

  test("a file sent from the console downloads byte for byte on the customer's side (GetAttachment, then its URL)", async () => {
    const customer = await openCustomer();
    const page = await openConsole(`#chat/${customer.contactId}`);
    await joinAsAgent(page);
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n", "latin1"), randomBytes(150 * 1024)]);

    await page.getByLabel("Send a file").setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: bytes });
    await customer.page.waitForFunction(() => window.chat.attachmentItems.some((i) =>
      i.Attachments?.some((a) => a.AttachmentName === "invoice.pdf" && a.Status === "APPROVED")), null, { timeout: TIMEOUT });
    const item = (await customerItems(customer.page)).find((i) => i.Type === "ATTACHMENT" && i.Attachments[0].AttachmentName === "invoice.pdf");
    assert.equal(item.ParticipantRole, "AGENT");

    const downloaded = await customer.page.evaluate((id) => window.chat.download(id), item.Attachments[0].AttachmentId);
    assert.equal(downloaded.ok, true, `downloadAttachment failed: ${JSON.stringify(downloaded.error)}`);
    assert.ok(Buffer.from(downloaded.base64, "base64").equals(bytes), `the customer got ${downloaded.size} bytes, not the ${bytes.length} sent`);

    // The console's own Download button hands the same bytes to the browser.
    const button = page.getByRole("button", { name: "Download invoice.pdf" });
    await button.waitFor({ timeout: TIMEOUT });
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    assert.equal(download.suggestedFilename(), "invoice.pdf");
    assert.ok(readFileSync(await download.path()).equals(bytes), "the console's download differs from what was sent");
    await screenshot(page, "chat-file");
  });

  test("an interactive template picked and edited in the console reaches the customer; an invalid one is refused with the member named", async () => {
    const customer = await openCustomer("?interactive");
    const page = await openConsole(`#chat/${customer.contactId}`);
    await joinAsAgent(page);
    await page.getByText("Interactive message").click();
    await page.getByRole("combobox", { name: "Template" }).selectOption("QuickReply");
    const editor = page.getByRole("textbox", { name: "Template JSON" });
    const template = JSON.parse(await editor.inputValue());
    assert.equal(template.templateType, "QuickReply");

    // Broken: no elements. The check says what is wrong, naming the member, before anything is sent.
    const broken = structuredClone(template);
    delete broken.data.content.elements;
    await editor.fill(JSON.stringify(broken, null, 2));
    await page.locator('#template-check[data-valid="false"]', { hasText: "elements" }).waitFor({ timeout: TIMEOUT });

    template.data.content.title = "Rate us";
    await editor.fill(JSON.stringify(template, null, 2));
    await page.locator('#template-check[data-valid="true"]').waitFor({ timeout: TIMEOUT });
    await page.getByRole("button", { name: "Send template" }).click();
    await customer.page.waitForFunction(() => window.chat.items.some((i) =>
      i.ContentType === "application/vnd.amazonaws.connect.message.interactive" && JSON.parse(i.Content).data.content.title === "Rate us"),
    null, { timeout: TIMEOUT });
  });

  test("a fault added in the console applies to the next AWS call; the journal shows it, filtered by status", async () => {
    const page = await openConsole("#faults");
    await page.getByRole("combobox", { name: "Operation" }).selectOption("StartChatContact");
    await page.getByRole("combobox", { name: "Error" }).selectOption("ThrottlingException");
    await page.getByRole("spinbutton", { name: "Count" }).fill("1");
    await page.getByRole("button", { name: "Add fault" }).click();
    await page.getByRole("button", { name: /^Remove fault \S+ \(StartChatContact ThrottlingException\)$/ }).waitFor({ timeout: TIMEOUT });
    await screenshot(page, "faults");

    const token = await assertThrottledOnce();
    // Spent: the list updates from the feed, without a click.
    await page.getByText("No faults: every call is answered normally.").waitFor({ timeout: TIMEOUT });

    await page.getByRole("link", { name: "Journal" }).click();
    await page.getByRole("combobox", { name: "Status" }).selectOption("4xx");
    await page.waitForFunction(() => document.querySelectorAll("#journal details").length === 1, null, { timeout: TIMEOUT });
    const entry = page.locator("#journal details").first();
    assert.match(await entry.locator("summary").innerText(), /429[\s\S]*StartChatContact[\s\S]*ThrottlingException/);
    await entry.locator("summary").click();
    await entry.locator("pre", { hasText: token }).waitFor({ timeout: TIMEOUT });
    await page.getByRole("textbox", { name: "ClientToken" }).fill(token);
    await page.getByRole("combobox", { name: "Status" }).selectOption("");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#journal details").length === 2, null, { timeout: TIMEOUT });
    await screenshot(page, "journal");
  });

  test("reset from the console empties the list", async () => {
    await startChat({ ParticipantDetails: { DisplayName: "Before reset" }, ClientToken: randomUUID() });
    const page = await openConsole();
    await page.getByRole("button", { name: "Open chat with Before reset" }).waitFor({ timeout: TIMEOUT });
    await screenshot(page, "chats");
    await page.getByRole("button", { name: "Reset…" }).click();
    await page.getByRole("dialog", { name: "Reset ConnectMock?" }).getByRole("button", { name: "Reset everything" }).click();
    await page.getByText("No chats yet.").waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator("#chat-rows tr").count(), 0);
    assert.deepEqual(await controlPlane.contacts(), []);
  });

  test("instances, the bot and the clock are one click away", async () => {
    const page = await openConsole("#instances");
    await page.getByRole("textbox", { name: "Instance id" }).fill("99999999-2222-3333-4444-555555555555");
    await page.getByRole("spinbutton", { name: "Max concurrent active chats" }).fill("3");
    await page.getByRole("button", { name: "Declare instance" }).click();
    await page.getByRole("button", { name: "Forget instance 99999999-2222-3333-4444-555555555555" }).waitFor({ timeout: TIMEOUT });
    await screenshot(page, "instances");
    await page.getByRole("button", { name: "Forget instance 99999999-2222-3333-4444-555555555555" }).click();
    await page.getByText("No instance is declared").waitFor({ timeout: TIMEOUT });

    await page.getByRole("link", { name: "Bot" }).click();
    await page.getByRole("textbox", { name: "Keyword", exact: true }).fill("menu");
    await page.getByRole("textbox", { name: "Template JSON for the keyword" }).fill(
      JSON.stringify({ templateType: "QuickReply", version: "1.0", data: { content: { title: "Pick one", elements: [{ title: "A" }, { title: "B" }] } } }));
    await page.getByRole("button", { name: "Save keyword template" }).click();
    await page.getByRole("button", { name: "Remove keyword menu" }).waitFor({ timeout: TIMEOUT });
    await screenshot(page, "bot");

  });

  test("the clock: frozen and advanced from the console, a chat past its duration ends and the list shows it at once", async () => {
    const output = await startChat({ ParticipantDetails: { DisplayName: "Short chat" }, ClientToken: randomUUID(), ChatDurationInMinutes: 60 });
    const page = await openConsole("#clock");
    try {
      await page.getByRole("button", { name: "Freeze clock" }).click();
      await page.locator("#clock-state dd", { hasText: "frozen" }).waitFor({ timeout: TIMEOUT });
      const frozenAt = Date.parse(await page.locator("#clock-state time").first().getAttribute("datetime"));

      await page.getByRole("textbox", { name: "Advance by (ISO 8601 duration)" }).fill("PT61M");
      await page.getByRole("button", { name: "Advance", exact: true }).click();
      await page.locator("#clock-state dt", { hasText: "Timers fired by the last advance" }).waitFor({ timeout: TIMEOUT });
      const now = Date.parse(await page.locator("#clock-state time").first().getAttribute("datetime"));
      assert.equal(now - frozenAt, 61 * 60_000, "the clock moved by exactly the duration asked");
      await screenshot(page, "clock");

      // The chat's deadline fired inside the advance: the list shows it ended, from the feed.
      await page.getByRole("link", { name: "Chats" }).click();
      await page.locator(`tr[data-contact-id="${output.ContactId}"] .badge`, { hasText: "ENDED" }).waitFor({ timeout: TIMEOUT });
    } finally {
      await page.getByRole("link", { name: "Clock" }).click();
      await page.getByRole("button", { name: "Back to real time" }).click();
      await page.locator("#clock-state dd", { hasText: "real time" }).waitFor({ timeout: TIMEOUT });
    }
  });
});
