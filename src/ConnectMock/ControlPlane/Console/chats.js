// The chats: the live list, the open chat (transcript, participants, attributes) and the agent's controls. Every
// action is a call of the control plane's agent endpoints, the same domain calls a test makes.
import { call, headers, PREFIX } from "./api.js";
import { $, debounce, h, pairs, shortId, time } from "./dom.js";
import { INTERACTIVE, pretty, TEMPLATES } from "./templates.js";

const TYPING = "application/vnd.amazonaws.connect.event.typing";
const TYPING_SHOWN_MS = 3500;

export function createChats({ notify, navigate }) {
  const contacts = new Map(); // contactId -> summary as /contacts and the feed's "contact" events show it
  let openId = null;
  let detail = null;
  let transcript = [];
  let typingTimer;

  // ---- the list ----------------------------------------------------------------------------------------------------
  async function load() {
    const page = await call("GET", "/contacts?maxResults=1000");
    contacts.clear();
    for (const c of page.contacts) contacts.set(c.contactId, c);
    renderList();
    if (openId) await refreshOpen();
  }

  function renderList() {
    const onlyActive = $("only-active").checked;
    const rows = [...contacts.values()]
      .filter((c) => !onlyActive || c.state === "ACTIVE")
      .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
    $("chat-rows").replaceChildren(...rows.map((c) => h("tr", { "aria-current": c.contactId === openId ? "true" : "false", dataset: { contactId: c.contactId } },
      h("td", {}, h("button", { type: "button", class: "link", "aria-label": `Open chat with ${c.displayName}`, onclick: () => navigate(`chat/${c.contactId}`) }, c.displayName),
        h("div", { class: "id" }, shortId(c.contactId))),
      h("td", {}, h("span", { class: `badge ${c.state}` }, c.state)),
      h("td", { class: "id", title: c.instanceId }, shortId(c.instanceId)),
      h("td", {}, time(c.initiatedAt)),
      h("td", {}, time(c.lastActivityAt)))));
    $("chats-empty").hidden = rows.length > 0;
  }

  $("only-active").addEventListener("change", renderList);

  // ---- the open chat -----------------------------------------------------------------------------------------------
  async function open(contactId) {
    if (openId !== contactId) {
      openId = contactId;
      transcript = [];
      $("typing").textContent = "";
      $("transcript").replaceChildren();
      $("template-check").textContent = "";
    }
    $("chat").hidden = false;
    renderList();
    await refreshOpen();
  }

  function close() {
    openId = null;
    detail = null;
    $("chat").hidden = true;
    renderList();
  }

  async function refreshOpen() {
    const id = openId;
    if (!id) return;
    try {
      const [contact, items] = await Promise.all([
        call("GET", `/contacts/${id}`),
        call("GET", `/contacts/${id}/transcript`),
      ]);
      if (id !== openId) return;
      detail = contact;
      transcript = items.Transcript;
      renderDetail();
      renderTranscript();
    } catch (err) {
      if (err.status === 404) {
        notify(`That chat is no longer stored (${shortId(id)}).`);
        close();
      } else {
        notify(err.message);
      }
    }
  }

  const refreshSoon = debounce(refreshOpen, 60);

  function renderDetail() {
    const d = detail;
    $("chat-title").textContent = d.displayName;
    const state = $("chat-state");
    state.textContent = d.state;
    state.className = `badge ${d.state}`;
    $("chat-ids").textContent = `contact ${d.contactId} · instance ${d.instanceId}`;
    $("participants").replaceChildren(...(d.participants.length ? d.participants : [{ displayName: d.displayName, participantRole: "CUSTOMER", participantId: d.participantId, joined: false }])
      .map((p) => h("li", {}, h("strong", {}, p.displayName), " ", h("span", { class: "hint" },
        `${p.participantRole}${p.left ? " · left" : p.joined === false ? " · not connected" : ""}`))));
    pairs($("timestamps"), [
      ["Started", time(d.initiatedAt, { withDate: true })],
      ["Last update", time(d.lastUpdatedAt, { withDate: true })],
      ["Expires", time(d.expiresAt, { withDate: true })],
      ...(d.endedAt ? [["Ended", time(d.endedAt, { withDate: true })], ["Reason", d.disconnectReason ?? ""]] : []),
    ]);
    pairs($("attributes"), Object.entries(d.attributes ?? {}));
    pairs($("segment-attributes"), Object.entries(d.request?.SegmentAttributes ?? {}).map(([k, v]) => [k, segmentValue(v)]));
    // The request as sent, less nothing secret: the participant token is in the contact, not in its request.
    $("chat-request").textContent = pretty(d.request);
    const agent = d.participants.find((p) => p.participantRole === "AGENT" && !p.left);
    const active = d.state === "ACTIVE";
    for (const id of ["message", "template-json", "agent-file", "mark-read", "leave", "leave-ends", "transfer", "transfer-to"]) $(id).disabled = !active || !agent;
    for (const button of document.querySelectorAll("#message-form button, #template-form button")) button.disabled = !active || !agent;
    $("end").disabled = !active;
    document.querySelector("#join-form button").disabled = !active || Boolean(agent);
    $("agent-name").disabled = !active || Boolean(agent);
    const interactive = (d.request?.SupportedMessagingContentTypes ?? []).includes(INTERACTIVE);
    $("template-box").dataset.accepts = String(interactive);
    $("template-check").textContent = interactive ? $("template-check").textContent
      : "This chat's StartChatContact did not declare interactive messages: ConnectMock refuses to send it one, as Connect's flows would.";
  }

  function segmentValue(value) {
    if (value == null) return "";
    if (value.ValueString !== undefined) return String(value.ValueString);
    if (value.ValueInteger !== undefined) return String(value.ValueInteger);
    return JSON.stringify(value);
  }

  function renderTranscript() {
    const list = $("transcript");
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren(...transcript.map(renderItem));
    if (atBottom || list.dataset.filled !== openId) list.scrollTop = list.scrollHeight;
    list.dataset.filled = openId;
  }

  function renderItem(item) {
    const who = item.DisplayName ?? item.ParticipantRole ?? "";
    if (item.Type === "EVENT") {
      return h("li", { class: "event", dataset: { id: item.Id, type: item.Type } },
        `${describeEvent(item)}`, time(item.AbsoluteTime));
    }
    const li = h("li", { dataset: { id: item.Id, type: item.Type, role: item.ParticipantRole ?? "" } },
      h("span", { class: "who" }, who), time(item.AbsoluteTime));
    if (item.Type === "ATTACHMENT") {
      for (const file of item.Attachments ?? []) {
        li.append(h("div", { class: "content" }, h("span", { class: "tag" }, "file"), ` ${file.AttachmentName} `,
          h("span", { class: "tag" }, file.Status ?? "IN_PROGRESS"), " ",
          h("button", { type: "button", class: "link", "aria-label": `Download ${file.AttachmentName}`, onclick: () => download(file) }, "Download")));
      }
    } else if (item.ContentType === INTERACTIVE) {
      let parsed = null;
      try { parsed = JSON.parse(item.Content); } catch { /* shown raw */ }
      li.append(h("div", { class: "content" }, h("span", { class: "tag" }, parsed?.templateType ?? "interactive"), " ",
        parsed?.data?.content?.title ?? ""),
        h("details", {}, h("summary", {}, "Template JSON"), h("pre", {}, parsed ? pretty(parsed) : item.Content)));
    } else {
      const tag = item.ContentType && item.ContentType !== "text/plain" ? h("span", { class: "tag" }, item.ContentType.replace("application/vnd.amazonaws.connect.message.", "")) : null;
      li.append(tag ?? "", h("div", { class: "content" }, item.Content ?? ""));
    }
    const receipts = item.MessageMetadata?.Receipts ?? [];
    const read = receipts.filter((r) => r.ReadTimestamp);
    const delivered = receipts.filter((r) => r.DeliveredTimestamp && !r.ReadTimestamp);
    if (read.length || delivered.length) {
      li.append(h("div", { class: "receipt" }, read.length ? `Read ${new Date(read[0].ReadTimestamp).toLocaleTimeString()}` : "Delivered"));
    }
    return li;
  }

  function describeEvent(item) {
    const type = (item.ContentType ?? "").replace("application/vnd.amazonaws.connect.event.", "");
    const who = item.DisplayName ?? item.ParticipantRole ?? "";
    const text = {
      "participant.joined": `${who} joined`,
      "participant.left": `${who} left`,
      "chat.ended": "Chat ended",
      "transfer.succeeded": "Transferred",
      "participant.idle": `${who} is idle`,
      "participant.returned": `${who} returned`,
      "chat.rehydrated": "Past chat loaded",
    }[type];
    return text ?? `${type} ${who}`.trim();
  }

  /** A live item of the open chat (feed "item" event): typing shows for a moment; anything else reloads the transcript. */
  function onItem(contactId, transient, item) {
    if (contactId !== openId) return;
    if (item.ContentType === TYPING) {
      if (item.ParticipantRole === "AGENT") return;
      $("typing").textContent = `${item.DisplayName ?? "The customer"} is typing…`;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => { $("typing").textContent = ""; }, TYPING_SHOWN_MS);
      return;
    }
    if (item.Type === "MESSAGE" && item.ParticipantRole !== "AGENT") $("typing").textContent = "";
    refreshSoon();
  }

  function onContact(summary) {
    const before = contacts.get(summary.contactId);
    contacts.set(summary.contactId, summary);
    renderListSoon();
    // A typing event changes nothing shown but is a change of the contact all the same: only real changes reload.
    if (summary.contactId === openId && (!before || before.state !== summary.state || before.lastActivityAt !== summary.lastActivityAt)) refreshSoon();
  }

  const renderListSoon = debounce(renderList, 30);

  function onForgotten(ids) {
    for (const id of ids) contacts.delete(id);
    renderList();
    if (ids.includes(openId)) refreshOpen();
  }

  // ---- files ---------------------------------------------------------------------------------------------------------
  /** The file's bytes from the control plane (with the key), handed to the browser as a download. */
  async function download(file) {
    try {
      const response = await fetch(`${PREFIX}/attachments/${encodeURIComponent(file.AttachmentId)}/content`, { headers: headers(), cache: "no-store" });
      if (!response.ok) throw new Error(`${response.status}: ${(await response.json().catch(() => ({}))).error ?? response.statusText}`);
      const url = URL.createObjectURL(await response.blob());
      const a = h("a", { href: url, download: file.AttachmentName });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      notify(`The file could not be downloaded: ${err.message}`);
    }
  }

  const base64Of = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  };

  // ---- the agent -----------------------------------------------------------------------------------------------------
  const act = (fn) => async (event) => {
    event?.preventDefault();
    if (!openId) return;
    try {
      await fn(openId);
      await refreshOpen();
    } catch (err) {
      notify(err.message);
    }
  };

  $("join-form").addEventListener("submit", act((id) => call("POST", `/contacts/${id}/agent`, { displayName: $("agent-name").value.trim() || "Agent" })));

  const sendMessage = act(async (id) => {
    const content = $("message").value;
    if (!content.trim()) return;
    await call("POST", `/contacts/${id}/agent/messages`, { content, contentType: $("message-type").value });
    $("message").value = "";
    lastTyping = 0;
  });
  $("message-form").addEventListener("submit", sendMessage);
  $("message").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) sendMessage(event);
  });

  // Typing reaches the customer as Connect's agent app sends it: at most once every few seconds while the agent types.
  let lastTyping = 0;
  $("message").addEventListener("input", () => {
    if (!openId || Date.now() - lastTyping < 3000 || !$("message").value) return;
    lastTyping = Date.now();
    call("POST", `/contacts/${openId}/agent/events`, { contentType: "typing" }).catch((err) => notify(err.message));
  });

  for (const name of Object.keys(TEMPLATES)) $("template-type").append(h("option", { value: name }, name));
  const loadTemplate = () => {
    $("template-json").value = pretty(TEMPLATES[$("template-type").value]);
    checkTemplate();
  };
  $("template-type").addEventListener("change", loadTemplate);
  $("template-box").addEventListener("toggle", () => { if ($("template-box").open) checkTemplate(); });

  /** Validation as the server does it (the same check a send makes), after each edit. */
  async function check(textarea, output) {
    const text = textarea.value;
    let body;
    try {
      body = JSON.parse(text);
    } catch (err) {
      output.dataset.valid = "false";
      output.textContent = `Not JSON: ${err.message}`;
      return false;
    }
    try {
      const result = await call("POST", "/templates/check", JSON.stringify(body));
      output.dataset.valid = String(result.valid);
      output.textContent = result.valid ? `A valid ${body.templateType} template.` : result.problem;
      return result.valid;
    } catch (err) {
      output.dataset.valid = "false";
      output.textContent = err.message;
      return false;
    }
  }
  const checkTemplate = debounce(() => check($("template-json"), $("template-check")), 250);
  $("template-json").addEventListener("input", checkTemplate);
  $("template-json").value = pretty(TEMPLATES[$("template-type").value]); // checked once the panel is opened

  $("template-form").addEventListener("submit", act(async (id) => {
    if (!(await check($("template-json"), $("template-check")))) throw new Error(`The template is not valid: ${$("template-check").textContent}`);
    await call("POST", `/contacts/${id}/agent/messages`, { content: JSON.stringify(JSON.parse($("template-json").value)), contentType: INTERACTIVE });
  }));

  $("agent-file").addEventListener("change", act(async (id) => {
    const file = $("agent-file").files[0];
    if (!file) return;
    try {
      await call("POST", `/contacts/${id}/agent/attachments`, {
        name: file.name, contentType: file.type || "application/octet-stream", contentBase64: base64Of(await file.arrayBuffer()),
      });
    } finally {
      $("agent-file").value = "";
    }
  }));

  $("mark-read").addEventListener("click", act(async (id) => {
    const unread = transcript.filter((i) => i.Type === "MESSAGE" && i.ParticipantRole === "CUSTOMER"
      && !(i.MessageMetadata?.Receipts ?? []).some((r) => r.ReadTimestamp));
    for (const message of unread) await call("POST", `/contacts/${id}/agent/events`, { contentType: "read", messageId: message.Id });
  }));
  $("leave").addEventListener("click", act((id) => call("DELETE", `/contacts/${id}/agent`, $("leave-ends").checked ? undefined : { endChat: false })));
  $("transfer").addEventListener("click", act((id) =>
    call("POST", `/contacts/${id}/agent/transfer`, { displayName: $("transfer-to").value.trim() || "Agent" })));
  $("end").addEventListener("click", act((id) => call("POST", `/contacts/${id}/end`)));
  $("chat-close").addEventListener("click", () => navigate("chats"));

  return { load, open, close, onContact, onItem, onForgotten, get openId() { return openId; } };
}
