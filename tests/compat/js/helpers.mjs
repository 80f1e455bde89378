// Shared helpers of the JS compatibility tests: the server under test, its control plane, the SDK client.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as connect from "@aws-sdk/client-connect";

const { ConnectClient, StartChatContactRequest$ } = connect;

/** The real ConnectMock that tests/compat/run.sh started; no default, so a wrong setup fails instead of hitting 8080. */
export const ENDPOINT = process.env.CONNECTMOCK_ENDPOINT;
if (!ENDPOINT) {
  throw new Error("CONNECTMOCK_ENDPOINT is not set: run these tests through tests/compat/run.sh");
}

export const INSTANCE_ID = "11111111-2222-3333-4444-555555555555";
export const CONTACT_FLOW_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
export const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** What every SDK client of these tests gets: our endpoint, dummy credentials, the SDK's own retry logic. */
export function clientConfig({ maxAttempts = 1 } = {}) {
  return {
    endpoint: ENDPOINT,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDCOMPATTEST", secretAccessKey: "compat-test-secret" },
    maxAttempts,
  };
}

/** A ConnectClient as a user would build it. */
export function connectClient(options) {
  return new ConnectClient(clientConfig(options));
}

export function minimalRequest(extra = {}) {
  return {
    InstanceId: INSTANCE_ID,
    ContactFlowId: CONTACT_FLOW_ID,
    ParticipantDetails: { DisplayName: "Jane" },
    ...extra,
  };
}

/** The request members this SDK's model knows, from the schema the package ships (not a list written here). */
export function membersKnownToClient() {
  const schema = StartChatContactRequest$;
  assert.ok(Array.isArray(schema) && schema[2] === "StartChatContactRequest" && Array.isArray(schema[4]),
    "the layout of @aws-sdk/client-connect's StartChatContactRequest$ schema changed; update membersKnownToClient()");
  return [...schema[4]];
}

/**
 * The full requests for a client that knows `known` members: every known member with a value from
 * full-request.json, one request per side of each mutually exclusive pair the client knows entirely.
 */
export function fullRequests(known) {
  const file = JSON.parse(readFileSync(new URL("../full-request.json", import.meta.url), "utf8"));
  const missing = known.filter((m) => !(m in file.members));
  assert.deepEqual(missing, [], `full-request.json has no value for members this client knows: ${missing.join(", ")}`);
  let variants = [{ name: "every member", members: [...known] }];
  for (const group of file.mutuallyExclusive) {
    const present = group.filter((m) => known.includes(m));
    if (present.length < 2) continue;
    variants = variants.flatMap((v) => present.map((keep) => ({
      name: `${v.name} (with ${keep}, without ${present.filter((m) => m !== keep).join(", ")})`,
      members: v.members.filter((m) => m === keep || !present.includes(m)),
    })));
  }
  return variants.map((v) => ({
    name: v.name,
    request: Object.fromEntries(v.members.map((m) => [m, structuredClone(file.members[m])])),
  }));
}

/** The control plane's API key, when the server was started with one (ConnectMock__ControlPlane__ApiKey). */
export const API_KEY = process.env.CONNECTMOCK_API_KEY || undefined;

/** The headers of a control-plane call: the API key when there is one, JSON's content type when there is a body. */
export function controlPlaneHeaders(body, apiKey = API_KEY) {
  return {
    ...(apiKey ? { "x-connectmock-api-key": apiKey } : {}),
    ...(body === undefined ? {} : { "content-type": "application/json" }),
  };
}

