// The agent's side of a chat and the flow's messages, as the official SDKs see them: @aws-sdk/client-connect's
// DescribeContact (AgentInfo, QueueInfo, DisconnectTimestamp) and @aws-sdk/client-connectparticipant's SendMessage and
// GetTranscript, with the chat's WebSocket (ws), while the simulated agent leaves without ending the chat, transfers,
// invites, and the flow posts SYSTEM messages (docs/agent-lifecycle.md).
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DescribeContactCommand } from "@aws-sdk/client-connect";
import { GetTranscriptCommand, SendMessageCommand } from "@aws-sdk/client-connectparticipant";
import { INSTANCE_ID, call, connectClient, controlPlane } from "./helpers.mjs";
import { agent, connectedCustomer, socketJanitor } from "./chat-helpers.mjs";

const EVENT = "application/vnd.amazonaws.connect.event.";
const describeContact = async (contactId) =>
  (await connectClient().send(new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: contactId }))).Contact;
const control = (method, path, body) => call(method, `/_connectmock/contacts/${path}`, body);

async function customerWithAgent(sockets, agentId = "agent-alex") {
  const customer = await connectedCustomer();
  const socket = await sockets.open(customer.connection.Websocket.Url);
  await control("POST", `${customer.chat.ContactId}/agent`, { displayName: "Alex (Agent)", agentId });
  await socket.waitForItem((i) => i.ContentType === EVENT + "participant.joined", "participant.joined");
  return { ...customer, socket, contactId: customer.chat.ContactId };
}

const transcript = async ({ client, connectionToken }) =>
  (await client.send(new GetTranscriptCommand({ ConnectionToken: connectionToken, MaxResults: 100, SortOrder: "ASCENDING" }))).Transcript;

