// Independence, verdict and explanation over the graph of graph.cc and the roles of roles.cc.
//
// Independence. Origin nodes are merged (union-find) when their outlets share an independence
// group (owner group, else name) and when they are whole copies of one another or of one common
// source (copies of one wire story). An independent origin asserts when any member asserts, is
// in-country when a member's outlet or origin article dateline is in the story's country, and is
// anonymous-only when every member rests only on anonymous sources.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "provenance/fact_cache.h"
#include "provenance/graph.h"
#include "provenance/retraction.h"

namespace headwater::provenance {

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kCorroborated:
      return "corroborated";
    case Verdict::kDisputed:
      return "disputed";
    case Verdict::kPartlyCorroborated:
      return "partly-corroborated";
    case Verdict::kSingleSource:
      return "single-source";
    case Verdict::kUnsourced:
      return "unsourced";
  }
  return "unsourced";
}

std::optional<Verdict> ParseVerdict(std::string_view s) {
  for (Verdict v : {Verdict::kCorroborated, Verdict::kDisputed, Verdict::kPartlyCorroborated,
                    Verdict::kSingleSource, Verdict::kUnsourced}) {
    if (s == VerdictName(v)) return v;
  }
  return std::nullopt;
}

const char* NodeRoleName(NodeRole r) {
  switch (r) {
    case NodeRole::kOrigin:
      return "origin";
    case NodeRole::kEcho:
      return "echo";
    case NodeRole::kUnsourced:
      return "unsourced";
  }
  return "unsourced";
}

const char* EdgeKindName(EdgeKind k) {
  switch (k) {
    case EdgeKind::kCopies:
      return "copies";
    case EdgeKind::kCites:
      return "cites";
    case EdgeKind::kLinks:
      return "links";
  }
  return "cites";
}

