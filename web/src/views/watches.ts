// Watches and alerts: the list of watches, a form to add one (write requests need a bearer token
// from `headwater token create`; it is kept in this tab's sessionStorage only if asked), and the
// alerts raised so far.

import { api, type Watch } from "../api";
import { announce, errorBox, fmtTime, h, link, loading, replace } from "../dom";

const TOKEN_KEY = "headwater.token";

function watchTarget(w: Watch): HTMLElement | string {
  if (w.kind === "story") return link(`/stories/${encodeURIComponent(w.target)}`, `story ${w.target}`);
  if (w.kind === "outlet") return link(`/outlets/${encodeURIComponent(w.target)}`, w.target);
  return `“${w.target}”`;
}

export async function renderWatches(main: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const listBox = h("div", {}, loading("watches"));
  const alertsBox = h("div", {}, loading("alerts"));
  const message = h("div", { class: "form-message", role: "status", "aria-live": "polite" });
  const saved = sessionStorage.getItem(TOKEN_KEY) ?? "";

  const kind = h("select", { id: "w-kind", name: "kind" },
    ["story", "outlet", "query"].map((k) => h("option", { value: k, selected: (params.get("kind") ?? "story") === k }, k)));
  const target = h("input", { id: "w-target", name: "target", required: true, value: params.get("target") ?? "",
    placeholder: "story id, outlet name or words" });
  const token = h("input", { id: "w-token", name: "token", type: "password", autocomplete: "off", required: true,
    value: saved, "aria-describedby": "w-token-help" });
  const remember = h("input", { id: "w-remember", type: "checkbox", checked: saved !== "" });
  const form = h("form", { class: "watch-form", "aria-labelledby": "add-h" },
    h("h2", { id: "add-h" }, "Add a watch"),
    h("div", { class: "field" }, h("label", { for: "w-kind" }, "Kind"), kind),
    h("div", { class: "field" }, h("label", { for: "w-target" }, "Target"), target),
    h("div", { class: "field" }, h("label", { for: "w-token" }, "Token"), token,
      h("small", { id: "w-token-help" }, "A write token: run ", h("code", {}, "headwater token create"), " and paste its last line.")),
    h("div", { class: "field checkbox" }, remember, h("label", { for: "w-remember" }, "Remember the token in this tab")),
    h("div", { class: "field buttons" }, h("button", { type: "submit" }, "Add watch")),
    message);

  const tokenValue = () => {
    const t = token.value.trim();
    if (remember.checked && t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
    return t;
  };

  async function refresh(): Promise<void> {
    try {
      const r = await api.watches();
      replace(listBox, r.watches.length === 0 ? h("p", {}, "No watch yet.") :
        h("table", { class: "watches" },
          h("thead", {}, h("tr", {}, ["Id", "Kind", "Target", "Created", ""].map((x) => h("th", { scope: "col" }, x)))),
          h("tbody", {}, r.watches.map((w) => h("tr", { "data-watch": String(w.id) },
            h("td", {}, String(w.id)), h("td", {}, w.kind), h("td", {}, watchTarget(w)), h("td", {}, fmtTime(w.created)),
            h("td", {}, h("button", { type: "button", class: "secondary", "aria-label": `Delete watch ${w.id}`,
              onclick: async () => {
                const t = tokenValue();
                if (!t) { replace(message, errorBox("A token is needed to delete a watch.")); token.focus(); return; }
                try {
                  await api.deleteWatch(String(w.id), t);
                  replace(message, `Watch ${w.id} deleted.`);
                  await refresh();
                } catch (e) {
                  replace(message, errorBox(e));
                }
              } }, "Delete")))))));
    } catch (e) {
      replace(listBox, errorBox(e));
    }
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const t = tokenValue();
    try {
      const w = await api.addWatch(kind.value, target.value.trim(), t);
      replace(message, `Watch ${w.id} added: ${w.kind} ${w.target}.`);
      target.value = "";
      await refresh();
      announce(`Watch ${w.id} added`);
    } catch (e) {
      replace(message, errorBox(e));
    }
  });

  replace(main, h("h1", {}, "Watches & alerts"),
    h("p", { class: "lede" }, "A watch follows a story, an outlet or a query; an alert is raised when a verdict, an origin count or the denials change."),
    h("section", { "aria-labelledby": "wl-h" }, h("h2", { id: "wl-h" }, "Watches"), listBox),
    form,
    h("section", { "aria-labelledby": "al-h" }, h("h2", { id: "al-h" }, "Alerts"),
      h("p", {}, h("a", { href: "/api/alerts.atom" }, "Atom feed of the alerts")), alertsBox));
  await refresh();
  try {
    const r = await api.alerts(100);
    replace(alertsBox, r.alerts.length === 0 ? h("p", {}, "No alert yet.") :
      h("ol", { class: "alerts" }, r.alerts.map((a) => h("li", {},
        h("time", { datetime: a.at }, fmtTime(a.at)), " — ",
        link(`/stories/${encodeURIComponent(a.story)}`, `story ${a.story}`), `: ${a.what} ${a.from} → ${a.to}`,
        a.evidence?.length ? h("ul", { class: "evidence-list" }, a.evidence.map((e) => h("li", {}, h("q", {}, e.text)))) : null))));
  } catch (e) {
    replace(alertsBox, errorBox(e));
  }
}
