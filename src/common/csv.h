// RFC 4180 CSV (and TSV) reading: quoted fields, doubled quotes, CRLF, newlines inside quotes.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace headwater {

struct CsvRow {
  size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

// Splits data into rows; delimiter ',' or '\t'. A quote inside an unquoted field is literal.
std::vector<CsvRow> ParseCsv(std::string_view data, char delimiter = ',');

// Quotes a field when it needs it.
std::string CsvEscape(std::string_view field, char delimiter = ',');

}  // namespace headwater
