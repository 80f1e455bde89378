// Chat attachments as a user of @aws-sdk/client-connectparticipant sees them against ConnectMock:
// StartAttachmentUpload, the PUT of the bytes to its pre-signed upload URL (ConnectMock's stand-in for Amazon S3,
// driven with Node's fetch as amazon-connect-chatjs drives it), CompleteAttachmentUpload, GetAttachment and the GET of
// its download URL; the ATTACHMENT items on GetTranscript and the chat WebSocket; files the simulated agent sends; the
// simulated attachment scanner; and faults injected into the three operations.
import { after, afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  CompleteAttachmentUploadCommand, GetAttachmentCommand, GetTranscriptCommand, StartAttachmentUploadCommand,
} from "@aws-sdk/client-connectparticipant";
import { ENDPOINT, LOWERCASE_UUID, UUID_V4, call, controlPlane, controlPlaneHeaders, rejection } from "./helpers.mjs";
import {
  ISO_MS, agent, assertParticipantError, assertTimeNear, connectedCustomer, journalEntry, participantClient,
  socketJanitor, transcriptOf,
} from "./chat-helpers.mjs";

/** Amazon Connect's limits for chat attachments (administrator guide, feature specifications). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_PER_CONTACT = 35;
const PDF = "application/pdf";
const URL_BASE = new RegExp(`^http://127\\.0\\.0\\.1:${new URL(ENDPOINT).port}/attachments/`);
/** The headers the upload URL is signed for: every HeadersToInclude entry but Content-Length. */
const SIGNED_HEADERS = ["Content-Disposition", "Content-Type", "x-amz-acl", "x-amz-meta-contact_id", "x-amz-meta-initial_contact_id"];

const md5 = (bytes) => createHash("md5").update(bytes).digest("hex");

/** StartAttachmentUpload for `size` bytes (the SDK fills ClientToken when none is given). */
function startUpload(setup, { name = "receipt.pdf", type = PDF, size = 4096, clientToken } = {}) {
  return setup.client.send(new StartAttachmentUploadCommand({
    ConnectionToken: setup.connectionToken, ContentType: type, AttachmentSizeInBytes: size, AttachmentName: name,
    ClientToken: clientToken,
  }));
}

/**
 * The headers of the upload: every HeadersToInclude entry except Content-Length, which fetch computes from the body
 * (a browser refuses to set it). `change` replaces a header's value, or removes it when the value is undefined.
 */
