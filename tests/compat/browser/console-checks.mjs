// What the console's browser tests (console.test.mjs in Chromium, console-firefox.test.mjs in Firefox) check the same
// way whatever the browser: the preconditions, what a customer's own connection reads, a fault's effect on the AWS
// SDK, and the console's two palettes.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { CreateParticipantConnectionCommand, GetTranscriptCommand } from "@aws-sdk/client-connectparticipant";
import { API_KEY } from "../js/helpers.mjs";
import { participantClient, startChat } from "../js/chat-helpers.mjs";

export const RESULTS = process.env.COMPAT_RESULTS_DIR;
export const TIMEOUT = 20_000;

if (!RESULTS) {
  throw new Error("COMPAT_RESULTS_DIR is not set: run these tests through tests/compat/run.sh");
}
if (!API_KEY) {
  throw new Error("CONNECTMOCK_API_KEY is not set: the console is tested against a server that requires its key");
}

/** The page's background in each scheme (console.css's --bg): which palette the browser chose. */
export const LIGHT_BACKGROUND = "rgb(246, 247, 249)";
export const DARK_BACKGROUND = "rgb(15, 18, 22)";

/** A test's name as a file name, for its log. */
export const logName = (t) => t.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 60);

/** The agent's messages as [ContentType, Content], from GetTranscript on the customer's own connection. */
export async function agentMessagesOf(participantToken) {
  const client = participantClient();
  const connection = await client.send(new CreateParticipantConnectionCommand({ ParticipantToken: participantToken, Type: ["CONNECTION_CREDENTIALS"] }));
  const { Transcript } = await client.send(new GetTranscriptCommand({
    ConnectionToken: connection.ConnectionCredentials.ConnectionToken, SortOrder: "ASCENDING" }));
  const messages = Transcript.filter((i) => i.Type === "MESSAGE" && i.ParticipantRole === "AGENT");
  for (const message of messages) assert.equal(message.DisplayName, "Alex (Agent)");
  return messages.map((i) => [i.ContentType, i.Content]);
}

/**
 * After the console added a one-time ThrottlingException fault to StartChatContact: the next call gets it (429), the
 * retry with the same ClientToken starts the chat. Returns the ClientToken.
 */
export async function assertThrottledOnce() {
  const token = randomUUID();
  await assert.rejects(startChat({ ClientToken: token }), (err) => {
    assert.equal(err.name, "ThrottlingException");
    assert.equal(err.$metadata.httpStatusCode, 429);
    return true;
  });
  const retried = await startChat({ ClientToken: token });
  assert.ok(retried.ContactId);
  return token;
}
