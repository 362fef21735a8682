// The search page: reads ?q=, asks Pagefind's index for this page's language and lists
// the results with a snippet. Everything it shows is built with DOM calls (textContent),
// never from HTML strings, so indexed text cannot inject markup.
import { matches, queryTerms } from "./search-normalize.js";

const PAGE_SIZE = 20;
const SNIPPET_WORDS = 30;
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const labels = form.dataset;
let pagefind = null;
let pending = [];
let terms = [];

/** Pagefind, loaded once, with the site's other indexes merged in (a big site is indexed
 * in shards). Its result URLs are made to start at the site's root, and page length is not
 * held against a page: sheets are long by nature, entity pages short, and a sheet whose
 * title names the query should come before the entity it names. */
function engine() {
  pagefind ??= (async () => {
    const options = {
      baseUrl: new URL(labels.root, document.baseURI).pathname,
      ranking: { pageLength: 0 },
    };
    const loaded = await import("./pagefind/pagefind.js");
    await loaded.options(options);
    const indexes = (labels.indexes ?? "").split(" ").filter(Boolean);
    await Promise.all(indexes.map( // together: one after another, a slow network adds up
      (index) => loaded.mergeIndex(new URL(index, document.baseURI).pathname, options)));
    return loaded;
  })(); // a failed load stays failed (each query says so): merged indexes cannot be undone
  return pagefind;
}

/** "3 results" in the page's language and plural rules, with the site's digits. */
function countText(count) {
  if (count === 0) return labels.none;
  const category = new Intl.PluralRules(document.documentElement.lang).select(count);
  const template = labels[`count${category[0].toUpperCase()}${category.slice(1)}`];
  const digits = [...String(count)].map((digit) => labels.digits[Number(digit)]).join("");
  return (template ?? labels.countOther).replace("{count}", digits);
}

/** About SNIPPET_WORDS words of the readable text around the first match, matches marked. */
function snippet(text) {
  const words = text.split(/\s+/u).filter(Boolean);
  const first = Math.max(0, words.findIndex((word) => matches(word, terms)));
  const start = Math.max(0, first - Math.floor(SNIPPET_WORDS / 3));
  const paragraph = document.createElement("p");
  paragraph.className = "search-result__snippet";
  if (start > 0) paragraph.append("… ");
  for (const word of words.slice(start, start + SNIPPET_WORDS)) {
    if (matches(word, terms)) {
      const mark = document.createElement("mark");
      mark.textContent = word;
      paragraph.append(mark, " ");
    } else {
      paragraph.append(`${word} `);
    }
  }
  if (start + SNIPPET_WORDS < words.length) paragraph.append("…");
  return paragraph;
}

/** One result: title link, what kind of page it is, and the snippet. */
function item(data) {
  const entry = document.createElement("li");
  entry.className = "search-result";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  const kind = document.createElement("span");
  kind.className = "search-result__kind";
  kind.textContent = labels[`kind${data.meta.kind[0].toUpperCase()}${data.meta.kind.slice(1)}`];
  entry.append(link, " ", kind, snippet(data.meta.text ?? ""));
  return entry;
}

/** Load and list the next page of results of the query ``wanted`` (the current one). */
async function showMore(wanted = terms) {
  const page = pending.splice(0, PAGE_SIZE);
  const entries = await Promise.all(page.map(async (result) => item(await result.data())));
  if (terms !== wanted) return; // a newer query has emptied the list meanwhile
  list.append(...entries);
  more.hidden = pending.length === 0;
}

/** Search for the query, list the first results and announce their number. */
async function run(query) {
  const wanted = queryTerms(query);
  terms = wanted;
  list.replaceChildren();
  more.hidden = true;
  if (wanted.length === 0) {
    status.textContent = "";
    return;
  }
  status.textContent = labels.loading;
  const search = await (await engine()).search(wanted.join(" "));
  if (terms !== wanted) return; // a newer query has started meanwhile
  pending = [...search.results];
  await showMore(wanted);
  if (terms !== wanted) return;
  status.textContent = countText(search.results.length); // announced once listed
}

/** Keep the query in the address, so a search can be bookmarked, shared and reloaded. */
function remember(query) {
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
}

function failed(error) {
  status.textContent = labels.failed;
  console.warn("search:", error);
}

let timer = null;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer); // the search typing scheduled would empty and refill the list again
  remember(input.value);
  run(input.value).catch(failed);
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    remember(input.value);
    run(input.value).catch(failed);
  }, 250);
});
more.addEventListener("click", () => showMore().catch(failed));
input.value = new URLSearchParams(window.location.search).get("q") ?? "";
run(input.value).catch(failed);