describe("the agent's side of the lifecycle, seen through the SDKs", () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(async () => {
    sockets.closeAll();
    await controlPlane.clock.real();
  });

  test("DescribeContact shows the agent who joined as AgentInfo, with its id and when it connected", async () => {
    const before = Date.now();
    const { contactId } = await customerWithAgent(sockets, "agent-7");

    const contact = await describeContact(contactId);

    assert.equal(contact.AgentInfo.Id, "agent-7");
    assert.ok(contact.AgentInfo.ConnectedToAgentTimestamp instanceof Date);
    assert.ok(contact.AgentInfo.ConnectedToAgentTimestamp.getTime() >= before - 1000);
    assert.equal(contact.LastUpdateTimestamp.getTime(), contact.AgentInfo.ConnectedToAgentTimestamp.getTime());
    assert.equal(contact.DisconnectTimestamp, undefined);
  });

  test("the agent leaves without ending the chat: participant.left, no chat.ended, and the customer still sends", async () => {
    const customer = await customerWithAgent(sockets);

    await control("DELETE", `${customer.contactId}/agent`, { endChat: false });
    const left = await customer.socket.waitForItem((i) => i.ContentType === EVENT + "participant.left", "participant.left");
    const sent = await customer.client.send(new SendMessageCommand({
      ConnectionToken: customer.connectionToken, ContentType: "text/plain", Content: "hello? anyone?",
    }));

    assert.equal(left.ParticipantRole, "AGENT");
    await customer.socket.waitForItem((i) => i.Id === sent.Id, "the customer's message");
    assert.equal(customer.socket.items.some((i) => i.ContentType === EVENT + "chat.ended"), false);
    const contact = await describeContact(customer.contactId);
    assert.equal(contact.DisconnectTimestamp, undefined);
    assert.equal(contact.AgentInfo.Id, "agent-alex");
    const types = (await transcript(customer)).map((i) => i.ContentType);
    assert.ok(types.includes(EVENT + "participant.left"));
    assert.ok(!types.includes(EVENT + "chat.ended"));
  });

  test("the disconnect flow (endAfter PT2M) ends the chat when the clock passes it, not before", async () => {
    const customer = await customerWithAgent(sockets);
    const { now } = await controlPlane.clock.freeze();

    await control("DELETE", `${customer.contactId}/agent`, { endChat: true, endAfter: "PT2M" });
    await customer.socket.waitForItem((i) => i.ContentType === EVENT + "participant.left", "participant.left");
    await controlPlane.clock.advance("PT1M59S");
    const sent = await customer.client.send(new SendMessageCommand({
      ConnectionToken: customer.connectionToken, ContentType: "text/plain", Content: "are you still there?",
    }));
    await customer.socket.waitForItem((i) => i.Id === sent.Id, "the customer's message during the disconnect flow");
    assert.equal((await describeContact(customer.contactId)).DisconnectTimestamp, undefined);
    await controlPlane.clock.advance("PT1S");

    await customer.socket.waitForItem((i) => i.ContentType === EVENT + "chat.ended", "chat.ended");
    const contact = await describeContact(customer.contactId);
    assert.equal(contact.DisconnectTimestamp.getTime(), Date.parse(now) + 120_000);
  });

  test("the agent leaves with no body: the chat ends with it, and DescribeContact has its DisconnectTimestamp", async () => {
    const customer = await customerWithAgent(sockets);

    await agent.leave(customer.contactId);

    await customer.socket.waitForItem((i) => i.ContentType === EVENT + "chat.ended", "chat.ended");
    assert.ok((await describeContact(customer.contactId)).DisconnectTimestamp instanceof Date);
  });

  test("a transfer: transfer.succeeded, the agent leaves, the next joins; AgentInfo and QueueInfo follow", async () => {
    const customer = await customerWithAgent(sockets);

    const result = await control("POST", `${customer.contactId}/agent/transfer`, { displayName: "Sam (Agent)", agentId: "agent-sam", queueId: "queue-billing" });
    const joined = await customer.socket.waitForItem(
      (i) => i.ContentType === EVENT + "participant.joined" && i.DisplayName === "Sam (Agent)", "the next agent's participant.joined");

    assert.equal(result.outcome, "SUCCEEDED");
    assert.equal(joined.ParticipantId, result.agent.participantId);
    const order = customer.socket.items.map((i) => i.ContentType).slice(-3);
    assert.deepEqual(order, [EVENT + "transfer.succeeded", EVENT + "participant.left", EVENT + "participant.joined"]);
    const contact = await describeContact(customer.contactId);
    assert.equal(contact.AgentInfo.Id, "agent-sam");
    assert.equal(contact.QueueInfo.Id, "queue-billing");
    assert.ok(contact.QueueInfo.EnqueueTimestamp instanceof Date);
    const types = (await transcript(customer)).map((i) => i.ContentType);
    assert.deepEqual(types.slice(-3), order);
  });

  test("a failed transfer is transfer.failed in the socket and the transcript, and the agent stays", async () => {
    const customer = await customerWithAgent(sockets);

    const result = await control("POST", `${customer.contactId}/agent/transfer`, { fail: true });

    assert.equal(result.outcome, "FAILED");
    await customer.socket.waitForItem((i) => i.ContentType === EVENT + "transfer.failed", "transfer.failed");
    await agent.say(customer.contactId, "still with you");
    await customer.socket.waitForItem((i) => i.Content === "still with you" && i.DisplayName === "Alex (Agent)", "the same agent's message");
    assert.ok((await transcript(customer)).some((i) => i.ContentType === EVENT + "transfer.failed"));
  });

  test("an invitation is participant.invited, from the invitee, kept in GetTranscript", async () => {
    const customer = await customerWithAgent(sockets);

    const posted = await control("POST", `${customer.contactId}/agent/invite`, { displayName: "Pat (Supervisor)" });

    const invited = await customer.socket.waitForItem((i) => i.ContentType === EVENT + "participant.invited", "participant.invited");
    assert.equal(invited.Id, posted.id);
    assert.equal(invited.DisplayName, "Pat (Supervisor)");
    assert.ok((await transcript(customer)).some((i) => i.Id === posted.id && i.Type === "EVENT"));
  });

  test("the flow's messages are SYSTEM messages from SYSTEM_MESSAGE, in the socket and GetTranscript", async () => {
    const customer = await connectedCustomer();
    const socket = await sockets.open(customer.connection.Websocket.Url);

    const posted = await control("POST", `${customer.chat.ContactId}/flow/messages`, { content: "You are number 2 in the queue." });

    const item = await socket.waitForItem((i) => i.Id === posted.id, "the flow's message");
    assert.deepEqual([item.Type, item.ParticipantRole, item.DisplayName], ["MESSAGE", "SYSTEM", "SYSTEM_MESSAGE"]);
    const kept = (await transcript(customer)).find((i) => i.Id === posted.id);
    assert.equal(kept.ParticipantRole, "SYSTEM");
    assert.equal(kept.Content, "You are number 2 in the queue.");
  });
});
