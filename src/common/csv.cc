#include "common/csv.h"

namespace headwater {

std::vector<CsvRow> ParseCsv(std::string_view data, char delim) {
  std::vector<CsvRow> rows;
  size_t i = 0, line = 1;
  if (data.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < data.size()) {
    CsvRow row;
    row.line = line;
    std::string field;
    bool in_quotes = false, quoted = false;
    while (i < data.size()) {
      char c = data[i];
      if (in_quotes) {
        if (c == '"') {
          if (i + 1 < data.size() && data[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          in_quotes = false;
          ++i;
          continue;
        }
        if (c == '\n') ++line;
        field.push_back(c);
        ++i;
        continue;
      }
      if (c == '"' && field.empty() && !quoted) {
        in_quotes = quoted = true;
        ++i;
        continue;
      }
      if (c == delim) {
        row.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
        ++i;
        continue;
      }
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') {
        ++i;
        continue;
      }
      if (c == '\n') {
        ++i;
        ++line;
        break;
      }
      field.push_back(c);
      ++i;
    }
    row.fields.push_back(std::move(field));
    if (!(row.fields.size() == 1 && row.fields[0].empty())) rows.push_back(std::move(row));
  }
  return rows;
}

std::string CsvEscape(std::string_view f, char delim) {
  if (f.find_first_of(std::string("\"\n\r") + delim) == std::string_view::npos) return std::string(f);
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

}  // namespace headwater
