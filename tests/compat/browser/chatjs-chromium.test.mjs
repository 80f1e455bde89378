// amazon-connect-chatjs 5.0.0, the library AWS's own chat widget is built on, in Debian's headless Chromium driven by
// playwright-core, against the real ConnectMock. The page comes from a small backend on its own port (backend.mjs),
// so every Participant Service call is a real cross-origin request with a CORS preflight, and the WebSocket is
// the one CreateParticipantConnection hands out. The agent is ConnectMock's simulated agent (control plane).
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { controlPlane, ENDPOINT } from "../js/helpers.mjs";
import { agent, journalEntry, transcriptOf } from "../js/chat-helpers.mjs";
import { startBackend } from "./backend.mjs";
import { CHROMIUM, launchChromium } from "./chromium.mjs";
const RESULTS = process.env.COMPAT_RESULTS_DIR;
const BOT_ENDPOINT = process.env.CONNECTMOCK_BOT_ENDPOINT;
const TIMEOUT = 30_000;
const ENDED = "application/vnd.amazonaws.connect.event.chat.ended";
const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).dependencies;
const versionOf = (pkg) =>
  JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), "utf8")).version;

if (!RESULTS) {
  throw new Error("COMPAT_RESULTS_DIR is not set: run these tests through tests/compat/run.sh");
}

