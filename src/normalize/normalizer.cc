#include "normalize/normalizer.h"

#include <xxhash.h>

#include "common/text.h"
#include "common/url.h"
#include "normalize/dateline.h"
#include "normalize/gazetteer.h"
#include "normalize/html_text.h"
#include "normalize/language.h"
#include "normalize/places.h"

namespace headwater::normalize {

uint64_t ContentHash(std::string_view title, std::string_view text) {
  if (TrimSpace(title).empty() && TrimSpace(text).empty()) return 0;
  std::string key = CollapseSpace(Fold(title), false) + "\n" + CollapseSpace(Fold(text), false);
  uint64_t h = XXH3_64bits(key.data(), key.size());
  return h == 0 ? 1 : h;
}

Outlet UnverifiedOutlet(const std::string& given, const std::string& host) {
  Outlet o;
  std::string base = BaseDomain(host);
  o.name = given.empty() ? (base.empty() ? host : base) : given;
  if (!base.empty()) o.domains.push_back(base);
  o.verified = false;
  return o;
}

StatusOr<Article> Normalizer::Normalize(const Input& in, const OutletResolver& resolve,
                                        UnixSeconds now) const {
  Article a;
  a.url = in.url;
  auto canonical = CanonicalUrl(in.url);
  if (!canonical) return Status::InvalidArgument("not an absolute http(s) URL: " + in.url);
  if (!in.canonical_url.empty()) {
    if (auto c = CanonicalUrl(in.canonical_url)) canonical = c;
  }
  a.title = NormalizeNfc(SanitizeUtf8(TrimSpace(in.title)));
  a.byline = NormalizeNfc(SanitizeUtf8(TrimSpace(in.byline)));
  a.published = in.published;
  std::vector<std::string> links = in.links;
  if (!in.text.empty()) {
    a.text = NormalizeNfc(SanitizeUtf8(in.text));
  } else if (!in.html.empty()) {
    HtmlArticle h = ExtractHtml(in.html, in.url);
    a.text = NormalizeNfc(h.text);
    if (a.title.empty()) a.title = NormalizeNfc(h.title);
    if (!a.published) a.published = h.published;
    if (a.byline.empty()) a.byline = h.byline;
    if (!h.canonical_url.empty()) {
      if (auto c = CanonicalUrl(h.canonical_url)) canonical = c;
    }
    if (links.empty()) links = h.links;
  }
  a.canonical_url = *canonical;
  for (const std::string& l : links)
    if (auto c = CanonicalUrl(l)) a.links.push_back(*c);
  a.ingested = now;

  HW_ASSIGN_OR_RETURN(const Outlet* outlet, resolve(in.outlet, HostOf(in.url)));
  a.outlet_id = outlet->id;
  a.outlet_name = outlet->name;

  if (!in.lang.empty()) {
    a.lang = in.lang;
    a.lang_confidence = 1.0;
  } else if (options_.detect_language) {
    LanguageGuess g = DetectLanguage(a.title + "\n" + a.text);
    a.lang = g.lang;
    a.lang_confidence = g.confidence;
  }
  a.dateline = ParseDateline(a.text, gazetteer_);
  if (options_.find_places && gazetteer_) {
    a.places = FindPlaces(a.title + "\n" + a.text, *gazetteer_, outlet->country, PlaceOptions(),
                          a.dateline.empty() ? nullptr : &a.dateline);
  }
  a.content_hash = ContentHash(a.title, a.text);
  return a;
}

}  // namespace headwater::normalize
