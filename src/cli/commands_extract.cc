// `headwater extract PAGE… [--url URL] [--json]`: what ingest would store for web pages (files or URLs)
// (HTML or gzip), so a user can see why a page came out as it did. Runs the same steps as
// normalize::Normalizer on HTML input: ExtractHtml, NFC, DetectLanguage on title + text,
// ParseDateline, FindPlaces with the default gazetteer. No store is opened.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "common/text.h"
#include "common/time.h"
#include "common/url.h"
#include "ingest/fetcher.h"
#include "normalize/dateline.h"
#include "normalize/gazetteer.h"
#include "normalize/html_text.h"
#include "normalize/language.h"
#include "normalize/page_file.h"
#include "normalize/places.h"

namespace headwater::cli {

namespace {

using json = nlohmann::ordered_json;

struct Extracted {
  std::string file, url;
  normalize::HtmlArticle html;
  normalize::LanguageGuess lang;
  Dateline dateline;
  std::vector<PlaceMention> places;
};

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json ToJson(const Extracted& e) {
  json j;
  j["schema"] = 1;
  j["file"] = e.file;
  j["url"] = NullIfEmpty(e.url);
  j["canonical_url"] = NullIfEmpty(e.html.canonical_url);
  j["title"] = NullIfEmpty(e.html.title);
  j["published"] = e.html.published ? json(FormatRfc3339(*e.html.published)) : json(nullptr);
  j["byline"] = NullIfEmpty(e.html.byline);
  j["lang"] = e.lang.lang;
  j["lang_confidence"] = e.lang.confidence;
  if (e.dateline.empty()) {
    j["dateline"] = nullptr;
  } else {
    j["dateline"] = {{"text", e.dateline.text},
                     {"place", NullIfEmpty(e.dateline.place)},
                     {"country", NullIfEmpty(e.dateline.country)}};
  }
  j["places"] = json::array();
  for (const PlaceMention& p : e.places)
    j["places"].push_back({{"name", p.name},
                           {"country", p.country},
                           {"admin1", NullIfEmpty(p.admin1)},
                           {"lat", p.lat},
                           {"lon", p.lon},
                           {"mentions", p.mentions}});
  j["links"] = e.html.links;
  j["text"] = e.html.text;
  return j;
}

void PrintText(const Extracted& e) {
  auto or_dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
  std::cout << "== " << e.file << "\n"
            << "url:        " << or_dash(e.url) << "\n"
            << "canonical:  " << or_dash(e.html.canonical_url) << "\n"
            << "title:      " << or_dash(e.html.title) << "\n"
            << "published:  " << (e.html.published ? FormatRfc3339(*e.html.published) : "-") << "\n"
            << "byline:     " << or_dash(e.html.byline) << "\n"
            << "language:   " << e.lang.lang << " (" << e.lang.confidence << ")\n"
            << "dateline:   "
            << (e.dateline.empty() ? "-"
                                   : e.dateline.text + " -> " + or_dash(e.dateline.place) + ", " +
                                         or_dash(e.dateline.country))
            << "\n"
            << "places:    ";
  if (e.places.empty()) std::cout << " -";
  for (const PlaceMention& p : e.places)
    std::cout << " " << p.name << " (" << p.country << (p.admin1.empty() ? "" : ", " + p.admin1)
              << ") x" << p.mentions << ";";
  std::cout << "\nlinks:      " << e.html.links.size() << "\n";
  for (const std::string& l : e.html.links) std::cout << "  " << l << "\n";
  std::cout << "text (" << e.html.text.size() << " bytes):\n" << e.html.text << "\n\n";
}

}  // namespace

int CmdExtract(const Context& c, const std::vector<std::string>& pages, const std::string& url,
               bool allow_loopback) {
  std::unique_ptr<normalize::Gazetteer> gazetteer;
  if (auto g = normalize::Gazetteer::LoadDefault(); g.ok()) {
    gazetteer = std::move(*g);
  } else {
    std::cerr << "headwater: warning: no gazetteer (" << g.status().ToString()
              << "); places and dateline places are not resolved\n";
  }
  int rc = kExitOk;
  for (const std::string& page : pages) {
    std::string page_url = url;
    StatusOr<std::string> raw = Status::Internal("unset");
    if (ParseUrl(page)) {
      // Fetched with the safe fetcher: private and loopback addresses are refused before any
      // connection unless --allow-loopback (for a local test server).
      ingest::FetchOptions fo;
      fo.allow_loopback = allow_loopback;
      ingest::CurlFetcher fetcher(fo);
      ingest::HttpRequest req;
      req.url = page;
      auto r = fetcher.Fetch(req);
      if (r.ok() && (r->status < 200 || r->status >= 300))
        raw = Status::Unavailable(page + ": HTTP " + std::to_string(r->status));
      else if (r.ok())
        raw = std::move(r->body);
      else
        raw = r.status();
      if (r.ok() && page_url.empty()) page_url = r->final_url;
    } else {
      raw = normalize::ReadPageFile(page);
    }
    if (!raw.ok()) {
      std::cerr << "headwater: " << page << ": " << raw.status().ToString() << "\n";
      rc = kExitError;
      continue;
    }
    Extracted e;
    e.file = page;
    e.url = page_url;
    e.html = normalize::ExtractHtml(*raw, page_url);
    e.html.text = NormalizeNfc(e.html.text);
    e.html.title = NormalizeNfc(e.html.title);
    if (e.url.empty()) e.url = e.html.canonical_url;
    e.lang = normalize::DetectLanguage(e.html.title + "\n" + e.html.text);
    e.dateline = normalize::ParseDateline(e.html.text, gazetteer.get());
    if (gazetteer)
      e.places = normalize::FindPlaces(e.html.title + "\n" + e.html.text, *gazetteer, "",
                                       normalize::PlaceOptions(),
                                       e.dateline.empty() ? nullptr : &e.dateline);
    if (c.json) {
      std::cout << ToJson(e).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    } else {
      PrintText(e);
    }
  }
  return rc;
}

}  // namespace headwater::cli
