// RFC 822 dates and root-element sniffing for feed.h.
#include <cctype>
#include <cstring>

#include "common/text.h"
#include "ingest/feed.h"

namespace headwater::ingest {

namespace {


// Splits on spaces and commas.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 4) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// Offset east of UTC in seconds.
bool ParseZone(std::string_view z, int64_t* offset) {
  if ((z[0] == '+' || z[0] == '-') && (z.size() == 5 || z.size() == 6)) {
    std::string digits;
    for (char c : z.substr(1))
      if (c != ':') digits += c;
    int hh, mm;
    if (digits.size() != 4 || !ParseInt(digits.substr(0, 2), &hh) ||
        !ParseInt(digits.substr(2), &mm) || hh > 23 || mm > 59)
      return false;
    *offset = (z[0] == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
    return true;
  }
  static const struct {
    const char* name;
    int hours;
  } kZones[] = {{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5},
                {"EDT", -4}, {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6},
                {"PST", -8}, {"PDT", -7}, {"CET", 1},  {"CEST", 2}, {"BST", 1}};
  for (const auto& k : kZones) {
    if (EqualsIgnoreAsciiCase(z, k.name)) {
      *offset = int64_t{k.hours} * 3600;
      return true;
    }
  }
  // RFC 1123 says military single-letter zones are unreliable: treat them as UTC.
  if (z.size() == 1 && std::isalpha(static_cast<unsigned char>(z[0])) && z[0] != 'j' &&
      z[0] != 'J') {
    *offset = 0;
    return true;
  }
  return false;
}

std::optional<UnixSeconds> ParseRfc822Strict(std::string_view s) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  std::vector<std::string_view> t = Tokens(s);
  size_t i = 0;
  if (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i][0]))) ++i;  // day of week
  if (t.size() < i + 4) return std::nullopt;
  int day, year;
  if (!ParseInt(t[i], &day)) return std::nullopt;
  std::string_view mon = t[i + 1];
  int month = 0;
  for (int m = 0; m < 12; ++m)
    if (mon.size() >= 3 && EqualsIgnoreAsciiCase(mon.substr(0, 3), kMonths[m])) month = m + 1;
  if (!month || !ParseInt(t[i + 2], &year)) return std::nullopt;
  if (t[i + 2].size() == 2)
    year += year < 50 ? 2000 : 1900;
  else if (t[i + 2].size() != 4)
    return std::nullopt;
  // hh:mm[:ss]
  std::string_view hms = t[i + 3];
  int hh = 0, mm = 0, ss = 0;
  size_t c1 = hms.find(':');
  if (c1 == std::string_view::npos) return std::nullopt;
  size_t c2 = hms.find(':', c1 + 1);
  if (!ParseInt(hms.substr(0, c1), &hh)) return std::nullopt;
  if (!ParseInt(
          hms.substr(c1 + 1, c2 == std::string_view::npos ? std::string_view::npos : c2 - c1 - 1),
          &mm))
    return std::nullopt;
  if (c2 != std::string_view::npos && !ParseInt(hms.substr(c2 + 1), &ss)) return std::nullopt;
  int64_t offset = 0;
  if (t.size() > i + 4 && !ParseZone(t[i + 4], &offset)) return std::nullopt;
  if (t.size() > i + 5) return std::nullopt;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1900 || year > 2200 || day < 1 || day > kDays[month - 1] ||
      (month == 2 && day == 29 && !leap) || hh > 23 || mm > 59 || ss > 60)
    return std::nullopt;
  return DaysFromCivil(year, month, day) * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

}  // namespace

std::optional<UnixSeconds> ParseRfc822(std::string_view s) {
  s = TrimSpace(s);
  if (s.empty()) return std::nullopt;
  if (auto t = ParseRfc822Strict(s)) return t;
  return ParseRfc3339(s);
}

std::string SniffXmlKind(std::string_view data) {
  data = data.substr(0, 64 << 10);
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  size_t i = 0;
  while (true) {
    i = data.find('<', i);
    if (i == std::string_view::npos || i + 1 >= data.size()) return "";
    std::string_view rest = data.substr(i);
    size_t end;
    if (rest[1] == '?') {
      end = rest.find("?>");
    } else if (rest.substr(0, 4) == "<!--") {
      end = rest.find("-->");
    } else if (rest[1] == '!') {
      size_t gt = rest.find('>'), bracket = rest.find('[');
      end = (bracket != std::string_view::npos && bracket < gt) ? rest.find("]>") : gt;
    } else {
      size_t j = 1;
      while (j < rest.size() && !std::strchr(" \t\r\n/>", rest[j])) ++j;
      std::string_view name = rest.substr(1, j - 1);
      size_t colon = name.find(':');
      if (colon != std::string_view::npos) name = name.substr(colon + 1);
      if (name == "rss") return "rss2";
      if (name == "RDF") return "rss1";
      if (name == "feed") return "atom";
      if (name == "opml") return "opml";
      return "";
    }
    if (end == std::string_view::npos) return "";
    i += end + 1;
  }
}

}  // namespace headwater::ingest
