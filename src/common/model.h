// The vocabulary of DESIGN.md as plain data types, shared by every stage and the store.
// Offsets inside Article::text are BYTES internally; the CLI/API convert to code points.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"

namespace headwater {

using OutletId = int64_t;
using ArticleId = int64_t;
using StoryId = int64_t;

// Outlet kinds of DESIGN.md.
enum class OutletKind { kNews, kWire, kBlog, kAdvocacy, kGovernment, kNgo, kSocial, kUnknown };
const char* OutletKindName(OutletKind k);
std::optional<OutletKind> ParseOutletKind(std::string_view s);

struct Outlet {
  OutletId id = 0;
  std::string name;
  std::vector<std::string> aliases;  // "JW", "Judicial Watch Inc."
  std::vector<std::string> domains;  // "judicialwatch.org"
  std::string country;               // ISO 3166-1 alpha-2, "" when unknown
  std::vector<std::string> languages;  // ISO 639-1
  OutletKind kind = OutletKind::kUnknown;
  std::string owner_group;  // "" = its own group (the outlet's name is used)
  bool verified = false;    // false: created from an article, not from a registry
  // The group used for independence: owner_group, or name when empty.
  const std::string& IndependenceGroup() const { return owner_group.empty() ? name : owner_group; }
};

struct Dateline {
  std::string text;     // as written, "CIUDAD JUÁREZ, Mexico (AP) —"
  std::string place;    // "Ciudad Juárez"
  std::string country;  // "MX"
  std::string credit;   // wire credit in the dateline, "AP", or ""
  uint32_t begin = 0, end = 0;  // byte offsets in text
  bool empty() const { return text.empty(); }
};

struct PlaceMention {
  std::string name;  // gazetteer name, "Ciudad Juárez"
  std::string country;
  std::string admin1;
  double lat = 0, lon = 0;
  int mentions = 0;
};

struct Article {
  ArticleId id = 0;
  std::string url;            // as given
  std::string canonical_url;  // common/url.h CanonicalUrl
  OutletId outlet_id = 0;
  std::string outlet_name;  // filled on read for convenience
  std::string title;
  std::string text;  // main text, UTF-8 NFC, paragraphs separated by '\n'
  std::string lang = "und";
  double lang_confidence = 0;
  std::optional<UnixSeconds> published;
  UnixSeconds ingested = 0;
  std::string byline;
  Dateline dateline;
  std::vector<std::string> links;  // outbound links (absolute URLs)
  std::vector<PlaceMention> places;
  uint64_t content_hash = 0;  // of folded title+text; 0 when empty
  StoryId story_id = 0;
};

enum class SourceKind { kOutlet, kPerson, kOfficial, kAnonymous, kDocument, kNone };
const char* SourceKindName(SourceKind k);
enum class Stance { kAsserts, kDenies };
const char* StanceName(Stance s);

struct Span {
  uint32_t begin = 0, end = 0;  // byte offsets, half-open
  bool operator==(const Span&) const = default;
};

struct Attribution {
  ArticleId article_id = 0;
  std::vector<Span> cue;
  std::vector<Span> source;  // empty for a sourceless attribution
  std::vector<Span> content;
  std::string cue_text, source_text, content_text;
  SourceKind source_kind = SourceKind::kNone;
  OutletId outlet_id = 0;    // resolved outlet, 0 when none
  std::string outlet_name;   // registry name of the resolved outlet, "" when none
  std::string person;        // "Jane Roe" when the source is a named person
  std::string role;          // "spokeswoman", "secretary of state"
  bool anonymous = false;
  std::string anonymous_reason;  // "for safety reasons"
  Stance stance = Stance::kAsserts;
  bool self_citation = false;
  std::string link;  // hyperlink target when the attribution is a link
};

enum class ReuseClass { kNone, kPartial, kWhole };
const char* ReuseClassName(ReuseClass c);
std::optional<ReuseClass> ParseReuseClass(std::string_view s);

struct ReuseEdge {
  ArticleId source_id = 0;  // upstream (earlier) article
  ArticleId copy_id = 0;    // the article that reuses it
  ReuseClass cls = ReuseClass::kNone;
  double copy_in_source = 0;  // share of the copy's shingles found in the source, [0,1]
  double source_in_copy = 0;  // share of the source's shingles found in the copy, [0,1]
  uint32_t longest_chars = 0;
  std::string longest_text;
};

enum class StoryStatus { kActive, kDormant, kMerged };
const char* StoryStatusName(StoryStatus s);

struct Story {
  StoryId id = 0;
  std::string title;
  std::string country;  // primary country
  StoryStatus status = StoryStatus::kActive;
  UnixSeconds first_seen = 0, last_seen = 0;
  StoryId merged_into = 0;
  std::vector<std::string> key_terms;
};

}  // namespace headwater