namespace {

using internal::ArticleFacts;
using internal::Asserts;
using internal::AssignRoles;
using internal::Graph;

struct UnionFind {
  std::vector<size_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Union(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

struct Group {  // one independent origin
  std::string name;
  std::vector<size_t> origins;  // indices into Report::origins
  bool asserts = false, denies = true, in_country = false, anonymous_only = true;
};

bool EarlierNode(const Node& a, const Node& b) {
  if (a.published.has_value() != b.published.has_value()) return a.published.has_value();
  if (a.published && *a.published != *b.published) return *a.published < *b.published;
  return a.id < b.id;
}

std::string Plural(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string OutletLabel(const OriginInfo& o) {  // "Judicial Watch (US, advocacy)"
  bool has_country = !o.country.empty(), has_kind = !o.kind.empty() && o.kind != "unknown";
  if (!has_country && !has_kind) return o.outlet;
  std::string s = o.outlet;
  s += " (";
  if (has_country) s += o.country;
  if (has_country && has_kind) s += ", ";
  if (has_kind) s += o.kind;
  s += ")";
  return s;
}

std::string JoinAnd(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items[0];
  std::string s;
  for (size_t i = 0; i + 1 < items.size(); ++i) {
    if (i) s += ", ";
    s += items[i];
  }
  s += " and ";
  s += items.back();
  return s;
}

std::string Explain(const Report& r, const Policy& p, const std::vector<Group>& groups) {
  const Counts& c = r.counts;
  std::string s =
      Plural(c.articles, "article", "articles") + " from " + Plural(c.outlets, "outlet", "outlets");
  std::vector<std::string> asserting;
  bool first_merged = false;  // the first asserting independent origin merges several origins
  for (const Group& g : groups) {
    if (!g.asserts) continue;
    if (asserting.empty()) first_merged = g.origins.size() > 1;
    if (g.origins.size() == 1) {
      asserting.push_back(OutletLabel(r.origins[g.origins[0]]));
      continue;
    }
    // Several origins merged into one independent origin: "Group [A (US, news), B (US, news)]".
    std::string label = g.name + " [";
    for (size_t k = 0; k < g.origins.size(); ++k) {
      label += (k ? ", " : "") + OutletLabel(r.origins[g.origins[k]]);
    }
    asserting.push_back(label + "]");
  }
  if (asserting.empty()) {
    s += "; none traces back to an origin with its own sources";
  } else if (asserting.size() == 1) {
    s += std::string(c.articles > 1 ? "; all trace back to one " : "; it is the one ") +
         (first_merged ? "independent origin, " : "origin, ") + asserting[0];
  } else {
    s += fmt::format("; {} independent origins: {}", asserting.size(), JoinAnd(asserting));
  }
  if (c.anonymous_only_origins > 0) {
    s += fmt::format("; {} rest{} only on anonymous sources{}",
                     Plural(c.anonymous_only_origins, "origin", "origins"),
                     c.anonymous_only_origins == 1 ? "s" : "",
                     p.anonymous_only_counts ? "" : ", which this policy does not count");
  }
  std::string where = r.country.empty() ? "unknown country" : r.country;
  bool met = c.independent_origins >= p.min_independent_origins &&
             c.in_country_origins >= p.min_in_country_origins;
  if (!met) {  // "0 of the 2 in-country (MX) origins the latin-america policy asks for"
    std::string ask = fmt::format("{} of the {} independent origins", c.independent_origins,
                                  p.min_independent_origins);
    if (p.min_in_country_origins > 0) {
      ask += fmt::format(" and {} of the {} in-country ({}) origins", c.in_country_origins,
                         p.min_in_country_origins, where);
    }
    s += "; " + ask + " the " + p.name + " policy asks for";
  } else {  // "the latin-america policy asks for 2 independent origins and 2 in-country (MX)"
    s += fmt::format("; the {} policy asks for {} independent origin{}", p.name,
                     p.min_independent_origins, p.min_independent_origins == 1 ? "" : "s");
    if (p.min_in_country_origins > 0)
      s += fmt::format(" and {} in-country ({}), {} here", p.min_in_country_origins, where,
                       c.in_country_origins);
  }
  if (c.denying_origins > 0) {
    std::vector<std::string> deniers;
    for (const Group& g : groups) {
      if (g.denies) deniers.push_back(g.name);
    }
    s += "; contradicted by " + JoinAnd(deniers) + ", whose own sources deny it";
  }
  if (!r.denials.empty()) {
    std::map<std::string, std::optional<UnixSeconds>> first;  // who -> earliest denial
    std::vector<std::string> order;
    for (const Denial& d : r.denials) {
      auto [it, inserted] = first.emplace(d.who, d.published);
      if (inserted) {
        order.push_back(d.who);
      } else if (d.published && (!it->second || *d.published < *it->second)) {
        it->second = d.published;
      }
    }
    std::vector<std::string> parts;
    for (size_t i = 0; i < order.size() && i < 3; ++i) {
      const auto& when = first[order[i]];
      parts.push_back(order[i] + (when ? " on " + FormatDate(*when) : ""));
    }
    if (order.size() > 3) parts.push_back(fmt::format("{} more", order.size() - 3));
    s += "; denied by " + JoinAnd(parts);
  }
  // "retracted by Judicial Watch on 2016-05-01; rated false by Animal Político on 2016-04-20".
  std::vector<std::string> said;
  std::set<std::string> seen_said;
  for (const Retraction& rt : r.retractions) {
    std::string what = rt.kind == RetractionKind::kRetracted  ? "retracted"
                       : rt.kind == RetractionKind::kRefuted ? "refuted"
                                                              : "corrected";
    std::string whose = rt.self || rt.targets.empty() ? "" : " (the report of " + JoinAnd(rt.targets) + ")";
    std::string phrase = what + " by " + rt.by + whose +
                         (rt.published ? " on " + FormatDate(*rt.published) : "");
    if (seen_said.insert(phrase).second) said.push_back(phrase);
  }
  if (said.size() > 3) {
    size_t more = said.size() - 3;
    said.resize(3);
    said.push_back(fmt::format("{} more", more));
  }
  if (!said.empty()) s += "; " + JoinAnd(said);
  s += ".";
  return s;
}

}  // namespace

Report Analyze(const StoryInput& in, const PolicySet& policies, const Options& options) {
  // Per-article facts from the cache: only new or changed articles are scanned.
  std::vector<std::shared_ptr<const ArticleTextFacts>> text_facts;
  std::vector<const std::string*> wire_credits;
  std::vector<const std::vector<RetractionCue>*> cues;
  if (in.cache != nullptr) {
    text_facts = in.cache->GetAll(in.articles);
    wire_credits.reserve(text_facts.size());
    cues.reserve(text_facts.size());
    for (const auto& f : text_facts) {
      wire_credits.push_back(&f->wire_credit);
      cues.push_back(&f->retraction_cues);
    }
  }
  Graph g = internal::BuildGraph(in, options, in.cache != nullptr ? &wire_credits : nullptr);
  Report r;
  const Policy& policy = policies.ForCountry(in.story.country);
  r.policy = policy.name;
  r.country = in.story.country;
  AssignRoles(g, options, &r.echoes);

  // Origins, one per outlet, in order of their first origin node.
  std::vector<size_t> origin_nodes;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (g.nodes[i].role == NodeRole::kOrigin) origin_nodes.push_back(i);
  }
  std::sort(origin_nodes.begin(), origin_nodes.end(),
            [&](size_t a, size_t b) { return EarlierNode(g.nodes[a], g.nodes[b]); });
  r.origins.reserve(origin_nodes.size());
  constexpr size_t kNone = SIZE_MAX;
  std::vector<size_t> origin_of_outlet(g.outlet_keys, kNone);  // key_index -> origin index
  std::vector<bool> origin_anon_only;
  auto in_country_country = [&](std::string_view cc) {
    return !r.country.empty() && cc == r.country;
  };
  for (size_t i : origin_nodes) {
    const ArticleFacts& f = g.facts[i];
    size_t& origin = origin_of_outlet[f.outlet->key_index];
    if (origin == kNone) {
      origin = r.origins.size();
      OriginInfo& o = r.origins.emplace_back();
      o.outlet = f.outlet->name;
      o.outlet_id = f.outlet->id;
      o.country = f.outlet->country;
      o.kind = f.outlet->kind;
      o.external = g.nodes[i].external;
      o.in_country = in_country_country(f.outlet->country);
      o.anonymous_only = !o.external;
      o.denies = !o.external;
      if (in.track_record && f.outlet->id != 0) o.track_record = in.track_record(f.outlet->id);
    }
    OriginInfo& o = r.origins[origin];
    o.nodes.push_back(i);
    if (g.nodes[i].external) continue;
    o.external = false;
    o.articles.push_back(g.nodes[i].url);
    if (f.article && in_country_country(f.article->dateline.country)) o.in_country = true;
    if (Asserts(f)) o.denies = false;
    if (f.own_named > 0 || f.dateline_counted || (f.self_cited && f.own_anonymous == 0)) {
      o.anonymous_only = false;
    }
    if (o.evidence.capacity() == 0 && (f.dateline_counted || !g.OwnEvidence(i).empty())) {
      o.evidence.reserve(std::min<size_t>(options.max_evidence_per_origin, 4));
    }
    if (f.dateline_counted && o.evidence.size() < options.max_evidence_per_origin) {
      o.evidence.push_back(f.dateline_evidence);
    }
    for (const Attribution* at : g.OwnEvidence(i)) {
      if (o.evidence.size() >= options.max_evidence_per_origin) break;
      auto [begin, end] = internal::SpanRange(*at);
      o.evidence.push_back(internal::MakeEvidence(*f.article, begin, end));
    }
  }
  for (OriginInfo& o : r.origins) {
    if (o.denies) o.anonymous_only = false;
  }
  bool refuted = false;  // a refutation concerns an origin or the story itself
  if (options.detect_retractions) {
    r.retractions = in.cache != nullptr ? FindRetractions(in, cues) : FindRetractions(in);
    for (const Retraction& rt : r.retractions) {
      if (rt.kind == RetractionKind::kCorrected) {
        ++r.counts.corrections;
      } else {
        ++r.counts.retractions;
      }
      bool hit = false;
      auto by_itself = [&](const OriginInfo& o) {
        return o.outlet_id != 0 ? o.outlet_id == rt.by_outlet_id : o.outlet == rt.by;
      };
      // A retraction naming no report concerns "the report": only unambiguous when the story has
      // one origin besides the outlet saying it. With several, it is listed and concerns none.
      size_t others = static_cast<size_t>(std::count_if(
          r.origins.begin(), r.origins.end(), [&](const OriginInfo& o) { return !by_itself(o); }));
      for (OriginInfo& o : r.origins) {
        bool concerned = rt.targets.empty() && others == 1 && !by_itself(o);
        for (size_t t = 0; t < rt.targets.size(); ++t) {
          concerned = concerned || (o.outlet_id != 0 && o.outlet_id == rt.target_ids[t]) ||
                      o.outlet == rt.targets[t];
        }
        if (!concerned) continue;
        hit = true;
        switch (rt.kind) {
          case RetractionKind::kRetracted:
            o.retracted = true;
            break;
          case RetractionKind::kCorrected:
            o.corrected = true;
            break;
          case RetractionKind::kRefuted:
            o.refuted = true;
            break;
        }
      }
      if (rt.kind == RetractionKind::kRefuted && hit) refuted = true;
    }
  }

  // Step 3: independent origins.
  UnionFind uf(r.origins.size());
  {  // One independence group (owner group, else name): one independent origin. The union-find
     // keeps the smallest index as root, so the order of the unions does not matter.
    std::vector<std::pair<std::string_view, size_t>> by_group;  // views of g.nodes
    by_group.reserve(r.origins.size());
    for (size_t k = 0; k < r.origins.size(); ++k) {
      by_group.emplace_back(g.nodes[r.origins[k].nodes[0]].group, k);
    }
    std::sort(by_group.begin(), by_group.end());
    for (size_t k = 1; k < by_group.size(); ++k) {
      if (by_group[k].first == by_group[k - 1].first) {
        uf.Union(by_group[k].second, by_group[k - 1].second);
      }
    }
  }
  std::vector<size_t> outlet_of_node(g.nodes.size(), kNone);  // origin node -> origin index
  for (size_t k = 0; k < r.origins.size(); ++k) {
    for (size_t i : r.origins[k].nodes) outlet_of_node[i] = k;
  }
  // Origins that wholly copy one source (copies of one wire story) are one independent origin.
  std::vector<std::pair<size_t, size_t>> whole_copies;  // (source node, origin copier)
  for (const Edge& e : g.edges) {
    if (e.kind != EdgeKind::kCopies || e.cls != ReuseClass::kWhole) continue;
    size_t from = outlet_of_node[e.from];
    if (from == kNone) continue;
    size_t to = outlet_of_node[e.to];
    if (to != kNone) uf.Union(from, to);
    whole_copies.emplace_back(e.to, from);
  }
  std::sort(whole_copies.begin(), whole_copies.end());
  for (size_t k = 1; k < whole_copies.size(); ++k) {
    if (whole_copies[k].first == whole_copies[k - 1].first) {
      uf.Union(whole_copies[k].second, whole_copies[k - 1].second);
    }
  }
  std::vector<size_t> group_of_root(r.origins.size(), kNone);
  std::vector<Group> groups;
  for (size_t k = 0; k < r.origins.size(); ++k) {
    size_t root = uf.Find(k);
    if (group_of_root[root] == kNone) {
      group_of_root[root] = groups.size();
      groups.emplace_back().name = g.nodes[r.origins[root].nodes[0]].group;
    }
    Group& grp = groups[group_of_root[root]];
    const OriginInfo& o = r.origins[k];
    grp.origins.push_back(k);
    bool withdrawn = o.retracted && !options.retracted_origins_count;
    if (!o.denies && !withdrawn) grp.asserts = true;
    if (!o.denies) grp.denies = false;
    if (o.in_country) grp.in_country = true;
    if (!o.anonymous_only && !o.denies) grp.anonymous_only = false;
  }
  for (Group& grp : groups) {
    if (!grp.asserts) grp.anonymous_only = false;
    for (size_t k : grp.origins) r.origins[k].independent_group = grp.name;
  }

  // Step 4: counts, verdict, explanation.
  Counts& c = r.counts;
  c.articles = static_cast<int>(in.articles.size());
  std::vector<bool> has_article(g.outlet_keys, false);  // by key_index
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (g.nodes[i].external) continue;
    if (!has_article[g.facts[i].outlet->key_index]) ++c.outlets;
    has_article[g.facts[i].outlet->key_index] = true;
  }
  c.origins = static_cast<int>(r.origins.size());
  for (const Group& grp : groups) {
    if (grp.denies) ++c.denying_origins;
    if (!grp.asserts) continue;
    if (grp.anonymous_only) ++c.anonymous_only_origins;
    if (grp.anonymous_only && !policy.anonymous_only_counts) continue;
    ++c.independent_origins;
    if (grp.in_country) ++c.in_country_origins;
  }
  r.denials = std::move(g.denials);
  c.denials = static_cast<int>(r.denials.size());
  bool asserted =
      std::any_of(groups.begin(), groups.end(), [](const Group& x) { return x.asserts; });
  bool contradicted = asserted && c.denying_origins > 0;
  bool official_denial =
      std::any_of(r.denials.begin(), r.denials.end(), [](const Denial& d) { return d.official; });
  if (c.independent_origins >= std::max(1, policy.min_independent_origins) &&
      c.in_country_origins >= policy.min_in_country_origins) {
    r.verdict = Verdict::kCorroborated;
  } else if (contradicted || (policy.denials_dispute && official_denial) ||
             (options.refutations_dispute && refuted)) {
    r.verdict = Verdict::kDisputed;
  } else if (c.independent_origins >= 2) {
    r.verdict = Verdict::kPartlyCorroborated;
  } else if (c.independent_origins == 1) {
    r.verdict = Verdict::kSingleSource;
  } else {
    r.verdict = Verdict::kUnsourced;
  }

