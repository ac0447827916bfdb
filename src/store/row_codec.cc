// Compact forms of story counts and article-naming event details (see row_codec.h).
// Both encoders work by parse → encode → decode → compare: a value whose decoded form is not
// byte-identical to the input is refused (and stored as given), so the compact forms can never
// change what a reader sees, whatever the writer's JSON library did.
#include "store/row_codec.h"

#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace headwater::store {

using json = nlohmann::json;

namespace {

// The keys of provenance's counts object (provenance/format.cc), one letter each ('a' + index).
// Append only: a stored code string names keys by their index here.
constexpr std::string_view kCountKeys[] = {"anonymous_only_origins",
                                           "articles",
                                           "corrections",
                                           "denials",
                                           "denying_origins",
                                           "in_country_origins",
                                           "independent_origins",
                                           "origins",
                                           "outlets",
                                           "retractions"};
constexpr size_t kCountKeyCount = sizeof(kCountKeys) / sizeof(kCountKeys[0]);

int CountKeyIndex(std::string_view key) {
  for (size_t i = 0; i < kCountKeyCount; ++i)
    if (kCountKeys[i] == key) return static_cast<int>(i);
  return -1;
}

}  // namespace

std::optional<std::string> EncodeCounts(std::string_view counts_json) {
  json j = json::parse(counts_json.begin(), counts_json.end(), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  std::string code = "=";
  for (auto it = j.begin(); it != j.end(); ++it) {
    int k = CountKeyIndex(it.key());
    if (k < 0 || !(it->is_number_integer())) return std::nullopt;
    code.push_back(static_cast<char>('a' + k));
    code += it->is_number_unsigned() ? std::to_string(it->get<uint64_t>())
                                     : std::to_string(it->get<int64_t>());
  }
  if (DecodeCounts(code) != counts_json) return std::nullopt;
  return code;
}

std::string DecodeCounts(std::string_view stored) {
  if (stored.empty() || stored.front() != '=') return std::string(stored);
  json j = json::object();
  size_t i = 1;
  while (i < stored.size()) {
    int k = stored[i] - 'a';
    if (k < 0 || static_cast<size_t>(k) >= kCountKeyCount) return "{}";
    ++i;
    int64_t v = 0;
    auto [end, ec] = std::from_chars(stored.data() + i, stored.data() + stored.size(), v);
    if (ec != std::errc()) return "{}";
    i = static_cast<size_t>(end - stored.data());
    j[std::string(kCountKeys[k])] = v;
  }
  return j.dump();
}

std::optional<ArticleEventDetail> ParseEventDetail(std::string_view kind, std::string_view detail) {
  ArticleEventDetail d;
  if (kind == "created" || kind == "revived") {
    if (detail.empty()) return std::nullopt;
    d.url = std::string(detail);
    return d;
  }
  if (kind != "assigned") return std::nullopt;
  json j = json::parse(detail.begin(), detail.end(), nullptr, false);
  if (!j.is_object() || j.size() != 3) return std::nullopt;
  auto url = j.find("url");
  auto score = j.find("score");
  auto is_new = j.find("new");
  if (url == j.end() || !url->is_string() || score == j.end() || !score->is_number() ||
      is_new == j.end() || !is_new->is_boolean())
    return std::nullopt;
  d.url = url->get<std::string>();
  d.has_score = true;
  d.score = score->get<double>();
  d.is_new = is_new->get<bool>();
  if (RenderEventDetail(kind, d) != detail) return std::nullopt;
  return d;
}

std::string RenderEventDetail(std::string_view kind, const ArticleEventDetail& d) {
  if (kind != "assigned") return d.url;
  return json{{"url", d.url}, {"score", d.score}, {"new", d.is_new}}.dump();
}

std::optional<std::string> EncodePassageRef(std::string_view text, std::string_view passage) {
  size_t at = text.find(passage);
  if (passage.empty() || at == std::string_view::npos || text.size() > UINT32_MAX)
    return std::nullopt;
  std::string out(kPassageRefMarker);
  for (uint32_t v : {static_cast<uint32_t>(at), static_cast<uint32_t>(passage.size())})
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
  return out;
}

bool IsPassageRef(std::string_view stored) {
  return stored.size() == kPassageRefMarker.size() + 8 &&
         stored.substr(0, kPassageRefMarker.size()) == kPassageRefMarker;
}

std::optional<std::string> DecodePassageRef(std::string_view text, std::string_view ref) {
  if (!IsPassageRef(ref)) return std::nullopt;
  uint32_t v[2] = {0, 0};
  for (int i = 0; i < 2; ++i)
    for (int b = 0; b < 4; ++b)
      v[i] |= static_cast<uint32_t>(static_cast<unsigned char>(ref[4 + 4 * i + b])) << (8 * b);
  if (v[0] > text.size() || v[1] > text.size() - v[0]) return std::nullopt;
  return std::string(text.substr(v[0], v[1]));
}

}  // namespace headwater::store
