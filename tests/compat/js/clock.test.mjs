// Time through the AWS SDK for JavaScript v3: the control plane freezes and advances the service's clock, and the SDK
// clients see what Amazon Connect does when that time comes (chat duration, the 5-minute connect rule, the connection
// token's day), each in far less than a second of real time.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { CreateParticipantConnectionCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { INSTANCE_ID, connectClient, controlPlane, rejection } from "./helpers.mjs";
import { CONTENT, assertParticipantError, connectedCustomer, participantClient, socketJanitor, startChat, transcriptOf } from "./chat-helpers.mjs";

const describeContact = async (ContactId) =>
  (await connectClient().send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId }))).Contact;

const say = (client, ConnectionToken, Content) =>
  client.send(new SendMessageCommand({ ConnectionToken, ContentType: "text/plain", Content }));

describe("the controllable clock, seen through @aws-sdk/client-connect and @aws-sdk/client-connectparticipant", () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(async () => {
    sockets.closeAll();
    await controlPlane.clock.real();
  });

  test("advancing past ChatDurationInMinutes ends the chat before the advance answers: chat.ended, EXPIRED, tokens refused", async () => {
    const { now: startedAt } = await controlPlane.clock.freeze();
    const { chat, client, connection, connectionToken } = await connectedCustomer({ ChatDurationInMinutes: 60 });
    const socket = await sockets.open(connection.Websocket.Url);

    const advanced = await controlPlane.clock.advance("PT61M");
    const transcript = await transcriptOf(chat.ContactId);

    const expectedEnd = new Date(Date.parse(startedAt) + 60 * 60_000);
    assert.ok(advanced.firedTimers >= 1);
    const ended = transcript.find((i) => i.ContentType === CONTENT.ended);
    assert.ok(ended, "chat.ended is in the transcript when the advance answers");
    assert.equal(ended.AbsoluteTime, expectedEnd.toISOString());
    await socket.waitForItem((i) => i.ContentType === CONTENT.ended, "chat.ended");
    const contact = await describeContact(chat.ContactId);
    assert.equal(contact.DisconnectReason, "EXPIRED");
    assert.equal(contact.DisconnectTimestamp.getTime(), expectedEnd.getTime());
    await assertParticipantError(await rejection(() => say(client, connectionToken, "too late")), "AccessDeniedException", 403, "SendMessage");
  });

  test("a customer who never calls CreateParticipantConnection: the chat ends 5 minutes after its start", async () => {
    await controlPlane.clock.freeze();
    const waiting = await startChat();
    const connected = await connectedCustomer();

    await controlPlane.clock.advance("PT4M59S");
    const before = await describeContact(waiting.ContactId);
    await controlPlane.clock.advance("PT1S");
    const after = await describeContact(waiting.ContactId);

    assert.equal(before.DisconnectReason, undefined);
    assert.equal(after.DisconnectReason, "CUSTOMER_CONNECTION_NOT_ESTABLISHED");
    assert.equal(after.DisconnectTimestamp.getTime() - after.InitiationTimestamp.getTime(), 5 * 60_000);
    assert.equal((await describeContact(connected.chat.ContactId)).DisconnectReason, undefined);
    const err = await rejection(() => participantClient().send(new CreateParticipantConnectionCommand({
      ParticipantToken: waiting.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"],
    })));
    await assertParticipantError(err, "AccessDeniedException", 403, "CreateParticipantConnection");
  });

  test("the connection token lasts a day: refused after it, and a new CreateParticipantConnection gives a working one", async () => {
    await controlPlane.clock.freeze();
    const { chat, client, connectionToken } = await connectedCustomer({ ChatDurationInMinutes: 10_080 });

    await controlPlane.clock.advance("PT23H59M59S");
    await say(client, connectionToken, "still here");
    await controlPlane.clock.advance("PT1S");
    const err = await rejection(() => say(client, connectionToken, "a day later"));
    await assertParticipantError(err, "AccessDeniedException", 403, "SendMessage");

    const renewed = await client.send(new CreateParticipantConnectionCommand({
      ParticipantToken: chat.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"],
    }));
    await say(client, renewed.ConnectionCredentials.ConnectionToken, "with a new token");
    assert.equal(Date.parse(renewed.ConnectionCredentials.Expiry) - Date.parse((await controlPlane.clock.read()).now), 24 * 3600_000);
  });

  test("a 7-day chat ends after 7 days: one advance, milliseconds of real time", async () => {
    await controlPlane.clock.freeze();
    const { chat } = await connectedCustomer({ ChatDurationInMinutes: 10_080 });

    await controlPlane.clock.advance("P6DT23H59M");
    const before = await describeContact(chat.ContactId);
    await controlPlane.clock.advance("PT1M");
    const after = await describeContact(chat.ContactId);

    assert.equal(before.DisconnectReason, undefined);
    assert.equal(after.DisconnectReason, "EXPIRED");
    assert.equal(after.DisconnectTimestamp.getTime() - after.InitiationTimestamp.getTime(), 7 * 24 * 3600_000);
  });

  test("a bad duration is a 400 that names by, and the clock does not move", async () => {
    const { now } = await controlPlane.clock.freeze();

    await assert.rejects(controlPlane.clock.advance("P1M"), /answered 400: .*by must be/s);
    await assert.rejects(controlPlane.clock.advance("PT0S"), /answered 400: .*by must be/s);

    assert.equal((await controlPlane.clock.read()).now, now);
  });
});
