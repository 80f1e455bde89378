// Helpers of the chat tests: a started chat, the Participant Service client, the chat WebSocket (through the `ws`
// package, speaking what amazon-connect-chatjs speaks), the agent simulation and typed Participant Service errors.
import assert from "node:assert/strict";
import * as participant from "@aws-sdk/client-connectparticipant";
import { StartChatContactCommand } from "@aws-sdk/client-connect";
import WebSocket from "ws";
import { LOWERCASE_UUID, call, clientConfig, connectClient, minimalRequest } from "./helpers.mjs";

const { ConnectParticipantClient, ConnectParticipantServiceException, CreateParticipantConnectionCommand } = participant;

export const CONTENT = {
  typing: "application/vnd.amazonaws.connect.event.typing",
  read: "application/vnd.amazonaws.connect.event.message.read",
  delivered: "application/vnd.amazonaws.connect.event.message.delivered",
  joined: "application/vnd.amazonaws.connect.event.participant.joined",
  left: "application/vnd.amazonaws.connect.event.participant.left",
  ended: "application/vnd.amazonaws.connect.event.chat.ended",
  metadata: "application/vnd.amazonaws.connect.event.message.metadata",
  acknowledged: "application/vnd.amazonaws.connect.event.connection.acknowledged",
  invited: "application/vnd.amazonaws.connect.event.participant.invited",
};

/** The Participant Service timestamps: ISO-8601 UTC, always three fractional digits (chatjs compares them as strings). */
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A ConnectParticipantClient as a widget backend or test would build one: our endpoint, dummy credentials. */
export function participantClient(options) {
  return new ConnectParticipantClient(clientConfig(options));
}

/** StartChatContact through the Connect SDK; returns its output. */
export async function startChat(extra = {}) {
  return connectClient().send(new StartChatContactCommand(minimalRequest(extra)));
}

/** A started chat whose customer holds a connection: {chat, connection, connectionToken, client}. */
export async function connectedCustomer(extra = {}, types = ["WEBSOCKET", "CONNECTION_CREDENTIALS"]) {
  const chat = await startChat(extra);
  const client = participantClient();
  const connection = await client.send(
    new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken, Type: types }));
  return { chat, client, connection, connectionToken: connection.ConnectionCredentials?.ConnectionToken };
}

/**
 * The chat WebSocket, opened with the `ws` package and driven as chatjs drives it: subscribe to aws/chat, then
 * ping and heartbeat. Every frame is kept; `items` holds the aws/chat items, parsed from their JSON string.
 */
export class ChatSocket {
  constructor(url) {
    this.url = url;
    this.frames = [];
    this.items = [];
    this.waiters = [];
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.socket.once("open", resolve);
      // A refused upgrade is an error "Unexpected server response: 403".
      this.socket.once("error", reject);
    });
    this.closed = new Promise((resolve) => {
      this.socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    this.socket.on("message", (data, isBinary) => {
      const text = data.toString();
      const frame = { text, isBinary, json: JSON.parse(text) };
      this.frames.push(frame);
      if (frame.json.topic === "aws/chat") {
        assert.equal(typeof frame.json.content, "string", `aws/chat content must be a JSON string: ${text}`);
        this.items.push(JSON.parse(frame.json.content));
      }
      this.waiters = this.waiters.filter((w) => !w.check());
    });
  }

  /** Opens a socket on `url` and subscribes it to aws/chat, waiting for the ack. */
  static async open(url) {
    const socket = new ChatSocket(url);
    await socket.opened;
    socket.send({ topic: "aws/subscribe", content: { topics: ["aws/chat"] } });
    await socket.waitForFrame((f) => f.topic === "aws/subscribe", "the aws/subscribe ack");
    return socket;
  }

  send(frame) {
    this.socket.send(JSON.stringify(frame));
  }

  /** Waits for the first frame (parsed) matching `predicate`, among those already received or still to come. */
  waitForFrame(predicate, what, timeoutMs = 15000) {
    return this.#waitFor(() => this.frames.map((f) => f.json).find(predicate), what, timeoutMs);
  }

  /** Waits for the first aws/chat item matching `predicate`. */
  waitForItem(predicate, what, timeoutMs = 15000) {
    return this.#waitFor(() => this.items.find(predicate), what, timeoutMs);
  }

  #waitFor(find, what, timeoutMs) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const found = find();
          if (found === undefined) return false;
          clearTimeout(waiter.timer);
          resolve(found);
          return true;
        },
      };
      if (waiter.check()) return;
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no ${what} on the WebSocket within ${timeoutMs} ms; received: ${
          this.frames.map((f) => f.text).join("\n")}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Waits for the server to close the socket; returns {code, reason}. */
  async waitForClose(timeoutMs = 15000) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server did not close the WebSocket within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close() {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(1000);
    }
  }
}