describe(`amazon-connect-chatjs ${versionOf("amazon-connect-chatjs")} in Chromium (playwright-core ${versionOf("playwright-core")})`, () => {
  let browser;
  let context;
  let backend;
  let page;
  let sockets;
  let consoleLines;

  before(async () => {
    browser = await launchChromium({ viewport: { width: 720, height: 640 } });
    context = browser.context;
    backend = await startBackend(ENDPOINT);
  });

  after(async () => {
    await browser?.close();
    await backend?.close();
  });

  beforeEach(async () => {
    await controlPlane.reset();
    page = await context.newPage();
    consoleLines = [];
    page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
    // What the browser itself saw of the WebSocket: its URL, the frames it received, how it closed.
    sockets = [];
    page.on("websocket", (ws) => {
      const socket = { url: ws.url(), received: [], closed: false };
      sockets.push(socket);
      ws.on("framereceived", (f) => socket.received.push(f.payload.toString()));
      ws.on("close", () => { socket.closed = true; });
    });
  });

  afterEach(async (t) => {
    // The page's state and chatjs's own log, for whoever reads a failure.
    const state = await chatState().catch((e) => ({ unavailable: e.message }));
    const name = t.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 60);
    writeFileSync(join(RESULTS, `chatjs-${name}.log`), [
      `page state: ${JSON.stringify(state, null, 1)}`, "", "console:", ...consoleLines, "", "WebSockets:",
      ...sockets.map((s) => `${s.url} closed=${s.closed}\n  ${s.received.join("\n  ")}`),
    ].join("\n"));
    await page.close();
  });

  /** The page's window.chat, without the (unserializable) chatjs session. */
  const chatState = () => page.evaluate(() => {
    const { session, ...rest } = window.chat ?? {};
    return rest;
  });

  async function openChat(url = `${backend.url}/`) {
    await page.goto(url);
    await page.waitForSelector('#status[data-phase="ready"]', { timeout: TIMEOUT });
    return (await chatState()).details;
  }

  async function send(text, format = "text/plain") {
    await page.selectOption("#format", format);
    await page.fill("#message", text);
    await page.click("#send");
  }

  /** Polls the server's transcript of the contact until `predicate` finds an item. */
  async function waitForServerItem(contactId, predicate, what) {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const found = (await transcriptOf(contactId)).find(predicate);
      if (found) return found;
      assert.ok(Date.now() < deadline, `ConnectMock never got ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const messageText = (role) => page.locator(`#log li.message[data-role="${role}"] .bubble`).allTextContents();

  test("the pinned chatjs and playwright-core, and Debian's Chromium", async () => {
    assert.equal(versionOf("amazon-connect-chatjs"), pinned["amazon-connect-chatjs"]);
    assert.equal(versionOf("playwright-core"), pinned["playwright-core"]);
    const installed = execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const [, debianVersion] = installed.match(/^Chromium (\S+)/m) ?? [];
    assert.ok(debianVersion, `${CHROMIUM} --version names no Chromium version: ${installed}`);
    const { product } = await (await context.newCDPSession(page)).send("Browser.getVersion");
    assert.equal(product.replace(/^\w+\//, ""), debianVersion, `the browser that runs is ${product}`);
    await page.goto(`${backend.url}/`);
    assert.equal(await page.evaluate(() => connect.ChatJS.version), pinned["amazon-connect-chatjs"]);
  });

  test("a customer chat: connect, send, the agent joins, types, reads and replies, disconnect, ENDED", async () => {
    const details = await openChat(`${backend.url}/?initial=${encodeURIComponent("Hi, I have a question about order 1001.")}`);
    const contactId = details.ContactId;
    assert.ok(new URL(backend.url).origin !== new URL(ENDPOINT).origin, "the page must be cross-origin to ConnectMock");

    // The history chatjs fetched (GetTranscript through CORS) shows the initial message.
    await page.locator("#log li.message.customer", { hasText: "order 1001" }).waitFor({ timeout: TIMEOUT });

    // The customer types and sends; the message reaches ConnectMock and comes back on the WebSocket.
    await send("Where is my parcel?");
    const message = await waitForServerItem(contactId, (i) => i.Type === "MESSAGE" && i.Content === "Where is my parcel?",
      "the customer's message");
    assert.equal(message.ParticipantRole, "CUSTOMER");
    await page.locator("#log li.message.customer", { hasText: "Where is my parcel?" }).waitFor({ timeout: TIMEOUT });
    const { sent } = await chatState();
    assert.equal(sent.length, 1);
    assert.equal(sent[0].id, message.Id);
    // The browser could read x-amzn-RequestId: CORS exposes it, and it is the journal's.
    assert.ok(sent[0].requestId, "chatjs saw no request id: is x-amzn-RequestId exposed through CORS?");
    const entry = await journalEntry(sent[0].requestId, "SendMessage");
    assert.equal(entry.statusCode, 200);
    const typing = await controlPlane.requests({ operation: "SendEvent" });
    assert.ok(typing.some((e) => e.requestBody?.ContentType?.endsWith(".typing")), "the page's typing event never arrived");

    // The simulated agent joins, types, reads the customer's message and replies.
    await agent.join(contactId, "Alex (Agent)");
    await page.locator("#log li.event", { hasText: "Alex (Agent) joined the chat" }).waitFor({ timeout: TIMEOUT });
    await agent.signal(contactId, "typing");
    await page.locator("#typing", { hasText: "Alex (Agent) is typing" }).waitFor({ timeout: TIMEOUT });
    await agent.signal(contactId, "read", message.Id);
    await page.locator(`#log li[data-id="${message.Id}"] .receipt`, { hasText: "Read" }).waitFor({ timeout: TIMEOUT });
    const reply = "Hi Jane, I'm Alex. Your parcel left our warehouse this morning.";
    await agent.say(contactId, reply);
    await page.locator("#log li.message.agent", { hasText: reply }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual(await messageText("AGENT"), [reply]);
    assert.deepEqual(await messageText("CUSTOMER"), ["Hi, I have a question about order 1001.", "Where is my parcel?"]);
    assert.equal(await page.locator("#log li.message.agent .who").first().textContent(), "Agent · Alex (Agent)");
    assert.equal(await page.locator("#typing").textContent(), "", "the typing indicator stayed after the reply");

    // The customer ends the chat: DisconnectParticipant; onEnded comes from the server's chat.ended.
    await page.click("#end");
    await page.locator("#ended", { hasText: "ENDED" }).waitFor({ state: "visible", timeout: TIMEOUT });
    const state = await chatState();
    assert.equal(state.disconnected, true);
    assert.equal(state.phase, "ended");
    const serverEnded = (await transcriptOf(contactId)).find((i) => i.ContentType === ENDED);
    assert.ok(serverEnded, "ConnectMock's transcript has no chat.ended");
    assert.equal(state.endedItemId, serverEnded.Id, "onEnded did not come from the server's chat.ended item");
    await page.locator("#log li.event", { hasText: "Jane left the chat" }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual(state.errors, []);

    // The one WebSocket the page opened is the one ConnectMock handed out, and it is closed now.
    assert.equal(sockets.length, 1, `WebSockets: ${sockets.map((s) => s.url).join(", ")}`);
    assert.match(sockets[0].url, new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(ENDPOINT).port}/chat/websocket\\?token=`));
    const deadline = Date.now() + TIMEOUT;
    while (!sockets[0].closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(sockets[0].closed, true, "the WebSocket stayed open after chat.ended");
    assert.ok(sockets[0].received.some((f) => f.includes('"topic":"aws/chat"')));

    await page.screenshot({ path: join(RESULTS, "chatjs-chromium-chat.png"), fullPage: true });
    assert.deepEqual(consoleLines.filter((line) => /^(error|pageerror)/.test(line)), []);
  });

  test("StopContact from the backend ends the chat in the page (chat.ended, onEnded)", async () => {
    const { ContactId } = await openChat();
    await send("Hello?");
    await page.locator("#log li.message.customer", { hasText: "Hello?" }).waitFor({ timeout: TIMEOUT });

    await backend.stop(ContactId);
    await page.locator("#ended", { hasText: "ENDED" }).waitFor({ state: "visible", timeout: TIMEOUT });
    const state = await chatState();
    const serverEnded = (await transcriptOf(ContactId)).find((i) => i.ContentType === ENDED);
    assert.equal(state.endedItemId, serverEnded?.Id);
    assert.deepEqual(state.errors, []);
  });

  test("an error from ConnectMock reaches chatjs typed: ValidationException (400) for a content type the chat does not allow", async () => {
    await openChat();
    await send("**bold**", "text/markdown");

    await page.locator("#error", { hasText: "ValidationException (400)" }).waitFor({ timeout: TIMEOUT });
    const { errors } = await chatState();
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].type, "ValidationException");
    assert.equal(errors[0].statusCode, 400);
    assert.match(errors[0].message, /text\/markdown/);
    const [entry] = await controlPlane.requests({ operation: "SendMessage" });
    assert.equal(entry.errorName, "ValidationException");
  });

  test("one connection lasts across chatjs's 10 s heartbeat: every ping and heartbeat answered, no reconnect", async () => {
    const { ContactId } = await openChat();
    await page.waitForFunction(() => window.chat.heartbeats >= 2, null, { timeout: TIMEOUT });

    const state = await chatState();
    assert.deepEqual(state.errors, []);
    assert.equal(sockets.length, 1, "chatjs opened another WebSocket: a heartbeat went unanswered");
    // Chromium sent a CORS preflight before the call (X-Amz-Bearer is no safelisted header); the journal leaves it
    // out, so the widget's one call is one entry.
    const connections = await controlPlane.requests({ operation: "CreateParticipantConnection" });
    assert.deepEqual(connections.map((e) => e.method), ["POST"],
      `chatjs called CreateParticipantConnection again, or a preflight was journaled: ${JSON.stringify(connections)}`);
    // Still live: an agent message sent now arrives.
    await agent.join(ContactId, "Alex (Agent)");
    await agent.say(ContactId, "Still there?");
    await page.locator("#log li.message.agent", { hasText: "Still there?" }).waitFor({ timeout: TIMEOUT });
  });

  test("the chat's duration passes as the control plane advances the clock: chatjs's onEnded fires, the page shows ENDED", async () => {
    const details = await openChat(`${backend.url}/`);
    await controlPlane.clock.freeze();
    try {
      // The default ChatDurationInMinutes is 25 hours; one advance past it, no waiting.
      const advanced = await controlPlane.clock.advance("PT25H1M");
      assert.ok(advanced.firedTimers >= 1, `no timer fired: ${JSON.stringify(advanced)}`);
      await page.waitForSelector('#status[data-phase="ended"]', { timeout: TIMEOUT });
      assert.equal(await page.locator("#ended").isVisible(), true);
      const ended = (await transcriptOf(details.ContactId)).find((i) => i.ContentType === "application/vnd.amazonaws.connect.event.chat.ended");
      assert.equal((await chatState()).endedItemId, ended.Id, "the page's chat.ended is the server's");
    } finally {
      await controlPlane.clock.real();
    }
  });

  test("with ConnectMock's bot enabled: its greeting, and its echo of the customer's message", async () => {
    assert.ok(BOT_ENDPOINT, "CONNECTMOCK_BOT_ENDPOINT (a ConnectMock with ConnectMock__Chat__Bot__Enabled=true) is not set");
    const botBackend = await startBackend(BOT_ENDPOINT);
    try {
      await page.goto(`${botBackend.url}/`);
      await page.waitForSelector('#status[data-phase="ready"]', { timeout: TIMEOUT });
      await page.locator("#log li.message.bot", { hasText: "ConnectMock's bot" }).waitFor({ timeout: TIMEOUT });
      await send("ping from the browser");
      await page.locator("#log li.message.bot", { hasText: "You said: ping from the browser" }).waitFor({ timeout: TIMEOUT });
      assert.equal(await page.locator("#log li.message.bot .who").first().textContent(), "Bot · BOT");
      await page.screenshot({ path: join(RESULTS, "chatjs-chromium-bot.png"), fullPage: true });
      await page.click("#end");
      await page.locator("#ended", { hasText: "ENDED" }).waitFor({ state: "visible", timeout: TIMEOUT });
    } finally {
      await botBackend.close();
    }
  });
});
