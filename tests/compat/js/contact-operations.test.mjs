// The Connect side of a chat as a backend sees it through @aws-sdk/client-connect: StopContact (which ends the chat
// on the customer's WebSocket), DescribeContact, GetContactAttributes and UpdateContactAttributes, and their errors.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  DescribeContactCommand, GetContactAttributesCommand, StopContactCommand, UpdateContactAttributesCommand,
} from "@aws-sdk/client-connect";
import {
  CreateParticipantConnectionCommand, DisconnectParticipantCommand, SendMessageCommand,
} from "@aws-sdk/client-connectparticipant";
import {
  INSTANCE_ID, assertJournaledOnce, assertServiceError, connectClient, controlPlane, rejection,
} from "./helpers.mjs";
import {
  CONTENT, assertParticipantError, connectedCustomer, participantClient, socketJanitor, startChat,
} from "./chat-helpers.mjs";

const UNKNOWN_CONTACT = "00000000-0000-4000-8000-000000000000";

describe("@aws-sdk/client-connect on a chat contact", () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(() => sockets.closeAll());

  describe("StopContact", () => {
    test("ends the chat: chat.ended on the customer's socket, closed with 1000, then tokens get 403", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);

      const output = await connectClient().send(new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));
      assert.equal(output.$metadata.httpStatusCode, 200);
      await assertJournaledOnce(output.$metadata.requestId, "StopContact");

      const ended = await socket.waitForItem((i) => i.ContentType === CONTENT.ended, "chat.ended");
      assert.equal(ended.Type, "EVENT");
      assert.equal(ended.ContactId, chat.ContactId);
      assert.equal((await socket.waitForClose()).code, 1000);
      const err = await rejection(() => client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "text/plain", Content: "hello?",
      })));
      await assertParticipantError(err, "AccessDeniedException", 403, "SendMessage");
      const reconnect = await rejection(() => participantClient().send(new CreateParticipantConnectionCommand({
        ParticipantToken: chat.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"],
      })));
      await assertParticipantError(reconnect, "AccessDeniedException", 403, "CreateParticipantConnection");
    });

    test("an unknown chat raises ResourceNotFoundException (404): ContactNotFoundException is for voice contacts only", async () => {
      const err = await rejection(() => connectClient().send(
        new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: UNKNOWN_CONTACT })));

      await assertServiceError(err, "ResourceNotFoundException", 404, "StopContact");
    });

    test("a DisconnectReason (outbound campaigns only) raises InvalidRequestException (400)", async () => {
      const chat = await startChat();
      const err = await rejection(() => connectClient().send(new StopContactCommand({
        InstanceId: INSTANCE_ID, ContactId: chat.ContactId, DisconnectReason: { Code: "OTHER" },
      })));

      await assertServiceError(err, "InvalidRequestException", 400, "StopContact");
      const { Contact } = await connectClient().send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));
      assert.equal(Contact.DisconnectTimestamp, undefined, "the refused StopContact ended the chat");
    });

    test("a missing ContactId raises InvalidParameterException (400) naming it", async () => {
      const err = await rejection(() => connectClient().send(new StopContactCommand({ InstanceId: INSTANCE_ID })));

      await assertServiceError(err, "InvalidParameterException", 400, "StopContact");
      assert.match(err.message, /'contactId'/);
    });
  });

  describe("DescribeContact", () => {
    test("a started chat: CHAT, API, Dates for its timestamps, its attributes and ARN", async () => {
      const before = Date.now();
      const chat = await startChat({ Attributes: { orderId: "1001", tier: "gold" } });
      const output = await connectClient().send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));

      const { Contact } = output;
      assert.equal(Contact.Id, chat.ContactId);
      assert.equal(Contact.InitialContactId, chat.ContactId);
      assert.equal(Contact.Channel, "CHAT");
      assert.equal(Contact.InitiationMethod, "API");
      assert.match(Contact.Arn, new RegExp(`^arn:aws:connect:[a-z0-9-]+:\\d{12}:instance/${INSTANCE_ID}/contact/${chat.ContactId}$`));
      assert.ok(Contact.InitiationTimestamp instanceof Date, `InitiationTimestamp: ${Contact.InitiationTimestamp}`);
      assert.ok(Math.abs(Contact.InitiationTimestamp.getTime() - before) < 10_000, `InitiationTimestamp ${Contact.InitiationTimestamp.toISOString()}`);
      assert.ok(Contact.LastUpdateTimestamp instanceof Date, `LastUpdateTimestamp: ${Contact.LastUpdateTimestamp}`);
      assert.ok(Contact.LastUpdateTimestamp >= Contact.InitiationTimestamp);
      assert.equal(Contact.DisconnectTimestamp, undefined);
      assert.deepEqual(Contact.Attributes, { orderId: "1001", tier: "gold" });
      await assertJournaledOnce(output.$metadata.requestId, "DescribeContact");
    });

    test("after StopContact: a DisconnectTimestamp Date and DisconnectReason API", async () => {
      const chat = await startChat();
      await connectClient().send(new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));
      const { Contact } = await connectClient().send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));

      assert.ok(Contact.DisconnectTimestamp instanceof Date, `DisconnectTimestamp: ${Contact.DisconnectTimestamp}`);
      assert.ok(Contact.DisconnectTimestamp >= Contact.InitiationTimestamp);
      assert.equal(Contact.DisconnectReason, "API");
    });

    test("after the customer's DisconnectParticipant: DisconnectReason CUSTOMER_DISCONNECT", async () => {
      const { chat, connectionToken } = await connectedCustomer();
      await participantClient().send(new DisconnectParticipantCommand({ ConnectionToken: connectionToken }));
      const { Contact } = await connectClient().send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));

      assert.ok(Contact.DisconnectTimestamp instanceof Date);
      assert.equal(Contact.DisconnectReason, "CUSTOMER_DISCONNECT");
    });

    test("an unknown contact raises ResourceNotFoundException (404)", async () => {
      const err = await rejection(() => connectClient().send(
        new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: UNKNOWN_CONTACT })));

      await assertServiceError(err, "ResourceNotFoundException", 404, "DescribeContact");
    });
  });

  describe("GetContactAttributes and UpdateContactAttributes", () => {
    test("the attributes StartChatContact set, merged with updates, seen by every read", async () => {
      const chat = await startChat({ Attributes: { orderId: "1001", tier: "gold" } });
      const client = connectClient();
      const first = await client.send(new GetContactAttributesCommand({ InstanceId: INSTANCE_ID, InitialContactId: chat.ContactId }));
      assert.deepEqual(first.Attributes, { orderId: "1001", tier: "gold" });

      const update = await client.send(new UpdateContactAttributesCommand({
        InstanceId: INSTANCE_ID, InitialContactId: chat.ContactId, Attributes: { tier: "platinum", channel: "web" },
      }));
      assert.equal(update.$metadata.httpStatusCode, 200);
      await assertJournaledOnce(update.$metadata.requestId, "UpdateContactAttributes");

      const expected = { orderId: "1001", tier: "platinum", channel: "web" };
      const second = await client.send(new GetContactAttributesCommand({ InstanceId: INSTANCE_ID, InitialContactId: chat.ContactId }));
      assert.deepEqual(second.Attributes, expected);
      const { Contact } = await client.send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));
      assert.deepEqual(Contact.Attributes, expected);
    });

    test("a contact started without attributes has none", async () => {
      const chat = await startChat();
      const output = await connectClient().send(new GetContactAttributesCommand({ InstanceId: INSTANCE_ID, InitialContactId: chat.ContactId }));

      assert.deepEqual(output.Attributes, {});
    });

    test("GetContactAttributes of an unknown contact raises ResourceNotFoundException (404)", async () => {
      const err = await rejection(() => connectClient().send(
        new GetContactAttributesCommand({ InstanceId: INSTANCE_ID, InitialContactId: UNKNOWN_CONTACT })));

      await assertServiceError(err, "ResourceNotFoundException", 404, "GetContactAttributes");
    });

    test("UpdateContactAttributes of an unknown contact raises ResourceNotFoundException (404)", async () => {
      const err = await rejection(() => connectClient().send(new UpdateContactAttributesCommand({
        InstanceId: INSTANCE_ID, InitialContactId: UNKNOWN_CONTACT, Attributes: { a: "b" },
      })));

      await assertServiceError(err, "ResourceNotFoundException", 404, "UpdateContactAttributes");
    });

    test("UpdateContactAttributes with an invalid key raises InvalidParameterException (400)", async () => {
      const chat = await startChat();
      const err = await rejection(() => connectClient().send(new UpdateContactAttributesCommand({
        InstanceId: INSTANCE_ID, InitialContactId: chat.ContactId, Attributes: { "not a key!": "x" },
      })));

      await assertServiceError(err, "InvalidParameterException", 400, "UpdateContactAttributes");
    });
  });
});
