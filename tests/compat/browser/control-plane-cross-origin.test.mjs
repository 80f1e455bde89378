// A web page of another origin can neither change nor read ConnectMock's control plane: Debian's headless Chromium
// (playwright-core) against the real server with its DEFAULT settings (no API key). The attacks are the ones a
// browser allows any page without asking the server first: a no-cors text/plain POST, a form POST, a fetch; and a
// DNS-rebinding page, whose name resolves to the server (--host-resolver-rules stands in for the attacker's DNS),
// so that its requests are same-origin. What each attack did to the mock is checked from Node, through the control
// plane; what ConnectMock answered, through the browser's network layer: a page of another origin sees nothing of
// any answer (CORS hides it whatever the server does), so only the status the server sent shows the guard at work.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConnectClient, StartChatContactCommand } from "@aws-sdk/client-connect";
import { call, clientConfig, minimalRequest } from "../js/helpers.mjs";
import { startBackend } from "./backend.mjs";
import { launchChromium } from "./chromium.mjs";

const OPEN_ENDPOINT = process.env.CONNECTMOCK_OPEN_ENDPOINT;
if (!OPEN_ENDPOINT) {
  throw new Error("CONNECTMOCK_OPEN_ENDPOINT (a ConnectMock with default settings) is not set: run these tests through tests/compat/run.sh");
}
const PORT = new URL(OPEN_ENDPOINT).port;
const FAULT = { error: "InternalServiceException" };

/** The control plane as test code uses it: from Node, no Origin, no key (the server has none). */
const plane = (method, path, body) => call(method, path, body, OPEN_ENDPOINT);