  // Timeline: article nodes by published time, unknown times last, ties in node order.
  std::vector<size_t> by_time;
  by_time.reserve(g.nodes.size());
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    if (!g.nodes[i].external) by_time.push_back(i);
  }
  std::stable_sort(by_time.begin(), by_time.end(), [&](size_t a, size_t b) {
    const auto& ta = g.nodes[a].published;
    const auto& tb = g.nodes[b].published;
    if (ta.has_value() != tb.has_value()) return ta.has_value();
    return ta && *ta < *tb;
  });
  r.timeline.reserve(by_time.size());
  for (size_t i : by_time) {
    r.timeline.push_back(
        {g.nodes[i].published, g.nodes[i].url, g.nodes[i].outlet, g.nodes[i].role});
  }
  std::map<std::pair<std::string, std::string>, int> places;  // (name, country) -> mentions
  for (const Article& a : in.articles) {
    for (const PlaceMention& p : a.places) places[{p.name, p.country}] += std::max(1, p.mentions);
  }
  for (const auto& [key, mentions] : places) {
    PlaceMention p;
    p.name = key.first;
    p.country = key.second;
    p.mentions = mentions;
    r.places.push_back(std::move(p));
  }
  std::stable_sort(
      r.places.begin(), r.places.end(),
      [](const PlaceMention& a, const PlaceMention& b) { return a.mentions > b.mentions; });
  r.nodes = std::move(g.nodes);
  r.edges = std::move(g.edges);
  r.explanation = Explain(r, policy, groups);
  return r;
}

}  // namespace headwater::provenance
