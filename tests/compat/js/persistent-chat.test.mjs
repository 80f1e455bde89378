// Persistent chat through the AWS SDK for JavaScript v3: StartChatContact's PersistentChat and
// CreatePersistentContactAssociation (@aws-sdk/client-connect), the rehydrated transcript through GetTranscript and the
// chat WebSocket (@aws-sdk/client-connectparticipant, ws), DescribeContact's RelatedContactId, and every error.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreatePersistentContactAssociationCommand, DescribeContactCommand, StopContactCommand,
} from "@aws-sdk/client-connect";
import {
  DisconnectParticipantCommand, GetTranscriptCommand, SendMessageCommand,
} from "@aws-sdk/client-connectparticipant";
import { INSTANCE_ID, assertServiceError, call, connectClient, controlPlane, rejection } from "./helpers.mjs";
import { CONTENT, assertParticipantError, connectedCustomer, socketJanitor, startChat } from "./chat-helpers.mjs";

const REHYDRATED = "application/vnd.amazonaws.connect.event.chat.rehydrated";

/** Empties the journal (not the chats), so that the next call is the one assertServiceError finds. */
const clearJournal = () => call("DELETE", "/_connectmock/requests");

/** A chat whose customer said `text` and left: an ended contact with a transcript. Returns its ContactId. */
async function endedChat(text) {
  const { chat, client, connectionToken } = await connectedCustomer();
  await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: text }));
  await client.send(new DisconnectParticipantCommand({ ConnectionToken: connectionToken }));
  return chat.ContactId;
}

const persistent = (SourceContactId, RehydrationType = "ENTIRE_PAST_SESSION") => ({ PersistentChat: { RehydrationType, SourceContactId } });

async function transcript(client, connectionToken, extra = {}) {
  const output = await client.send(new GetTranscriptCommand({
    ConnectionToken: connectionToken, MaxResults: 100, SortOrder: "ASCENDING", ...extra,
  }));
  return output;
}

const associate = (InitialContactId, SourceContactId, extra = {}) => connectClient().send(new CreatePersistentContactAssociationCommand({
  InstanceId: INSTANCE_ID, InitialContactId, RehydrationType: "ENTIRE_PAST_SESSION", SourceContactId, ...extra,
}));

