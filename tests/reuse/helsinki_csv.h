// Test helper: reads the multi-outlet-events CSVs (header id,publisher,scrape_time,text; RFC 4180
// quoting; paragraphs separated by " ### ") into Articles with '\n' between paragraphs.
#pragma once

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
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field.push_back(c);
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
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
