// The JS SDK's own retry logic against faults injected through ConnectMock's control plane, and the typed
// exceptions its users catch when retries are off.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { StartChatContactCommand } from "@aws-sdk/client-connect";
import {
  assertServiceError, assertStarted, connectClient, controlPlane, minimalRequest, rejection, UUID_V4,
} from "./helpers.mjs";

/**
 * Sends one StartChatContact with maxAttempts 3 and no ClientToken of ours, after a fault that fires once; the SDK
 * must retry with the token it generated and get the one contact back.
 */
async function assertRecoversFrom(fault, firstAttempt) {
  await controlPlane.addFault({ operation: "StartChatContact", count: 1, ...fault });
  const output = await connectClient({ maxAttempts: 3 }).send(new StartChatContactCommand(minimalRequest()));

  assertStarted(output);
  assert.equal(output.$metadata.attempts, 2, "the SDK did not make exactly two attempts");
  const contacts = await controlPlane.contacts();
  assert.equal(contacts.length, 1, `contacts: ${JSON.stringify(contacts)}`);
  assert.equal(contacts[0].contactId, output.ContactId);
  assert.equal(contacts[0].participantId, output.ParticipantId);
  const entries = await controlPlane.requests();
  assert.equal(entries.length, 2, `journal: ${JSON.stringify(entries)}`);
  const [second, first] = entries;
  assert.match(first.clientToken ?? "", UUID_V4);
  assert.equal(second.clientToken, first.clientToken, "the retry did not reuse the ClientToken");
  assert.equal(contacts[0].clientToken, first.clientToken);
  firstAttempt(first);
  assert.equal(second.statusCode, 200);
  assert.equal(second.connectionDropped, false);
  assert.equal(second.requestId, output.$metadata.requestId);
  return { first, second, output };
}

describe("@aws-sdk/client-connect retries and injected errors", () => {
  beforeEach(() => controlPlane.reset());

  test("maxAttempts 3: a connection dropped after the contact was created is retried and returns that contact",
    async () => {
      await assertRecoversFrom({ dropConnection: "AfterProcessing" }, (first) => {
        assert.equal(first.connectionDropped, true);
      });
    });

  test("maxAttempts 3: an injected InternalServiceException (500) is retried and the chat starts once", async () => {
    await assertRecoversFrom({ error: "InternalServiceException" }, (first) => {
      assert.equal(first.statusCode, 500);
      assert.equal(first.errorName, "InternalServiceException");
      assert.equal(first.connectionDropped, false);
    });
  });

  test("maxAttempts 3: an injected ThrottlingException (429) is retried with backoff and the chat starts once",
    async () => {
      await assertRecoversFrom({ error: "ThrottlingException" }, (first) => {
        assert.equal(first.statusCode, 429);
        assert.equal(first.errorName, "ThrottlingException");
      });
    });

  const typedErrors = [
    ["ThrottlingException", 429],
    ["LimitExceededException", 429],
    ["ResourceNotFoundException", 404],
    ["AccessDeniedException", 403],
    ["InternalServiceException", 500],
  ];
  for (const [name, status] of typedErrors) {
    test(`maxAttempts 1: an injected ${name} surfaces as the SDK's ${name} (${status})`, async () => {
      await controlPlane.addFault({ operation: "StartChatContact", error: name, count: 1 });
      const err = await rejection(() => connectClient({ maxAttempts: 1 }).send(
        new StartChatContactCommand(minimalRequest({ ClientToken: `js-${name}` }))));

      await assertServiceError(err, name, status);
      assert.equal(err.$metadata.attempts, 1);
      assert.equal((await controlPlane.contacts()).length, 0);
    });
  }
});
