#include "attribution/coreference.h"

#include <algorithm>
#include <unordered_set>

#include "common/text.h"

namespace headwater::attribution {

namespace {

// Head nouns that stand for a publishing organisation or its report.
const std::unordered_set<std::string_view>& OrgNouns() {
  static const std::unordered_set<std::string_view> k = {
      // English
      "group", "watchdog", "organization", "organisation", "outlet", "newspaper", "paper", "site",
      "website", "report", "reports", "magazine", "agency", "network", "blog", "publication",
      "tank", "nonprofit", "foundation", "institute", "outfit", "daily", "broadcaster", "station",
      "article", "story", "investigation", "study", "analysis", "post", "bulletin", "poll",
      "survey",
      // Spanish
      "grupo", "organizacion", "diario", "periodico", "medio", "informe", "reporte", "agencia",
      "sitio", "portal", "revista", "publicacion", "nota", "investigacion", "asociacion",
      // Portuguese
      "organizacao", "jornal", "relatorio", "agencia", "revista", "reportagem", "entidade",
      // plurals (they refer to several outlets)
      "newspapers", "papers", "outlets", "groups", "organizations", "dailies", "sites", "agencies",
      "diarios", "periodicos", "medios", "jornais", "organizaciones"};
  return k;
}

bool IsPlural(std::string_view w) {
  static const std::unordered_set<std::string_view> k = {
      "newspapers", "papers", "outlets", "groups", "organizations", "dailies", "sites", "agencies",
      "reports", "diarios", "periodicos", "medios", "jornais", "organizaciones"};
  return k.count(w) > 0;
}

const std::unordered_set<std::string_view>& Determiners() {
  static const std::unordered_set<std::string_view> k = {
      "the", "a", "an", "this", "that", "its", "their", "el", "la", "los", "las", "un", "una",
      "dicha", "dicho", "esta", "este", "esa", "ese", "o", "a", "os", "as", "um", "uma", "essa",
      "esse", "tal", "two", "three", "both", "neither", "each", "either", "several", "dos", "tres",
      "ambos", "ambas", "ninguno", "ninguna", "dois", "duas", "some", "other", "those", "these"};
  return k;
}

bool IsBareRelativePronoun(std::string_view folded) {
  static const std::unordered_set<std::string_view> k = {"which", "who", "whom", "that", "que",
                                                          "quien", "quienes", "cual", "quem"};
  return k.count(folded) > 0;
}

// The source text is a generic organisation reference: determiner, optional modifiers (all
// lower-case words), an organisation head noun; no capitalised word after the first.
bool IsGenericOrgReference(std::string_view source) {
  std::vector<Token> toks = Tokenize(source);
  if (toks.empty() || toks.size() > 24) return false;
  if (!Determiners().count(toks[0].folded)) return false;
  // The head noun comes within the first five words ("A Washington-based advocacy group's
  // claim", "A campaign group in the United States"); what follows may name places.
  for (size_t i = 1; i < toks.size() && i < 5; ++i) {
    std::string w = toks[i].folded;
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
    if (OrgNouns().count(w)) return true;
  }
  return false;
}

// The source belongs to a generic organisation named inside it: "the group's source",
// "The source, whom the group did not identify", "a source the newspaper did not name".
bool MentionsGenericOrg(std::string_view source) {
  std::vector<Token> toks = Tokenize(source);
  for (size_t i = 0; i + 1 < toks.size(); ++i) {
    if (!Determiners().count(toks[i].folded)) continue;
    std::string w = toks[i + 1].folded;
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
    if (OrgNouns().count(w) && (w != "report" && w != "story")) return true;
    // "voters surveyed in a new poll", "the latest national survey": a poll is its pollster's
    // report, with up to two lower-case modifiers before the noun.
    for (size_t j = i + 1; j < toks.size() && j <= i + 3; ++j) {
      if (toks[j].folded == "poll" || toks[j].folded == "survey") return true;
      size_t pos = toks[j].begin;
      if (IsUpperCase(DecodeUtf8(source, &pos))) break;
    }
  }
  return false;
}

// The outlet kinds a head noun most likely refers to; empty = any.
std::vector<OutletKind> PreferredKinds(std::string_view source) {
  static const std::unordered_set<std::string_view> kOrg = {
      "group", "watchdog", "organization", "organisation", "nonprofit", "tank", "foundation",
      "institute", "outfit", "grupo", "organizacion", "organizacao", "asociacion", "entidade"};
  static const std::unordered_set<std::string_view> kPaper = {
      "newspaper", "paper", "daily", "diario", "periodico", "jornal", "magazine", "revista",
      "broadcaster", "station"};
  static const std::unordered_set<std::string_view> kWire = {"agency", "agencia", "wire"};
  for (const Token& t : Tokenize(source)) {
    std::string w = t.folded;
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
    if (kOrg.count(w)) return {OutletKind::kAdvocacy, OutletKind::kNgo, OutletKind::kUnknown};
    if (kPaper.count(w)) return {OutletKind::kNews, OutletKind::kBlog};
    if (kWire.count(w)) return {OutletKind::kWire};
  }
  return {};
}

}  // namespace

void ResolveOutletCoreference(std::string_view text, const Context& ctx,
                              std::vector<Attribution>* attributions,
                              const CoreferenceOptions& options) {
  if (!ctx.outlets) return;
  std::vector<normalize::OutletMention> mentions = ctx.outlets->FindMentions(text);
  // Only outlets that are not the article's own are antecedents of "the group".
  std::vector<normalize::OutletMention> others;
  for (const auto& m : mentions)
    if (m.outlet->id != ctx.own_outlet) others.push_back(m);
  // The outlet named nearest before `at` (else just after), preferring the given kinds.
  auto nearest_of = [&](uint32_t at, const std::vector<OutletKind>& kinds) -> const Outlet* {
    auto fits = [&](const Outlet* o) {
      return kinds.empty() || std::find(kinds.begin(), kinds.end(), o->kind) != kinds.end();
    };
    const Outlet* before = nullptr;
    for (const auto& m : others) {
      if (!fits(m.outlet)) continue;
      if (m.end <= at) before = m.outlet;
      else if (!before && m.begin >= at && m.begin - at <= options.max_forward_bytes) return m.outlet;
      else break;
    }
    return before;
  };
  auto nearest = [&](uint32_t at, std::string_view source) -> const Outlet* {
    std::vector<OutletKind> kinds = PreferredKinds(source);
    const Outlet* o = kinds.empty() ? nullptr : nearest_of(at, kinds);
    return o ? o : nearest_of(at, {});
  };
  std::vector<Attribution> kept;
  kept.reserve(attributions->size());
  for (Attribution& a : *attributions) {
    if (a.source.empty() || !a.outlet_name.empty()) {
      kept.push_back(std::move(a));
      continue;
    }
    std::string_view src = TrimSpace(a.source_text);
    std::string folded = Fold(src);
    if (IsBareRelativePronoun(folded)) continue;  // part of another attribution, not a source
    // "I wrote", "we reported": the article's own outlet speaking of its own reporting.
    if ((folded == "i" || folded == "we" || folded == "yo" || folded == "nosotros" ||
         folded == "eu" || folded == "nos") && ctx.own_outlet > 0) {
      if (const Outlet* own = ctx.outlets->Get(ctx.own_outlet)) {
        a.outlet_id = own->id;
        a.outlet_name = own->name;
        a.source_kind = SourceKind::kOutlet;
        a.self_citation = true;
      }
      kept.push_back(std::move(a));
      continue;
    }
    // "Two Ciudad Juárez newspapers reported": one attribution per outlet it stands for.
    bool plural = false;
    {
      std::vector<Token> toks = Tokenize(src);
      for (size_t i = 1; i < toks.size() && i < 5; ++i) plural = plural || IsPlural(toks[i].folded);
    }
    if (plural && IsGenericOrgReference(src)) {
      uint32_t at = a.source.front().begin;
      std::vector<OutletKind> kinds = PreferredKinds(src);
      std::vector<const Outlet*> picked;
      auto take = [&](bool forward) {
        for (const auto& m : others) {
          bool ok = forward ? (m.begin >= at && m.begin - at <= options.max_forward_bytes)
                            : (m.end <= at);
          if (!ok) continue;
          if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), m.outlet->kind) == kinds.end())
            continue;
          if (std::find(picked.begin(), picked.end(), m.outlet) == picked.end()) picked.push_back(m.outlet);
        }
      };
      take(/*forward=*/true);
      if (picked.empty()) take(/*forward=*/false);
      if (picked.size() > 3) picked.resize(3);
      for (const Outlet* o : picked) {
        Attribution copy = a;
        copy.outlet_id = o->id;
        copy.outlet_name = o->name;
        copy.source_kind = SourceKind::kOutlet;
        kept.push_back(std::move(copy));
      }
      if (picked.empty()) kept.push_back(std::move(a));
      continue;
    }
    bool pronoun = folded == "it" || folded == "ello" || folded == "ele" || folded == "ela";
    bool generic = pronoun || IsGenericOrgReference(src);
    bool owned = !generic && MentionsGenericOrg(src) && a.source_kind != SourceKind::kOfficial;
    if (generic || owned) {
      const Outlet* o = nearest(a.source.front().begin, src);
      if (pronoun && o) {  // a pronoun refers back, never forward
        bool before = false;
        for (const auto& m : others) before = before || (m.outlet == o && m.end <= a.source.front().begin);
        if (!before) o = nullptr;
      }
      if (o) {
        a.outlet_id = o->id;
        a.outlet_name = o->name;
        if (generic) a.source_kind = SourceKind::kOutlet;
        else a.anonymous = a.anonymous || a.source_kind == SourceKind::kAnonymous;
        if (owned) a.source_kind = SourceKind::kOutlet;
      }
    }
    kept.push_back(std::move(a));
  }
  *attributions = std::move(kept);
}

}  // namespace headwater::attribution
