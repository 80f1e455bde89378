// The agent's side of a chat and streamed bot replies in a real browser: amazon-connect-chatjs 5.0.0 in Debian's
// headless Chromium, against the real ConnectMock (docs/agent-lifecycle.md). chatjs has no handler of its own for
// participant.left or the transfer events: they reach onMessage, as every event it does not map elsewhere. The chat
// ends for chatjs only on chat.ended (onEnded), so an agent who leaves without ending the chat leaves the customer
// connected. participant.invited reaches onParticipantInvited. A streamed reply (ResponseMode INCREMENTAL) reaches
// onMessage once per part, reassembled by chatjs's PartialMessageUtil: the same Id with ever longer Content.
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { call, controlPlane, ENDPOINT } from "../js/helpers.mjs";
import { agent } from "../js/chat-helpers.mjs";
import { startBackend } from "./backend.mjs";
import { launchChromium } from "./chromium.mjs";

const RESULTS = process.env.COMPAT_RESULTS_DIR;
const BOT_ENDPOINT = process.env.CONNECTMOCK_BOT_ENDPOINT;
const TIMEOUT = 30_000;
const EVENT = "application/vnd.amazonaws.connect.event.";
if (!RESULTS || !BOT_ENDPOINT) {
  throw new Error("COMPAT_RESULTS_DIR or CONNECTMOCK_BOT_ENDPOINT is not set: run these tests through tests/compat/run.sh");
}

