// Test helpers: an RFC-4180 CSV reader and loaders for the shared story-labelled data sets
// (read at run time from ../shared/data; nothing is copied into the project).
#pragma once

#include "common/csv.h"
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/time.h"
#include "stories/clusterer.h"

namespace headwater::stories::testing {

// Parses RFC-4180 CSV: quoted fields may hold commas, doubled quotes and newlines.
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& data) {
  std::vector<std::vector<std::string>> rows;  // common/csv.h does the parsing
  for (CsvRow& r : headwater::ParseCsv(data)) rows.push_back(std::move(r.fields));
  return rows;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Labelled {
  ArticleFeatures features;
  int64_t gold = 0;
};

// UCI News Aggregator dev sample: headlines only; gold = index of the STORY string.
inline std::vector<Labelled> LoadUci(const std::string& path) {
  std::vector<Labelled> out;
  auto rows = ParseCsv(ReadFile(path));
  std::vector<std::string> golds;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() < 8) continue;
    Labelled l;
    l.features.id = std::stoll(r[0]);
    l.features.title = r[1];
    l.features.time = std::stoll(r[7]) / 1000;
    l.features.lang = "en";
    size_t g = 0;
    while (g < golds.size() && golds[g] != r[5]) ++g;
    if (g == golds.size()) golds.push_back(r[5]);
    l.gold = static_cast<int64_t>(g);
    out.push_back(std::move(l));
  }
  return out;
}

// multi-outlet-events CSV (id,publisher,scrape_time,text; paragraphs split by " ### "): the
// first paragraph is the headline, the rest the body. gold is the given label for every row.
inline std::vector<Labelled> LoadEvents(const std::string& path, int64_t gold) {
  std::vector<Labelled> out;
  auto rows = ParseCsv(ReadFile(path));
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() < 4) continue;
    Labelled l;
    l.features.id = std::stoll(r[0]);
    l.features.time = ParseRfc3339(r[2]).value_or(0);
    const std::string& text = r[3];
    size_t cut = text.find(" ### ");
    l.features.title = text.substr(0, cut);
    if (cut != std::string::npos) l.features.text = text.substr(cut + 5);
    l.gold = gold;
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace headwater::stories::testing
