// Compact forms of two small values the store writes for every story and article (schema 5):
//   * a story's `counts` JSON ({"anonymous_only_origins":0,"articles":14,…}, the report's counts
//     object as nlohmann dumps it: keys sorted, integer values) kept as a short code string
//     "=a0b14c0…" (a letter per known key, then the value); ~170 bytes become ~22;
//   * the detail of a story event naming an article (`created`/`revived`: the canonical URL;
//     `assigned`: {"new":…,"score":…,"url":…}) kept as the article's id, the score and the flag in
//     columns of the event row instead of a JSON text repeating the URL;
//   * a reuse edge's longest passage, a piece of the copy's text, kept as (offset, length) in it.
// Each encoder returns nothing (the value is then stored as given) unless decoding gives back
// exactly the same bytes, so what the store returns never changes. Values stored before schema 5
// (always JSON objects or URLs, never starting with '=') read unchanged.
// Thread-safety: pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace headwater::store {

// The code string for a counts document, or nullopt when it is not one this form can hold
// (unknown key, non-integer value, or not in nlohmann's dump form).
std::optional<std::string> EncodeCounts(std::string_view counts_json);

// The counts JSON of a stored value: decoded when it is a code string ("=…"), else `stored`
// unchanged. A malformed code string decodes to "{}".
std::string DecodeCounts(std::string_view stored);

// An event detail that names one article by its canonical URL.
struct ArticleEventDetail {
  std::string url;         // canonical URL of the article
  bool has_score = false;  // `assigned` events carry the score and the new-story flag
  double score = 0;        // the clusterer's assignment score as the pipeline gave it
  bool is_new = false;
};

// Parses the detail of a `created`/`revived` (a URL) or `assigned` event (the JSON object of
// exactly the keys new, score, url). nullopt for any other kind or form, or when
// RenderEventDetail would not give back exactly `detail`.
std::optional<ArticleEventDetail> ParseEventDetail(std::string_view kind, std::string_view detail);

// The detail text of an event of `kind` from its parts (the inverse of ParseEventDetail).
std::string RenderEventDetail(std::string_view kind, const ArticleEventDetail& d);

// A reuse edge's longest passage as a reference into the copy's text: the 4 bytes "\0hwp", then
// the passage's byte offset and byte length in the text (u32 each, little endian). Passages
// shorter than kMinPassageRefBytes stay text (a reference would save little).
inline constexpr size_t kMinPassageRefBytes = 32;
inline constexpr std::string_view kPassageRefMarker{"\0hwp", 4};

// The reference to the first occurrence of `passage` in `text`; nullopt when it does not occur.
std::optional<std::string> EncodePassageRef(std::string_view text, std::string_view passage);
bool IsPassageRef(std::string_view stored);
// The passage a reference names in `text`; nullopt when it is malformed or out of range.
std::optional<std::string> DecodePassageRef(std::string_view text, std::string_view ref);

}  // namespace headwater::store
