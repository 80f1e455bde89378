// A custom bot as Amazon Connect's guide to custom participants describes it: @aws-sdk/client-connect's
// CreateParticipant adds a CUSTOM_BOT to a chat, and the bot then talks through @aws-sdk/client-connectparticipant
// with its own ParticipantToken (connection, WebSocket, messages, events, transcript, disconnect), while the
// customer sees it on the chat's socket with ParticipantRole CUSTOM_BOT.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as connect from "@aws-sdk/client-connect";
import {
  CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand, SendEventCommand,
  SendMessageCommand, StartAttachmentUploadCommand,
} from "@aws-sdk/client-connectparticipant";
import {
  INSTANCE_ID, LOWERCASE_UUID, assertJournaledOnce, assertServiceError, connectClient, controlPlane, rejection,
} from "./helpers.mjs";
import {
  CONTENT, ISO_MS, agent, assertParticipantError, connectedCustomer, journalEntry, participantClient, socketJanitor,
  startChat,
} from "./chat-helpers.mjs";

const { CreateParticipantCommand, StopContactCommand } = connect;
const UNKNOWN_CONTACT = "00000000-0000-4000-8000-000000000000";

/** CreateParticipant for a CUSTOM_BOT named "Order bot"; `details` replaces ParticipantDetails. */
function addBot(contactId, { details, clientToken } = {}) {
  return connectClient().send(new CreateParticipantCommand({
    InstanceId: INSTANCE_ID,
    ContactId: contactId,
    ClientToken: clientToken,
    ParticipantDetails: details ?? { ParticipantRole: "CUSTOM_BOT", DisplayName: "Order bot" },
  }));
}

/** The bot's connection, as the guide says to make it: CONNECTION_CREDENTIALS (and here the WebSocket), ConnectParticipant. */
async function connectBot(participantToken) {
  const client = participantClient();
  const connection = await client.send(new CreateParticipantConnectionCommand({
    ParticipantToken: participantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"], ConnectParticipant: true,
  }));
  return { client, connection, connectionToken: connection.ConnectionCredentials.ConnectionToken };
}

/**
 * Asserts that `err` is @aws-sdk/client-connect's typed exception `name` with HTTP `status`, named by the header and
 * the body, and journaled under its request id (for a CreateParticipant that is not the test's only one).
 */
async function assertConnectError(err, name, status) {
  assert.equal(err.name, name, `${err.name}: ${err.message}`);
  assert.ok(err instanceof connect[name], `not an instance of the package's ${name}`);
  assert.ok(err instanceof connect.ConnectServiceException);
  assert.equal(err.$metadata.httpStatusCode, status);
  assert.equal(err.$response?.headers?.["x-amzn-errortype"], name, "the x-amzn-ErrorType header");
  assert.equal(err.__type, name, "the body's __type");
  const entry = await journalEntry(err.$metadata.requestId, "CreateParticipant");
  assert.equal(entry.statusCode, status);
}

