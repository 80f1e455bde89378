// What a user of @aws-sdk/client-connectparticipant (and of the `ws` package for the chat WebSocket) sees when a chat
// started with @aws-sdk/client-connect runs against ConnectMock: every operation, every modeled error.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  CreateParticipantConnectionCommand, DisconnectParticipantCommand, GetTranscriptCommand, SendEventCommand,
  SendMessageCommand,
} from "@aws-sdk/client-connectparticipant";
import { ENDPOINT, LOWERCASE_UUID, controlPlane, rejection } from "./helpers.mjs";
import {
  CONTENT, ISO_MS, agent, assertParticipantError, assertTimeNear, connectedCustomer, journalEntry, participantClient,
  socketJanitor, startChat, transcriptOf,
} from "./chat-helpers.mjs";

const versionOf = (pkg) =>
  JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), "utf8")).version;
const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).dependencies;
const sdkVersion = versionOf("@aws-sdk/client-connectparticipant");
const BOTH = ["WEBSOCKET", "CONNECTION_CREDENTIALS"];
const WS_URL = new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(ENDPOINT).port}/chat/websocket\\?token=`);

describe(`@aws-sdk/client-connectparticipant ${sdkVersion} and ws ${versionOf("ws")} against a chat`, () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(() => sockets.closeAll());

  test("the installed client-connectparticipant and ws are the pinned versions", () => {
    assert.equal(sdkVersion, pinned["@aws-sdk/client-connectparticipant"]);
    assert.equal(versionOf("ws"), pinned.ws);
  });

  describe("CreateParticipantConnection", () => {
    test("both types: a ws://127.0.0.1 URL valid 100 s and a connection token valid a day", async () => {
      const chat = await startChat();
      const before = Date.now();
      const output = await participantClient().send(
        new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken, Type: BOTH }));

      assert.equal(output.$metadata.httpStatusCode, 200);
      assert.match(output.Websocket?.Url ?? "(missing)", WS_URL);
      assertTimeNear(output.Websocket.ConnectionExpiry, before + 100_000, 10_000, "Websocket.ConnectionExpiry");
      assert.ok(output.ConnectionCredentials?.ConnectionToken?.length > 0, JSON.stringify(output));
      assertTimeNear(output.ConnectionCredentials.Expiry, before + 86_400_000, 10_000, "ConnectionCredentials.Expiry");
      const entry = await journalEntry(output.$metadata.requestId, "CreateParticipantConnection");
      assert.equal(entry.statusCode, 200);
      assert.deepEqual(entry.requestBody, { Type: BOTH });
      // The URL works, and the connection token works for the other operations.
      const socket = await sockets.open(output.Websocket.Url);
      assert.ok(socket.frames.length > 0);
      await participantClient().send(new GetTranscriptCommand({
        ConnectionToken: output.ConnectionCredentials.ConnectionToken,
      }));
    });

    test("only WEBSOCKET: a URL and no connection credentials", async () => {
      const chat = await startChat();
      const output = await participantClient().send(
        new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken, Type: ["WEBSOCKET"] }));

      assert.match(output.Websocket?.Url ?? "(missing)", WS_URL);
      assert.match(output.Websocket.ConnectionExpiry, ISO_MS);
      assert.equal(output.ConnectionCredentials, undefined, JSON.stringify(output));
      await sockets.open(output.Websocket.Url);
    });

    test("only CONNECTION_CREDENTIALS: a connection token and no URL", async () => {
      const chat = await startChat();
      const output = await participantClient().send(new CreateParticipantConnectionCommand({
        ParticipantToken: chat.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"], ConnectParticipant: true,
      }));

      assert.equal(output.Websocket, undefined, JSON.stringify(output));
      assert.ok(output.ConnectionCredentials?.ConnectionToken?.length > 0, JSON.stringify(output));
      assert.match(output.ConnectionCredentials.Expiry, ISO_MS);
    });

    test("again and again (chatjs reconnects): every connection token stays valid", async () => {
      const chat = await startChat();
      const client = participantClient();
      const first = await client.send(new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken, Type: BOTH }));
      const second = await client.send(new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken, Type: BOTH }));

      for (const { ConnectionCredentials: { ConnectionToken } } of [first, second]) {
        const sent = await client.send(new SendMessageCommand({ ConnectionToken, ContentType: "text/plain", Content: "hi" }));
        assert.match(sent.Id, LOWERCASE_UUID);
      }
    });

    test("an unknown participant token raises AccessDeniedException (403)", async () => {
      await startChat();
      const err = await rejection(() => participantClient().send(new CreateParticipantConnectionCommand({
        ParticipantToken: "not-a-participant-token", Type: BOTH,
      })));

      await assertParticipantError(err, "AccessDeniedException", 403, "CreateParticipantConnection");
    });

    test("a connection token in place of the participant token raises AccessDeniedException (403)", async () => {
      const { connectionToken } = await connectedCustomer();
      const err = await rejection(() => participantClient().send(new CreateParticipantConnectionCommand({
        ParticipantToken: connectionToken, Type: BOTH,
      })));

      await assertParticipantError(err, "AccessDeniedException", 403, "CreateParticipantConnection");
    });

    test("no participant token (no X-Amz-Bearer) raises ValidationException (400) naming it", async () => {
      const err = await rejection(() => participantClient().send(new CreateParticipantConnectionCommand({ Type: BOTH })));

      await assertParticipantError(err, "ValidationException", 400, "CreateParticipantConnection");
      assert.match(err.message, /'participantToken'/);
    });

    test("an invalid Type raises ValidationException (400) naming the member and its values", async () => {
      const chat = await startChat();
      const err = await rejection(() => participantClient().send(new CreateParticipantConnectionCommand({
        ParticipantToken: chat.ParticipantToken, Type: ["WEBSOCKET", "CARRIER_PIGEON"],
      })));

      await assertParticipantError(err, "ValidationException", 400, "CreateParticipantConnection");
      assert.match(err.message, /'type'/);
      assert.match(err.message, /WEBSOCKET, CONNECTION_CREDENTIALS/);
    });

    test("an empty Type list raises ValidationException (400)", async () => {
      const chat = await startChat();
      const err = await rejection(() => participantClient().send(new CreateParticipantConnectionCommand({
        ParticipantToken: chat.ParticipantToken, Type: [],
      })));

      await assertParticipantError(err, "ValidationException", 400, "CreateParticipantConnection");
      assert.match(err.message, /'type'/);
    });
  });

  describe("the chat WebSocket", () => {
    test("answers aws/subscribe, aws/ping and aws/heartbeat as chatjs expects", async () => {
      const { connection } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      socket.send({ topic: "aws/ping" });
      socket.send({ topic: "aws/heartbeat" });

      const ack = await socket.waitForFrame((f) => f.topic === "aws/subscribe", "subscribe ack");
      assert.deepEqual(ack, { topic: "aws/subscribe", content: { status: "success", topics: ["aws/chat"] } });
      const ping = await socket.waitForFrame((f) => f.topic === "aws/ping", "ping answer");
      assert.deepEqual(ping, { topic: "aws/ping", statusCode: 200, statusContent: "OK" });
      const heartbeat = await socket.waitForFrame((f) => f.topic === "aws/heartbeat", "heartbeat answer");
      assert.deepEqual(heartbeat, { topic: "aws/heartbeat" });
      assert.ok(socket.frames.every((f) => !f.isBinary), "every frame must be a text frame");
    });

    test("an agent joining arrives as participant.joined in chatjs's frame format", async () => {
      const { chat, connection } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      const joined = await agent.join(chat.ContactId, "Alex (Agent)");

      const item = await socket.waitForItem((i) => i.ContentType === CONTENT.joined && i.ParticipantRole === "AGENT",
        "participant.joined of the agent");
      const frame = socket.frames.find((f) => f.json.topic === "aws/chat" && f.json.content.includes(joined.participantId));
      assert.deepEqual(Object.keys(frame.json).sort(), ["content", "contentType", "topic"]);
      assert.equal(frame.json.contentType, "application/json");
      assert.equal(item.Type, "EVENT");
      assert.equal(item.ParticipantId, joined.participantId);
      assert.equal(item.DisplayName, "Alex (Agent)");
      assert.equal(item.ContactId, chat.ContactId);
      assert.equal(item.InitialContactId, chat.ContactId);
      assert.match(item.AbsoluteTime, ISO_MS);
    });

    test("an expired or forged URL token is refused at the upgrade", async () => {
      const { connection } = await connectedCustomer();
      const forged = connection.Websocket.Url.replace(/token=.*/, "token=forged");
      await assert.rejects(sockets.open(forged), /Unexpected server response: 403/);
    });
  });

  describe("SendMessage", () => {
    test("returns an Id and time; the message reaches the WebSocket and GetTranscript", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      const before = Date.now();
      const sent = await client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "text/plain", Content: "Where is my order?",
      }));

      assert.equal(sent.$metadata.httpStatusCode, 200);
      assert.match(sent.Id ?? "(missing)", LOWERCASE_UUID);
      assertTimeNear(sent.AbsoluteTime, before, 10_000, "AbsoluteTime");
      const pushed = await socket.waitForItem((i) => i.Id === sent.Id, "the sent message");
      assert.deepEqual(pushed, {
        AbsoluteTime: sent.AbsoluteTime,
        Content: "Where is my order?",
        ContentType: "text/plain",
        Id: sent.Id,
        Type: "MESSAGE",
        ParticipantId: chat.ParticipantId,
        DisplayName: "Jane",
        ParticipantRole: "CUSTOMER",
        InitialContactId: chat.ContactId,
        ContactId: chat.ContactId,
      });
      const { Transcript, InitialContactId } = await client.send(new GetTranscriptCommand({
        ConnectionToken: connectionToken, SortOrder: "ASCENDING",
      }));
      assert.equal(InitialContactId, chat.ContactId);
      const last = Transcript.at(-1);
      assert.equal(last.Id, sent.Id);
      assert.equal(last.Content, "Where is my order?");
      assert.equal(last.ParticipantRole, "CUSTOMER");
      const entry = await journalEntry(sent.$metadata.requestId, "SendMessage");
      assert.equal(entry.statusCode, 200);
    });

    test("the same ClientToken twice returns the same Id and posts once", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      const request = { ConnectionToken: connectionToken, ContentType: "text/plain", Content: "once", ClientToken: "js-msg-1" };
      const first = await client.send(new SendMessageCommand(request));
      const second = await client.send(new SendMessageCommand(request));

      assert.equal(second.Id, first.Id);
      assert.equal(second.AbsoluteTime, first.AbsoluteTime);
      assert.notEqual(second.$metadata.requestId, first.$metadata.requestId);
      await socket.waitForItem((i) => i.Id === first.Id, "the message");
      const other = await client.send(new SendMessageCommand({ ...request, ClientToken: "js-msg-2" }));
      assert.notEqual(other.Id, first.Id);
      await socket.waitForItem((i) => i.Id === other.Id, "the second message");
      assert.equal(socket.items.filter((i) => i.Content === "once").length, 2, "a repeated ClientToken was pushed again");
      assert.equal((await transcriptOf(chat.ContactId)).filter((i) => i.Content === "once").length, 2);
    });

    test("without a ClientToken the SDK sends a UUID, which the journal records", async () => {
      const { client, connectionToken } = await connectedCustomer();
      const sent = await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: "x" }));

      const entry = await journalEntry(sent.$metadata.requestId, "SendMessage");
      assert.match(entry.clientToken ?? "", /^[0-9a-f-]{36}$/i);
      assert.equal(entry.requestBody.ClientToken, entry.clientToken);
    });

    test("a content type the contact does not support raises ValidationException (400)", async () => {
      const { chat, client, connectionToken } = await connectedCustomer();
      const err = await rejection(() => client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "text/markdown", Content: "**bold**",
      })));

      await assertParticipantError(err, "ValidationException", 400, "SendMessage");
      assert.match(err.message, /text\/markdown/);
      assert.equal((await transcriptOf(chat.ContactId)).filter((i) => i.Type === "MESSAGE").length, 0);
    });

    test("a content type the contact declared in SupportedMessagingContentTypes is accepted", async () => {
      const { client, connectionToken } = await connectedCustomer({ SupportedMessagingContentTypes: ["text/plain", "text/markdown"] });
      const sent = await client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "text/markdown", Content: "**bold**",
      }));

      assert.match(sent.Id, LOWERCASE_UUID);
    });

    test("text/plain: 1024 characters pass, 1025 raise ValidationException (400)", async () => {
      const { client, connectionToken } = await connectedCustomer();
      const ok = await client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "text/plain", Content: "é".repeat(1024),
      }));
      assert.match(ok.Id, LOWERCASE_UUID);

      const err = await rejection(() => client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "text/plain", Content: "é".repeat(1025),
      })));
      await assertParticipantError(err, "ValidationException", 400, "SendMessage");
      assert.match(err.message, /'content'/);
      assert.match(err.message, /1024/);
    });

    test("application/json: 12000 characters pass, 12001 raise ValidationException (400)", async () => {
      const { client, connectionToken } = await connectedCustomer({ SupportedMessagingContentTypes: ["text/plain", "application/json"] });
      const json = (length) => JSON.stringify("x".repeat(length - 2));
      const ok = await client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "application/json", Content: json(12000),
      }));
      assert.match(ok.Id, LOWERCASE_UUID);

      const err = await rejection(() => client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "application/json", Content: json(12001),
      })));
      await assertParticipantError(err, "ValidationException", 400, "SendMessage");
      assert.match(err.message, /12000/);
    });

    test("a missing Content raises ValidationException (400) naming it", async () => {
      const { client, connectionToken } = await connectedCustomer();
      const err = await rejection(() => client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain" })));

      await assertParticipantError(err, "ValidationException", 400, "SendMessage");
      assert.match(err.message, /'content'/);
    });

    test("an unknown connection token raises AccessDeniedException (403)", async () => {
      await connectedCustomer();
      const err = await rejection(() => participantClient().send(new SendMessageCommand({
        ConnectionToken: "not-a-connection-token", ContentType: "text/plain", Content: "hi",
      })));

      await assertParticipantError(err, "AccessDeniedException", 403, "SendMessage");
    });

    test("the participant token in place of the connection token raises AccessDeniedException (403)", async () => {
      const { chat } = await connectedCustomer();
      const err = await rejection(() => participantClient().send(new SendMessageCommand({
        ConnectionToken: chat.ParticipantToken, ContentType: "text/plain", Content: "hi",
      })));

      await assertParticipantError(err, "AccessDeniedException", 403, "SendMessage");
    });
  });

  describe("SendEvent", () => {
    test("typing: the agent's typing reaches the customer's socket; the customer's is pushed and not kept", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      const { participantId: agentId } = await agent.join(chat.ContactId);

      await agent.signal(chat.ContactId, "typing");
      const agentTyping = await socket.waitForItem((i) => i.ContentType === CONTENT.typing, "the agent's typing");
      assert.equal(agentTyping.Type, "EVENT");
      assert.equal(agentTyping.ParticipantRole, "AGENT");
      assert.equal(agentTyping.ParticipantId, agentId);
      assert.equal(agentTyping.ContactId, chat.ContactId);

      const sent = await client.send(new SendEventCommand({ ConnectionToken: connectionToken, ContentType: CONTENT.typing }));
      assert.match(sent.Id ?? "(missing)", LOWERCASE_UUID);
      assert.match(sent.AbsoluteTime, ISO_MS);
      const customerTyping = await socket.waitForItem((i) => i.Id === sent.Id, "the customer's typing");
      assert.equal(customerTyping.ContentType, CONTENT.typing);
      assert.equal(customerTyping.ParticipantRole, "CUSTOMER");
      assert.equal(customerTyping.ParticipantId, chat.ParticipantId);
      const transcript = await transcriptOf(chat.ContactId);
      assert.equal(transcript.filter((i) => i.ContentType === CONTENT.typing).length, 0, "typing is not kept in transcripts");
    });

    test("read and delivered receipts for the agent's message arrive as MESSAGEMETADATA items", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      await agent.join(chat.ContactId);
      const { id: messageId } = await agent.say(chat.ContactId, "Hello, I am Alex.");

      for (const [kind, stamp] of [["delivered", "DeliveredTimestamp"], ["read", "ReadTimestamp"]]) {
        const sent = await client.send(new SendEventCommand({
          ConnectionToken: connectionToken, ContentType: CONTENT[kind], Content: JSON.stringify({ messageId }),
        }));
        assert.match(sent.Id, LOWERCASE_UUID);
        const item = await socket.waitForItem((i) => i.Id === sent.Id, `the ${kind} receipt`);
        assert.equal(item.Type, "MESSAGEMETADATA");
        assert.equal(item.ContentType, CONTENT.metadata);
        assert.equal(item.ContactId, chat.ContactId);
        assert.equal(item.MessageMetadata?.MessageId, messageId, JSON.stringify(item));
        assert.equal(item.MessageMetadata.Receipts.length, 1);
        const [receipt] = item.MessageMetadata.Receipts;
        assert.equal(receipt.RecipientParticipantId, chat.ParticipantId);
        assert.match(receipt[stamp] ?? "(missing)", ISO_MS, `${stamp} in ${JSON.stringify(receipt)}`);
      }
    });

    test("the agent's read receipt of the customer's message reaches the customer's socket", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      const { participantId: agentId } = await agent.join(chat.ContactId);
      const sent = await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: "hi" }));

      await agent.signal(chat.ContactId, "read", sent.Id);
      const item = await socket.waitForItem((i) => i.Type === "MESSAGEMETADATA", "the agent's read receipt");
      assert.equal(item.MessageMetadata.MessageId, sent.Id);
      assert.equal(item.MessageMetadata.Receipts[0].RecipientParticipantId, agentId);
      assert.match(item.MessageMetadata.Receipts[0].ReadTimestamp, ISO_MS);
    });

    test("receipts that all carry chatjs's ClientToken INCOMING_READ_RECEIPT are each delivered", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      await agent.join(chat.ContactId);
      const ids = [(await agent.say(chat.ContactId, "one")).id, (await agent.say(chat.ContactId, "two")).id];

      const sent = [];
      for (const messageId of ids) {
        sent.push(await client.send(new SendEventCommand({
          ConnectionToken: connectionToken, ContentType: CONTENT.read, Content: JSON.stringify({ messageId }),
          ClientToken: "INCOMING_READ_RECEIPT",
        })));
      }
      assert.notEqual(sent[1].Id, sent[0].Id);
      for (const [i, messageId] of ids.entries()) {
        const item = await socket.waitForItem((x) => x.Id === sent[i].Id, `receipt ${i + 1}`);
        assert.equal(item.MessageMetadata.MessageId, messageId);
      }
    });

    test("a receipt for an unknown messageId raises ConflictException (409)", async () => {
      const { client, connectionToken } = await connectedCustomer();
      const err = await rejection(() => client.send(new SendEventCommand({
        ConnectionToken: connectionToken, ContentType: CONTENT.read, Content: JSON.stringify({ messageId: "no-such-message" }),
      })));

      await assertParticipantError(err, "ConflictException", 409, "SendEvent");
      assert.match(err.message, /no-such-message/);
    });

    test("connection.acknowledged reaches the socket as an EVENT and is not kept in GetTranscript", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);

      const sent = await client.send(new SendEventCommand({ ConnectionToken: connectionToken, ContentType: CONTENT.acknowledged }));
      const item = await socket.waitForItem((i) => i.Id === sent.Id, "the connection.acknowledged event");
      assert.equal(item.Type, "EVENT");
      assert.equal(item.ContentType, CONTENT.acknowledged);
      const { Transcript } = await client.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, MaxResults: 100 }));
      assert.deepEqual(Transcript.map((i) => i.ContentType), [CONTENT.joined]);
      assert.equal((await transcriptOf(chat.ContactId)).filter((i) => i.ContentType === CONTENT.acknowledged).length, 0);
    });

    test("any ContentType of 1 to 100 characters is accepted: an unlisted one is pushed as an EVENT and not kept", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);

      for (const contentType of ["application/vnd.example.custom-event", "text/plain", "e".repeat(100)]) {
        const sent = await client.send(new SendEventCommand({ ConnectionToken: connectionToken, ContentType: contentType, Content: "{\"step\":2}" }));
        assert.match(sent.Id ?? "(missing)", LOWERCASE_UUID);
        assert.match(sent.AbsoluteTime, ISO_MS);
        const item = await socket.waitForItem((i) => i.Id === sent.Id, `the ${contentType} event`);
        assert.equal(item.Type, "EVENT");
        assert.equal(item.ContentType, contentType);
        assert.equal(item.Content, "{\"step\":2}");
        assert.equal(item.ParticipantId, chat.ParticipantId);
      }
      const { Transcript } = await client.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, MaxResults: 100 }));
      assert.deepEqual(Transcript.map((i) => i.ContentType), [CONTENT.joined]);
    });

    test("participant.invited, which chatjs documents for sendEvent, is pushed and kept as GetTranscript documents", async () => {
      const { client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);

      const sent = await client.send(new SendEventCommand({ ConnectionToken: connectionToken, ContentType: CONTENT.invited }));
      await socket.waitForItem((i) => i.Id === sent.Id, "the participant.invited event");
      const { Transcript } = await client.send(new GetTranscriptCommand({
        ConnectionToken: connectionToken, MaxResults: 100, SortOrder: "ASCENDING",
      }));
      assert.deepEqual(Transcript.map((i) => [i.Id === sent.Id, i.Type, i.ContentType]),
        [[false, "EVENT", CONTENT.joined], [true, "EVENT", CONTENT.invited]]);
    });

    test("a ContentType of more than 100 characters raises ValidationException (400) naming contentType", async () => {
      const { client, connectionToken } = await connectedCustomer();
      const err = await rejection(() => client.send(new SendEventCommand({
        ConnectionToken: connectionToken, ContentType: "e".repeat(101),
      })));

      await assertParticipantError(err, "ValidationException", 400, "SendEvent");
      assert.match(err.message, /'contentType'/);
    });

    test("a receipt whose Content names no message raises ValidationException (400)", async () => {
      const { client, connectionToken } = await connectedCustomer();
      const err = await rejection(() => client.send(new SendEventCommand({
        ConnectionToken: connectionToken, ContentType: CONTENT.read, Content: "not json",
      })));

      await assertParticipantError(err, "ValidationException", 400, "SendEvent");
    });

    test("an unknown connection token raises AccessDeniedException (403)", async () => {
      const err = await rejection(() => participantClient().send(new SendEventCommand({
        ConnectionToken: "not-a-connection-token", ContentType: CONTENT.typing,
      })));

      await assertParticipantError(err, "AccessDeniedException", 403, "SendEvent");
    });
  });

  describe("GetTranscript", () => {
    /** A chat with an initial message, an agent and messages from both: 8 items. Returns them in order. */
    async function conversation() {
      const setup = await connectedCustomer({ InitialMessage: { ContentType: "text/plain", Content: "I need help" } });
      const { chat, client, connectionToken } = setup;
      await agent.join(chat.ContactId);
      for (let n = 1; n <= 3; n++) {
        await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: `customer ${n}` }));
        await agent.say(chat.ContactId, `agent ${n}`);
      }
      const all = await transcriptOf(chat.ContactId);
      assert.equal(all.length, 9, JSON.stringify(all));
      return { ...setup, all, ids: all.map((i) => i.Id) };
    }

    async function pages(client, request) {
      const result = [];
      let NextToken;
      do {
        const page = await client.send(new GetTranscriptCommand({ ...request, NextToken }));
        assert.ok(page.Transcript.length <= (request.MaxResults ?? 10));
        result.push(page.Transcript.map((i) => i.Id));
        NextToken = page.NextToken;
        assert.ok(result.length < 20, "NextToken never ends");
      } while (NextToken);
      return result;
    }

    test("the InitialMessage is the first MESSAGE item, from the customer", async () => {
      const { chat, client, connectionToken } = await connectedCustomer({
        InitialMessage: { ContentType: "text/plain", Content: "I need help with order 1001" },
      });
      await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: "later" }));
      const { Transcript, InitialContactId } = await client.send(new GetTranscriptCommand({
        ConnectionToken: connectionToken, ScanDirection: "FORWARD", SortOrder: "ASCENDING",
      }));

      assert.equal(InitialContactId, chat.ContactId);
      assert.equal(Transcript[0].ContentType, CONTENT.joined);
      assert.equal(Transcript[0].ParticipantRole, "CUSTOMER");
      const first = Transcript.find((i) => i.Type === "MESSAGE");
      assert.equal(first.Content, "I need help with order 1001");
      assert.equal(first.ContentType, "text/plain");
      assert.equal(first.ParticipantRole, "CUSTOMER");
      assert.equal(first.ParticipantId, chat.ParticipantId);
      assert.equal(first.DisplayName, "Jane");
      assert.match(first.AbsoluteTime, ISO_MS);
      assert.equal(Transcript.filter((i) => i.Type === "MESSAGE").at(-1).Content, "later");
    });

    test("BACKWARD paging with MaxResults and NextToken returns every item once, newest pages first", async () => {
      const { client, connectionToken, ids } = await conversation();
      const result = await pages(client, { ConnectionToken: connectionToken, MaxResults: 4, ScanDirection: "BACKWARD", SortOrder: "ASCENDING" });

      assert.deepEqual(result, [ids.slice(5, 9), ids.slice(1, 5), ids.slice(0, 1)]);
    });

    test("FORWARD paging with MaxResults and NextToken returns every item once, oldest pages first", async () => {
      const { client, connectionToken, ids } = await conversation();
      const result = await pages(client, { ConnectionToken: connectionToken, MaxResults: 4, ScanDirection: "FORWARD", SortOrder: "ASCENDING" });

      assert.deepEqual(result, [ids.slice(0, 4), ids.slice(4, 8), ids.slice(8)]);
    });

    test("SortOrder DESCENDING orders each page newest first; the default page is the latest 10, newest first", async () => {
      const { client, connectionToken, ids } = await conversation();
      const forward = await pages(client, { ConnectionToken: connectionToken, MaxResults: 4, ScanDirection: "FORWARD", SortOrder: "DESCENDING" });
      assert.deepEqual(forward, [ids.slice(0, 4).reverse(), ids.slice(4, 8).reverse(), ids.slice(8)]);

      const latest = await client.send(new GetTranscriptCommand({ ConnectionToken: connectionToken }));
      assert.deepEqual(latest.Transcript.map((i) => i.Id), [...ids].reverse());
      assert.equal(latest.NextToken, undefined);
    });

    test("what chatjs sends: MaxResults 15, BACKWARD, ASCENDING and StartPosition {} (none)", async () => {
      const { client, connectionToken, ids } = await conversation();
      const output = await client.send(new GetTranscriptCommand({
        ConnectionToken: connectionToken, MaxResults: 15, ScanDirection: "BACKWARD", SortOrder: "ASCENDING", StartPosition: {},
      }));

      assert.deepEqual(output.Transcript.map((i) => i.Id), ids);
      const entry = await journalEntry(output.$metadata.requestId, "GetTranscript");
      assert.deepEqual(entry.requestBody.StartPosition, {});
    });

    test("StartPosition.Id starts the scan at that item, FORWARD by default", async () => {
      const { client, connectionToken, ids } = await conversation();
      const output = await client.send(new GetTranscriptCommand({
        ConnectionToken: connectionToken, StartPosition: { Id: ids[3] }, MaxResults: 3, SortOrder: "ASCENDING",
      }));
      assert.deepEqual(output.Transcript.map((i) => i.Id), ids.slice(3, 6));
      assert.ok(output.NextToken, "more items follow");

      const backward = await client.send(new GetTranscriptCommand({
        ConnectionToken: connectionToken, StartPosition: { Id: ids[3] }, ScanDirection: "BACKWARD", SortOrder: "ASCENDING",
      }));
      assert.deepEqual(backward.Transcript.map((i) => i.Id), ids.slice(0, 4));
    });

    test("StartPosition.MostRecent starts that many items before the newest", async () => {
      const { client, connectionToken, ids } = await conversation();
      const output = await client.send(new GetTranscriptCommand({
        ConnectionToken: connectionToken, StartPosition: { MostRecent: 2 }, SortOrder: "ASCENDING",
      }));

      assert.deepEqual(output.Transcript.map((i) => i.Id), ids.slice(6));
    });

    test("a StartPosition.Id that is not in the chat raises ValidationException (400)", async () => {
      const { client, connectionToken } = await connectedCustomer();
      const err = await rejection(() => client.send(new GetTranscriptCommand({
        ConnectionToken: connectionToken, StartPosition: { Id: "no-such-item" },
      })));

      await assertParticipantError(err, "ValidationException", 400, "GetTranscript");
    });

    test("MaxResults over 100 raises ValidationException (400) naming it", async () => {
      const { client, connectionToken } = await connectedCustomer();
      const err = await rejection(() => client.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, MaxResults: 101 })));

      await assertParticipantError(err, "ValidationException", 400, "GetTranscript");
      assert.match(err.message, /'maxResults'/);
    });

    test("an unknown connection token raises AccessDeniedException (403)", async () => {
      const err = await rejection(() => participantClient().send(new GetTranscriptCommand({ ConnectionToken: "nope" })));

      await assertParticipantError(err, "AccessDeniedException", 403, "GetTranscript");
    });
  });

  describe("DisconnectParticipant", () => {
    test("participant.left and chat.ended reach the socket, which closes with 1000; then tokens get 403", async () => {
      const { chat, client, connection, connectionToken } = await connectedCustomer();
      const socket = await sockets.open(connection.Websocket.Url);
      await agent.join(chat.ContactId);

      const output = await client.send(new DisconnectParticipantCommand({ ConnectionToken: connectionToken }));
      assert.equal(output.$metadata.httpStatusCode, 200);

      const left = await socket.waitForItem((i) => i.ContentType === CONTENT.left, "participant.left");
      assert.equal(left.ParticipantRole, "CUSTOMER");
      assert.equal(left.ParticipantId, chat.ParticipantId);
      const ended = await socket.waitForItem((i) => i.ContentType === CONTENT.ended, "chat.ended");
      assert.equal(ended.Type, "EVENT");
      assert.equal(ended.ContactId, chat.ContactId);
      assert.equal(ended.InitialContactId, chat.ContactId);
      assert.ok(socket.items.indexOf(left) < socket.items.indexOf(ended), "chat.ended came before participant.left");
      const { code } = await socket.waitForClose();
      assert.equal(code, 1000);

      const reconnect = await rejection(() => participantClient().send(new CreateParticipantConnectionCommand({
        ParticipantToken: chat.ParticipantToken, Type: BOTH,
      })));
      await assertParticipantError(reconnect, "AccessDeniedException", 403, "CreateParticipantConnection");
      const send = await rejection(() => client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "text/plain", Content: "still there?",
      })));
      await assertParticipantError(send, "AccessDeniedException", 403, "SendMessage");
      const transcript = await transcriptOf(chat.ContactId);
      assert.deepEqual(transcript.slice(-2).map((i) => i.ContentType), [CONTENT.left, CONTENT.ended]);
    });

    test("an unknown connection token raises AccessDeniedException (403)", async () => {
      const err = await rejection(() => participantClient().send(new DisconnectParticipantCommand({ ConnectionToken: "nope" })));

      await assertParticipantError(err, "AccessDeniedException", 403, "DisconnectParticipant");
    });
  });

  describe("faults injected through the control plane", () => {
    const operations = {
      CreateParticipantConnection: (s) => new CreateParticipantConnectionCommand({ ParticipantToken: s.chat.ParticipantToken, Type: BOTH }),
      SendMessage: (s) => new SendMessageCommand({ ConnectionToken: s.connectionToken, ContentType: "text/plain", Content: "hi" }),
      SendEvent: (s) => new SendEventCommand({ ConnectionToken: s.connectionToken, ContentType: CONTENT.typing }),
      GetTranscript: (s) => new GetTranscriptCommand({ ConnectionToken: s.connectionToken }),
      DisconnectParticipant: (s) => new DisconnectParticipantCommand({ ConnectionToken: s.connectionToken }),
    };
    for (const [operation, command] of Object.entries(operations)) {
      for (const [error, status] of [["ThrottlingException", 429], ["InternalServerException", 500]]) {
        test(`maxAttempts 1: ${operation} with an injected ${error} raises the SDK's ${error} (${status})`, async () => {
          const setup = await connectedCustomer();
          await controlPlane.addFault({ operation, error, count: 1 });
          const err = await rejection(() => participantClient({ maxAttempts: 1 }).send(command(setup)));

          await assertParticipantError(err, error, status, operation);
          assert.equal(err.$metadata.attempts, 1);
          // The fault fired once: the same call now succeeds.
          const output = await participantClient({ maxAttempts: 1 }).send(command(setup));
          assert.equal(output.$metadata.httpStatusCode, 200);
        });
      }
    }

    test("maxAttempts 3: SendMessage after an injected InternalServerException is retried with its ClientToken, posted once",
      async () => {
        const { chat, connectionToken } = await connectedCustomer();
        await controlPlane.addFault({ operation: "SendMessage", error: "InternalServerException", count: 1 });
        const sent = await participantClient({ maxAttempts: 3 }).send(new SendMessageCommand({
          ConnectionToken: connectionToken, ContentType: "text/plain", Content: "retried",
        }));

        assert.equal(sent.$metadata.attempts, 2);
        const requests = await controlPlane.requests({ operation: "SendMessage" });
        assert.equal(requests.length, 2, JSON.stringify(requests));
        assert.equal(requests[1].statusCode, 500);
        assert.equal(requests[0].statusCode, 200);
        assert.equal(requests[0].clientToken, requests[1].clientToken);
        const messages = (await transcriptOf(chat.ContactId)).filter((i) => i.Content === "retried");
        assert.deepEqual(messages.map((i) => i.Id), [sent.Id]);
      });
  });

  describe("a browser's CORS preflight", () => {
    test("is answered, not journaled and not faulted: a widget's call is counted once, and meets the fault itself", async () => {
      const { client, connectionToken } = await connectedCustomer();
      await controlPlane.addFault({ operation: "SendMessage", error: "ThrottlingException", count: 1 });

      // What a browser sends before a widget's SendMessage: X-Amz-Bearer is no header a page may send unasked.
      const preflight = await fetch(new URL("/participant/message", ENDPOINT), {
        method: "OPTIONS",
        headers: {
          Origin: "http://localhost:3000",
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type,x-amz-bearer,x-amz-user-agent",
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
      const throttled = await rejection(() => client.send(new SendMessageCommand({
        ConnectionToken: connectionToken, ContentType: "text/plain", Content: "hi",
      })));
      await assertParticipantError(throttled, "ThrottlingException", 429, "SendMessage");
      await client.send(new SendMessageCommand({ ConnectionToken: connectionToken, ContentType: "text/plain", Content: "hi" }));

      const requests = await controlPlane.requests({ operation: "SendMessage" });
      assert.deepEqual(requests.map((r) => [r.method, r.statusCode]), [["POST", 200], ["POST", 429]], JSON.stringify(requests));
    });
  });
});