describe("persistent chat through @aws-sdk/client-connect and @aws-sdk/client-connectparticipant", () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(() => sockets.closeAll());

  for (const type of ["ENTIRE_PAST_SESSION", "FROM_SEGMENT"]) {
    test(`StartChatContact with ${type} continues the ended chat: its items first, on the contact they were sent on`, async () => {
      const source = await endedChat("Where is my order?");

      const { chat, client, connectionToken } = await connectedCustomer(persistent(source, type));
      await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: "I am back" }));
      const output = await transcript(client, connectionToken);

      assert.equal(chat.ContinuedFromContactId, source);
      assert.equal(output.InitialContactId, chat.ContactId);
      const past = output.Transcript.filter((i) => i.RelatedContactId !== undefined);
      const own = output.Transcript.filter((i) => i.RelatedContactId === undefined);
      assert.deepEqual(output.Transcript, [...past, ...own], "the past comes first");
      assert.deepEqual(past.map((i) => i.ContentType), [CONTENT.joined, "text/plain", CONTENT.left, CONTENT.ended]);
      for (const item of past) {
        assert.equal(item.RelatedContactId, source);
        assert.equal(item.ContactId, undefined, "ContactId is only for the current chat session's items");
      }
      assert.equal(past[1].Content, "Where is my order?");
      assert.deepEqual(own.map((i) => i.ContentType), [REHYDRATED, CONTENT.joined, "text/plain"]);
      for (const item of own) assert.equal(item.ContactId, chat.ContactId);
      assert.equal(own[2].Content, "I am back");
    });
  }

  test("GetTranscript takes the past contact's ContactId (its items only) and refuses one outside the chain", async () => {
    const source = await endedChat("from the past");
    const stranger = await endedChat("someone else's");
    const { client, connectionToken } = await connectedCustomer(persistent(source));

    const past = await transcript(client, connectionToken, { ContactId: source });
    const err = await rejection(() => transcript(client, connectionToken, { ContactId: stranger }));

    assert.equal(past.Transcript.length, 4);
    assert.ok(past.Transcript.every((i) => i.RelatedContactId === source));
    await assertParticipantError(err, "AccessDeniedException", 403, "GetTranscript");
  });

  test("a persistent chat of a persistent chat carries the whole chain", async () => {
    const first = await endedChat("first visit");
    const second = await connectedCustomer(persistent(first));
    await second.client.send(new SendMessageCommand({ ConnectionToken: second.connectionToken, ContentType: "text/plain", Content: "second visit" }));
    await connectClient().send(new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: second.chat.ContactId }));

    const third = await connectedCustomer(persistent(second.chat.ContactId, "FROM_SEGMENT"));
    const messages = (await transcript(third.client, third.connectionToken)).Transcript.filter((i) => i.Type === "MESSAGE");

    assert.deepEqual(messages.map((m) => [m.Content, m.RelatedContactId]), [["first visit", first], ["second visit", second.chat.ContactId]]);
  });

  test("DescribeContact names the source in RelatedContactId, not PreviousContactId", async () => {
    const source = await endedChat("hello");
    const chat = await startChat(persistent(source));

    const { Contact } = await connectClient().send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));

    assert.equal(Contact.RelatedContactId, source);
    assert.equal(Contact.PreviousContactId, undefined);
  });

  test("StartChatContact with an active source raises InvalidRequestException (400), never echoing it", async () => {
    const active = await startChat();
    await clearJournal();

    const err = await rejection(() => startChat(persistent(active.ContactId)));

    await assertServiceError(err, "InvalidRequestException", 400);
    assert.match(err.message, /Only chat sessions that have ended are allowed to rehydrate/);
    assert.equal(err.ContinuedFromContactId, undefined);
  });

  test("StartChatContact with an unknown source raises ResourceNotFoundException (404)", async () => {
    const err = await rejection(() => startChat(persistent("00000000-0000-4000-8000-000000000000")));

    await assertServiceError(err, "ResourceNotFoundException", 404);
  });

  test("CreatePersistentContactAssociation puts the past before the chat's items and tells its socket chat.rehydrated", async () => {
    const source = await endedChat("from the past");
    const { chat, client, connection, connectionToken } = await connectedCustomer();
    const socket = await sockets.open(connection.Websocket.Url);
    await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: "already here" }));

    const output = await associate(chat.ContactId, source, { ClientToken: "js-assoc-1" });

    assert.equal(output.$metadata.httpStatusCode, 200);
    assert.equal(output.ContinuedFromContactId, source);
    const rehydrated = await socket.waitForItem((i) => i.ContentType === REHYDRATED, "chat.rehydrated");
    assert.equal(rehydrated.InitialContactId, chat.ContactId);
    const items = (await transcript(client, connectionToken)).Transcript;
    assert.deepEqual(items.filter((i) => i.Type === "MESSAGE").map((i) => i.Content), ["from the past", "already here"]);
    assert.deepEqual(items.map((i) => i.RelatedContactId ?? null), [source, source, source, source, null, null, null]);
    const { Contact } = await connectClient().send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));
    assert.equal(Contact.RelatedContactId, source);
  });

  test("CreatePersistentContactAssociation repeats the answer for its own ClientToken", async () => {
    const source = await endedChat("a");
    const chat = await startChat();
    await associate(chat.ContactId, source, { ClientToken: "js-assoc-1" });

    const repeat = await associate(chat.ContactId, source, { ClientToken: "js-assoc-1" });

    assert.equal(repeat.ContinuedFromContactId, source);
  });

  test("CreatePersistentContactAssociation errors: second time, started persistent, active source, ended chat, unknown ids", async () => {
    const source = await endedChat("a");
    const other = await endedChat("b");
    const chat = await startChat();
    const persistentChat = await startChat(persistent(source));
    const active = await startChat();
    await associate(chat.ContactId, source, { ClientToken: "js-assoc-1" });
    const cases = [
      ["a chat made persistent already", () => associate(chat.ContactId, other), "InvalidRequestException", 400, /only once/],
      ["a chat started persistent", () => associate(persistentChat.ContactId, other), "InvalidRequestException", 400, /only once/],
      ["an active source", () => associate(active.ContactId, active.ContactId), "InvalidRequestException", 400, /Only chat sessions that have ended/],
      ["an ended chat", () => associate(other, source), "InvalidRequestException", 400, /has ended/],
      ["an unknown chat", () => associate("00000000-0000-4000-8000-000000000000", source), "ResourceNotFoundException", 404, /not found/],
      ["an unknown source", () => associate(active.ContactId, "00000000-0000-4000-8000-000000000000"), "ResourceNotFoundException", 404, /SourceContactId/],
      ["no RehydrationType", () => associate(active.ContactId, source, { RehydrationType: undefined }), "InvalidParameterException", 400, /rehydrationType/],
    ];
    for (const [what, send, name, status, message] of cases) {
      await clearJournal();
      const err = await rejection(send);
      await assertServiceError(err, name, status, "CreatePersistentContactAssociation");
      assert.match(err.message, message, what);
    }
  });
});
