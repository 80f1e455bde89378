// The small chat backend of the browser test, as a real site would have one: it serves the chat page and
// amazon-connect-chatjs from its OWN origin, and starts chats with @aws-sdk/client-connect against ConnectMock, handing
// the page only {ContactId, ParticipantId, ParticipantToken}. The page then calls ConnectMock itself, cross-origin.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { after, before } from "node:test";
import { ConnectClient, StartChatContactCommand, StopContactCommand } from "@aws-sdk/client-connect";

export const INSTANCE_ID = "11111111-2222-3333-4444-555555555555";
const CONTACT_FLOW_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const PAGE = new URL("./chat.html", import.meta.url);
const CHATJS = new URL("../node_modules/amazon-connect-chatjs/dist/amazon-connect-chat.js", import.meta.url);

/**
 * Starts the backend on a free loopback port (never 8080) for the ConnectMock at `endpoint`.
 * Returns {url, started: [StartChatContact outputs], stop(contactId), close()}.
 */
export async function startBackend(endpoint) {
  const connect = new ConnectClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDCOMPATTEST", secretAccessKey: "compat-test-secret" },
  });
  const started = [];

  const routes = {
    "GET /": async () => [200, "text/html; charset=utf-8", await readFile(PAGE)],
    "GET /amazon-connect-chat.js": async () => [200, "text/javascript; charset=utf-8", await readFile(CHATJS)],
    // What the page needs to know about the Participant Service; a real site would build it into the page.
    // A page of another origin that has nothing to do with ConnectMock, for the cross-origin test to attack from.
    "GET /elsewhere": async () => [200, "text/html; charset=utf-8",
      '<!doctype html><title>elsewhere</title><iframe name="sink" title="sink"></iframe>'],
    "GET /config": async () => [200, "application/json", JSON.stringify({ endpoint, region: "us-east-1" })],
    "POST /start": async (body) => {
      // persistentChat: the site remembered the customer's last chat and asks to continue it (persistent chat).
      // responseMode: INCREMENTAL asks for the bot's replies streamed (ParticipantConfiguration.ResponseMode).
      const { displayName = "Customer", initialMessage, persistentChat, supportedMessagingContentTypes, responseMode } = JSON.parse(body || "{}");
      const output = await connect.send(new StartChatContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: CONTACT_FLOW_ID,
        ParticipantDetails: { DisplayName: displayName },
        ...(initialMessage ? { InitialMessage: { ContentType: "text/plain", Content: initialMessage } } : {}),
        ...(persistentChat ? { PersistentChat: persistentChat } : {}),
        ...(supportedMessagingContentTypes ? { SupportedMessagingContentTypes: supportedMessagingContentTypes } : {}),
        ...(responseMode ? { ParticipantConfiguration: { ResponseMode: responseMode } } : {}),
        Attributes: { source: "chatjs-browser-test" },
      }));
      started.push(output);
      const { ContactId, ParticipantId, ParticipantToken, ContinuedFromContactId } = output;
      return [200, "application/json", JSON.stringify({ ContactId, ParticipantId, ParticipantToken, ContinuedFromContactId })];
    },
  };

  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const route = routes[`${request.method} ${new URL(request.url, "http://x").pathname}`];
    try {
      const [status, type, body] = route ? await route(Buffer.concat(chunks).toString()) : [404, "text/plain", "not found"];
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
    } catch (err) {
      response.writeHead(500, { "content-type": "text/plain" }).end(`backend error: ${err.name}: ${err.message}`);
    }
  });

  for (let attempt = 0; ; attempt++) {
    await new Promise((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
    if (server.address().port !== 8080) break;
    await new Promise((resolve) => server.close(resolve));
    if (attempt > 3) throw new Error("no free port but 8080");
  }

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    started,
    /** StopContact, as the site's backend would call it to end a chat. */
    stop: (contactId) => connect.send(new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: contactId })),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

/**
 * Registers a suite's before/after hooks for what every browser suite against ConnectMock needs: a browser (`launch()`
 * resolves to something with `close()`: chromium.mjs, firefox.mjs) and this backend for the ConnectMock at `endpoint`.
 * Returns their holder, filled once `before` ran.
 */
export function withBackend(endpoint, launch) {
  const held = { browser: null, backend: null };
  before(async () => {
    held.browser = await launch();
    held.backend = await startBackend(endpoint);
  });
  after(async () => {
    await held.browser?.close();
    await held.backend?.close();
  });
  return held;
}
