// Entry point of the Headwater web UI: renders the page of the current route into <main>, keeps
// the navigation's aria-current in step, and moves focus to the new page's heading.

import "./style.css";
import { h, link, replace } from "./dom";
import { parseRoute, startRouter } from "./router";
import { renderOutlet } from "./views/outlet";
import { renderSearch } from "./views/search";
import { leaveStory, renderStory } from "./views/story";
import { renderStories } from "./views/stories";
import { renderWatches } from "./views/watches";

const root = document.getElementById("main") as HTMLElement;
let first = true;
let generation = 0;

async function render(): Promise<void> {
  const route = parseRoute(location.pathname);
  leaveStory();
  // Each render writes into its own container: a slow earlier render writes into a detached one.
  const gen = ++generation;
  const main = h("div", { class: "page" });
  root.replaceChildren(main);
  root.removeAttribute("data-page");
  const nav = route.name === "story" || route.name === "stories" ? "stories" : route.name === "outlet" ? "" : route.name;
  for (const a of document.querySelectorAll<HTMLAnchorElement>("a[data-nav]")) {
    if (a.dataset.nav === nav) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  switch (route.name) {
    case "stories":
      document.title = "Stories · Headwater";
      await renderStories(main);
      break;
    case "story":
      document.title = `Story ${route.id} · Headwater`;
      await renderStory(main, route.id);
      break;
    case "outlet":
      document.title = "Outlet · Headwater";
      await renderOutlet(main, route.id);
      break;
    case "search":
      document.title = "Search · Headwater";
      await renderSearch(main);
      break;
    case "watches":
      document.title = "Watches & alerts · Headwater";
      await renderWatches(main);
      break;
    default:
      document.title = "Not found · Headwater";
      replace(main, h("h1", {}, "Page not found"), h("p", {}, link("/", "Go to the stories")));
  }
  if (gen !== generation) return;
  const h1 = main.querySelector("h1");
  if (h1 && !first) {
    h1.setAttribute("tabindex", "-1");
    h1.focus({ preventScroll: false });
  }
  if (h1 && route.name !== "stories") document.title = `${h1.textContent} · Headwater`;
  first = false;
  root.dataset.page = route.name;
}

startRouter(() => void render());