describe("the agent's side of the lifecycle and streamed replies with amazon-connect-chatjs in Chromium", () => {
  let browser;
  let backend;
  let botBackend;
  let page;
  let consoleLines;

  before(async () => {
    browser = await launchChromium({ viewport: { width: 720, height: 640 } });
    backend = await startBackend(ENDPOINT);
    botBackend = await startBackend(BOT_ENDPOINT);
  });

  after(async () => {
    await browser?.close();
    await backend?.close();
    await botBackend?.close();
  });

  beforeEach(async () => {
    await controlPlane.reset();
    page = await browser.context.newPage();
    consoleLines = [];
    page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  });

  afterEach(async (t) => {
    await controlPlane.clock.real();
    const state = await chatState().catch((e) => ({ unavailable: e.message }));
    const name = t.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 60);
    writeFileSync(join(RESULTS, `chatjs-agent-lifecycle-${name}.log`),
      [`page state: ${JSON.stringify(state, null, 1)}`, "", "console:", ...consoleLines].join("\n"));
    await page.close();
  });

  const chatState = () => page.evaluate(() => {
    const { session, ...rest } = window.chat ?? {};
    return rest;
  });

  async function openChat(url) {
    await page.goto(url);
    await page.waitForSelector('#status[data-phase="ready"]', { timeout: TIMEOUT });
    return (await chatState()).details;
  }

  async function send(text) {
    await page.fill("#message", text);
    await page.click("#send");
  }

  const itemOf = (contentType, displayName) => page.waitForFunction(
    ([type, name]) => window.chat.items.find((i) => i.ContentType === type && (!name || i.DisplayName === name)),
    [contentType, displayName], { timeout: TIMEOUT });

  test("the agent leaves without ending the chat: onMessage gets participant.left, onEnded does not fire, the customer still sends", async () => {
    const details = await openChat(`${backend.url}/`);
    await agent.join(details.ContactId, "Alex");
    await itemOf(EVENT + "participant.joined", "Alex");

    await call("DELETE", `/_connectmock/contacts/${details.ContactId}/agent`, { endChat: false });
    await itemOf(EVENT + "participant.left", "Alex");
    await send("Hello? Is anyone there?");
    await page.waitForFunction(() => window.chat.sent.length === 1, null, { timeout: TIMEOUT });

    const state = await chatState();
    assert.equal(state.endedCalls, 0, "onEnded fired though the chat did not end");
    assert.equal(state.phase, "ready");
    assert.equal(state.items.some((i) => i.ContentType === EVENT + "chat.ended"), false);
    assert.equal(await page.locator("#ended").isHidden(), true);
    assert.deepEqual(state.errors, []);
    await page.screenshot({ path: join(RESULTS, "chatjs-chromium-agent-left.png"), fullPage: true });

    // The chat ends when something else ends it: here the site's backend, with StopContact.
    await backend.stop(details.ContactId);
    await page.waitForSelector('#status[data-phase="ended"]', { timeout: TIMEOUT });
    assert.equal((await chatState()).endedCalls, 1);
  });

  test("the disconnect flow (endAfter PT2M) ends the chat when the clock is advanced past it: then onEnded fires", async () => {
    const details = await openChat(`${backend.url}/`);
    await agent.join(details.ContactId, "Alex");
    await itemOf(EVENT + "participant.joined", "Alex");
    await controlPlane.clock.freeze();

    await call("DELETE", `/_connectmock/contacts/${details.ContactId}/agent`, { endAfter: "PT2M" });
    await itemOf(EVENT + "participant.left", "Alex");
    await controlPlane.clock.advance("PT1M59S");
    await send("Still there?");
    await page.waitForFunction(() => window.chat.sent.length === 1, null, { timeout: TIMEOUT });
    assert.equal((await chatState()).endedCalls, 0);
    await controlPlane.clock.advance("PT1S");

    await page.waitForSelector('#status[data-phase="ended"]', { timeout: TIMEOUT });
    const state = await chatState();
    assert.equal(state.endedCalls, 1);
    assert.ok(state.items.some((i) => i.ContentType === EVENT + "chat.ended"));
    assert.deepEqual(state.errors, []);
  });

  test("a transfer reaches onMessage as transfer.succeeded, participant.left, participant.joined; an invitation reaches onParticipantInvited", async () => {
    const details = await openChat(`${backend.url}/`);
    await agent.join(details.ContactId, "Alex");
    await itemOf(EVENT + "participant.joined", "Alex");

    await call("POST", `/_connectmock/contacts/${details.ContactId}/agent/invite`, { displayName: "Pat (Supervisor)" });
    await page.waitForFunction(() => window.chat.invited.length === 1, null, { timeout: TIMEOUT });
    await call("POST", `/_connectmock/contacts/${details.ContactId}/agent/transfer`, { fail: true });
    await itemOf(EVENT + "transfer.failed");
    await call("POST", `/_connectmock/contacts/${details.ContactId}/agent/transfer`, { displayName: "Sam" });
    await itemOf(EVENT + "participant.joined", "Sam");
    await agent.say(details.ContactId, "Hi, Sam here. I can help with billing.");
    await page.waitForSelector('#log li.message[data-role="AGENT"]', { timeout: TIMEOUT });

    const state = await chatState();
    assert.equal(state.invited[0].DisplayName, "Pat (Supervisor)");
    assert.equal(state.invited[0].ContentType, EVENT + "participant.invited");
    const events = state.items.filter((i) => i.Type === "EVENT").map((i) => `${i.ContentType.slice(EVENT.length)} ${i.DisplayName ?? ""}`.trim());
    assert.deepEqual(events.slice(-4), ["transfer.failed", "transfer.succeeded", "participant.left Alex", "participant.joined Sam"]);
    assert.equal(state.endedCalls, 0);
    assert.equal(state.phase, "ready");
    assert.deepEqual(state.errors, []);
    await page.screenshot({ path: join(RESULTS, "chatjs-chromium-agent-transfer.png"), fullPage: true });
  });

  test("a streamed bot reply is reassembled by chatjs: one message Id, each part extending the text, the last complete", async () => {
    await openChat(`${botBackend.url}/?incremental`);

    await send("where is my order number 42");
    await page.waitForFunction(
      () => window.chat.items.some((i) => i.ParticipantRole === "SYSTEM" && i.MessageMetadata?.MessageCompleted === true),
      null, { timeout: TIMEOUT });

    const state = await chatState();
    const complete = state.items.find((i) => i.MessageMetadata?.MessageCompleted === true);
    const parts = state.items.filter((i) => i.Id === complete.Id).map((i) => i.Content);
    const reply = "You said: where is my order number 42";
    assert.equal(complete.Content, reply);
    // Three parts of three words (the last part already makes the whole text), then the completed message.
    assert.deepEqual(parts, ["You said: where ", "You said: where is my order ", reply, reply]);
    assert.deepEqual(await page.locator("#log li.message[data-role='SYSTEM'] .bubble").allTextContents().then((b) => b.filter((t) => t === reply)), [reply]);
    assert.deepEqual(state.errors, []);
    await page.screenshot({ path: join(RESULTS, "chatjs-chromium-streamed-reply.png"), fullPage: true });
  });
});
