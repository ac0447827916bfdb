// Loading the gazetteer TSV. One pass over the file: each line is split in place (string_view
// into the file buffer), parsed with from_chars, and every name and alias goes into one hash map
// of NameKey -> chain of entry ids. Chains live in one flat vector so the ~180k cities cost no
// per-key vector allocation; keeping head and tail keeps each chain in file order.
#include "normalize/gazetteer.h"

#include <cctype>
#include <charconv>
#include <cstring>

#include "common/paths.h"
#include "common/text.h"

namespace headwater::normalize {
namespace {

constexpr uint32_t kNoNext = ~uint32_t{0};
constexpr std::string_view kMagic = "#headwater-gazetteer";

// Splits s on c into at most n fields; returns how many were found.
size_t Split(std::string_view s, char c, std::string_view* out, size_t n) {
  size_t k = 0;
  while (k < n) {
    size_t p = s.find(c);
    out[k++] = s.substr(0, p);
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return k;
}

template <typename F>
void ForEachItem(std::string_view list, F&& f) {
  while (!list.empty()) {
    size_t p = list.find('|');
    std::string_view item = list.substr(0, p);
    if (!item.empty()) f(item);
    if (p == std::string_view::npos) break;
    list.remove_prefix(p + 1);
  }
}

bool ParseDouble(std::string_view s, double* v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::string StripDots(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '.') out.push_back(c);
  }
  return out;
}

}  // namespace

std::string Gazetteer::NameKey(std::string_view name) {
  std::string f = Fold(name);
  std::string out;
  out.reserve(f.size());
  auto is_word = [](unsigned char c) { return c >= 0x80 || std::isalnum(c); };
  for (size_t i = 0; i < f.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(f[i]);
    bool keep = is_word(c) || (c == '\'' && i > 0 && i + 1 < f.size() &&
                               is_word(static_cast<unsigned char>(f[i - 1])) &&
                               is_word(static_cast<unsigned char>(f[i + 1])));
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void Gazetteer::AddName(std::string_view name, EntryId id) {
  std::string key = NameKey(name);
  if (key.empty()) return;
  int words = 1;
  for (char c : key) words += c == ' ';
  if (words > max_name_words_) max_name_words_ = words;
  uint32_t link = static_cast<uint32_t>(chain_.size());
  auto [it, inserted] = by_key_.try_emplace(std::move(key), link, link);
  if (!inserted) {
    // The same entry may list one key twice ("Mexico" and "México"): keep it once.
    for (uint32_t k = it->second.first; k != kNoNext; k = chain_[k].second) {
      if (chain_[k].first == id) return;
    }
    chain_[it->second.second].second = link;
    it->second.second = link;
  }
  chain_.emplace_back(id, kNoNext);
}

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::Load(const std::string& path) {
  HW_ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  return Parse(data, path);
}

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::LoadDefault() {
  auto path = FindDataFile("gazetteer/gazetteer.tsv");
  if (!path.ok()) {
    return Status::NotFound(path.status().message() +
                            " (build it with scripts/build-gazetteer.sh)");
  }
  return Load(*path);
}

StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::Parse(std::string_view tsv,
                                                      std::string_view origin) {
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  size_t lines = 0;
  for (char c : tsv) lines += c == '\n';
  g->entries_.reserve(lines);
  g->chain_.reserve(lines + lines / 4);
  g->by_key_.reserve(lines + lines / 8);
  size_t line_no = 0;
  auto bad = [&](std::string_view why) {
    return Status::Corruption(std::string(origin) + ":" + std::to_string(line_no) + ": " +
                              std::string(why));
  };
  std::string_view rest = tsv;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::string_view f[9];
    size_t n = Split(line, '\t', f, 9);
    if (line_no == 1) {
      if (f[0] != kMagic || n < 2 || f[1] != "1") return bad("not a headwater gazetteer v1 file");
      if (n >= 3) g->sources_ = std::string(f[2]);
      continue;
    }
    if (f[0].size() != 1) return bad("unknown line kind");
    EntryId id = static_cast<EntryId>(g->entries_.size());
    GazetteerEntry e;
    switch (f[0][0]) {
      case 'C': {  // C cc name lat lon names demonyms short_forms
        if (n < 8) return bad("country line needs 8 fields");
        e.kind = PlaceKind::kCountry;
        e.country = std::string(f[1]);
        e.name = std::string(f[2]);
        e.prominence = 3;
        if (!ParseDouble(f[3], &e.lat) || !ParseDouble(f[4], &e.lon)) return bad("bad lat/lon");
        g->AddName(f[2], id);
        ForEachItem(f[5], [&](std::string_view s) { g->AddName(s, id); });
        ForEachItem(f[6], [&](std::string_view s) { g->by_demonym_.emplace(NameKey(s), id); });
        ForEachItem(f[7], [&](std::string_view s) { g->by_short_form_.emplace(StripDots(s), id); });
        g->by_code_.emplace(e.country, id);
        break;
      }
      case 'R': {  // R cc admin1 name lat lon
        if (n < 6) return bad("region line needs 6 fields");
        e.kind = PlaceKind::kRegion;
        e.country = std::string(f[1]);
        e.admin1 = std::string(f[2]);
        e.name = std::string(f[3]);
        e.prominence = 2;
        if (!ParseDouble(f[4], &e.lat) || !ParseDouble(f[5], &e.lon)) return bad("bad lat/lon");
        g->AddName(f[3], id);
        g->by_region_.emplace(e.country + "." + e.admin1, id);
        break;
      }
      case 'P': {  // P cc admin1 name lat lon prominence aliases
        if (n < 8) return bad("city line needs 8 fields");
        e.kind = PlaceKind::kCity;
        e.country = std::string(f[1]);
        e.admin1 = std::string(f[2]);
        e.name = std::string(f[3]);
        if (!ParseDouble(f[4], &e.lat) || !ParseDouble(f[5], &e.lon)) return bad("bad lat/lon");
        if (f[6].size() != 1 || f[6][0] < '0' || f[6][0] > '3') return bad("bad prominence");
        e.prominence = f[6][0] - '0';
        g->AddName(f[3], id);
        ForEachItem(f[7], [&](std::string_view s) { g->AddName(s, id); });
        break;
      }
      default:
        return bad("unknown line kind");
    }
    g->entries_.push_back(std::move(e));
  }
  if (line_no == 0) return Status::Corruption(std::string(origin) + ": empty gazetteer");
  return g;
}

std::vector<Gazetteer::EntryId> Gazetteer::CandidatesForKey(std::string_view key) const {
  std::vector<EntryId> out;
  auto it = by_key_.find(std::string(key));
  if (it == by_key_.end()) return out;
  for (uint32_t k = it->second.first; k != kNoNext; k = chain_[k].second) {
    out.push_back(chain_[k].first);
  }
  return out;
}

std::vector<Gazetteer::EntryId> Gazetteer::Candidates(std::string_view name) const {
  return CandidatesForKey(NameKey(name));
}

const GazetteerEntry* Gazetteer::CountryByCode(std::string_view alpha2) const {
  std::string code(alpha2);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &entries_[it->second];
}

const GazetteerEntry* Gazetteer::CountryByName(std::string_view name) const {
  for (EntryId id : Candidates(name)) {
    if (entries_[id].kind == PlaceKind::kCountry) return &entries_[id];
  }
  return nullptr;
}

const GazetteerEntry* Gazetteer::CountryByDemonym(std::string_view word) const {
  std::string key = NameKey(word);
  auto it = by_demonym_.find(key);
  if (it == by_demonym_.end() && key.size() > 3 && key.back() == 's') {
    key.pop_back();
    it = by_demonym_.find(key);
  }
  return it == by_demonym_.end() ? nullptr : &entries_[it->second];
}

const GazetteerEntry* Gazetteer::CountryByShortForm(std::string_view form) const {
  auto it = by_short_form_.find(StripDots(form));
  return it == by_short_form_.end() ? nullptr : &entries_[it->second];
}

const GazetteerEntry* Gazetteer::Region(std::string_view country, std::string_view admin1) const {
  std::string key(country);
  key.push_back('.');
  key.append(admin1);
  auto it = by_region_.find(key);
  return it == by_region_.end() ? nullptr : &entries_[it->second];
}

const GazetteerEntry* Gazetteer::RegionByName(std::string_view country,
                                              std::string_view name) const {
  for (EntryId id : Candidates(name)) {
    const GazetteerEntry& e = entries_[id];
    if (e.kind == PlaceKind::kRegion && e.country == country) return &e;
  }
  return nullptr;
}

std::string_view Gazetteer::RegionName(const GazetteerEntry& e) const {
  if (e.kind == PlaceKind::kCountry) return {};
  if (e.kind == PlaceKind::kRegion) return e.name;
  const GazetteerEntry* r = Region(e.country, e.admin1);
  return r ? std::string_view(r->name) : std::string_view();
}

}  // namespace headwater::normalize