describe("the control plane against pages of other origins (ConnectMock with default settings, in Chromium)", () => {
  let browser;
  let backend;
  let contact;

  before(async () => {
    // evil.test is a site of its own; rebind.test is the rebinding attacker's name, which now points at ConnectMock.
    browser = await launchChromium({ args: ["--host-resolver-rules=MAP evil.test 127.0.0.1, MAP rebind.test 127.0.0.1"] });
    backend = await startBackend(OPEN_ENDPOINT);
  });

  after(async () => {
    await browser?.close();
    await backend?.close();
  });

  beforeEach(async () => {
    await plane("POST", "/_connectmock/reset");
    contact = await new ConnectClient({ ...clientConfig(), endpoint: OPEN_ENDPOINT }).send(new StartChatContactCommand(minimalRequest()));
  });

  /** Nothing changed: no fault, the contact and its token still there, and StartChatContact still works. */
  async function assertUntouched() {
    assert.deepEqual((await plane("GET", "/_connectmock/faults")).faults, []);
    const stored = await plane("GET", `/_connectmock/contacts/${contact.ContactId}`);
    assert.equal(stored.participantToken, contact.ParticipantToken, "the contact is gone or changed");
    await new ConnectClient({ ...clientConfig(), endpoint: OPEN_ENDPOINT }).send(new StartChatContactCommand(minimalRequest()));
  }

  /** A page at `url`, and what the server answered (as the browser's network layer saw it) to `method path`. */
  async function pageAt(url) {
    const page = await browser.context.newPage();
    const response = await page.goto(url);
    assert.equal(response.status(), 200, `${url} did not load`);
    const answerTo = (method, path) => page.waitForResponse(
      (r) => r.request().method() === method && new URL(r.url()).pathname === path, { timeout: 10_000 });
    return { page, answerTo };
  }

  for (const [what, origin] of [["another site", () => `http://evil.test:${new URL(backend.url).port}`],
    ["another port of the same host", () => backend.url]]) {
    test(`a page of ${what}: a no-cors text/plain POST adds no fault`, async () => {
      const { page, answerTo } = await pageAt(`${origin()}/elsewhere`);
      const answer = answerTo("POST", "/_connectmock/faults");

      const result = await page.evaluate(async ([url, fault]) => {
        const r = await fetch(url, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: fault });
        return { type: r.type, status: r.status };
      }, [`${OPEN_ENDPOINT}/_connectmock/faults`, JSON.stringify(FAULT)]);

      assert.deepEqual(result, { type: "opaque", status: 0 }, "the page learns nothing from the answer");
      assert.equal((await answer).status(), 403, "the request reached ConnectMock, which refused it");
      await page.close();
      await assertUntouched();
    });

    test(`a page of ${what}: a form POST does not reset`, async () => {
      const { page, answerTo } = await pageAt(`${origin()}/elsewhere`);
      const answer = answerTo("POST", "/_connectmock/reset");

      await page.evaluate((url) => {
        const form = Object.assign(document.createElement("form"), { method: "POST", action: url, target: "sink" });
        form.append(Object.assign(document.createElement("input"), { name: "all", value: "yes" }));
        document.body.append(form);
        form.submit();
      }, `${OPEN_ENDPOINT}/_connectmock/reset`);

      assert.equal((await answer).status(), 403);
      await page.close();
      await assertUntouched();
    });

    test(`a page of ${what}: a fetch of a contact is refused by the server, not only hidden by CORS`, async () => {
      const { page, answerTo } = await pageAt(`${origin()}/elsewhere`);
      const url = `${OPEN_ENDPOINT}/_connectmock/contacts/${contact.ContactId}`;

      // CORS alone keeps the answer from the page (the server sends no Access-Control-Allow-Origin), so that the
      // fetch fails proves nothing about the guard; and Chromium reports no answer to a request that failed CORS.
      const read = await page.evaluate(async (u) => {
        try {
          const r = await fetch(u);
          return { status: r.status, body: await r.text() };
        } catch (err) {
          return { error: String(err) };
        }
      }, url);
      assert.match(read.error ?? JSON.stringify(read), /TypeError/, "the page read the answer");

      // The guard shows in what the server answered: the same request without CORS, whose status the browser's
      // network layer reports (not its body: it is opaque), is refused with 403. What a page that CORS does not
      // stop would read, a rebinding page's, is the case below.
      const answer = answerTo("GET", new URL(url).pathname);
      await page.evaluate((u) => fetch(u, { mode: "no-cors" }), url);
      assert.equal((await answer).status(), 403, "ConnectMock served the page's request");
      await page.close();
      await assertUntouched();
    });
  }

  test("a DNS-rebinding page (same origin, foreign Host) can neither read nor change anything", async () => {
    const { page } = await pageAt(`http://rebind.test:${PORT}/swagger/index.html`);

    const results = await page.evaluate(async ([contactId, fault]) => {
      const json = { "content-type": "application/json" };
      const answer = async (r) => ({ status: r.status, body: await r.text() });
      return {
        list: await answer(await fetch("/_connectmock/contacts")),
        contact: await answer(await fetch(`/_connectmock/contacts/${contactId}`)),
        fault: await answer(await fetch("/_connectmock/faults", { method: "POST", headers: json, body: fault })),
        reset: await answer(await fetch("/_connectmock/reset", { method: "POST" })),
      };
    }, [contact.ContactId, JSON.stringify(FAULT)]);

    for (const [name, { status, body }] of Object.entries(results)) {
      assert.equal(status, 403, `${name}: ${body}`);
      assert.ok(!body.includes(contact.ContactId) && !body.includes(contact.ParticipantToken), `${name} showed the contact: ${body}`);
      assert.match(JSON.parse(body).error, /ConnectMock:ControlPlane:AllowedHosts/);
    }
    await page.close();
    await assertUntouched();
  });

  test("Swagger UI's page on the server itself (same origin) still uses the control plane", async () => {
    const { page } = await pageAt(`${OPEN_ENDPOINT}/swagger/index.html`);

    const results = await page.evaluate(async ([contactId, fault]) => {
      const added = await fetch("/_connectmock/faults", { method: "POST", headers: { "content-type": "application/json" }, body: fault });
      const read = await fetch(`/_connectmock/contacts/${contactId}`);
      const cleared = await fetch("/_connectmock/faults", { method: "DELETE" });
      return { added: added.status, read: read.status, token: (await read.json()).participantToken, cleared: cleared.status };
    }, [contact.ContactId, JSON.stringify({ latencyMs: 1 })]);

    assert.deepEqual(results, { added: 201, read: 200, token: contact.ParticipantToken, cleared: 204 });
    await page.close();
  });
});
