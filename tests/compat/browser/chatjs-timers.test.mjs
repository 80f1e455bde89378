// The chat timers in a real browser: amazon-connect-chatjs 5.0.0 in Debian's headless Chromium, against the real
// ConnectMock. The test sets the timers with @aws-sdk/client-connect's UpdateParticipantRoleConfig, an agent joins,
// and the test advances ConnectMock's clock through the control plane: chatjs's onParticipantIdle,
// onParticipantReturned and onAutoDisconnection fire in the page, and the page shows them, each within well under a
// second of the advance.
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConnectClient, UpdateParticipantRoleConfigCommand } from "@aws-sdk/client-connect";
import { controlPlane, ENDPOINT, INSTANCE_ID } from "../js/helpers.mjs";
import { agent } from "../js/chat-helpers.mjs";
import { startBackend } from "./backend.mjs";
import { launchChromium } from "./chromium.mjs";

const RESULTS = process.env.COMPAT_RESULTS_DIR;
const TIMEOUT = 30_000;
if (!RESULTS) {
  throw new Error("COMPAT_RESULTS_DIR is not set: run these tests through tests/compat/run.sh");
}

const { clock } = controlPlane;

describe("chat timers with amazon-connect-chatjs in Chromium", () => {
  let browser;
  let backend;
  let page;
  let consoleLines;
  const connect = new ConnectClient({
    endpoint: ENDPOINT,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDCOMPATTEST", secretAccessKey: "compat-test-secret" },
  });

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
    await clock.freeze();
    page = await browser.context.newPage();
    consoleLines = [];
    page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  });

  afterEach(async (t) => {
    const state = await chatState().catch((e) => ({ unavailable: e.message }));
    const name = t.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 60);
    writeFileSync(join(RESULTS, `chatjs-timers-${name}.log`),
      [`page state: ${JSON.stringify(state, null, 1)}`, "", "console:", ...consoleLines].join("\n"));
    await page.close();
    await clock.real();
  });

  const chatState = () => page.evaluate(() => {
    const { session, ...rest } = window.chat ?? {};
    return rest;
  });

  async function openChat() {
    await page.goto(`${backend.url}/`);
    await page.waitForSelector('#status[data-phase="ready"]', { timeout: TIMEOUT });
    return (await chatState()).details;
  }

  /** Advances the clock by `by` and waits for the page's `count`-th chatjs `handler` call; returns it and the real time taken. */
  async function advanceUntil(by, handler, count) {
    const started = performance.now();
    await clock.advance(by);
    await page.waitForFunction(([h, n]) => window.chat.timerEvents.filter((e) => e.handler === h).length >= n,
      [handler, count], { timeout: TIMEOUT, polling: 10 });
    const elapsed = performance.now() - started;
    const events = (await chatState()).timerEvents.filter((e) => e.handler === handler);
    return { event: events[count - 1], elapsed };
  }

  test("onParticipantIdle, onParticipantReturned and onAutoDisconnection fire as the clock is advanced", async () => {
    const details = await openChat();
    await connect.send(new UpdateParticipantRoleConfigCommand({
      InstanceId: INSTANCE_ID,
      ContactId: details.ContactId,
      ChannelConfiguration: {
        Chat: {
          ParticipantTimerConfigList: [
            { ParticipantRole: "CUSTOMER", TimerType: "IDLE", TimerValue: { ParticipantTimerDurationInMinutes: 2 } },
            { ParticipantRole: "CUSTOMER", TimerType: "DISCONNECT_NONCUSTOMER", TimerValue: { ParticipantTimerDurationInMinutes: 3 } },
          ],
        },
      },
    }));
    const { participantId: agentId } = await agent.join(details.ContactId, "Alex");
    await page.locator("#log li.event", { hasText: "Alex joined the chat" }).waitFor({ timeout: TIMEOUT });

    const idle = await advanceUntil("PT2M", "onParticipantIdle", 1);
    assert.equal(idle.event.ParticipantId, details.ParticipantId);
    assert.equal(idle.event.ParticipantRole, "CUSTOMER");
    assert.equal(idle.event.Type, "EVENT");
    assert.equal(idle.event.ContentType, "application/vnd.amazonaws.connect.event.participant.idle");
    await page.locator("#log li.event", { hasText: "Jane is idle" }).waitFor({ timeout: TIMEOUT });

    await page.fill("#message", "Sorry, I am here");
    await page.click("#send");
    await page.waitForFunction(() => window.chat.timerEvents.some((e) => e.handler === "onParticipantReturned"), null, { timeout: TIMEOUT });
    const returned = (await chatState()).timerEvents.find((e) => e.handler === "onParticipantReturned");
    assert.equal(returned.ParticipantId, details.ParticipantId);
    await page.locator("#log li.event", { hasText: "Jane is back" }).waitFor({ timeout: TIMEOUT });

    const idleAgain = await advanceUntil("PT2M", "onParticipantIdle", 2);
    const disconnected = await advanceUntil("PT3M", "onAutoDisconnection", 1);
    assert.equal(disconnected.event.ParticipantId, agentId);
    assert.equal(disconnected.event.ParticipantRole, "AGENT");
    assert.equal(disconnected.event.DisplayName, "Alex");
    await page.locator("#log li.event", { hasText: "Alex was disconnected for inactivity" }).waitFor({ timeout: TIMEOUT });
    await page.locator("#log li.event", { hasText: "Alex left the chat" }).waitFor({ timeout: TIMEOUT });

    for (const [what, step] of [["idle", idle], ["idle again", idleAgain], ["auto-disconnect", disconnected]]) {
      assert.ok(step.elapsed < 1000, `${what}: ${step.elapsed.toFixed(0)} ms of real time from the advance to chatjs's handler`);
    }
    assert.deepEqual(consoleLines.filter((line) => /^pageerror/.test(line)), []);
    await page.screenshot({ path: join(RESULTS, "chatjs-chromium-timers.png") });
  });
});
