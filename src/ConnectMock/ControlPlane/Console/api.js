// Calls to this server's control plane. The API key (when the server has one) lives in this tab's sessionStorage
// and goes only to this origin, as the control plane's header: every URL here is a path, never another origin.
export const PREFIX = "/_connectmock";
const KEY_STORAGE = "connectmock.controlPlaneKey";
const KEY_HEADER = "X-ConnectMock-Api-Key";

export class ControlPlaneError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let askForKey = async () => false;

/** What to do when the server answers 401: ask for the key, resolve true when one was given. */
export function onKeyNeeded(handler) {
  askForKey = handler;
}

export const apiKey = {
  get: () => sessionStorage.getItem(KEY_STORAGE),
  set: (key) => (key ? sessionStorage.setItem(KEY_STORAGE, key) : sessionStorage.removeItem(KEY_STORAGE)),
};

export function headers(extra = {}) {
  const key = apiKey.get();
  return key ? { ...extra, [KEY_HEADER]: key } : extra;
}

/** A control-plane call: JSON in and out; a ControlPlaneError with the server's message when it fails. */
export async function call(method, path, body, { retryOnKey = true, raw = false } = {}) {
  const sentKey = apiKey.get();
  const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }), cache: "no-store" };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetch(PREFIX + path, init);
  // A key given while this call was under way is tried before the person is asked again.
  if (response.status === 401 && retryOnKey && (apiKey.get() !== sentKey || (await askForKey()))) {
    return call(method, path, body, { retryOnKey: false, raw });
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const error = await response.json();
      if (error?.error) message = error.error;
    } catch { /* not JSON */ }
    throw new ControlPlaneError(response.status, message);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/**
 * The console's live feed (GET /_connectmock/events) read with fetch, not EventSource: EventSource cannot send the
 * API key header. Calls onEvent(name, data) for each event and onState("live" | "connecting" | "down"); reconnects
 * after a drop. Returns a function that stops it.
 */
export function follow(onEvent, onState) {
  let stopped = false;
  let controller;
  (async () => {
    let delay = 500;
    while (!stopped) {
      controller = new AbortController();
      try {
        onState("connecting");
        const sentKey = apiKey.get();
        const response = await fetch(PREFIX + "/events", { headers: headers({ Accept: "text/event-stream" }), signal: controller.signal, cache: "no-store" });
        if (response.status === 401) {
          onState("down");
          if (apiKey.get() === sentKey && !(await askForKey())) return;
          continue;
        }
        if (!response.ok || !response.body) throw new Error(`${response.status}`);
        delay = 500;
        await readEvents(response.body, (name, data) => {
          if (name === "ready") onState("live");
          onEvent(name, data);
        });
      } catch (err) {
        if (stopped) return;
      }
      onState("down");
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5000);
    }
  })();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let name = "message";
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, "");
      buffer = buffer.slice(end + 1);
      if (line === "") {
        if (data.length) {
          let parsed = null;
          try { parsed = JSON.parse(data.join("\n")); } catch { /* ignored: every event is JSON */ }
          onEvent(name, parsed);
        }
        name = "message";
        data = [];
      } else if (line.startsWith("event:")) {
        name = line.slice(6).trim();
      } else if (line.startsWith("data:")) {
        data.push(line.slice(5).replace(/^ /, ""));
      }
    }
  }
}
