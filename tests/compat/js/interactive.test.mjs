// Interactive messages as a user of @aws-sdk/client-connectparticipant sees them against ConnectMock: the simulated
// agent (standing in for a Lex bot or a flow) sends a ListPicker to a chat that declared
// application/vnd.amazonaws.connect.message.interactive; the customer receives it on the WebSocket and in
// GetTranscript, answers with application/vnd.amazonaws.connect.message.interactive.response through SendMessage, and
// the agent side sees the answer. A chat that did not declare the type never receives one.
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GetTranscriptCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { controlPlane, rejection } from "./helpers.mjs";
import { agent, assertParticipantError, connectedCustomer, socketJanitor, transcriptOf } from "./chat-helpers.mjs";

const INTERACTIVE = "application/vnd.amazonaws.connect.message.interactive";
const RESPONSE = "application/vnd.amazonaws.connect.message.interactive.response";
const LIST_PICKER = {
  templateType: "ListPicker",
  version: "1.0",
  data: {
    replyMessage: { title: "Thanks for selecting!" },
    content: {
      title: "What can I help you with?",
      subtitle: "Tap to select option",
      elements: [{ title: "Billing" }, { title: "New service" }, { title: "Cancellation" }],
    },
  },
};

describe("interactive messages through @aws-sdk/client-connectparticipant", () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(() => sockets.closeAll());

  test("the agent's ListPicker reaches the customer, whose interactive.response reaches the agent side", async () => {
    const setup = await connectedCustomer({ SupportedMessagingContentTypes: ["text/plain", INTERACTIVE, RESPONSE] });
    const { ContactId } = setup.chat;
    const socket = await sockets.open(setup.connection.Websocket.Url);
    await agent.join(ContactId, "Alex (Agent)");

    const content = JSON.stringify(LIST_PICKER);
    const posted = await agent.say(ContactId, content, INTERACTIVE);
    const item = await socket.waitForItem((i) => i.ContentType === INTERACTIVE, "the interactive message");
    assert.equal(item.Id, posted.id);
    assert.equal(item.Type, "MESSAGE");
    assert.equal(item.ParticipantRole, "AGENT");
    assert.deepEqual(JSON.parse(item.Content), LIST_PICKER);
    const transcript = await setup.client.send(new GetTranscriptCommand({ ConnectionToken: setup.connectionToken, SortOrder: "ASCENDING" }));
    assert.equal(transcript.Transcript.find((i) => i.Id === posted.id).Content, content);

    // The customer picks "Billing", answering with the template and the element chosen, as the hosted widget's
    // interactive responses carry templateType, version and data.
    const answer = JSON.stringify({
      templateType: "ListPicker", version: "1.0",
      data: { content: { title: LIST_PICKER.data.content.title, elements: [{ title: "Billing" }] } },
    });
    const sent = await setup.client.send(new SendMessageCommand({ ConnectionToken: setup.connectionToken, ContentType: RESPONSE, Content: answer }));
    const seen = (await transcriptOf(ContactId)).find((i) => i.Id === sent.Id);
    assert.equal(seen.ContentType, RESPONSE);
    assert.equal(seen.ParticipantRole, "CUSTOMER");
    assert.equal(seen.Content, answer);
    const echoed = await socket.waitForItem((i) => i.Id === sent.Id, "the customer's answer on the socket");
    assert.equal(echoed.ContentType, RESPONSE);
  });

  test("a chat that did not declare the interactive type never receives one: the control plane answers 400", async () => {
    const setup = await connectedCustomer();
    const { ContactId } = setup.chat;
    await agent.join(ContactId, "Alex (Agent)");

    const error = await rejection(() => agent.say(ContactId, JSON.stringify(LIST_PICKER), INTERACTIVE));
    assert.match(error.message, /answered 400: [\s\S]*cannot receive application\/vnd\.amazonaws\.connect\.message\.interactive/);
    assert.ok(!(await transcriptOf(ContactId)).some((i) => i.ContentType === INTERACTIVE));
  });

  test("a malformed template is a 400 naming the member, and never reaches the socket", async () => {
    const setup = await connectedCustomer({ SupportedMessagingContentTypes: ["text/plain", INTERACTIVE, RESPONSE] });
    const { ContactId } = setup.chat;
    await agent.join(ContactId, "Alex (Agent)");
    const tooMany = { ...LIST_PICKER, data: { content: { title: "Pick", elements: Array.from({ length: 7 }, (_, i) => ({ title: `Option ${i}` })) } } };

    const error = await rejection(() => agent.say(ContactId, JSON.stringify(tooMany), INTERACTIVE));
    assert.match(error.message, /answered 400: [\s\S]*data\.content\.elements has 7 items; a ListPicker has 1 to 6\./);
  });

  test("the customer cannot send an interactive message itself: SendMessage answers ValidationException", async () => {
    const setup = await connectedCustomer({ SupportedMessagingContentTypes: ["text/plain", INTERACTIVE, RESPONSE] });
    const err = await rejection(() => setup.client.send(new SendMessageCommand({
      ConnectionToken: setup.connectionToken, ContentType: INTERACTIVE, Content: JSON.stringify(LIST_PICKER),
    })));
    await assertParticipantError(err, "ValidationException", 400, "SendMessage");
  });
});
