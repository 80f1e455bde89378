// Files in a chat, both ways, byte for byte: amazon-connect-chatjs 5.0.0 in Debian's headless Chromium (playwright-core)
// against the real ConnectMock, from a page of another origin (backend.mjs), so that every call is cross-origin.
// chatjs's sendAttachment is StartAttachmentUpload, a fetch PUT of the File to UploadMetadata.Url with the
// HeadersToInclude (a CORS preflight first: x-amz-acl and x-amz-meta-* are no safelisted headers), then
// CompleteAttachmentUpload; its downloadAttachment is GetAttachment, then fetch(Url).blob(). The file goes in through
// the page's file input; the ATTACHMENT items come through onMessage; the downloaded Blob reaches the test as base64.
// What arrived on the server is read back through the control plane. The agent is ConnectMock's simulated agent.
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { call, controlPlane, controlPlaneHeaders, ENDPOINT, LOWERCASE_UUID } from "../js/helpers.mjs";
import { agent, transcriptOf } from "../js/chat-helpers.mjs";
import { startBackend } from "./backend.mjs";
import { launchChromium } from "./chromium.mjs";

const RESULTS = process.env.COMPAT_RESULTS_DIR;
const TIMEOUT = 30_000;

if (!RESULTS) {
  throw new Error("COMPAT_RESULTS_DIR is not set: run these tests through tests/compat/run.sh");
}

// ---- the control plane's attachment endpoints ----------------------------------------------------------------------

/** The bytes that arrived on the server for an attachment (GET /_connectmock/attachments/{id}/content). */
async function serverBytes(attachmentId) {
  const response = await fetch(new URL(`/_connectmock/attachments/${encodeURIComponent(attachmentId)}/content`, ENDPOINT),
    { headers: controlPlaneHeaders() });
  assert.equal(response.status, 200, `GET .../attachments/${attachmentId}/content: ${response.status} ${await response.clone().text()}`);
  return Buffer.from(await response.arrayBuffer());
}

/** The simulated agent sends a file: its name, type and bytes (base64), as JSON like every control-plane body. */
async function agentSendsFile(contactId, name, contentType, bytes) {
  const response = await fetch(
    new URL(`/_connectmock/contacts/${contactId}/agent/attachments`, ENDPOINT),
    {
      method: "POST",
      headers: { ...controlPlaneHeaders(), "content-type": "application/json" },
      body: JSON.stringify({ name, contentType, contentBase64: Buffer.from(bytes).toString("base64") }),
    });
  const text = await response.text();
  assert.equal(response.status, 201, `the agent's file was refused: ${response.status} ${text}`);
  return JSON.parse(text);
}

const attachmentsOf = async (contactId) => (await call("GET", `/_connectmock/contacts/${contactId}/attachments`)).attachments;
const scannerSettings = async () => (await call("GET", "/_connectmock/attachments")).scanning;
const configureScanner = (spec) => call("PUT", "/_connectmock/attachments/scanning", spec);

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** Byte-for-byte equality, with a message that says how they differ rather than printing 200 KB. */
function assertSameBytes(actual, expected, what) {
  const firstDifference = actual.findIndex((b, i) => b !== expected[i]);
  assert.ok(actual.length === expected.length && actual.equals(expected),
    `${what}: ${actual.length} bytes (sha256 ${sha256(actual)}), expected ${expected.length} (sha256 ${sha256(expected)});` +
    ` first difference at byte ${firstDifference}`);
}

/** `size` random bytes behind a file format's magic, so that the file is what its name says, as far as its head goes. */
const fileOf = (magic, size) => Buffer.concat([Buffer.from(magic, "latin1"), randomBytes(size - magic.length)]);

