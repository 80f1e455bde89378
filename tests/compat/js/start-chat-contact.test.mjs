// What a user of the AWS SDK for JavaScript v3 sees when StartChatContact is sent to ConnectMock.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { InvalidParameterException, StartChatContactCommand, StopContactCommand } from "@aws-sdk/client-connect";
import {
  assertJournaledOnce, assertServiceError, assertStarted, call, connectClient, controlPlane, fullRequests,
  membersKnownToClient, minimalRequest, rejection, INSTANCE_ID, UUID_V4,
} from "./helpers.mjs";

const sdkVersion = JSON.parse(
  readFileSync(new URL("../node_modules/@aws-sdk/client-connect/package.json", import.meta.url), "utf8")).version;

describe(`@aws-sdk/client-connect ${sdkVersion} StartChatContact`, () => {
  beforeEach(() => controlPlane.reset());

  test("the installed SDK is the pinned version", () => {
    const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
      .dependencies["@aws-sdk/client-connect"];
    assert.equal(sdkVersion, pinned);
  });

  test("a minimal request starts a chat and returns its three ids", async () => {
    const output = await connectClient().send(new StartChatContactCommand(minimalRequest({ ClientToken: "js-minimal-1" })));

    assertStarted(output);
    const entry = await assertJournaledOnce(output.$metadata.requestId);
    assert.equal(entry.statusCode, 200);
    const [contact] = await controlPlane.contacts({ clientToken: "js-minimal-1" });
    assert.equal(contact.contactId, output.ContactId);
    assert.equal(contact.participantId, output.ParticipantId);
  });

  const known = membersKnownToClient();
  for (const { name, request } of fullRequests(known)) {
    test(`a full request succeeds: ${name}`, async () => {
      if (request.PersistentChat) {
        // A persistent chat continues an ended chat of the instance: end one first, then forget its calls.
        const source = await connectClient().send(new StartChatContactCommand(minimalRequest()));
        await connectClient().send(new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: source.ContactId }));
        await call("DELETE", "/_connectmock/requests");
        request.PersistentChat.SourceContactId = source.ContactId;
      }
      const output = await connectClient().send(new StartChatContactCommand(request));

      assertStarted(output);
      if (request.PersistentChat) {
        assert.equal(output.ContinuedFromContactId, request.PersistentChat.SourceContactId);
      } else {
        assert.equal(output.ContinuedFromContactId, undefined);
      }
      // Every member went out under its AWS name and the server kept each of them as sent.
      const entry = await assertJournaledOnce(output.$metadata.requestId);
      assert.deepEqual(entry.requestBody, request);
      const stored = await controlPlane.contact(output.ContactId);
      assert.deepEqual(stored.request, request);
      assert.equal(stored.participantToken, output.ParticipantToken);
    });
  }

  test("the same ClientToken twice returns the same contact", async () => {
    const client = connectClient();
    const first = await client.send(new StartChatContactCommand(minimalRequest({ ClientToken: "js-idempotent-1" })));
    const second = await client.send(new StartChatContactCommand(minimalRequest({ ClientToken: "js-idempotent-1" })));

    assertStarted(first);
    assertStarted(second);
    assert.deepEqual(
      [second.ContactId, second.ParticipantId, second.ParticipantToken],
      [first.ContactId, first.ParticipantId, first.ParticipantToken]);
    assert.notEqual(second.$metadata.requestId, first.$metadata.requestId);
    assert.equal((await controlPlane.contacts()).length, 1);
    assert.equal((await controlPlane.requests({ clientToken: "js-idempotent-1" })).length, 2);
  });

  test("without a ClientToken the SDK sends one and the chat starts", async () => {
    const request = minimalRequest();
    assert.equal("ClientToken" in request, false);
    const output = await connectClient().send(new StartChatContactCommand(request));

    assertStarted(output);
    const entry = await assertJournaledOnce(output.$metadata.requestId);
    assert.match(entry.clientToken ?? "", UUID_V4, "the SDK did not fill ClientToken with a UUID v4");
    assert.equal(entry.requestBody.ClientToken, entry.clientToken);
    const [contact] = await controlPlane.contacts();
    assert.equal(contact.contactId, output.ContactId);
    assert.equal(contact.clientToken, entry.clientToken);
  });

  test("a missing required member raises InvalidParameterException (400) naming it", async () => {
    const { InstanceId, ...request } = minimalRequest({ ClientToken: "js-missing-1" });
    assert.equal(InstanceId, INSTANCE_ID);
    const err = await rejection(() => connectClient().send(new StartChatContactCommand(request)));

    await assertServiceError(err, "InvalidParameterException", 400);
    assert.ok(err instanceof InvalidParameterException, "not an instance of the package's InvalidParameterException");
    assert.match(err.message, /'instanceId'/);
    assert.equal((await controlPlane.contacts()).length, 0);
  });

  test("an out-of-range value raises InvalidParameterException (400) naming the member", async () => {
    const err = await rejection(() => connectClient().send(new StartChatContactCommand(
      minimalRequest({ ClientToken: "js-range-1", ChatDurationInMinutes: 20000 }))));

    await assertServiceError(err, "InvalidParameterException", 400);
    assert.ok(err instanceof InvalidParameterException, "not an instance of the package's InvalidParameterException");
    assert.match(err.message, /'chatDurationInMinutes'/);
    assert.match(err.message, /10080/);
    assert.equal((await controlPlane.contacts()).length, 0);
  });
});
