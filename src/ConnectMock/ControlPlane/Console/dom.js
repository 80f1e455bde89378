// Small DOM helpers. Text always goes in as text (textContent), never as HTML: what a chat carries is the client's.

/** An element: h("li", { class: "x", dataset: { role: "AGENT" } }, "text", child). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "dataset") Object.assign(element.dataset, value);
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const $ = (id) => document.getElementById(id);

/** A readable local time of an ISO timestamp, with the full one as the time element's datetime. */
export function time(iso, { withDate = false } = {}) {
  if (!iso) return h("span", {}, "—");
  const at = new Date(iso);
  const today = new Date().toDateString() === at.toDateString();
  const text = withDate || !today
    ? at.toLocaleString([], { dateStyle: "short", timeStyle: "medium" })
    : at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return h("time", { datetime: iso, title: iso }, text);
}

/** Fills a dl with [term, description] pairs; a description may be a node. */
export function pairs(dl, entries, emptyText = "None") {
  dl.replaceChildren();
  if (entries.length === 0) {
    dl.append(h("dt", {}, emptyText), h("dd"));
    return;
  }
  for (const [term, description] of entries) dl.append(h("dt", {}, term), h("dd", {}, description));
}

export const shortId = (id) => (id ? id.slice(0, 8) : "");

/** Runs fn at most once per `ms`, at the end of a burst. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
