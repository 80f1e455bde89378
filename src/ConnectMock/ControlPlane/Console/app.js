// ConnectMock's web console: views by the URL's hash (#chats, #chat/<contactId>, #journal, #faults, #instances,
// #bot, #clock), the live feed, the API key and reset.
import { apiKey, call, follow, onKeyNeeded } from "./api.js";
import { createChats } from "./chats.js";
import { $ } from "./dom.js";
import { createTesting } from "./testing.js";

const VIEWS = ["chats", "journal", "faults", "instances", "bot", "clock"];
let noticeTimer;

function notify(message, kind = "error") {
  const notice = $("notice");
  notice.textContent = message;
  notice.dataset.kind = kind;
  notice.setAttribute("role", kind === "error" ? "alert" : "status");
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, kind === "error" ? 8000 : 3000);
}

const navigate = (hash) => { location.hash = hash; };
const chats = createChats({ notify, navigate });
const testing = createTesting({ notify, onClockMoved: () => chats.load().catch((err) => notify(err.message)) });
let view = "chats";

async function route() {
  const hash = location.hash.replace(/^#/, "") || "chats";
  const [name, id] = hash.split("/");
  view = name === "chat" ? "chats" : VIEWS.includes(name) ? name : "chats";
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== view;
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  document.title = `${view[0].toUpperCase()}${view.slice(1)} · ConnectMock console`;
  if (name === "chat" && id) await chats.open(id);
  else if (view === "chats") chats.close();
  else await testing.load(view);
}
window.addEventListener("hashchange", route);

// ---- the API key -----------------------------------------------------------------------------------------------------
let keyPrompt = null;
function askForKey() {
  keyPrompt ??= new Promise((resolve) => {
    const dialog = $("key-dialog");
    $("key-input").value = apiKey.get() ?? "";
    dialog.addEventListener("close", () => {
      keyPrompt = null;
      if (dialog.returnValue === "save" && $("key-input").value) {
        apiKey.set($("key-input").value);
        resolve(true);
      } else {
        if (dialog.returnValue === "forget") apiKey.set(null);
        resolve(false);
      }
    }, { once: true });
    dialog.showModal();
  });
  return keyPrompt;
}
onKeyNeeded(askForKey);
$("key-button").addEventListener("click", async () => {
  if (await askForKey()) restartFeed();
});

// ---- reset -----------------------------------------------------------------------------------------------------------
$("reset-button").addEventListener("click", () => $("reset-dialog").showModal());
$("reset-dialog").addEventListener("close", async () => {
  if ($("reset-dialog").returnValue !== "reset") return;
  try {
    const result = await call("POST", "/reset");
    notify(`Reset: ${result.contactsRemoved} contacts, ${result.requestsRemoved} calls and ${result.faultsRemoved} faults cleared.`, "info");
    await chats.load();
    if (view !== "chats") await testing.load(view);
  } catch (err) {
    notify(err.message);
  }
});

// ---- the live feed ---------------------------------------------------------------------------------------------------
const STATES = { live: "Live", connecting: "Connecting…", down: "Disconnected: retrying" };
let stopFeed;
function restartFeed() {
  stopFeed?.();
  stopFeed = follow(async (name, data) => {
    switch (name) {
      case "ready": // the feed is live: read the state now, so that nothing falls between the two
        try {
          await chats.load();
          if (view !== "chats") await testing.load(view);
        } catch (err) {
          notify(err.message);
        }
        break;
      case "contact": chats.onContact(data); break;
      case "item": chats.onItem(data.contactId, data.transient, data.item); break;
      case "forgotten": chats.onForgotten(data); break;
      case "reset":
        chats.load().catch((err) => notify(err.message));
        if (view !== "chats") testing.load(view);
        break;
      case "journal": testing.onJournal(view); break;
      default: break;
    }
  }, (state) => {
    $("feed-status").dataset.state = state;
    $("feed-status").textContent = STATES[state];
  });
}

restartFeed();
route();