describe("a custom bot: CreateParticipant, then the Participant Service as CUSTOM_BOT", () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(() => sockets.closeAll());

  test("CreateParticipant returns the participant's id and a token that expires with the chat", async () => {
    const before = Date.now();
    const chat = await startChat();
    const output = await addBot(chat.ContactId);

    assert.equal(output.$metadata.httpStatusCode, 200);
    await assertJournaledOnce(output.$metadata.requestId, "CreateParticipant");
    assert.match(output.ParticipantId, LOWERCASE_UUID);
    assert.notEqual(output.ParticipantId, chat.ParticipantId);
    assert.equal(typeof output.ParticipantCredentials.ParticipantToken, "string");
    assert.match(output.ParticipantCredentials.Expiry, ISO_MS);
    const lifetime = Date.parse(output.ParticipantCredentials.Expiry) - before;
    assert.ok(Math.abs(lifetime - 1500 * 60_000) < 60_000, `the token lives ${lifetime} ms, not the chat's 25 hours`);
  });

  test("the bot and the customer talk: joined, messages both ways, typing, transcript, then the bot leaves", async () => {
    const { chat, client: customerClient, connection: customerConnection, connectionToken: customerToken } = await connectedCustomer();
    const customerSocket = await sockets.open(customerConnection.Websocket.Url);

    const added = await addBot(chat.ContactId);
    const bot = await connectBot(added.ParticipantCredentials.ParticipantToken);
    const botSocket = await sockets.open(bot.connection.Websocket.Url);

    const joined = await customerSocket.waitForItem(
      (i) => i.ContentType === CONTENT.joined && i.ParticipantId === added.ParticipantId, "the bot's participant.joined");
    assert.equal(joined.ParticipantRole, "CUSTOM_BOT");
    assert.equal(joined.DisplayName, "Order bot");

    await customerClient.send(new SendMessageCommand({
      ConnectionToken: customerToken, ContentType: "text/plain", Content: "Where is my order?",
    }));
    const heard = await botSocket.waitForItem((i) => i.Content === "Where is my order?", "the customer's message");
    assert.equal(heard.ParticipantRole, "CUSTOMER");

    await bot.client.send(new SendEventCommand({
      ConnectionToken: bot.connectionToken, ContentType: CONTENT.typing,
    }));
    const typing = await customerSocket.waitForItem((i) => i.ContentType === CONTENT.typing, "the bot's typing");
    assert.equal(typing.ParticipantRole, "CUSTOM_BOT");
    const sent = await bot.client.send(new SendMessageCommand({
      ConnectionToken: bot.connectionToken, ContentType: "text/plain", Content: "It ships today.",
    }));
    const answer = await customerSocket.waitForItem((i) => i.Id === sent.Id, "the bot's message");
    assert.equal(answer.ParticipantRole, "CUSTOM_BOT");
    assert.equal(answer.ParticipantId, added.ParticipantId);
    assert.equal(answer.Content, "It ships today.");

    const { Transcript } = await bot.client.send(new GetTranscriptCommand({
      ConnectionToken: bot.connectionToken, SortOrder: "ASCENDING", MaxResults: 100,
    }));
    assert.deepEqual(
      Transcript.filter((i) => i.Type === "MESSAGE").map((i) => [i.ParticipantRole, i.Content]),
      [["CUSTOMER", "Where is my order?"], ["CUSTOM_BOT", "It ships today."]]);

    await bot.client.send(new DisconnectParticipantCommand({ ConnectionToken: bot.connectionToken }));
    const left = await customerSocket.waitForItem(
      (i) => i.ContentType === CONTENT.left && i.ParticipantId === added.ParticipantId, "the bot's participant.left");
    assert.equal(left.ParticipantRole, "CUSTOM_BOT");
    await botSocket.waitForClose();
    const after = await rejection(() => bot.client.send(new SendMessageCommand({
      ConnectionToken: bot.connectionToken, ContentType: "text/plain", Content: "still there?",
    })));
    await assertParticipantError(after, "AccessDeniedException", 403, "SendMessage");
    // The chat goes on with the customer.
    await customerClient.send(new SendMessageCommand({ ConnectionToken: customerToken, ContentType: "text/plain", Content: "thanks" }));
  });

  test("the same ClientToken returns the same participant and token", async () => {
    const chat = await startChat();
    const first = await addBot(chat.ContactId, { clientToken: "bot-retry-1" });
    const again = await addBot(chat.ContactId, { clientToken: "bot-retry-1" });

    assert.equal(again.ParticipantId, first.ParticipantId);
    assert.deepEqual(again.ParticipantCredentials, first.ParticipantCredentials);
  });

  test("a second custom participant raises ServiceQuotaExceededException (402)", async () => {
    const chat = await startChat();
    await addBot(chat.ContactId);
    const err = await rejection(() => addBot(chat.ContactId));

    await assertConnectError(err, "ServiceQuotaExceededException", 402);
    assert.match(err.message, /Only one custom participant/);
  });

  test("an agent joining disconnects the bot; with an agent present, CreateParticipant raises InvalidRequestException (400)", async () => {
    const { chat, connection } = await connectedCustomer();
    const customerSocket = await sockets.open(connection.Websocket.Url);
    const added = await addBot(chat.ContactId);
    const bot = await connectBot(added.ParticipantCredentials.ParticipantToken);

    await agent.join(chat.ContactId);
    const left = await customerSocket.waitForItem(
      (i) => i.ContentType === CONTENT.left && i.ParticipantId === added.ParticipantId, "the bot's participant.left");
    assert.equal(left.ParticipantRole, "CUSTOM_BOT");
    const refused = await rejection(() => bot.client.send(new SendMessageCommand({
      ConnectionToken: bot.connectionToken, ContentType: "text/plain", Content: "hello?",
    })));
    await assertParticipantError(refused, "AccessDeniedException", 403, "SendMessage");

    const err = await rejection(() => addBot(chat.ContactId));
    await assertConnectError(err, "InvalidRequestException", 400);
  });

  test("a CUSTOM_BOT may not upload attachments: AccessDeniedException (403)", async () => {
    const chat = await startChat();
    const added = await addBot(chat.ContactId);
    const bot = await connectBot(added.ParticipantCredentials.ParticipantToken);

    const err = await rejection(() => bot.client.send(new StartAttachmentUploadCommand({
      ConnectionToken: bot.connectionToken, ContentType: "image/png", AttachmentSizeInBytes: 1024,
      AttachmentName: "receipt.png", ClientToken: "upload-1",
    })));
    await assertParticipantError(err, "AccessDeniedException", 403, "StartAttachmentUpload");
  });

  test("a role other than CUSTOM_BOT raises InvalidRequestException (400)", async () => {
    const chat = await startChat();
    const err = await rejection(() => addBot(chat.ContactId, { details: { ParticipantRole: "AGENT", DisplayName: "Alex" } }));

    await assertServiceError(err, "InvalidRequestException", 400, "CreateParticipant");
    assert.match(err.message, /CUSTOM_BOT/);
  });

  test("an ended chat raises InvalidRequestException (400); an unknown one ResourceNotFoundException (404)", async () => {
    const chat = await startChat();
    await connectClient().send(new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: chat.ContactId }));
    const ended = await rejection(() => addBot(chat.ContactId));
    await assertConnectError(ended, "InvalidRequestException", 400);

    const unknown = await rejection(() => addBot(UNKNOWN_CONTACT));
    await assertConnectError(unknown, "ResourceNotFoundException", 404);
  });
});
