// The chat timers of Amazon Connect's "Set up chat timeouts for chat participants", through the real SDKs:
// @aws-sdk/client-connect's UpdateParticipantRoleConfig sets them, ConnectMock's clock (the control plane's
// /_connectmock/clock) runs the minutes, and the customer's WebSocket hears participant.idle, participant.returned
// and participant.autodisconnection. The timed part of each case takes well under a second of real time.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { UpdateParticipantRoleConfigCommand } from "@aws-sdk/client-connect";
import { INSTANCE_ID, assertJournaledOnce, assertServiceError, call, connectClient, controlPlane, rejection } from "./helpers.mjs";
import { agent, connectedCustomer, socketJanitor, startChat, transcriptOf } from "./chat-helpers.mjs";

const EVENT = "application/vnd.amazonaws.connect.event.participant.";
const IDLE = `${EVENT}idle`;
const RETURNED = `${EVENT}returned`;
const AUTODISCONNECTION = `${EVENT}autodisconnection`;
const LEFT = `${EVENT}left`;

const { clock } = controlPlane;

/** UpdateParticipantRoleConfig with these timers: [role, type, minutes or "Unset"]. */
function setTimers(contactId, ...timers) {
  return connectClient().send(new UpdateParticipantRoleConfigCommand({
    InstanceId: INSTANCE_ID,
    ContactId: contactId,
    ChannelConfiguration: {
      Chat: {
        ParticipantTimerConfigList: timers.map(([ParticipantRole, TimerType, value]) => ({
          ParticipantRole,
          TimerType,
          TimerValue: value === "Unset" ? { ParticipantTimerAction: "Unset" } : { ParticipantTimerDurationInMinutes: value },
        })),
      },
    },
  }));
}

