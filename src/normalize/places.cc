// Place finding: gazetteer names in running text, resolved among namesakes by context.
//
// A gazetteer of 175k names matches many ordinary words ("Police", "Hope", "March" are towns), and
// many names have namesakes ("Victoria" is a dozen cities, a region and a capital). So matching is
// deliberately conservative and resolution uses only evidence from the article itself:
//  - Candidates: at each token, the longest run of words (separated by spaces or hyphens only)
//    whose NameKey is in the gazetteer, its first word capitalised and every longer word too
//    ("Ciudad de México" passes, "the police" does not). Else a demonym or a short form.
//  - Common-word filter (city and region readings only; countries are kept): see places.h.
//  - Context: "anchors" are mentions that are unambiguous enough to trust: their surviving strong
//    readings (countries, regions, cities of at least min_unsupported_city_prominence) agree on a
//    country (a country anchor) or are a single place (a place anchor). A mention is never its
//    own context: anchors with the same name key are skipped when scoring it.
//  - Each candidate scores weight_prominence * prominence plus the context weights that apply;
//    weak cities without a well-known neighbour, regions and cities below
//    min_standalone_city_prominence without any context, are dropped. Round two repeats with every
//    round-one resolution as an anchor, so "Juárez" next to a resolved "El Paso" finds Ciudad
//    Juárez.
#include "normalize/places.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"