function uploadHeaders(metadata, change = {}) {
  const headers = { ...metadata.HeadersToInclude };
  delete headers["Content-Length"];
  for (const [name, value] of Object.entries(change)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return headers;
}

/** The PUT of `bytes` to the upload URL (or to `url`), as chatjs's _uploadToS3 makes it. */
function put(metadata, bytes, { change, url = metadata.Url } = {}) {
  return fetch(url, { method: "PUT", headers: uploadHeaders(metadata, change), body: bytes });
}

function complete(setup, attachmentId, clientToken) {
  return setup.client.send(new CompleteAttachmentUploadCommand({
    ConnectionToken: setup.connectionToken, AttachmentIds: [attachmentId], ClientToken: clientToken,
  }));
}

function getAttachment(setup, attachmentId, UrlExpiryInSeconds) {
  return setup.client.send(new GetAttachmentCommand({ ConnectionToken: setup.connectionToken, AttachmentId: attachmentId, UrlExpiryInSeconds }));
}

/** The whole of chatjs's sendAttachment: start, PUT (which must succeed), complete. Returns the attachment's id. */
async function sendFile(setup, { name = "receipt.pdf", type = PDF, bytes = randomBytes(4096), clientToken } = {}) {
  const started = await startUpload(setup, { name, type, size: bytes.length });
  const uploaded = await put(started.UploadMetadata, bytes);
  assert.equal(uploaded.status, 200, `the upload answered ${uploaded.status}: ${await uploaded.text()}`);
  await complete(setup, started.AttachmentId, clientToken);
  return started.AttachmentId;
}

/** Start and PUT, but no CompleteAttachmentUpload: the id of a file whose bytes arrived. */
async function sendFileStarted(setup, { name = "draft.pdf", type = PDF, bytes = randomBytes(256) } = {}) {
  const started = await startUpload(setup, { name, type, size: bytes.length });
  const uploaded = await put(started.UploadMetadata, bytes);
  assert.equal(uploaded.status, 200, await uploaded.text());
  return started.AttachmentId;
}

/** A GET of a download URL, as chatjs's _downloadUrl makes it: the response and its bytes. */
async function download(url) {
  const response = await fetch(url);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Asserts an S3 error answer: the status, an XML body and its Code. Returns the body. */
async function assertS3Error(response, status, code) {
  const body = await response.text();
  assert.equal(response.status, status, body);
  assert.match(response.headers.get("content-type") ?? "(none)", /^application\/xml\b/);
  assert.match(body, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
  assert.match(body, new RegExp(`<Error><Code>${code}</Code><Message>[^<]+</Message>`), body);
  return body;
}

/** A URL with one query parameter changed. */
function withParam(url, name, change) {
  const changed = new URL(url);
  changed.searchParams.set(name, change(changed.searchParams.get(name)));
  return changed.toString();
}

const flipLastChar = (value) => value.slice(0, -1) + (value.endsWith("0") ? "1" : "0");

/** The control plane's view of a chat's attachments, oldest first. */
const attachmentsOf = async (contactId) => (await call("GET", `/_connectmock/contacts/${contactId}/attachments`)).attachments;

/** The bytes that arrived for an attachment, through the control plane. */
async function contentOf(attachmentId) {
  const response = await fetch(new URL(`/_connectmock/attachments/${attachmentId}/content`, ENDPOINT), { headers: controlPlaneHeaders() });
  assert.equal(response.status, 200, await response.clone().text());
  return { contentType: response.headers.get("content-type"), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The simulated agent sends a file through the control plane. */
async function agentSends(contactId, name, type, bytes) {
  const response = await fetch(new URL(`/_connectmock/contacts/${contactId}/agent/attachments`, ENDPOINT), {
    method: "POST",
    headers: { ...controlPlaneHeaders(), "content-type": "application/json" },
    body: JSON.stringify({ name, contentType: type, contentBase64: Buffer.from(bytes).toString("base64") }),
  });
  const text = await response.text();
  assert.equal(response.status, 201, text);
  return JSON.parse(text);
}

/** The scanner's settings: the server is shared with the other test files, so every change is undone. */
const scanning = {
  current: async () => (await call("GET", "/_connectmock/attachments")).scanning,
  set: (spec) => call("PUT", "/_connectmock/attachments/scanning", spec),
  saved: undefined,
  async save() {
    this.saved ??= await this.current();
  },
  async restore() {
    if (!this.saved) return;
    const { delayMs, rejectNamePattern, rejectContentMarker } = this.saved;
    // A member left out keeps its value: the empty string clears a rule.
    await this.set({ enabled: false, delayMs, rejectNamePattern: rejectNamePattern ?? "", rejectContentMarker: rejectContentMarker ?? "" });
  },
};

/** The ATTACHMENT items of a chat, through GetTranscript. */
async function attachmentItems(setup) {
  const { Transcript } = await setup.client.send(new GetTranscriptCommand({
    ConnectionToken: setup.connectionToken, MaxResults: 100, SortOrder: "ASCENDING",
  }));
  return Transcript.filter((i) => i.Type === "ATTACHMENT");
}

describe("@aws-sdk/client-connectparticipant chat attachments", () => {
  const sockets = socketJanitor();
  beforeEach(() => controlPlane.reset());
  afterEach(() => sockets.closeAll());
  after(() => scanning.restore());

  describe("StartAttachmentUpload", () => {
    test("returns an AttachmentId, a signed upload URL valid 5 minutes and the headers to send", async () => {
      const setup = await connectedCustomer();
      const before = Date.now();
      const output = await startUpload(setup, { name: "Invoice 2024.pdf", size: 12345, clientToken: "js-start-1" });

      assert.equal(output.$metadata.httpStatusCode, 200);
      assert.match(output.AttachmentId ?? "(missing)", LOWERCASE_UUID);
      const { Url, UrlExpiry, HeadersToInclude } = output.UploadMetadata;
      assert.match(Url, URL_BASE);
      const url = new URL(Url);
      assert.equal(url.pathname, `/attachments/${output.AttachmentId}`);
      assert.equal(url.searchParams.get("X-Amz-Algorithm"), "AWS4-HMAC-SHA256");
      assert.match(url.searchParams.get("X-Amz-Date") ?? "", /^\d{8}T\d{6}Z$/);
      assert.equal(url.searchParams.get("X-Amz-Expires"), "300");
      assert.equal(url.searchParams.get("X-Amz-SignedHeaders"),
        "content-disposition;content-type;host;x-amz-acl;x-amz-meta-contact_id;x-amz-meta-initial_contact_id");
      assert.match(url.searchParams.get("X-Amz-Signature") ?? "", /^[0-9a-f]{64}$/);
      assertTimeNear(UrlExpiry, before + 300_000, 5_000, "UploadMetadata.UrlExpiry");
      assert.deepEqual(HeadersToInclude, {
        "Content-Type": PDF,
        "Content-Disposition": 'attachment; filename="Invoice 2024.pdf"',
        "Content-Length": "12345",
        "x-amz-acl": "bucket-owner-full-control",
        "x-amz-meta-contact_id": setup.chat.ContactId,
        "x-amz-meta-initial_contact_id": setup.chat.ContactId,
      });
      const entry = await journalEntry(output.$metadata.requestId, "StartAttachmentUpload");
      assert.equal(entry.statusCode, 200);
      assert.equal(entry.clientToken, "js-start-1");
      assert.deepEqual(entry.requestBody, {
        ContentType: PDF, AttachmentSizeInBytes: 12345, AttachmentName: "Invoice 2024.pdf", ClientToken: "js-start-1",
      });
      const [listed] = await attachmentsOf(setup.chat.ContactId);
      assert.equal(listed.attachmentId, output.AttachmentId);
      assert.equal(listed.participantId, setup.chat.ParticipantId);
      assert.equal(listed.phase, "AwaitingUpload");
      assert.equal(listed.bytesHeld, false);
    });

    test("the same ClientToken returns the same AttachmentId and UploadMetadata; another starts another file", async () => {
      const setup = await connectedCustomer();
      const first = await startUpload(setup, { clientToken: "js-same" });
      const again = await startUpload(setup, { clientToken: "js-same" });
      const other = await startUpload(setup, { clientToken: "js-other" });

      assert.equal(again.AttachmentId, first.AttachmentId);
      assert.deepEqual(again.UploadMetadata, first.UploadMetadata);
      assert.notEqual(again.$metadata.requestId, first.$metadata.requestId);
      assert.notEqual(other.AttachmentId, first.AttachmentId);
      assert.deepEqual((await attachmentsOf(setup.chat.ContactId)).map((a) => a.attachmentId), [first.AttachmentId, other.AttachmentId]);
    });

    test("without a ClientToken the SDK sends a UUID v4, and each call starts a new file", async () => {
      const setup = await connectedCustomer();
      const first = await startUpload(setup);
      const second = await startUpload(setup);

      assert.notEqual(second.AttachmentId, first.AttachmentId);
      const entries = await Promise.all([first, second].map((o) => journalEntry(o.$metadata.requestId, "StartAttachmentUpload")));
      for (const entry of entries) {
        assert.match(entry.clientToken ?? "", UUID_V4);
        assert.equal(entry.requestBody.ClientToken, entry.clientToken);
      }
      assert.notEqual(entries[0].clientToken, entries[1].clientToken);
    });

    test("every file type Connect lists is accepted, with its extension", async () => {
      const setup = await connectedCustomer();
      const files = [
        ["notes.txt", "text/plain"], ["data.csv", "text/csv"], ["photo.JPG", "image/jpeg"], ["shot.png", "image/png"],
        ["letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        ["sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"], ["voice.wav", "audio/wav"],
      ];
      for (const [name, type] of files) {
        const output = await startUpload(setup, { name, type, size: 10 });
        assert.match(output.AttachmentId, LOWERCASE_UUID, `${name} (${type})`);
        assert.equal(output.UploadMetadata.HeadersToInclude["Content-Type"], type);
      }
    });

    test("an unsupported MIME type raises ValidationException (400) naming ContentType", async () => {
      const setup = await connectedCustomer();
      const err = await rejection(() => startUpload(setup, { name: "setup.exe", type: "application/x-msdownload" }));

      await assertParticipantError(err, "ValidationException", 400, "StartAttachmentUpload");
      assert.match(err.message, /^ContentType 'application\/x-msdownload' is not a file type/);
      assert.deepEqual(await attachmentsOf(setup.chat.ContactId), []);
    });

    test("a name whose extension Connect does not accept raises ValidationException (400) naming AttachmentName", async () => {
      const setup = await connectedCustomer();
      const err = await rejection(() => startUpload(setup, { name: "receipt.pdf.exe", type: PDF }));

      await assertParticipantError(err, "ValidationException", 400, "StartAttachmentUpload");
      assert.match(err.message, /^AttachmentName 'receipt\.pdf\.exe' does not end in an extension/);
    });

    test("20 MB (20971520 bytes) is accepted; one byte more raises ValidationException (400) naming AttachmentSizeInBytes",
      async () => {
        const setup = await connectedCustomer();
        const ok = await startUpload(setup, { size: MAX_FILE_BYTES });
        assert.equal(ok.UploadMetadata.HeadersToInclude["Content-Length"], String(MAX_FILE_BYTES));

        const err = await rejection(() => startUpload(setup, { size: MAX_FILE_BYTES + 1 }));
        await assertParticipantError(err, "ValidationException", 400, "StartAttachmentUpload");
        assert.match(err.message, /^AttachmentSizeInBytes 20971521 is over the 20971520 bytes/);
      });

    test("AttachmentSizeInBytes 0 and an empty ContentType raise ValidationException (400) naming the member", async () => {
      const setup = await connectedCustomer();
      const zero = await rejection(() => startUpload(setup, { size: 0 }));
      await assertParticipantError(zero, "ValidationException", 400, "StartAttachmentUpload");
      assert.match(zero.message, /'attachmentSizeInBytes'/);

      const empty = await rejection(() => startUpload(setup, { type: "" }));
      await assertParticipantError(empty, "ValidationException", 400, "StartAttachmentUpload");
      assert.match(empty.message, /'contentType'/);
    });

    test(`the ${MAX_PER_CONTACT + 1}th file of a contact raises ServiceQuotaExceededException (402)`, async () => {
      const setup = await connectedCustomer();
      const ids = [];
      for (let n = 1; n <= MAX_PER_CONTACT; n++) {
        ids.push((await startUpload(setup, { name: `page-${n}.png`, type: "image/png", size: 100, clientToken: `js-quota-${n}` })).AttachmentId);
      }
      assert.equal(new Set(ids).size, MAX_PER_CONTACT);

      const err = await rejection(() => startUpload(setup, { name: "one-more.png", type: "image/png", size: 100 }));
      await assertParticipantError(err, "ServiceQuotaExceededException", 402, "StartAttachmentUpload");
      assert.match(err.message, /^The number of attachments per contact exceeds the quota\./);
      // A repeat of an earlier ClientToken still returns its file; another chat has its own quota.
      const repeat = await startUpload(setup, { name: "page-1.png", type: "image/png", size: 100, clientToken: "js-quota-1" });
      assert.equal(repeat.AttachmentId, ids[0]);
      const other = await startUpload(await connectedCustomer());
      assert.match(other.AttachmentId, LOWERCASE_UUID);
      assert.equal((await attachmentsOf(setup.chat.ContactId)).length, MAX_PER_CONTACT);
    });

    test("an unknown connection token, or the participant token, raises AccessDeniedException (403)", async () => {
      const setup = await connectedCustomer();
      for (const ConnectionToken of ["not-a-connection-token", setup.chat.ParticipantToken]) {
        const err = await rejection(() => startUpload({ ...setup, connectionToken: ConnectionToken }));
        await assertParticipantError(err, "AccessDeniedException", 403, "StartAttachmentUpload");
      }
      assert.deepEqual(await attachmentsOf(setup.chat.ContactId), []);
    });
  });

  describe("the upload URL (Amazon S3's pre-signed PUT)", () => {
    test("a PUT with the HeadersToInclude answers 200 with the MD5 ETag and keeps the exact bytes", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(70_000);
      const { AttachmentId, UploadMetadata } = await startUpload(setup, { size: bytes.length });
      const response = await put(UploadMetadata, bytes);

      assert.equal(response.status, 200, await response.clone().text());
      assert.equal(response.headers.get("etag"), `"${md5(bytes)}"`);
      assert.equal(await response.text(), "");
      const held = await contentOf(AttachmentId);
      assert.ok(held.bytes.equals(bytes), "the bytes the server holds differ from those sent");
      assert.equal(held.contentType, PDF);
      const [listed] = await attachmentsOf(setup.chat.ContactId);
      assert.equal(listed.phase, "Uploaded");
      assert.equal(listed.bytesHeld, true);
    });

    test("a browser may PUT from another origin: the CORS preflight allows PUT with the signed headers", async () => {
      const setup = await connectedCustomer();
      const { UploadMetadata } = await startUpload(setup);
      const requested = SIGNED_HEADERS.map((h) => h.toLowerCase()).join(",");
      const response = await fetch(UploadMetadata.Url, {
        method: "OPTIONS",
        headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": requested },
      });

      assert.ok(response.status === 200 || response.status === 204, `preflight answered ${response.status}`);
      assert.match(response.headers.get("access-control-allow-origin") ?? "(none)", /^(\*|http:\/\/localhost:3000)$/);
      assert.match(response.headers.get("access-control-allow-methods") ?? "(none)", /PUT/);
      const allowed = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase();
      for (const header of SIGNED_HEADERS) {
        assert.ok(allowed === "*" || allowed.split(",").map((h) => h.trim()).includes(header.toLowerCase()), `${header} in ${allowed}`);
      }
    });

    test("each signed header left out is 403 SignatureDoesNotMatch naming it; the URL then still works", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(2048);
      const { AttachmentId, UploadMetadata } = await startUpload(setup, { size: bytes.length });

      for (const header of SIGNED_HEADERS) {
        // Without a Content-Type header fetch sends none for a Buffer body.
        const body = await assertS3Error(await put(UploadMetadata, bytes, { change: { [header]: undefined } }), 403, "SignatureDoesNotMatch");
        assert.match(body, /The request signature we calculated does not match the signature you provided/);
        assert.match(body, new RegExp(`missing or differ: ${header}\\b`), body);
      }
      assert.equal((await attachmentsOf(setup.chat.ContactId))[0].bytesHeld, false);
      const ok = await put(UploadMetadata, bytes);
      assert.equal(ok.status, 200);
      assert.ok((await contentOf(AttachmentId)).bytes.equals(bytes));
    });

    test("a signed header with another value is 403 SignatureDoesNotMatch", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(512);
      const { UploadMetadata } = await startUpload(setup, { size: bytes.length });
      const changes = [
        { "Content-Type": "image/png" },
        { "Content-Disposition": 'attachment; filename="other.pdf"' },
        { "x-amz-acl": "public-read" },
        { "x-amz-meta-contact_id": "00000000-0000-4000-8000-000000000000" },
      ];
      for (const change of changes) {
        const body = await assertS3Error(await put(UploadMetadata, bytes, { change }), 403, "SignatureDoesNotMatch");
        assert.match(body, new RegExp(`missing or differ: ${Object.keys(change)[0]}\\b`), body);
      }
      assert.equal((await attachmentsOf(setup.chat.ContactId))[0].phase, "AwaitingUpload");
    });

    test("a body shorter or longer than AttachmentSizeInBytes is 403 SignatureDoesNotMatch", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(1000);
      const { UploadMetadata } = await startUpload(setup, { size: bytes.length });

      for (const body of [bytes.subarray(0, 999), Buffer.concat([bytes, Buffer.from([0])])]) {
        const text = await assertS3Error(await put(UploadMetadata, body), 403, "SignatureDoesNotMatch");
        assert.match(text, /Content-Length is signed as 1000/);
      }
      assert.equal((await attachmentsOf(setup.chat.ContactId))[0].bytesHeld, false);
    });

    test("a tampered X-Amz-Signature, X-Amz-Expires or X-Amz-Date is 403 SignatureDoesNotMatch", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(64);
      const { UploadMetadata } = await startUpload(setup, { size: bytes.length });
      const tampered = [
        withParam(UploadMetadata.Url, "X-Amz-Signature", flipLastChar),
        withParam(UploadMetadata.Url, "X-Amz-Expires", () => "3600"),
        withParam(UploadMetadata.Url, "X-Amz-Date", (d) => `${d.slice(0, 9)}${d[9] === "0" ? "1" : "0"}${d.slice(10)}`),
      ];
      for (const url of tampered) {
        await assertS3Error(await put(UploadMetadata, bytes, { url }), 403, "SignatureDoesNotMatch");
      }
      assert.equal((await attachmentsOf(setup.chat.ContactId))[0].bytesHeld, false);
    });

    test("the URL of one file does not take another's: a swapped attachment id is 403 SignatureDoesNotMatch", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(64);
      const first = await startUpload(setup, { size: bytes.length });
      const second = await startUpload(setup, { size: bytes.length });
      const url = first.UploadMetadata.Url.replace(first.AttachmentId, second.AttachmentId);

      await assertS3Error(await put(second.UploadMetadata, bytes, { url }), 403, "SignatureDoesNotMatch");
      assert.ok((await attachmentsOf(setup.chat.ContactId)).every((a) => !a.bytesHeld));
    });

    test("a URL without its query-string authentication is 403 AccessDenied; an unknown file is 404 NoSuchKey", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(64);
      const { UploadMetadata } = await startUpload(setup, { size: bytes.length });
      const bare = UploadMetadata.Url.replace(/\?.*/, "");

      await assertS3Error(await put(UploadMetadata, bytes, { url: bare }), 403, "AccessDenied");
      const unknown = UploadMetadata.Url.replace(/attachments\/[^?]+/, "attachments/00000000-0000-4000-8000-000000000000");
      const body = await assertS3Error(await put(UploadMetadata, bytes, { url: unknown }), 404, "NoSuchKey");
      assert.match(body, /<Key>00000000-0000-4000-8000-000000000000<\/Key>/);
    });

    test("once the upload is completed its URL takes no more bytes (403 AccessDenied)", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(256);
      const { AttachmentId, UploadMetadata } = await startUpload(setup, { size: bytes.length });
      assert.equal((await put(UploadMetadata, bytes)).status, 200);
      await complete(setup, AttachmentId);

      await assertS3Error(await put(UploadMetadata, randomBytes(256)), 403, "AccessDenied");
      assert.ok((await contentOf(AttachmentId)).bytes.equals(bytes), "the completed file changed");
    });
  });

  describe("CompleteAttachmentUpload", () => {
    test("after the PUT: {} and one ATTACHMENT item, APPROVED, on the WebSocket and in GetTranscript", async () => {
      const setup = await connectedCustomer();
      const { chat, connection } = setup;
      const socket = await sockets.open(connection.Websocket.Url);
      const bytes = randomBytes(3000);
      const { AttachmentId, UploadMetadata } = await startUpload(setup, { name: "scan.png", type: "image/png", size: bytes.length });
      assert.equal((await put(UploadMetadata, bytes)).status, 200);
      const before = Date.now();
      const output = await complete(setup, AttachmentId, "js-complete-1");

      const { $metadata, ...members } = output;
      assert.equal($metadata.httpStatusCode, 200);
      assert.deepEqual(members, {});
      const entry = await journalEntry($metadata.requestId, "CompleteAttachmentUpload");
      assert.deepEqual(entry.requestBody, { AttachmentIds: [AttachmentId], ClientToken: "js-complete-1" });
      const attachments = [{ ContentType: "image/png", AttachmentId, AttachmentName: "scan.png", Status: "APPROVED" }];
      const pushed = await socket.waitForItem((i) => i.Type === "ATTACHMENT", "the ATTACHMENT item");
      assert.match(pushed.Id, LOWERCASE_UUID);
      assertTimeNear(pushed.AbsoluteTime, before, 10_000, "AbsoluteTime");
      assert.deepEqual(pushed, {
        AbsoluteTime: pushed.AbsoluteTime,
        Id: pushed.Id,
        Type: "ATTACHMENT",
        ParticipantId: chat.ParticipantId,
        DisplayName: "Jane",
        ParticipantRole: "CUSTOMER",
        InitialContactId: chat.ContactId,
        ContactId: chat.ContactId,
        Attachments: attachments,
      });
      const items = await attachmentItems(setup);
      assert.equal(items.length, 1, JSON.stringify(items));
      assert.equal(items[0].Id, pushed.Id);
      assert.equal(items[0].ContentType, undefined, "an ATTACHMENT item has no top-level ContentType");
      assert.equal(items[0].Content, undefined);
      assert.deepEqual(items[0].Attachments, attachments);
      assert.equal(items[0].ParticipantRole, "CUSTOMER");
      const [listed] = await attachmentsOf(chat.ContactId);
      assert.equal(listed.phase, "Completed");
      assert.equal(listed.status, "APPROVED");
    });

    test("before the PUT it raises ValidationException (400) naming AttachmentIds, and nothing is posted", async () => {
      const setup = await connectedCustomer();
      const { AttachmentId } = await startUpload(setup);
      const err = await rejection(() => complete(setup, AttachmentId));

      await assertParticipantError(err, "ValidationException", 400, "CompleteAttachmentUpload");
      assert.match(err.message, /^AttachmentIds: the file of attachment '[^']+' was not uploaded/);
      assert.deepEqual(await attachmentItems(setup), []);
    });

    test("the same ClientToken again succeeds and posts once; another ClientToken raises ConflictException (409)", async () => {
      const setup = await connectedCustomer();
      const socket = await sockets.open(setup.connection.Websocket.Url);
      const bytes = randomBytes(100);
      const { AttachmentId, UploadMetadata } = await startUpload(setup, { size: bytes.length });
      assert.equal((await put(UploadMetadata, bytes)).status, 200);

      await complete(setup, AttachmentId, "js-done");
      const again = await complete(setup, AttachmentId, "js-done");
      assert.equal(again.$metadata.httpStatusCode, 200);
      const err = await rejection(() => complete(setup, AttachmentId, "js-done-again"));
      await assertParticipantError(err, "ConflictException", 409, "CompleteAttachmentUpload");
      assert.match(err.message, new RegExp(`Attachment '${AttachmentId}' was completed already`));

      await socket.waitForItem((i) => i.Type === "ATTACHMENT", "the ATTACHMENT item");
      await sleep(200);
      assert.equal(socket.items.filter((i) => i.Type === "ATTACHMENT").length, 1, "a repeated completion was pushed again");
      assert.equal((await attachmentItems(setup)).length, 1);
    });

    test("two AttachmentIds, or none, raise ValidationException (400) naming AttachmentIds", async () => {
      const setup = await connectedCustomer();
      const first = await sendFileStarted(setup);
      const second = await sendFileStarted(setup);
      for (const AttachmentIds of [[first, second], []]) {
        const err = await rejection(() => setup.client.send(new CompleteAttachmentUploadCommand({ ConnectionToken: setup.connectionToken, AttachmentIds })));
        await assertParticipantError(err, "ValidationException", 400, "CompleteAttachmentUpload");
        assert.match(err.message, /'attachmentIds'/);
      }
      assert.deepEqual(await attachmentItems(setup), []);
    });

    test("an unknown id, or one started in another chat, raises ValidationException (400)", async () => {
      const setup = await connectedCustomer();
      const other = await connectedCustomer();
      const theirs = await sendFileStarted(other);
      for (const id of ["00000000-0000-4000-8000-000000000000", theirs]) {
        const err = await rejection(() => complete(setup, id));
        await assertParticipantError(err, "ValidationException", 400, "CompleteAttachmentUpload");
        assert.match(err.message, new RegExp(`^AttachmentIds: no attachment '${id}' was started in this chat`));
      }
      assert.equal((await attachmentsOf(other.chat.ContactId))[0].phase, "Uploaded");
    });

    test("an unknown connection token raises AccessDeniedException (403)", async () => {
      const setup = await connectedCustomer();
      const id = await sendFileStarted(setup);
      const err = await rejection(() => complete({ ...setup, connectionToken: "not-a-connection-token" }, id));

      await assertParticipantError(err, "AccessDeniedException", 403, "CompleteAttachmentUpload");
      assert.equal((await attachmentsOf(setup.chat.ContactId))[0].phase, "Uploaded");
    });
  });

  describe("GetAttachment and the download URL", () => {
    test("returns a URL valid 300 s by default and the size; a GET of it returns the exact bytes and type", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(150_000);
      const id = await sendFile(setup, { name: "report.pdf", bytes });
      const before = Date.now();
      const output = await getAttachment(setup, id);

      assert.equal(output.$metadata.httpStatusCode, 200);
      assert.equal(output.AttachmentSizeInBytes, bytes.length);
      assert.match(output.Url, URL_BASE);
      const url = new URL(output.Url);
      assert.equal(url.pathname, `/attachments/${id}`);
      assert.equal(url.searchParams.get("X-Amz-Expires"), "300");
      assert.equal(url.searchParams.get("X-Amz-SignedHeaders"), "host");
      assertTimeNear(output.UrlExpiry, before + 300_000, 5_000, "UrlExpiry");
      const entry = await journalEntry(output.$metadata.requestId, "GetAttachment");
      assert.deepEqual(entry.requestBody, { AttachmentId: id });

      const { response, bytes: downloaded } = await download(output.Url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), PDF);
      assert.equal(response.headers.get("content-disposition"), 'attachment; filename="report.pdf"');
      assert.equal(response.headers.get("etag"), `"${md5(bytes)}"`);
      assert.ok(downloaded.equals(bytes), "the downloaded bytes differ from those uploaded");
      // The URL can be read again while it is valid.
      assert.ok((await download(output.Url)).bytes.equals(bytes));
    });

    test("UrlExpiryInSeconds 5 and 300 set the URL's life; 4 and 301 raise ValidationException (400) naming it", async () => {
      const setup = await connectedCustomer();
      const id = await sendFile(setup);
      for (const seconds of [5, 60, 300]) {
        const before = Date.now();
        const output = await getAttachment(setup, id, seconds);
        assert.equal(new URL(output.Url).searchParams.get("X-Amz-Expires"), String(seconds));
        assertTimeNear(output.UrlExpiry, before + seconds * 1000, 2_000, `UrlExpiry for ${seconds} s`);
      }
      for (const seconds of [4, 301]) {
        const err = await rejection(() => getAttachment(setup, id, seconds));
        await assertParticipantError(err, "ValidationException", 400, "GetAttachment");
        assert.match(err.message, new RegExp(`Value '${seconds}' at 'urlExpiryInSeconds'`));
      }
    });

    test("a download URL of 5 s is 403 AccessDenied 'Request has expired' after 6 s", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(512);
      const id = await sendFile(setup, { bytes });
      const output = await getAttachment(setup, id, 5);
      assert.ok((await download(output.Url)).bytes.equals(bytes), "the fresh URL must work");

      await sleep(Math.max(0, Date.parse(output.UrlExpiry) - Date.now()) + 1000);
      const body = await assertS3Error(await fetch(output.Url), 403, "AccessDenied");
      assert.match(body, /<Message>Request has expired<\/Message>/);
      assert.match(body, new RegExp(`<Expires>${output.UrlExpiry.replace(/\./g, "\\.")}</Expires>`));
      assert.match(body, /<ServerTime>[^<]+<\/ServerTime>/);
      // A new GetAttachment gives a working URL again.
      assert.ok((await download((await getAttachment(setup, id)).Url)).bytes.equals(bytes));
    });

    test("a tampered download URL, or the upload URL used for a GET, is 403 SignatureDoesNotMatch", async () => {
      const setup = await connectedCustomer();
      const bytes = randomBytes(128);
      const started = await startUpload(setup, { size: bytes.length });
      assert.equal((await put(started.UploadMetadata, bytes)).status, 200);
      await complete(setup, started.AttachmentId);
      const { Url } = await getAttachment(setup, started.AttachmentId, 60);

      for (const url of [withParam(Url, "X-Amz-Signature", flipLastChar), withParam(Url, "X-Amz-Expires", () => "300"), started.UploadMetadata.Url]) {
        await assertS3Error(await fetch(url), 403, "SignatureDoesNotMatch");
      }
      // And the download URL takes no PUT.
      await assertS3Error(await put(started.UploadMetadata, bytes, { url: Url }), 403, "SignatureDoesNotMatch");
    });

    test("a file not yet completed raises ValidationException (400) naming AttachmentId", async () => {
      const setup = await connectedCustomer();
      const id = await sendFileStarted(setup);
      const err = await rejection(() => getAttachment(setup, id));

      await assertParticipantError(err, "ValidationException", 400, "GetAttachment");
      assert.match(err.message, /^AttachmentId: attachment '[^']+' was not completed/);
    });

    test("another chat's connection token, an unknown id or an unknown token raise AccessDeniedException (403)", async () => {
      const setup = await connectedCustomer();
      const other = await connectedCustomer();
      const id = await sendFile(setup);
      const cases = [
        [other, id],
        [setup, "00000000-0000-4000-8000-000000000000"],
        [{ ...setup, connectionToken: "not-a-connection-token" }, id],
      ];
      for (const [who, attachmentId] of cases) {
        const err = await rejection(() => getAttachment(who, attachmentId));
        await assertParticipantError(err, "AccessDeniedException", 403, "GetAttachment");
      }
    });

    test("the agent of the chat is a participant: its file is an AGENT item the customer downloads", async () => {
      const setup = await connectedCustomer();
      const { chat, connection } = setup;
      const socket = await sockets.open(connection.Websocket.Url);
      const { participantId: agentId } = await agent.join(chat.ContactId, "Alex");
      const bytes = randomBytes(40_000);
      const sent = await agentSends(chat.ContactId, "reply.pdf", PDF, bytes);

      assert.equal(sent.participantId, agentId);
      assert.equal(sent.phase, "Completed");
      assert.equal(sent.status, "APPROVED");
      assert.equal(sent.attachmentSizeInBytes, bytes.length);
      const item = await socket.waitForItem((i) => i.Type === "ATTACHMENT", "the agent's ATTACHMENT item");
      assert.equal(item.ParticipantRole, "AGENT");
      assert.equal(item.ParticipantId, agentId);
      assert.equal(item.DisplayName, "Alex");
      assert.equal(item.ContactId, chat.ContactId);
      assert.deepEqual(item.Attachments, [{ ContentType: PDF, AttachmentId: sent.attachmentId, AttachmentName: "reply.pdf", Status: "APPROVED" }]);
      const [listedItem] = await attachmentItems(setup);
      assert.equal(listedItem.Id, item.Id);
      assert.equal(listedItem.ParticipantRole, "AGENT");

      const output = await getAttachment(setup, item.Attachments[0].AttachmentId);
      assert.equal(output.AttachmentSizeInBytes, bytes.length);
      const { response, bytes: downloaded } = await download(output.Url);
      assert.equal(response.headers.get("content-type"), PDF);
      assert.ok(downloaded.equals(bytes), "the customer downloaded other bytes than the agent sent");
    });
  });

  describe("the simulated attachment scanner", () => {
    beforeEach(() => scanning.save());
    afterEach(() => scanning.restore());

    test("a file whose name matches rejectNamePattern arrives REJECTED after the delay and cannot be downloaded", async () => {
      const spec = await scanning.set({ enabled: true, delayMs: 300, rejectNamePattern: "(?i)virus" });
      assert.equal(spec.enabled, true);
      assert.equal(spec.delayMs, 300);
      const setup = await connectedCustomer();
      const socket = await sockets.open(setup.connection.Websocket.Url);
      const bytes = randomBytes(1024);
      const startedAt = Date.now();
      const id = await sendFile(setup, { name: "Virus.txt", type: "text/plain", bytes });

      const item = await socket.waitForItem((i) => i.Type === "ATTACHMENT", "the scanned ATTACHMENT item");
      const arrivedAfter = Date.now() - startedAt;
      assert.ok(arrivedAfter >= 250, `the verdict came ${arrivedAfter} ms after the upload began, before the 300 ms scan could end`);
      assert.deepEqual(item.Attachments, [{ ContentType: "text/plain", AttachmentId: id, AttachmentName: "Virus.txt", Status: "REJECTED" }]);
      const err = await rejection(() => getAttachment(setup, id));
      await assertParticipantError(err, "ValidationException", 400, "GetAttachment");
      assert.match(err.message, /was rejected by the attachment scanner/);
      const items = await attachmentItems(setup);
      assert.equal(items.length, 1, JSON.stringify(items));
      assert.equal(items[0].Attachments[0].Status, "REJECTED");
      assert.equal(socket.items.filter((i) => i.Type === "ATTACHMENT").length, 1);
      const [listed] = await attachmentsOf(setup.chat.ContactId);
      assert.equal(listed.status, "REJECTED");
      // The bytes stay readable through the control plane, for a test to inspect.
      assert.ok((await contentOf(id)).bytes.equals(bytes));
    });

    test("a clean file is IN_PROGRESS while scanned (no item, GetAttachment refused), then APPROVED", async () => {
      await scanning.set({ enabled: true, delayMs: 1500, rejectNamePattern: "(?i)virus" });
      const setup = await connectedCustomer();
      const socket = await sockets.open(setup.connection.Websocket.Url);
      const bytes = randomBytes(2048);
      const id = await sendFile(setup, { name: "holiday.jpg", type: "image/jpeg", bytes });

      const [inScan] = await attachmentsOf(setup.chat.ContactId);
      assert.equal(inScan.status, "IN_PROGRESS");
      const early = await rejection(() => getAttachment(setup, id));
      await assertParticipantError(early, "ValidationException", 400, "GetAttachment");
      assert.match(early.message, /is being scanned/);
      assert.deepEqual(await attachmentItems(setup), []);
      const again = await rejection(() => complete(setup, id, "js-another-token"));
      await assertParticipantError(again, "ConflictException", 409, "CompleteAttachmentUpload");
      assert.match(again.message, /is already being completed/);

      const item = await socket.waitForItem((i) => i.Type === "ATTACHMENT", "the approved ATTACHMENT item");
      assert.equal(item.Attachments[0].Status, "APPROVED");
      assert.equal(item.Attachments[0].AttachmentId, id);
      const { Url } = await getAttachment(setup, id);
      assert.ok((await download(Url)).bytes.equals(bytes));
    });

    test("a file containing rejectContentMarker is REJECTED whatever its name", async () => {
      const marker = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
      await scanning.set({ enabled: true, delayMs: 0, rejectContentMarker: marker });
      const setup = await connectedCustomer();
      const socket = await sockets.open(setup.connection.Websocket.Url);
      const infected = await sendFile(setup, { name: "invoice.pdf", bytes: Buffer.concat([randomBytes(100), Buffer.from(marker), randomBytes(100)]) });
      const clean = await sendFile(setup, { name: "invoice2.pdf", bytes: randomBytes(300) });

      const statusOf = async (id) => (await socket.waitForItem((i) => i.Attachments?.[0]?.AttachmentId === id, `the item of ${id}`)).Attachments[0].Status;
      assert.equal(await statusOf(infected), "REJECTED");
      assert.equal(await statusOf(clean), "APPROVED");
    });

    test("the scanner's settings: members left out keep their values; the old settings come back", async () => {
      const before = await scanning.current();
      const changed = await scanning.set({ enabled: true, delayMs: 250, rejectNamePattern: "(?i)virus" });
      const kept = await scanning.set({ delayMs: 400 });

      assert.equal(changed.rejectNamePattern, "(?i)virus");
      assert.deepEqual({ ...kept }, { ...changed, delayMs: 400 });
      await scanning.restore();
      const restored = await scanning.current();
      assert.equal(restored.enabled, false);
      assert.equal(restored.delayMs, before.delayMs);
      assert.equal(restored.rejectNamePattern ?? "", before.rejectNamePattern ?? "");
    });
  });

  describe("faults injected through the control plane", () => {
    test("maxAttempts 1: an injected ThrottlingException on StartAttachmentUpload surfaces as ThrottlingException (429), journaled",
      async () => {
        const setup = await connectedCustomer();
        await controlPlane.addFault({ operation: "StartAttachmentUpload", error: "ThrottlingException", count: 1 });
        const client = participantClient({ maxAttempts: 1 });
        const err = await rejection(() => startUpload({ ...setup, client }, { clientToken: "js-throttled" }));

        await assertParticipantError(err, "ThrottlingException", 429, "StartAttachmentUpload");
        assert.equal(err.$metadata.attempts, 1);
        assert.equal(err.message, "Rate exceeded");
        assert.deepEqual(await attachmentsOf(setup.chat.ContactId), [], "a throttled call started a file");
        // The fault fired once: the same call now succeeds, and the journal shows both, newest first.
        const output = await startUpload({ ...setup, client }, { clientToken: "js-throttled" });
        const requests = await controlPlane.requests({ operation: "StartAttachmentUpload" });
        assert.deepEqual(requests.map((r) => [r.statusCode, r.errorName ?? null, r.clientToken, r.requestId]), [
          [200, null, "js-throttled", output.$metadata.requestId],
          [429, "ThrottlingException", "js-throttled", err.$metadata.requestId],
        ]);
        assert.equal(requests[1].path, "/participant/start-attachment-upload");
      });

    const operations = {
      StartAttachmentUpload: (s) => startUpload(s, { clientToken: "js-fault" }),
      CompleteAttachmentUpload: (s) => complete(s, s.uploaded, "js-fault"),
      GetAttachment: (s) => getAttachment(s, s.completed),
    };
    for (const [operation, send] of Object.entries(operations)) {
      for (const [error, status] of [["ThrottlingException", 429], ["InternalServerException", 500]]) {
        test(`maxAttempts 1: ${operation} with an injected ${error} raises the SDK's ${error} (${status})`, async () => {
          const setup = await connectedCustomer();
          setup.uploaded = await sendFileStarted(setup);
          setup.completed = await sendFile(setup);
          await controlPlane.addFault({ operation, error, count: 1 });
          const client = participantClient({ maxAttempts: 1 });
          const err = await rejection(() => send({ ...setup, client }));

          await assertParticipantError(err, error, status, operation);
          assert.equal(err.$metadata.attempts, 1);
          const output = await send({ ...setup, client });
          assert.equal(output.$metadata.httpStatusCode, 200);
        });
      }
    }

    test("maxAttempts 3: a CompleteAttachmentUpload whose answer is lost is retried with its ClientToken and posts once",
      async () => {
        const setup = await connectedCustomer();
        const socket = await sockets.open(setup.connection.Websocket.Url);
        const id = await sendFileStarted(setup);
        await controlPlane.addFault({ operation: "CompleteAttachmentUpload", dropConnection: "AfterProcessing", count: 1 });
        const output = await complete({ ...setup, client: participantClient({ maxAttempts: 3 }) }, id);

        assert.equal(output.$metadata.attempts, 2);
        const requests = await controlPlane.requests({ operation: "CompleteAttachmentUpload" });
        assert.equal(requests.length, 2, JSON.stringify(requests));
        assert.equal(requests[1].connectionDropped, true);
        assert.equal(requests[0].statusCode, 200);
        assert.match(requests[1].clientToken ?? "", UUID_V4);
        assert.equal(requests[0].clientToken, requests[1].clientToken, "the retry did not reuse the ClientToken");
        await socket.waitForItem((i) => i.Type === "ATTACHMENT", "the ATTACHMENT item");
        await sleep(200);
        assert.equal(socket.items.filter((i) => i.Type === "ATTACHMENT").length, 1);
        assert.equal((await attachmentItems(setup)).length, 1);
      });
  });
});