describe("chat timers: UpdateParticipantRoleConfig and the clock", () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(async () => {
    sockets.closeAll();
    await clock.real();
  });

  test("UpdateParticipantRoleConfig answers 200 and is journaled under the SDK's request id", async () => {
    const chat = await startChat();

    const output = await setTimers(chat.ContactId, ["CUSTOMER", "IDLE", 5], ["CUSTOMER", "DISCONNECT_NONCUSTOMER", 10],
      ["AGENT", "IDLE", "Unset"], ["AGENT", "DISCONNECT_NONCUSTOMER", 480]);

    assert.equal(output.$metadata.httpStatusCode, 200);
    await assertJournaledOnce(output.$metadata.requestId, "UpdateParticipantRoleConfig");
  });

  test("a duration out of 2 to 480 is InvalidParameterException, naming the member", async () => {
    const chat = await startChat();

    const err = await rejection(() => setTimers(chat.ContactId, ["AGENT", "IDLE", 481]));

    await assertServiceError(err, "InvalidParameterException", 400, "UpdateParticipantRoleConfig");
    assert.match(err.message, /participantTimerDurationInMinutes' failed to satisfy constraint: Member must have value less than or equal to 480/);
  });

  test("a role and timer type twice is InvalidRequestException", async () => {
    const chat = await startChat();

    const err = await rejection(() => setTimers(chat.ContactId, ["CUSTOMER", "IDLE", 5], ["CUSTOMER", "IDLE", 6]));

    await assertServiceError(err, "InvalidRequestException", 400, "UpdateParticipantRoleConfig");
  });

  test("an unknown contact is ResourceNotFoundException; an ended one InvalidRequestException", async () => {
    const unknown = await rejection(() => setTimers("00000000-0000-4000-8000-000000000000", ["CUSTOMER", "IDLE", 5]));
    await assertServiceError(unknown, "ResourceNotFoundException", 404, "UpdateParticipantRoleConfig");

    await controlPlane.reset();
    const chat = await startChat();
    await call("POST", `/_connectmock/contacts/${chat.ContactId}/end`);
    const ended = await rejection(() => setTimers(chat.ContactId, ["CUSTOMER", "IDLE", 5]));
    await assertServiceError(ended, "InvalidRequestException", 400, "UpdateParticipantRoleConfig");
  });

  test("idle, returned, then auto-disconnect counted from idle, as the clock is advanced", async () => {
    await clock.freeze();
    const { chat, client, connection, connectionToken } = await connectedCustomer();
    const socket = await sockets.open(connection.Websocket.Url);
    await setTimers(chat.ContactId, ["CUSTOMER", "IDLE", 2], ["CUSTOMER", "DISCONNECT_NONCUSTOMER", 3]);
    const { pendingTimers: before } = await clock.read();
    const { participantId: agentId } = await agent.join(chat.ContactId, "Alex");
    assert.equal((await clock.read()).pendingTimers, before + 1, "the customer's idle timer (the agent has none)");
    await socket.waitForItem((i) => i.ContentType === `${EVENT}joined` && i.ParticipantId === agentId, "the agent's participant.joined");
    const started = performance.now();

    const advanced = await clock.advance("PT2M");
    assert.equal(advanced.firedTimers, 1, JSON.stringify(advanced));
    const idle = await socket.waitForItem((i) => i.ContentType === IDLE, "participant.idle");
    assert.deepEqual(
      { Type: idle.Type, ParticipantId: idle.ParticipantId, ParticipantRole: idle.ParticipantRole, DisplayName: idle.DisplayName, InitialContactId: idle.InitialContactId },
      { Type: "EVENT", ParticipantId: chat.ParticipantId, ParticipantRole: "CUSTOMER", DisplayName: "Jane", InitialContactId: chat.ContactId });
    assert.equal(Date.parse(idle.AbsoluteTime), Date.parse(advanced.now), `idle at ${idle.AbsoluteTime}, the clock at ${advanced.now}`);

    await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: "I am back" }));
    const returned = await socket.waitForItem((i) => i.ContentType === RETURNED, "participant.returned");
    assert.equal(returned.ParticipantId, chat.ParticipantId);
    const order = socket.items.map((i) => i.ContentType === "text/plain" ? i.Content : i.ContentType);
    assert.ok(order.indexOf("I am back") < order.indexOf(RETURNED), `the message, then participant.returned: ${order}`);

    await clock.advance("PT2M");
    await socket.waitForItem((i) => i.ContentType === IDLE && i.Id !== idle.Id, "participant.idle again, 2 minutes after the message");
    await clock.advance("PT2M59S");
    assert.equal(socket.items.filter((i) => i.ContentType === AUTODISCONNECTION).length, 0, "auto-disconnect before its 3 minutes");
    await clock.advance("PT1S");
    const disconnection = await socket.waitForItem((i) => i.ContentType === AUTODISCONNECTION, "participant.autodisconnection");
    await socket.waitForItem((i) => i.ContentType === LEFT && i.ParticipantId === agentId, "the agent's participant.left");
    const elapsed = performance.now() - started;
    // What follows the agent's leaving is the agent's leaving's to say: if it ended the chat, its deadline went too.
    const ended = (await transcriptOf(chat.ContactId)).some((i) => i.ContentType === "application/vnd.amazonaws.connect.event.chat.ended");
    assert.equal((await clock.read()).pendingTimers, before - (ended ? 1 : 0), "the participant timers are gone with the agent");

    assert.deepEqual(
      { ParticipantId: disconnection.ParticipantId, ParticipantRole: disconnection.ParticipantRole, DisplayName: disconnection.DisplayName },
      { ParticipantId: agentId, ParticipantRole: "AGENT", DisplayName: "Alex" });
    assert.ok(elapsed < 1000, `9 minutes of chat took ${elapsed.toFixed(0)} ms of real time`);
    const kept = (await transcriptOf(chat.ContactId)).map((i) => i.ContentType);
    assert.ok(!kept.includes(IDLE) && !kept.includes(RETURNED) && !kept.includes(AUTODISCONNECTION), `not in the transcript: ${kept}`);
  });

  test("the agent's own idle timer: idle after its minutes, back when it writes", async () => {
    await clock.freeze();
    const { chat, connection } = await connectedCustomer();
    const socket = await sockets.open(connection.Websocket.Url);
    await setTimers(chat.ContactId, ["AGENT", "IDLE", 3]);
    const { participantId: agentId } = await agent.join(chat.ContactId, "Alex");

    await clock.advance("PT3M");
    const idle = await socket.waitForItem((i) => i.ContentType === IDLE, "the agent's participant.idle");
    await agent.say(chat.ContactId, "Sorry, back now");
    const returned = await socket.waitForItem((i) => i.ContentType === RETURNED, "the agent's participant.returned");

    assert.equal(idle.ParticipantId, agentId);
    assert.equal(idle.ParticipantRole, "AGENT");
    assert.equal(returned.ParticipantId, agentId);
  });
});
