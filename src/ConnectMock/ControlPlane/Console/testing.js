// The test side: the request journal, faults, instances and quotas, the bot, the clock. Each is a control-plane call.
import { call } from "./api.js";
import { $, debounce, h, pairs, shortId, time } from "./dom.js";
import { pretty } from "./templates.js";

export function createTesting({ notify, onClockMoved }) {
  const guarded = (fn) => async (event) => {
    event?.preventDefault();
    try {
      await fn(event);
    } catch (err) {
      notify(err.message);
    }
  };

  // ---- operations, for the journal's and the faults' pickers ---------------------------------------------------------
  let operationsLoaded = false;
  async function loadOperations() {
    if (operationsLoaded) return;
    const { operations } = await call("GET", "/operations");
    for (const select of [$("journal-operation"), $("fault-operation")]) {
      select.append(...operations.map((name) => h("option", { value: name }, name)));
    }
    $("journal-operation").append(h("option", { value: "Unknown" }, "Unknown (no operation)"));
    operationsLoaded = true;
  }

  // ---- journal ---------------------------------------------------------------------------------------------------------
  const expanded = new Set();
  let journalLoads = 0;
  async function loadJournal() {
    const load = ++journalLoads;
    await loadOperations();
    const query = new URLSearchParams({ maxResults: "200" });
    if ($("journal-operation").value) query.set("operation", $("journal-operation").value);
    if ($("journal-status").value) query.set("status", $("journal-status").value);
    if ($("journal-token").value.trim()) query.set("clientToken", $("journal-token").value.trim());
    const { requests } = await call("GET", `/requests?${query}`);
    if (load !== journalLoads) return; // a later load (another filter, a live update) answers instead
    $("journal").replaceChildren(...requests.map(journalEntry));
    $("journal-empty").hidden = requests.length > 0;
  }

  function journalEntry(entry) {
    const failed = entry.statusCode >= 400 || entry.connectionDropped;
    const details = h("details", { dataset: { requestId: entry.requestId } },
      h("summary", { "aria-label": `${entry.operation} ${entry.statusCode}${entry.errorName ? " " + entry.errorName : ""} at ${new Date(entry.time).toLocaleTimeString()}` },
        h("span", {}, time(entry.time)),
        h("span", { class: failed ? "status-err" : "status-ok" }, entry.connectionDropped ? "dropped" : String(entry.statusCode)),
        h("span", {}, entry.operation),
        h("span", {}, entry.errorName ?? (entry.clientToken ? `ClientToken ${entry.clientToken}` : "")),
        h("span", { class: "hint" }, `${entry.latencyMs.toFixed(1)} ms`)),
      h("div", { class: "body" }));
    details.addEventListener("toggle", () => {
      if (details.open) {
        expanded.add(entry.requestId);
        fillEntry(details, entry);
      } else {
        expanded.delete(entry.requestId);
      }
    });
    if (expanded.has(entry.requestId)) details.open = true;
    return h("li", {}, details);
  }

  async function fillEntry(details, entry) {
    const body = details.querySelector(".body");
    if (body.childElementCount) return;
    try {
      const { requests } = await call("GET", `/requests?requestId=${encodeURIComponent(entry.requestId)}&includeBodies=true`);
      const full = requests[0] ?? entry;
      const sent = full.requestBody !== undefined ? pretty(full.requestBody) : full.requestBodyText ?? (full.requestBodyBase64 ? `(base64) ${full.requestBodyBase64}` : "(no body)");
      body.replaceChildren(
        h("h4", {}, "Request"),
        h("p", { class: "hint" }, `${full.method} ${full.path} · request id ${full.requestId}${full.instanceId ? ` · instance ${full.instanceId}` : ""}`),
        h("pre", { class: "code" }, sent + (full.requestBodyTruncated ? "\n… (truncated)" : "")),
        h("h4", {}, "Response"),
        pairsOf([
          ["Status", full.connectionDropped ? "connection dropped, no answer" : String(full.statusCode)],
          ["Error", full.errorName ?? "none"],
          ["x-amzn-RequestId", full.requestId],
          ["Latency", `${full.latencyMs} ms`],
        ]));
    } catch (err) {
      body.replaceChildren(h("p", { class: "status-err" }, err.message));
    }
  }

  function pairsOf(entries) {
    const dl = h("dl", { class: "pairs" });
    pairs(dl, entries);
    return dl;
  }

  $("journal-filter").addEventListener("submit", guarded(loadJournal));
  for (const id of ["journal-operation", "journal-status"]) $(id).addEventListener("change", guarded(loadJournal));
  $("journal-clear").addEventListener("click", guarded(async () => {
    await call("DELETE", "/requests");
    await loadJournal();
  }));

  // ---- faults ------------------------------------------------------------------------------------------------------
  async function loadFaults() {
    await loadOperations();
    const { faults } = await call("GET", "/faults");
    $("fault-rows").replaceChildren(...faults.map((f) => h("tr", {},
      h("td", {}, f.operation ?? "every operation"),
      h("td", {}, [f.error ?? "", f.statusCode ? `(${f.statusCode})` : "", f.latencyMs ? `+${f.latencyMs} ms` : "",
        f.dropConnection ? `drop ${f.dropConnection}` : "", f.probability < 1 ? `p=${f.probability}` : ""].filter(Boolean).join(" ")),
      h("td", { class: "id" }, f.instanceId ? shortId(f.instanceId) : "any"),
      h("td", {}, f.remaining ?? "∞"),
      h("td", {}, String(f.fired)),
      h("td", {}, h("button", { type: "button", class: "quiet", "aria-label": `Remove fault ${f.id} (${f.operation ?? "every operation"} ${f.error ?? ""})`.trim(),
        onclick: guarded(async () => { await call("DELETE", `/faults/${f.id}`); await loadFaults(); }) }, "Remove")))));
    $("faults-empty").hidden = faults.length > 0;
  }

  const number = (id) => ($(id).value === "" ? undefined : Number($(id).value));
  const text = (id) => $(id).value.trim() || undefined;
  $("fault-form").addEventListener("submit", guarded(async () => {
    await call("POST", "/faults", {
      operation: text("fault-operation"), error: text("fault-error"), message: text("fault-message"), instanceId: text("fault-instance"),
      count: number("fault-count"), probability: number("fault-probability"), latencyMs: number("fault-latency"), dropConnection: text("fault-drop"),
    });
    await loadFaults();
    notify("Fault added: it applies to the next matching call.", "info");
  }));
  $("faults-clear").addEventListener("click", guarded(async () => { await call("DELETE", "/faults"); await loadFaults(); }));

  // ---- instances and the store ----------------------------------------------------------------------------------------
  async function loadInstances() {
    const [{ strict, instances }, usage] = await Promise.all([call("GET", "/instances"), call("GET", "/store")]);
    $("instances-mode").textContent = strict
      ? "Instances are declared: an unknown InstanceId or ContactFlowId gets ResourceNotFoundException."
      : "No instance is declared: every InstanceId and ContactFlowId is accepted.";
    $("instance-rows").replaceChildren(...instances.map((i) => h("tr", {},
      h("td", { class: "id" }, i.id),
      h("td", { class: "id" }, i.contactFlowIds.length ? i.contactFlowIds.join(", ") : "any"),
      h("td", {}, String(i.activeChats)),
      h("td", {}, i.maxConcurrentActiveChats ?? "none"),
      h("td", {}, h("button", { type: "button", class: "quiet", "aria-label": `Forget instance ${i.id}`,
        onclick: guarded(async () => { await call("DELETE", `/instances/${i.id}`); await loadInstances(); }) }, "Forget")))));
    pairs($("store-usage"), [
      ["Contacts", `${usage.contacts} of ${usage.maxContacts}`],
      ["Memory", `${(usage.bytes / 1048576).toFixed(1)} MiB of ${(usage.maxBytes / 1048576).toFixed(0)} MiB`],
    ]);
  }

  $("instance-form").addEventListener("submit", guarded(async () => {
    const flows = $("instance-flows").value.split(",").map((f) => f.trim()).filter(Boolean);
    await call("PUT", `/instances/${encodeURIComponent($("instance-id").value.trim())}`,
      { contactFlowIds: flows, maxConcurrentActiveChats: number("instance-quota") });
    await loadInstances();
  }));

  // ---- bot -----------------------------------------------------------------------------------------------------------
  async function loadBot() {
    const { templates, bot } = await call("GET", "/bot/templates");
    if (bot) {
      pairs($("bot-settings"), [
        ["Enabled", bot.enabled ? "yes: the bot joins every chat" : "no"],
        ["Name", bot.displayName], ["Greeting", bot.greeting ?? ""], ["Reply", bot.reply], ["Delay", `${bot.delayMs} ms`],
      ]);
    }
    const entries = Object.entries(templates);
    $("bot-templates").replaceChildren(...entries.map(([keyword, template]) => h("li", {},
      h("strong", {}, keyword), " → ", template.templateType ?? "", " ",
      h("button", { type: "button", class: "quiet", "aria-label": `Remove keyword ${keyword}`,
        onclick: guarded(async () => { await call("DELETE", `/bot/templates/${encodeURIComponent(keyword)}`); await loadBot(); }) }, "Remove"),
      h("details", {}, h("summary", {}, "Template JSON"), h("pre", { class: "code" }, pretty(template))))));
    $("bot-empty").hidden = entries.length > 0;
  }

  $("bot-form").addEventListener("submit", guarded(async () => {
    let template;
    try {
      template = JSON.parse($("bot-template").value);
    } catch (err) {
      $("bot-check").dataset.valid = "false";
      $("bot-check").textContent = `Not JSON: ${err.message}`;
      return;
    }
    try {
      await call("PUT", `/bot/templates/${encodeURIComponent($("bot-keyword").value.trim())}`, template);
      $("bot-check").dataset.valid = "true";
      $("bot-check").textContent = "Saved.";
    } catch (err) {
      $("bot-check").dataset.valid = "false";
      $("bot-check").textContent = err.message;
      return;
    }
    await loadBot();
  }));

  // ---- clock ---------------------------------------------------------------------------------------------------------
  function showClock(view) {
    $("clock-missing").hidden = true;
    $("clock-panel").hidden = false;
    pairs($("clock-state"), [
      ["Now", time(view.now, { withDate: true })],
      ["Mode", view.frozen ? "frozen" : view.offsetMilliseconds ? "running, ahead of real time" : "real time"],
      ["Offset", `${view.offsetMilliseconds} ms`],
      ["Pending timers", String(view.pendingTimers ?? 0)],
      ["Next timer due", view.nextDueAt ? time(view.nextDueAt, { withDate: true }) : "none"],
      ...(view.firedTimers !== undefined ? [["Timers fired by the last advance", String(view.firedTimers)]] : []),
    ]);
  }

  async function loadClock() {
    try {
      showClock(await call("GET", "/clock"));
    } catch (err) {
      if (err.status !== 404) throw err;
      $("clock-missing").hidden = false;
      $("clock-panel").hidden = true;
    }
  }

  // A moved clock changes what is active or ended without a change to every contact: the chats are read again.
  const moved = (view) => {
    showClock(view);
    onClockMoved();
  };
  const advance = async (by) => moved(await call("POST", "/clock/advance", { by }));
  $("clock-advance").addEventListener("submit", guarded(() => advance($("clock-by").value.trim())));
  for (const button of document.querySelectorAll("#clock-advance button[data-by]")) {
    button.addEventListener("click", guarded(() => advance(button.dataset.by)));
  }
  $("clock-freeze").addEventListener("click", guarded(async () => moved(await call("POST", "/clock/freeze", {}))));
  $("clock-real").addEventListener("click", guarded(async () => moved(await call("POST", "/clock/real"))));

  const loaders = { journal: loadJournal, faults: loadFaults, instances: loadInstances, bot: loadBot, clock: loadClock };
  return {
    load: (view) => loaders[view]?.().catch((err) => notify(err.message)),
    // New calls were journaled: the journal and the faults' counters may have changed.
    onJournal: debounce((view) => {
      if (view === "journal" || view === "faults") loaders[view]().catch(() => {});
    }, 250),
  };
}