/** Closes every socket a test opened, whatever happened. */
export function socketJanitor() {
  const open = [];
  return {
    async open(url) {
      const socket = await ChatSocket.open(url);
      open.push(socket);
      return socket;
    },
    closeAll() {
      open.splice(0).forEach((s) => s.close());
    },
  };
}

/** The simulated agent of a contact, and the contact's whole transcript, through the control plane. */
export const agent = {
  join: (contactId, displayName = "Alex (Agent)") =>
    call("POST", `/_connectmock/contacts/${contactId}/agent`, { displayName }),
  say: (contactId, content, contentType = "text/plain") =>
    call("POST", `/_connectmock/contacts/${contactId}/agent/messages`, { content, contentType }),
  signal: (contactId, contentType, messageId) =>
    call("POST", `/_connectmock/contacts/${contactId}/agent/events`, { contentType, messageId }),
  leave: (contactId) => call("DELETE", `/_connectmock/contacts/${contactId}/agent`),
};

export const transcriptOf = async (contactId) =>
  (await call("GET", `/_connectmock/contacts/${contactId}/transcript`)).Transcript;

/** The journal entry with this request id, with its body. */
export async function journalEntry(requestId, operation) {
  const { requests } = await call("GET", `/_connectmock/requests?${new URLSearchParams({ operation, requestId, includeBodies: "true" })}`);
  const entries = requests.filter((e) => e.requestId === requestId);
  assert.equal(entries.length, 1,
    `the journal has ${entries.length} ${operation} entries with request id ${requestId}: ${JSON.stringify(requests.slice(0, 5))}`);
  return entries[0];
}

/**
 * Asserts that `err` is @aws-sdk/client-connectparticipant's typed exception `name` with HTTP `status`, named by
 * both the x-amzn-ErrorType header and the body's __type, and that its request id is the one in the journal entry
 * of `operation`. Returns that entry.
 */
export async function assertParticipantError(err, name, status, operation) {
  assert.equal(err.name, name, `${err.name}: ${err.message}`);
  assert.equal(typeof participant[name], "function", `@aws-sdk/client-connectparticipant exports no ${name}`);
  assert.ok(err instanceof participant[name], `not an instance of the package's ${name}`);
  assert.ok(err instanceof ConnectParticipantServiceException);
  assert.equal(err.$fault, status < 500 ? "client" : "server");
  assert.equal(err.$metadata.httpStatusCode, status);
  assert.equal(err.$response?.headers?.["x-amzn-errortype"], name, "the x-amzn-ErrorType header");
  assert.equal(err.__type, name, "the body's __type");
  assert.ok(err.message.length > 0, "empty message");
  assert.match(err.$metadata.requestId ?? "", LOWERCASE_UUID, `the SDK reported request id ${err.$metadata.requestId}`);
  const entry = await journalEntry(err.$metadata.requestId, operation);
  assert.equal(entry.errorName, name);
  assert.equal(entry.statusCode, status);
  return entry;
}

/** Asserts that a time string is in the Participant Service format and within `toleranceMs` of `expectedMs`. */
export function assertTimeNear(value, expectedMs, toleranceMs, what) {
  assert.match(value ?? "(missing)", ISO_MS, `${what}: ${value}`);
  const delta = Date.parse(value) - expectedMs;
  assert.ok(Math.abs(delta) <= toleranceMs, `${what} ${value} is ${delta} ms away from the expected time`);
}