describe("amazon-connect-chatjs attachments in Chromium: sendAttachment, onMessage ATTACHMENT, downloadAttachment", () => {
  let browser;
  let backend;
  let page;
  let consoleLines;
  let fileRequests;
  let fileFailures;
  let preflights;
  let scannerAsFound;

  before(async () => {
    browser = await launchChromium({ viewport: { width: 720, height: 640 } });
    backend = await startBackend(ENDPOINT);
    // The server is shared: what the scanner was set to before, to put back after each test whatever happened.
    scannerAsFound = await scannerSettings();
  });

  after(async () => {
    await browser?.close();
    await backend?.close();
  });

  beforeEach(async () => {
    await controlPlane.reset();
    page = await browser.context.newPage();
    consoleLines = [];
    page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
    // What the browser sent to the attachment URLs (the stand-ins for S3's pre-signed URLs) and what came back. From
    // the response: chatjs never reads the PUT's (empty) body, so Chromium cancels that request after its 200 arrived
    // and Playwright reports it as failed (net::ERR_ABORTED); such failures are only logged.
    fileRequests = [];
    fileFailures = [];
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith("/attachments/")) return;
      const request = response.request();
      fileRequests.push((async () => ({
        method: request.method(), path: url.pathname, status: response.status(), headers: await request.allHeaders(),
      }))());
    });
    page.on("requestfailed", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/attachments/")) fileFailures.push(`${request.method()} ${url.pathname}: ${request.failure()?.errorText}`);
    });
    // The CORS preflights, which only the DevTools protocol shows.
    preflights = [];
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    cdp.on("Network.responseReceived", ({ type, response }) => {
      const url = new URL(response.url);
      if (type !== "Preflight" || !url.pathname.startsWith("/attachments/")) return;
      preflights.push({
        path: url.pathname,
        status: response.status,
        headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v])),
      });
    });
  });

  afterEach(async (t) => {
    try {
      // The page's state (downloads without their base64) and chatjs's own log, for whoever reads a failure.
      const state = await chatState().catch((e) => ({ unavailable: e.message }));
      for (const d of state.downloads ?? []) if (d.base64) d.base64 = `(${d.base64.length} base64 characters)`;
      const name = t.name.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 60);
      writeFileSync(join(RESULTS, `chatjs-attachments-${name}.log`), [
        `page state: ${JSON.stringify(state, null, 1)}`, "", "requests to the attachment URLs:",
        ...(await Promise.all(fileRequests)).map((r) => JSON.stringify(r)), "", "preflights:",
        ...preflights.map((r) => JSON.stringify(r)), "", "cancelled or failed:", ...fileFailures, "", "console:", ...consoleLines,
      ].join("\n"));
      await page.close();
    } finally {
      // ALWAYS: the scanner as it was found (off), whether or not the test turned it on and however it ended.
      await configureScanner({
        enabled: scannerAsFound.enabled,
        delayMs: scannerAsFound.delayMs,
        rejectNamePattern: scannerAsFound.rejectNamePattern ?? "",
        rejectContentMarker: scannerAsFound.rejectContentMarker ?? "",
      });
    }
  });

  /** The page's window.chat, without the chatjs session and the page's functions. */
  const chatState = () => page.evaluate(() => {
    const { session, download, sendFile, ...rest } = window.chat ?? {};
    return rest;
  });

  async function openChat() {
    await page.goto(`${backend.url}/`);
    await page.waitForSelector('#status[data-phase="ready"]', { timeout: TIMEOUT });
    const { details } = await chatState();
    assert.ok(new URL(backend.url).origin !== new URL(ENDPOINT).origin, "the page must be cross-origin to ConnectMock");
    return details.ContactId;
  }

  /** The customer picks a file in the page's file input; the page hands it to session.sendAttachment. */
  async function pickFile(name, mimeType, buffer) {
    await page.setInputFiles("#file", { name, mimeType, buffer });
    await page.waitForFunction((n) => window.chat.uploads.some((u) => u.name === n && u.ok !== null), name, { timeout: TIMEOUT });
    return (await chatState()).uploads.find((u) => u.name === name);
  }

  /** The attachment's card in the page, once it shows this status. */
  function card(role, name, status) {
    return page.locator(`#log li.attachment[data-role="${role}"]`, { hasText: name })
      .locator(`.file[data-status="${status}"]`);
  }

  /** The ATTACHMENT items onMessage delivered for a file of this name. */
  async function itemsNamed(name) {
    return (await chatState()).attachmentItems.filter((i) => i.Attachments?.some((a) => a.AttachmentName === name));
  }

  /** Clicks the page's Download button of a file and waits for what chatjs's downloadAttachment gave. */
  async function downloadFromPage(role, name, attachmentId) {
    await page.locator(`#log li.attachment[data-role="${role}"]`, { hasText: name }).locator("button.download-button").click();
    await page.waitForFunction((id) => window.chat.downloads.some((d) => d.attachmentId === id), attachmentId, { timeout: TIMEOUT });
    return (await chatState()).downloads.find((d) => d.attachmentId === attachmentId);
  }

  const errorLines = () => consoleLines.filter((line) => /^(error|pageerror)/.test(line));

  test("the customer sends a 200 KB PNG from the page: APPROVED in onMessage, and the server holds exactly its bytes", async () => {
    const contactId = await openChat();
    const bytes = fileOf("\x89PNG\r\n\x1a\n", 200 * 1024);

    const upload = await pickFile("receipt.png", "image/png", bytes);
    assert.equal(upload.ok, true, `sendAttachment failed: ${JSON.stringify(upload.error)}`);
    assert.equal(upload.size, bytes.length);
    assert.equal(upload.type, "image/png");

    // What the customer sees: the file in the chat, approved, with a Download button.
    await card("CUSTOMER", "receipt.png", "APPROVED").waitFor({ timeout: TIMEOUT });
    const shown = page.locator('#log li.attachment[data-role="CUSTOMER"]', { hasText: "receipt.png" });
    assert.match(await shown.locator(".status").textContent(), /^approved$/);
    assert.equal(await shown.locator(".who").textContent(), "Customer · Jane");

    // What onMessage delivered: one ATTACHMENT item, as Amazon Connect documents it.
    const items = await itemsNamed("receipt.png");
    assert.equal(items.length, 1, JSON.stringify(items));
    const [item] = items;
    assert.equal(item.Type, "ATTACHMENT");
    assert.equal(item.ParticipantRole, "CUSTOMER");
    assert.equal(item.DisplayName, "Jane");
    assert.equal(item.ContactId, contactId);
    assert.equal(item.Attachments.length, 1);
    const [file] = item.Attachments;
    assert.match(file.AttachmentId, LOWERCASE_UUID);
    assert.deepEqual(file, { AttachmentId: file.AttachmentId, AttachmentName: "receipt.png", ContentType: "image/png", Status: "APPROVED" });
    const serverItem = (await transcriptOf(contactId)).find((i) => i.Type === "ATTACHMENT");
    assert.equal(serverItem?.Id, item.Id, "the page's item is not the one in ConnectMock's transcript");

    // What arrived on the server: exactly the bytes the page's File held.
    const [held] = await attachmentsOf(contactId);
    assert.equal(held.attachmentId, file.AttachmentId);
    assert.equal(held.status, "APPROVED");
    assert.equal(held.attachmentSizeInBytes, bytes.length);
    assert.equal(held.bytesHeld, true);
    assertSameBytes(await serverBytes(file.AttachmentId), bytes, "the bytes ConnectMock received");

    // How chatjs got them there: StartAttachmentUpload with the File's name, type and size; one PUT carrying the
    // HeadersToInclude (Content-Length set by the browser); CompleteAttachmentUpload of that id.
    const [start] = (await controlPlane.requests({ operation: "StartAttachmentUpload" })).filter((e) => e.method === "POST");
    assert.equal(start.statusCode, 200);
    assert.equal(start.requestBody.AttachmentName, "receipt.png");
    assert.equal(start.requestBody.ContentType, "image/png");
    assert.equal(start.requestBody.AttachmentSizeInBytes, bytes.length);
    const puts = (await Promise.all(fileRequests)).filter((r) => r.method === "PUT");
    assert.equal(puts.length, 1, JSON.stringify(puts));
    assert.equal(puts[0].path, `/attachments/${file.AttachmentId}`);
    assert.equal(puts[0].status, 200, "the upload URL refused the PUT (chatjs does not look at its status)");
    assert.equal(puts[0].headers["content-type"], "image/png");
    assert.equal(puts[0].headers["content-length"], String(bytes.length));
    assert.equal(puts[0].headers["x-amz-acl"], "bucket-owner-full-control");
    assert.equal(puts[0].headers["x-amz-meta-contact_id"], contactId);
    assert.equal(puts[0].headers["content-disposition"], 'attachment; filename="receipt.png"');
    assert.equal(puts[0].headers.origin, new URL(backend.url).origin, "the PUT was not cross-origin");
    // Its CORS preflight, answered for the headers chatjs sends.
    const preflight = preflights.find((p) => p.path === puts[0].path);
    assert.ok(preflight, `no CORS preflight for the PUT: ${JSON.stringify(preflights)}`);
    assert.ok(preflight.status >= 200 && preflight.status < 300, `preflight: ${JSON.stringify(preflight)}`);
    assert.ok(["*", new URL(backend.url).origin].includes(preflight.headers["access-control-allow-origin"]), JSON.stringify(preflight));
    assert.match(preflight.headers["access-control-allow-methods"] ?? "", /\bPUT\b/);
    for (const header of ["content-disposition", "x-amz-acl", "x-amz-meta-contact_id"]) {
      assert.ok((preflight.headers["access-control-allow-headers"] ?? "").toLowerCase().split(/\s*,\s*/).includes(header),
        `the preflight does not allow ${header}: ${JSON.stringify(preflight)}`);
    }
    const [complete] = (await controlPlane.requests({ operation: "CompleteAttachmentUpload" })).filter((e) => e.method === "POST");
    assert.equal(complete.statusCode, 200);
    assert.deepEqual(complete.requestBody.AttachmentIds, [file.AttachmentId]);

    // And back: the customer's own file, downloaded in the page, is the same file.
    const download = await downloadFromPage("CUSTOMER", "receipt.png", file.AttachmentId);
    assert.equal(download.ok, true, JSON.stringify(download.error));
    assert.equal(download.isBlob, true);
    assert.equal(download.type, "image/png");
    assertSameBytes(Buffer.from(download.base64, "base64"), bytes, "the bytes downloadAttachment gave the page");
    await shown.locator(".download", { hasText: `Downloaded ${bytes.length.toLocaleString("en-US")} bytes` }).waitFor({ timeout: TIMEOUT });

    await page.screenshot({ path: join(RESULTS, "chatjs-chromium-attachment-customer.png"), fullPage: true });
    assert.deepEqual((await chatState()).errors, []);
    assert.deepEqual(errorLines(), []);
  });

  test("the agent sends a PDF: the page gets its ATTACHMENT item and downloadAttachment gives back exactly its bytes", async () => {
    const contactId = await openChat();
    await agent.join(contactId, "Alex");
    await page.locator("#log li.event", { hasText: "Alex joined the chat" }).waitFor({ timeout: TIMEOUT });
    const bytes = fileOf("%PDF-1.7\n", 150 * 1024 + 7);

    const sent = await agentSendsFile(contactId, "reply.pdf", "application/pdf", bytes);
    assert.match(sent.attachmentId, LOWERCASE_UUID);
    assert.equal(sent.status, "APPROVED");

    // What the customer sees: Alex's file, approved, downloadable.
    await card("AGENT", "reply.pdf", "APPROVED").waitFor({ timeout: TIMEOUT });
    const shown = page.locator('#log li.attachment[data-role="AGENT"]', { hasText: "reply.pdf" });
    assert.equal(await shown.locator(".who").textContent(), "Agent · Alex");
    assert.match(await shown.locator(".meta").textContent(), /^application\/pdf · approved$/);

    const items = await itemsNamed("reply.pdf");
    assert.equal(items.length, 1, JSON.stringify(items));
    const [item] = items;
    assert.equal(item.Type, "ATTACHMENT");
    assert.equal(item.ParticipantRole, "AGENT");
    assert.equal(item.DisplayName, "Alex");
    assert.deepEqual(item.Attachments,
      [{ AttachmentId: sent.attachmentId, AttachmentName: "reply.pdf", ContentType: "application/pdf", Status: "APPROVED" }]);

    // The customer downloads it: GetAttachment, then a cross-origin GET of its Url; chatjs resolves to a Blob.
    const download = await downloadFromPage("AGENT", "reply.pdf", sent.attachmentId);
    assert.equal(download.ok, true, JSON.stringify(download.error));
    assert.equal(download.isBlob, true, "downloadAttachment did not resolve to a Blob");
    assert.equal(download.type, "application/pdf");
    assert.equal(download.size, bytes.length);
    assertSameBytes(Buffer.from(download.base64, "base64"), bytes, "the bytes downloadAttachment gave the page");
    await shown.locator(".download", { hasText: `Downloaded ${bytes.length.toLocaleString("en-US")} bytes (application/pdf)` })
      .waitFor({ timeout: TIMEOUT });

    const [get] = (await controlPlane.requests({ operation: "GetAttachment" })).filter((e) => e.method === "POST");
    assert.equal(get.statusCode, 200);
    assert.equal(get.requestBody.AttachmentId, sent.attachmentId);
    const gets = (await Promise.all(fileRequests)).filter((r) => r.method === "GET");
    assert.equal(gets.length, 1, JSON.stringify(gets));
    assert.equal(gets[0].path, `/attachments/${sent.attachmentId}`);
    assert.equal(gets[0].status, 200);
    assert.equal(gets[0].headers.origin, new URL(backend.url).origin, "the download was not cross-origin");

    await page.screenshot({ path: join(RESULTS, "chatjs-chromium-attachment-agent.png"), fullPage: true });
    assert.deepEqual((await chatState()).errors, []);
    assert.deepEqual(errorLines(), []);
  });

  test("with the scanner on, virus.txt is REJECTED: the page shows it rejected, and downloadAttachment fails with ValidationException", async () => {
    const scanning = await configureScanner({ enabled: true, delayMs: 300, rejectNamePattern: "(?i)virus" });
    assert.equal(scanning.enabled, true);
    const contactId = await openChat();
    const bytes = Buffer.from("This file pretends to carry a virus. Nothing in it is harmful.\n".repeat(64), "utf8");

    // chatjs's sendAttachment succeeds: the upload and CompleteAttachmentUpload are fine; the verdict comes later.
    const upload = await pickFile("virus.txt", "text/plain", bytes);
    assert.equal(upload.ok, true, `sendAttachment failed: ${JSON.stringify(upload.error)}`);

    // What the customer sees: the file, marked rejected, and no Download button.
    await card("CUSTOMER", "virus.txt", "REJECTED").waitFor({ timeout: TIMEOUT });
    const shown = page.locator('#log li.attachment[data-role="CUSTOMER"]', { hasText: "virus.txt" });
    assert.equal(await shown.locator(".status").textContent(), "rejected");
    assert.ok(await shown.locator(".status").isVisible());
    assert.equal(await shown.locator("button.download-button").count(), 0, "a rejected file must not offer a download");

    const items = await itemsNamed("virus.txt");
    assert.ok(items.length >= 1);
    assert.ok(items.every((i) => i.Attachments[0].Status !== "APPROVED"), `an APPROVED item came for virus.txt: ${JSON.stringify(items)}`);
    const last = items.at(-1);
    assert.equal(last.Type, "ATTACHMENT");
    assert.equal(last.ParticipantRole, "CUSTOMER");
    assert.equal(last.Attachments[0].Status, "REJECTED");
    assert.equal(last.Attachments[0].AttachmentName, "virus.txt");
    assert.equal(last.Attachments[0].ContentType, "text/plain");
    const attachmentId = last.Attachments[0].AttachmentId;

    // The server received the file (its bytes are kept for the test) and marked it REJECTED.
    const [held] = await attachmentsOf(contactId);
    assert.equal(held.attachmentId, attachmentId);
    assert.equal(held.status, "REJECTED");
    assertSameBytes(await serverBytes(attachmentId), bytes, "the bytes ConnectMock received");

    // downloadAttachment of it: GetAttachment answers ValidationException (400), which chatjs rejects with as
    // {type, message, statusCode}; it never fetches a URL.
    const download = await page.evaluate((id) => window.chat.download(id), attachmentId);
    assert.equal(download.ok, false, "downloadAttachment of a rejected file succeeded");
    assert.equal(download.error.isBlob, false);
    assert.equal(download.error.type, "ValidationException", JSON.stringify(download.error));
    assert.equal(download.error.statusCode, 400);
    assert.match(download.error.message, /rejected/);
    const [get] = (await controlPlane.requests({ operation: "GetAttachment" })).filter((e) => e.method === "POST");
    assert.equal(get.errorName, "ValidationException");
    assert.equal(get.statusCode, 400);
    assert.deepEqual((await Promise.all(fileRequests)).filter((r) => r.method === "GET"), [], "chatjs fetched a download URL");
    await shown.locator(".download.failed", { hasText: "Download failed: ValidationException (400)" }).waitFor({ timeout: TIMEOUT });

    await page.screenshot({ path: join(RESULTS, "chatjs-chromium-attachment-rejected.png"), fullPage: true });
    assert.deepEqual((await chatState()).errors, []);
  });
});
