// Turns what an input gave (a JSONL line, a feed item, a page) into an Article: main text from
// HTML when only HTML is given, Unicode NFC, canonical URL, outlet resolution (creating an
// unverified outlet for an unknown domain or name), language, dateline, places and the content
// hash used for duplicate detection.
// Thread-safety: Normalize() is const but calls the OutletResolver, which may not be.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/status.h"
#include "normalize/outlet_registry.h"

namespace headwater::normalize {

class Gazetteer;

// What an input supplies about one article (docs/FORMATS.md).
struct Input {
  std::string url;
  // The article's canonical URL when the input knows it better than url does (e.g. a fetched
  // page's rel=canonical); "" = derive it from url (or from the rel=canonical of html).
  std::string canonical_url;
  std::string outlet;  // name or domain; may be empty when the URL's domain is known
  std::string title;
  std::string text;
  std::string html;
  std::optional<UnixSeconds> published;
  std::string lang;  // "" = detect
  std::string byline;
  std::vector<std::string> links;
};

struct NormalizerOptions {
  bool detect_language = true;
  bool find_places = true;
};

// Finds or creates the outlet for an article: (outlet as given, host of the URL) -> outlet.
// Implementations create an unverified outlet when nothing matches, never refuse.
using OutletResolver = std::function<StatusOr<const Outlet*>(const std::string& given,
                                                             const std::string& host)>;

class Normalizer {
 public:
  // gazetteer may be null (no places, datelines without country).
  Normalizer(NormalizerOptions options, const Gazetteer* gazetteer)
      : options_(options), gazetteer_(gazetteer) {}

  // REQUIRES: in.url is an absolute http(s) URL (ingest validated it).
  StatusOr<Article> Normalize(const Input& in, const OutletResolver& resolve, UnixSeconds now) const;

 private:
  NormalizerOptions options_;
  const Gazetteer* gazetteer_;
};

// xxHash64 of the folded, space-collapsed title and text; 0 when both are empty.
uint64_t ContentHash(std::string_view title, std::string_view text);

// The outlet to create for an unknown article: name = given name, else the URL's host;
// domain = the URL's base domain; unverified.
Outlet UnverifiedOutlet(const std::string& given, const std::string& host);

}  // namespace headwater::normalize
