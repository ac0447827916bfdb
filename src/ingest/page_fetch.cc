// Summary-only feed items: fetch the item's page and take its main text (poller.h states the
// rule). Steps per item: measure the feed's content as plain text; when it is short, wait the
// per-host interval, fetch the page through the safe fetcher (refusals, redirects, size cap are
// the fetcher's), check the status and media type, extract with normalize::ExtractHtml, and
// merge: page metadata first, the feed's where the page has none.
#include <string_view>

#include "common/text.h"
#include "common/url.h"
#include "ingest/poller.h"
#include "normalize/html_text.h"

namespace headwater::ingest {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

// Code points outside tags, white-space runs counted once. Entities count as their text
// length (an approximation that only ever over-counts by a few characters).
size_t PlainChars(std::string_view s, bool markup) {
  size_t n = 0;
  bool in_tag = false, space = true;
  for (char c : s) {
    if (markup && c == '<') {
      in_tag = true;
      continue;
    }
    if (in_tag) {
      if (c == '>') {
        in_tag = false;
        if (!space) ++n;  // a tag separates words like a space would
        space = true;
      }
      continue;
    }
    if (IsSpace(c)) {
      if (!space) ++n;
      space = true;
      continue;
    }
    space = false;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;  // count UTF-8 lead bytes only
  }
  return n;
}

bool LooksLikeHtml(const HttpResponse& r) {
  auto it = r.headers.find("content-type");
  if (it == r.headers.end() || it->second.empty()) return true;
  std::string type = it->second;
  for (char& c : type) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return type.find("html") != std::string::npos;
}

}  // namespace

size_t ContentChars(const normalize::Input& item) {
  return item.text.empty() ? PlainChars(item.html, true) : PlainChars(item.text, false);
}

void FetchItemPages(PollResult* result, Fetcher* fetcher, const std::function<void(int)>& sleep_ms,
                    const PollOptions& o, std::map<std::string, bool>* host_seen) {
  if (!o.pages.enabled) return;
  size_t fetched = 0;
  for (RawArticle& item : result->parsed.articles) {
    normalize::Input& in = item.input;
    size_t own = ContentChars(in);
    if (own >= o.pages.min_content_chars) continue;
    if (fetched >= o.pages.max_pages_per_feed) break;
    ++fetched;
    ++result->pages_fetched;
    std::string host = HostOf(in.url);
    if ((*host_seen)[host] && sleep_ms && o.per_host_interval_ms > 0)
      sleep_ms(o.per_host_interval_ms);
    (*host_seen)[host] = true;

    HttpRequest req;
    req.url = in.url;
    auto resp = fetcher->Fetch(req);
    std::string why;
    if (!resp.ok()) {
      why = resp.status().message();
    } else if (resp->status < 200 || resp->status >= 300) {
      why = "HTTP " + std::to_string(resp->status);
    } else if (!LooksLikeHtml(*resp)) {
      why = "not HTML (" + resp->headers["content-type"] + ")";
    }
    if (!why.empty()) {
      result->page_errors.push_back(in.url + ": " + why);
      continue;
    }
    const std::string& base = resp->final_url.empty() ? in.url : resp->final_url;
    normalize::HtmlArticle page = normalize::ExtractHtml(resp->body, base);
    if (PlainChars(page.text, false) <= own) {
      result->page_errors.push_back(in.url + ": the page's main text is no longer than the feed's");
      continue;
    }
    // The page's metadata wins where it has some; the feed's fills the rest.
    in.text = std::move(page.text);
    in.html.clear();
    if (!TrimSpace(page.title).empty()) in.title = std::move(page.title);
    if (page.published) in.published = page.published;
    if (!TrimSpace(page.byline).empty()) in.byline = std::move(page.byline);
    if (!page.links.empty()) in.links = std::move(page.links);
    if (!page.canonical_url.empty() && CanonicalUrl(page.canonical_url))
      in.canonical_url = std::move(page.canonical_url);
    else if (base != in.url && CanonicalUrl(base))
      in.canonical_url = base;
    ++result->pages_used;
  }
}

}  // namespace headwater::ingest