/** One call to the control plane; its JSON answer, or an error naming the status. */
export async function call(method, path, body, endpoint = ENDPOINT) {
  const response = await fetch(new URL(path, endpoint), {
    method,
    headers: controlPlaneHeaders(body, endpoint === ENDPOINT ? API_KEY : undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`control plane ${method} ${path} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

/** ConnectMock's test control plane (/_connectmock): plain JSON, camelCase. */
export const controlPlane = {
  reset: () => call("POST", "/_connectmock/reset"),
  addFault: (fault) => call("POST", "/_connectmock/faults", fault),
  faults: async () => (await call("GET", "/_connectmock/faults")).faults,
  contacts: async (query = {}) =>
    (await call("GET", `/_connectmock/contacts?${new URLSearchParams(query)}`)).contacts,
  contact: (contactId) => call("GET", `/_connectmock/contacts/${encodeURIComponent(contactId)}`),
  /** Journal entries with their bodies, newest first. */
  requests: async (query = {}) =>
    (await call("GET", `/_connectmock/requests?${new URLSearchParams({ operation: "StartChatContact", includeBodies: "true", ...query })}`)).requests,
  /** The service's clock: read, freeze (now or `at`), advance by an ISO 8601 duration, back to real time. */
  clock: {
    read: () => call("GET", "/_connectmock/clock"),
    freeze: (at) => call("POST", "/_connectmock/clock/freeze", at === undefined ? undefined : { at }),
    advance: (by) => call("POST", "/_connectmock/clock/advance", { by }),
    real: () => call("POST", "/_connectmock/clock/real"),
  },
};

/** Asserts what every successful StartChatContact returns: two lowercase UUIDs and an opaque token. */
export function assertStarted(output) {
  const { $metadata, ...members } = output;
  const seen = `the SDK returned ${JSON.stringify(members)}`;
  assert.equal($metadata.httpStatusCode, 200);
  assert.match(output.ContactId ?? "(missing)", LOWERCASE_UUID, `ContactId: ${seen}`);
  assert.match(output.ParticipantId ?? "(missing)", LOWERCASE_UUID, `ParticipantId: ${seen}`);
  assert.ok(typeof output.ParticipantToken === "string" && output.ParticipantToken.length > 0, `ParticipantToken: ${seen}`);
}

/** The one journal entry of the call to `operation`, which must carry the request id the SDK reported. */
export async function assertJournaledOnce(requestId, operation = "StartChatContact") {
  assert.match(requestId ?? "", LOWERCASE_UUID, `the SDK reported request id ${requestId}`);
  const entries = await controlPlane.requests({ operation });
  assert.equal(entries.length, 1, `journal: ${JSON.stringify(entries)}`);
  assert.equal(entries[0].requestId, requestId, "the SDK's request id is not the one the server sent");
  return entries[0];
}

/**
 * Asserts that `err` is the SDK's typed exception `name` with HTTP `status`, that the server named the error in both
 * places (the x-amzn-ErrorType header, which JS and botocore read first, and the body's __type, which .NET reads
 * first), and that the request id the SDK reports is the one in the server's journal entry of `operation`, its
 * only call in the test. Returns the journal entry.
 */
export async function assertServiceError(err, name, status, operation = "StartChatContact") {
  assert.equal(err.name, name, `${err.name}: ${err.message}`);
  assert.equal(typeof connect[name], "function", `@aws-sdk/client-connect exports no ${name}`);
  assert.ok(err instanceof connect[name], `not an instance of the package's ${name}`);
  assert.ok(err instanceof connect.ConnectServiceException);
  assert.equal(err.$fault, status < 500 ? "client" : "server");
  assert.equal(err.$metadata.httpStatusCode, status);
  assert.equal(err.$response?.headers?.["x-amzn-errortype"], name, "the x-amzn-ErrorType header");
  assert.equal(err.__type, name, "the body's __type");
  assert.ok(err.message.length > 0, "empty message");
  const entry = await assertJournaledOnce(err.$metadata.requestId, operation);
  assert.equal(entry.errorName, name);
  assert.equal(entry.statusCode, status);
  return entry;
}

/** Runs `send`, which must throw; returns the error. */
export async function rejection(send) {
  try {
    const output = await send();
    assert.fail(`expected an error, got ${JSON.stringify(output)}`);
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    return err;
  }
}
