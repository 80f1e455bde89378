// The control plane of a server started with an API key (tests/compat/run.sh starts the main server with one, so
// every other test here also goes through the key, in helpers.mjs and conftest.py): without the key, or with a
// wrong one, it answers 401 and does nothing; with it, in either header, it works. The AWS API never needs it.
import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { API_KEY, ENDPOINT, assertStarted, connectClient, controlPlane, minimalRequest } from "./helpers.mjs";
import { StartChatContactCommand } from "@aws-sdk/client-connect";

if (!API_KEY) {
  throw new Error("CONNECTMOCK_API_KEY is not set: tests/compat/run.sh starts the server with a key and sets it");
}

/** A raw control-plane call with exactly these headers. */
async function raw(method, path, headers = {}) {
  const response = await fetch(new URL(path, ENDPOINT), { method, headers });
  return { status: response.status, body: await response.text(), authenticate: response.headers.get("www-authenticate") };
}

describe("the control plane with an API key", () => {
  let contactId;

  beforeEach(async () => {
    await controlPlane.reset();
    const output = await connectClient().send(new StartChatContactCommand(minimalRequest()));
    assertStarted(output);
    contactId = output.ContactId;
  });

  for (const [name, headers] of [
    ["no key", {}],
    ["a wrong key", { "x-connectmock-api-key": `${API_KEY}-not` }],
    ["a wrong bearer token", { authorization: "Bearer not-the-key" }],
  ]) {
    test(`${name}: 401, nothing read, nothing reset`, async () => {
      const read = await raw("GET", `/_connectmock/contacts/${contactId}`, headers);
      const reset = await raw("POST", "/_connectmock/reset", headers);

      assert.equal(read.status, 401, read.body);
      assert.equal(reset.status, 401, reset.body);
      assert.match(JSON.parse(read.body).error, /X-ConnectMock-Api-Key/);
      assert.match(read.authenticate ?? "", /^Bearer/);
      assert.equal((await controlPlane.contacts()).length, 1, "the contact is gone");
    });
  }

  for (const [name, headers] of [
    ["X-ConnectMock-Api-Key", { "x-connectmock-api-key": API_KEY }],
    ["Authorization: Bearer", { authorization: `Bearer ${API_KEY}` }],
  ]) {
    test(`the key in ${name}: served`, async () => {
      const read = await raw("GET", `/_connectmock/contacts/${contactId}`, headers);

      assert.equal(read.status, 200, read.body);
      assert.equal(JSON.parse(read.body).contactId, contactId);
    });
  }
});