namespace headwater::normalize {
namespace {

using EntryId = Gazetteer::EntryId;

struct Word {
  uint32_t begin, end;
  std::string folded;
  bool capitalised;       // first letter upper case
  bool all_caps;          // every letter upper case
  bool sentence_initial;  // first word of a sentence, line or quotation
};

struct Mention {
  uint32_t begin, end;
  size_t first_word, words;
  std::string key;
  std::vector<EntryId> cands;
  bool fixed = false;                // a demonym or short form: the single candidate is certain
  bool glued = false;                // one word touching other capitalised words
  bool glued_via_connector = false;  // one word ending a name like "Department of Justice"
};

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180, kEarthKm = 6371;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

std::vector<Word> Words(std::string_view text) {
  std::vector<Word> out;
  for (Token& t : Tokenize(text)) {
    Word w{t.begin, t.end, std::move(t.folded), false, true, false};
    std::string_view s = text.substr(t.begin, t.end - t.begin);
    size_t i = 0;
    bool first = true;
    while (i < s.size()) {
      char32_t cp = DecodeUtf8(s, &i);
      bool letter = IsWordChar(cp) && !(cp >= '0' && cp <= '9') && cp != '\'';
      if (!letter) continue;
      bool up = IsUpperCase(cp);
      if (first) w.capitalised = up;
      first = false;
      if (!up) w.all_caps = false;
    }
    if (first) w.all_caps = false;  // no letters (a number)
    // Sentence-initial: only spaces and opening quotes/brackets back to a sentence end, a line
    // start or the text start.
    size_t k = t.begin;
    bool initial = true;
    while (k > 0) {
      unsigned char c = static_cast<unsigned char>(text[k - 1]);
      if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[' || c >= 0x80) {
        if (c >= 0x80) {  // skip a non-ASCII quote or space, stop at a letter
          size_t start = k - 1;
          while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
          size_t p = start;
          char32_t cp = DecodeUtf8(text, &p);
          if (IsWordChar(cp)) {
            initial = false;
            break;
          }
          k = start;
          continue;
        }
        --k;
        continue;
      }
      initial = c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == ';';
      break;
    }
    w.sentence_initial = initial;
    out.push_back(std::move(w));
  }
  return out;
}

// True when the bytes between two words allow them to be one name: spaces or hyphens, or a dot
// after a short abbreviation ("St. Louis").
bool JoinableGap(std::string_view gap, const Word& prev) {
  if (gap.empty() || gap.size() > 3) return false;
  size_t start = 0;
  if (gap[0] == '.') {
    if (prev.end - prev.begin > 3 || !prev.capitalised) return false;
    start = 1;
  }
  for (size_t i = start; i < gap.size(); ++i) {
    if (gap[i] != ' ' && gap[i] != '-') return false;
  }
  return true;
}

EntryId IdOf(const Gazetteer& g, const GazetteerEntry* e) {
  return static_cast<EntryId>(e - &g.entry(0));
}

bool Strong(const GazetteerEntry& e, const PlaceOptions& o) {
  return e.kind != PlaceKind::kCity || e.prominence >= o.min_unsupported_city_prominence;
}

std::vector<Mention> Match(std::string_view text, const std::vector<Word>& w, const Gazetteer& g,
                           const PlaceOptions& o) {
  std::vector<Mention> out;
  const std::unordered_set<std::string> not_places(o.not_places.begin(), o.not_places.end());
  const size_t max_words = static_cast<size_t>(std::min(g.max_name_words(), 8));
  size_t i = 0;
  while (i < w.size()) {
    if (!w[i].capitalised) {
      ++i;
      continue;
    }
    // Dotted short forms: "U.S.", "U.S.A.", "EE.UU." (upper-case words each followed by '.').
    if (o.count_short_forms && w[i].all_caps) {
      std::string form;
      size_t j = i;
      while (j < w.size() && w[j].all_caps && w[j].end - w[j].begin <= 2 &&
             w[j].end < text.size() && text[w[j].end] == '.' &&
             (j == i || w[j].begin == w[j - 1].end + 1)) {
        form.append(text.substr(w[j].begin, w[j].end - w[j].begin));
        ++j;
      }
      bool dotted = j - i >= 2;
      if (!dotted) {
        form = std::string(text.substr(w[i].begin, w[i].end - w[i].begin));
        j = i + 1;
      }
      // An undotted form in an all-capitals run is a headline word ("IN", "IT"), not a code.
      bool headline = !dotted && ((i > 0 && w[i - 1].all_caps) || (j < w.size() && w[j].all_caps));
      const GazetteerEntry* c =
          form.size() <= 3 && !headline ? g.CountryByShortForm(form) : nullptr;
      if (c != nullptr) {
        uint32_t end = w[j - 1].end + (dotted ? 1 : 0);
        out.push_back({w[i].begin, end, i, j - i, "#" + form, {IdOf(g, c)}, true, false, false});
        i = j;
        continue;
      }
    }
    bool found = false;
    std::string key;
    // The longest run of words from i that may form one name (joined by spaces or hyphens,
    // each capitalised or short), so each n below builds a key only when it can match.
    size_t run = 1;
    while (run < std::min(max_words, w.size() - i)) {
      size_t k = i + run;
      if (!JoinableGap(text.substr(w[k - 1].end, w[k].begin - w[k - 1].end), w[k - 1]) ||
          !(w[k].capitalised || w[k].end - w[k].begin < 4))
        break;
      ++run;
    }
    for (size_t n = run; n >= 1 && !found; --n) {
      // A name ends with a capitalised word ("Río de la Plata", not "Trump in a"): a run
      // ending in a short lower-case word can match nothing, so skip the lookup.
      if (n > 1 && !w[i + n - 1].capitalised) continue;
      key.clear();
      for (size_t k = i; k < i + n; ++k) {
        if (k > i) key.push_back(' ');
        key.append(w[k].folded);
      }
      if (not_places.count(key)) {  // a region or institution, not a place: skip its words
        i += n;
        found = true;
        break;
      }
      // A demonym after a capitalised word names something else ("Latin American").
      bool after_capital = i > 0 && w[i - 1].capitalised && !w[i - 1].sentence_initial &&
                           text.substr(w[i - 1].end, w[i].begin - w[i - 1].end) == " ";
      if (n == 1 && o.count_demonyms && !after_capital) {
        if (const GazetteerEntry* c = g.CountryByDemonym(key)) {
          out.push_back({w[i].begin, w[i].end, i, 1, "#" + key, {IdOf(g, c)}, true, false, false});
          i += 1;
          found = true;
          break;
        }
      }
      std::vector<EntryId> cands = g.CandidatesForKey(key);
      if (cands.empty() && key.size() > 2 && key.compare(key.size() - 2, 2, "'s") == 0) {
        key.resize(key.size() - 2);  // possessive: "Mexico's"
        cands = g.CandidatesForKey(key);
      }
      if (cands.empty()) continue;
      Mention m{w[i].begin, w[i + n - 1].end, i, n, key, std::move(cands), false, false, false};
      if (n == 1) {
        auto space_gap = [&](size_t a, size_t b) {
          std::string_view gap = text.substr(w[a].end, w[b].begin - w[a].end);
          return gap == " ";
        };
        bool prev =
            i > 0 && w[i - 1].capitalised && !w[i - 1].sentence_initial && space_gap(i - 1, i);
        bool next = i + 1 < w.size() && w[i + 1].capitalised && space_gap(i, i + 1);
        // "Department of Justice", "Secretaría de Seguridad": a connector after a capitalised word.
        // Only "of"-like connectors: "Monclova and Juárez" is two places.
        static const std::unordered_set<std::string> kOf = {"of", "de", "del", "da", "do", "for"};
        bool via_connector = i > 1 && !w[i - 1].capitalised && kOf.count(w[i - 1].folded) &&
                             w[i - 2].capitalised && !w[i - 2].sentence_initial &&
                             space_gap(i - 2, i - 1) && space_gap(i - 1, i);
        m.glued = prev || next;
        m.glued_via_connector = via_connector;
      }
      out.push_back(std::move(m));
      i += n;
      found = true;
    }
    if (!found) ++i;
  }
  return out;
}

// Removes city and region readings that look like common words (see places.h).
void FilterCommonWords(const std::vector<Word>& w, std::vector<Mention>* ms, const Gazetteer& g,
                       const PlaceOptions& o) {
  // One-word names also written in lower case somewhere in the text ("police" ... "Police").
  std::unordered_set<std::string_view> lower;
  for (const Mention& m : *ms)
    if (m.words == 1 && !m.fixed) lower.insert(m.key);
  if (!lower.empty()) {
    std::unordered_set<std::string_view> seen;
    for (const Word& x : w) {
      if (x.capitalised) continue;
      if (auto it = lower.find(x.folded); it != lower.end()) seen.insert(*it);
    }
    lower.swap(seen);  // views into the mentions' keys, which outlive this function's use
  }
  std::unordered_map<std::string, bool> only_initial;  // key -> every use opens a sentence
  for (const Mention& m : *ms) {
    auto [it, _] = only_initial.try_emplace(m.key, true);
    it->second = it->second && w[m.first_word].sentence_initial;
  }
  // One sense per text: a one-word name seen inside a longer capitalised name ("Ted Cruz",
  // "Bill Clinton") is a surname everywhere in the text, not a little-known town.
  std::unordered_set<std::string> surname_like;
  for (const Mention& m : *ms) {
    if (m.words == 1 && (m.glued || m.glued_via_connector)) surname_like.insert(m.key);
  }
  for (Mention& m : *ms) {
    if (m.fixed) continue;
    bool surname = surname_like.count(m.key) > 0;
    bool one_word = m.words == 1;
    bool is_lower = one_word && lower.count(m.key);
    bool initial_only = one_word && only_initial[m.key];
    bool is_short = one_word && CodePointLength(m.key) < o.min_city_name_chars;
    std::erase_if(m.cands, [&](EntryId id) {
      const GazetteerEntry& e = g.entry(id);
      // A country's name inside a longer capitalised name is a given name or part of a title
      // ("Mauricio Macri": Mauricio is Mauritius in Spanish).
      if (e.kind == PlaceKind::kCountry) return m.glued && !w[m.first_word].all_caps;
      if (is_lower || m.glued) return true;
      if (e.kind == PlaceKind::kCity && surname && e.prominence < 3) return true;
      if (e.kind == PlaceKind::kCity &&
          (is_short || ((initial_only || m.glued_via_connector) && e.prominence < 2))) {
        return true;
      }
      return false;
    });
  }
  std::erase_if(*ms, [](const Mention& m) { return m.cands.empty(); });
}

// Context evidence from other names of the text. A firm anchor is an unambiguous or resolved
// reading; a soft one is one reading of a name that still has a few (<= kMaxSoftReadings).
struct Anchor {
  const std::string* key;
  std::string country;                    // "" when the readings span countries
  const GazetteerEntry* place = nullptr;  // null for a country-only anchor
  bool firm = true;
};
constexpr size_t kMaxSoftReadings = 40;
constexpr double kSoftWeight = 0.75;
constexpr double kMaxSupportingNames = 2;  // a soft anchor's share of a firm anchor's weight

struct Context {
  std::vector<Anchor> anchors;
  std::string dateline_country;
  const GazetteerEntry* dateline_place = nullptr;
  std::string outlet_country;
};

// One distinct name of the text with its surviving readings and occurrences.
struct Name {
  std::string key;
  std::vector<EntryId> cands;
  bool fixed = false;
  int occurrences = 0;
  size_t first = 0;  // index of the first occurrence (for output order)
};

// How e relates to another place p: same region (e within region p, p within region e, or both in
// one region) and nearness (two cities within near_km).
void Relate(const GazetteerEntry& e, const GazetteerEntry& p, const PlaceOptions& o,
            bool* same_region, bool* near) {
  *same_region = *near = false;
  if (&e == &p) {  // the same place under another name ("Juárez", "Ciudad Juárez")
    *same_region = *near = true;
    return;
  }
  if (e.kind == PlaceKind::kCountry || p.kind == PlaceKind::kCountry) return;
  *same_region = e.country == p.country && e.admin1 == p.admin1;
  // 1 degree of latitude is 111 km: skip the trigonometry for places clearly apart.
  *near = e.kind == PlaceKind::kCity && p.kind == PlaceKind::kCity &&
          std::abs(e.lat - p.lat) * 111.0 <= o.near_km &&
          DistanceKm(e.lat, e.lon, p.lat, p.lon) <= o.near_km;
}

// Score of reading e for the name key; *supported tells whether any context applied.
double Score(const GazetteerEntry& e, const std::string& key, const Context& ctx,
             const PlaceOptions& o, bool* supported) {
  bool same_country = false;
  // Region and nearness support: per other name the best of its anchors (1 firm, kSoftWeight
  // soft), summed over names and capped at kMaxSupportingNames, so two neighbours count more
  // than one.
  std::unordered_map<const std::string*, std::pair<double, double>> per_name;
  for (const Anchor& a : ctx.anchors) {
    if (*a.key == key) continue;  // a name is never its own context
    if (a.firm && a.country == e.country) same_country = true;
    if (!a.place) continue;
    bool r = false, n = false;
    Relate(e, *a.place, o, &r, &n);
    if (!r && !n) continue;
    double w = a.firm ? 1.0 : kSoftWeight;
    auto& [pr, pn] = per_name[a.key];
    if (r) pr = std::max(pr, w);
    if (n) pn = std::max(pn, w);
  }
  double region = 0, near = 0;
  for (const auto& [k, v] : per_name) {
    region += v.first;
    near += v.second;
  }
  region = std::min(region, kMaxSupportingNames);
  near = std::min(near, kMaxSupportingNames);
  if (ctx.dateline_place) {
    bool r = false, n = false;
    Relate(e, *ctx.dateline_place, o, &r, &n);
    if (r) region = std::min(region + 1, kMaxSupportingNames);
    if (n) near = std::min(near + 1, kMaxSupportingNames);
  }
  bool dateline = !ctx.dateline_country.empty() && ctx.dateline_country == e.country;
  bool outlet = !ctx.outlet_country.empty() && ctx.outlet_country == e.country;
  *supported = same_country || region > 0 || near > 0 || dateline || outlet;
  // A little-known city needs a neighbour: country-level context alone does not vouch for a
  // word like "Justice" (a town in Oklahoma) in a US story, and only the neighbours count in
  // its score, so "London" in a US story stays the capital unless a neighbour says otherwise.
  if (!Strong(e, o)) {
    *supported = region > 0 || near > 0;
    return o.weight_prominence * e.prominence + region * o.weight_same_region +
           near * o.weight_near;
  }
  return o.weight_prominence * e.prominence + (same_country ? o.weight_same_country : 0) +
         region * o.weight_same_region + near * o.weight_near + (dateline ? o.weight_dateline : 0) +
         (outlet ? o.weight_outlet_country : 0);
}

// The best reading of a name, or nullopt when none is valid.
std::optional<EntryId> Resolve(const Name& m, const Gazetteer& g, const Context& ctx,
                               const PlaceOptions& o) {
  std::optional<EntryId> best;
  double best_score = -1;
  for (EntryId id : m.cands) {
    const GazetteerEntry& e = g.entry(id);
    bool supported = false;
    double s = Score(e, m.key, ctx, o, &supported);
    // Countries always count; regions ("Southern District" is one in Belize) and little-known
    // cities need support.
    if (!m.fixed && e.kind != PlaceKind::kCountry &&
        (!Strong(e, o) || e.kind == PlaceKind::kRegion ||
         e.prominence < o.min_standalone_city_prominence) &&
        !supported) {
      continue;
    }
    // Ties: higher prominence, then countries before regions before cities, then file order.
    if (!best || s > best_score ||
        (s == best_score &&
         (e.prominence > g.entry(*best).prominence ||
          (e.prominence == g.entry(*best).prominence && e.kind < g.entry(*best).kind)))) {
      best = id;
      best_score = s;
    }
  }
  return best;
}

}  // namespace

std::vector<PlaceMention> FindPlaces(std::string_view text, const Gazetteer& g,
                                     std::string_view outlet_country, const PlaceOptions& o,
                                     const Dateline* dateline) {
  if (g.size() == 0) return {};
  std::vector<Word> words = Words(text);
  std::vector<Mention> ms = Match(text, words, g, o);
  FilterCommonWords(words, &ms, g, o);

  // One sense per name and text: occurrences of a key share their readings (the union of what
  // survived the filter at each occurrence).
  std::vector<Name> names;
  std::unordered_map<std::string, size_t> by_key;
  for (size_t i = 0; i < ms.size(); ++i) {
    auto [it, inserted] = by_key.try_emplace(ms[i].key, names.size());
    if (inserted) names.push_back({ms[i].key, {}, ms[i].fixed, 0, i});
    Name& n = names[it->second];
    ++n.occurrences;
    for (EntryId id : ms[i].cands) {
      if (std::find(n.cands.begin(), n.cands.end(), id) == n.cands.end()) n.cands.push_back(id);
    }
  }

  Context ctx;
  ctx.outlet_country = std::string(outlet_country);
  if (dateline && !dateline->country.empty()) {
    ctx.dateline_country = dateline->country;
    for (EntryId id : g.Candidates(dateline->place)) {
      const GazetteerEntry& e = g.entry(id);
      if (e.country == dateline->country && e.name == dateline->place &&
          (!ctx.dateline_place || e.prominence > ctx.dateline_place->prominence)) {
        ctx.dateline_place = &e;
      }
    }
  }
  // Round one: firm anchors from names whose readings agree on a country or are one place; soft
  // anchors from each reading of names with a few readings.
  for (const Name& n : names) {
    bool one_country = std::all_of(n.cands.begin(), n.cands.end(), [&](EntryId id) {
      return g.entry(id).country == g.entry(n.cands[0]).country;
    });
    if (n.cands.size() == 1) {
      ctx.anchors.push_back({&n.key, g.entry(n.cands[0]).country, &g.entry(n.cands[0]), true});
      continue;
    }
    if (one_country) ctx.anchors.push_back({&n.key, g.entry(n.cands[0]).country, nullptr, true});
    if (n.cands.size() <= kMaxSoftReadings) {
      for (EntryId id : n.cands) ctx.anchors.push_back({&n.key, "", &g.entry(id), false});
    }
  }
  std::vector<std::optional<EntryId>> resolved(names.size());
  for (size_t i = 0; i < names.size(); ++i) resolved[i] = Resolve(names[i], g, ctx, o);
  // Round two: every round-one resolution is a firm anchor.
  ctx.anchors.clear();
  for (size_t i = 0; i < names.size(); ++i) {
    if (resolved[i]) {
      const GazetteerEntry& e = g.entry(*resolved[i]);
      ctx.anchors.push_back({&names[i].key, e.country, &e, true});
    }
  }
  for (size_t i = 0; i < names.size(); ++i) resolved[i] = Resolve(names[i], g, ctx, o);

  // Merge per place (two names may resolve to one place: "Juárez", "Ciudad Juárez").
  std::vector<PlaceMention> out;
  std::vector<size_t> first;
  std::unordered_map<EntryId, size_t> index;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!resolved[i]) continue;
    auto [it, inserted] = index.try_emplace(*resolved[i], out.size());
    if (inserted) {
      const GazetteerEntry& e = g.entry(*resolved[i]);
      PlaceMention p;
      p.name = e.name;
      p.country = e.country;
      p.admin1 = std::string(g.RegionName(e));
      p.lat = e.lat;
      p.lon = e.lon;
      out.push_back(std::move(p));
      first.push_back(names[i].first);
    }
    out[it->second].mentions += names[i].occurrences;
    first[it->second] = std::min(first[it->second], names[i].first);
  }
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return out[a].mentions != out[b].mentions ? out[a].mentions > out[b].mentions
                                              : first[a] < first[b];
  });
  std::vector<PlaceMention> sorted;
  sorted.reserve(out.size());
  for (size_t i : order) sorted.push_back(std::move(out[i]));
  return sorted;
}

std::string PrimaryCountry(const std::vector<PlaceMention>& places, const Dateline* dateline,
                           const PlaceOptions& o) {
  std::vector<std::pair<std::string, int>> counts;  // first-listed order
  auto add = [&](const std::string& cc, int n) {
    if (cc.empty()) return;
    for (auto& [c, k] : counts) {
      if (c == cc) {
        k += n;
        return;
      }
    }
    counts.emplace_back(cc, n);
  };
  for (const PlaceMention& p : places) add(p.country, p.mentions);
  std::string dl = dateline ? dateline->country : std::string();
  add(dl, o.dateline_weight);
  std::string best;
  int best_n = 0;
  for (const auto& [c, k] : counts) {
    if (k > best_n || (k == best_n && c == dl)) {
      best = c;
      best_n = k;
    }
  }
  return best;
}

}  // namespace headwater::normalize
