// Test helper: reads the multi-outlet-events CSVs (header id,publisher,scrape_time,text; RFC 4180
// quoting; paragraphs separated by " ### ") into Articles with '\n' between paragraphs.
#pragma once

#include "common/csv.h"
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/time.h"

namespace headwater::reuse::testing {

struct CsvArticle {
  Article article;
  std::string publisher;
};

// Parses RFC 4180 CSV text into rows of fields.
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& data) {
  std::vector<std::vector<std::string>> rows;  // common/csv.h does the parsing
  for (CsvRow& r : headwater::ParseCsv(data)) rows.push_back(std::move(r.fields));
  return rows;
}

// Articles of one CSV file; published = scrape_time. Empty when the file cannot be read.
inline std::vector<CsvArticle> LoadArticlesCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<CsvArticle> out;
  auto rows = ParseCsv(ss.str());
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != 4) continue;
    CsvArticle a;
    a.article.id = std::stoll(rows[r][0]);
    a.publisher = rows[r][1];
    a.article.published = ParseRfc3339(rows[r][2]);
    std::string text = rows[r][3];
    std::string joined;
    for (size_t pos = 0;;) {
      size_t next = text.find(" ### ", pos);
      joined.append(text, pos, next == std::string::npos ? std::string::npos : next - pos);
      if (next == std::string::npos) break;
      joined.push_back('\n');
      pos = next + 5;
    }
    a.article.text = std::move(joined);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace headwater::reuse::testing
