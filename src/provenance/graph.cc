// Building the provenance graph.
//
// Nodes: one per article, then one external node per cited outlet that has no article in the
// story (created on first need, keyed by outlet). Edges point from an article to where its content
// came from:
//   copies  from each reuse edge of class whole/partial: copy -> source;
//   cites   from each attribution whose source is an outlet (source_kind outlet, or a resolved
//           outlet without another kind), from a dateline's wire credit ("(AP)") and from a wire
//           credit in the byline or lead (reuse::WireCredit: "By Reuters"): article ->
//           that outlet's earliest article published before it (else its earliest article, else
//           its external node);
//   links   from each hyperlink (attribution link or Article::links): to the article with that
//           canonical URL, else to the outlet the link's domain resolves to (as for cites).
// An edge between two nodes of one outlet is marked self: a self-citation is not a dependency on
// another outlet. Own sources are attributions of kind person, official, anonymous or document
// (their stance decides whether they assert or deny), and the article's own dateline (role
// analysis decides whether it counts).
#include "provenance/graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "common/url.h"
#include "reuse/wire_credit.h"

namespace headwater::provenance::internal {
namespace {

using normalize::OutletRegistry;

// Outlets of the registry already described in this graph (the same outlets recur in a story).
using InfoCache = std::unordered_map<const Outlet*, OutletInfo>;

OutletInfo MakeInfo(const Outlet& o) {
  OutletInfo info;
  info.id = o.id;
  info.key = "id:" + std::to_string(o.id);
  info.name = o.name;
  info.country = o.country;
  info.outlet_kind = o.kind;
  info.kind = OutletKindName(o.kind);
  info.group = o.IndependenceGroup();
  return info;
}

const OutletInfo& InfoOf(const Outlet& o, InfoCache& cache) {
  auto it = cache.find(&o);
  if (it == cache.end()) it = cache.emplace(&o, MakeInfo(o)).first;
  return it->second;
}

OutletInfo InfoByName(OutletId id, const std::string& name) {
  OutletInfo info;
  info.id = id;
  info.name = name;
  info.key = id != 0 ? "id:" + std::to_string(id) : "name:" + OutletRegistry::NameKey(name);
  info.kind = OutletKindName(OutletKind::kUnknown);
  info.group = name;
  return info;
}

OutletInfo ArticleOutlet(const Article& a, const OutletRegistry* reg, InfoCache& cache) {
  if (reg != nullptr && a.outlet_id != 0) {
    if (const Outlet* o = reg->Get(a.outlet_id)) return InfoOf(*o, cache);
  }
  std::string name = a.outlet_name;
  if (name.empty()) name = HostOf(a.url);
  if (name.empty()) name = "outlet " + std::to_string(a.outlet_id);
  return InfoByName(a.outlet_id, name);
}

// Outlet an attribution resolves to, or nullopt.
std::optional<OutletInfo> AttributionOutlet(const Attribution& at, const OutletRegistry* reg,
                                            InfoCache& cache) {
  if (reg != nullptr && at.outlet_id != 0) {
    if (const Outlet* o = reg->Get(at.outlet_id)) return InfoOf(*o, cache);
  }
  if (reg != nullptr && at.outlet_id == 0 && !at.outlet_name.empty()) {
    if (const Outlet* o = reg->FindByName(at.outlet_name)) return InfoOf(*o, cache);
  }
  if (at.outlet_id != 0 || !at.outlet_name.empty()) {
    return InfoByName(at.outlet_id, at.outlet_name.empty() ? at.source_text : at.outlet_name);
  }
  return std::nullopt;
}

std::optional<std::string> Canonical(const std::string& url) { return CanonicalUrl(url); }

class Builder {
 public:
  Builder(const StoryInput& in, const Options& options,
          const std::vector<const std::string*>* wire_credits)
      : in_(in), options_(options), wire_credits_(wire_credits) {}

  Graph Build() {
    AddArticleNodes();
    for (const ReuseEdge& r : in_.reuse) AddCopy(r);
    for (const Attribution& at : in_.attributions) AddAttribution(at);
    for (size_t i = 0; i < in_.articles.size(); ++i) {
      AddDateline(i);
      AddWireCredit(i);
      for (const std::string& link : in_.articles[i].links) {
        AddLink(i, link, Evidence{}, /*bare=*/true);
      }
    }
    return std::move(g_);
  }

 private:
  void AddArticleNodes() {
    by_article_.reserve(in_.articles.size());
    by_url_.reserve(in_.articles.size());
    g_.nodes.reserve(in_.articles.size());
    g_.facts.reserve(in_.articles.size());
    for (const Article& a : in_.articles) {
      size_t idx = g_.nodes.size();
      ArticleFacts f;
      f.article = &a;
      f.outlet = ArticleOutlet(a, in_.outlets, info_cache_);
      Node n;
      n.id = "a" + std::to_string(a.id);
      n.article = a.id;
      n.url = a.url;
      n.outlet_id = f.outlet.id;
      n.outlet = f.outlet.name;
      n.country = f.outlet.country;
      n.kind = f.outlet.kind;
      n.group = f.outlet.group;
      n.published = a.published;
      by_article_[a.id] = idx;
      by_outlet_[f.outlet.key].push_back(idx);
      std::string canon =
          a.canonical_url.empty() ? Canonical(a.url).value_or(a.url) : a.canonical_url;
      by_url_.emplace(std::move(canon), idx);
      g_.nodes.push_back(std::move(n));
      g_.facts.push_back(std::move(f));
    }
    // Each outlet's dated articles by (published, node): OutletNode and self-citations pick from
    // them in O(log k) instead of scanning every article of the outlet per citation (quadratic
    // when a story's citations all name one outlet with many articles).
    for (const auto& [key, nodes] : by_outlet_) {
      std::vector<size_t>& dated = dated_by_outlet_[key];
      for (size_t idx : nodes)
        if (g_.nodes[idx].published) dated.push_back(idx);
      std::sort(dated.begin(), dated.end(), [&](size_t a, size_t b) {
        return std::make_pair(*g_.nodes[a].published, a) <
               std::make_pair(*g_.nodes[b].published, b);
      });
    }
  }

  // The node standing for outlet `o` as the source of article node `from`: its earliest article
  // published before `from`, else its earliest article, else its external node.
  size_t OutletNode(const OutletInfo& o, size_t from) {
    auto it = by_outlet_.find(o.key);
    if (it != by_outlet_.end()) {
      // The earliest dated article (first node among equal times) other than `from`: the one
      // published before `from` if any is, else the earliest; with none dated, the first one.
      auto dated = dated_by_outlet_.find(o.key);
      if (dated != dated_by_outlet_.end()) {
        for (size_t idx : dated->second) {
          if (idx != from) return idx;
        }
      }
      for (size_t idx : it->second) {
        if (!g_.nodes[idx].external && idx != from) return idx;
      }
      for (size_t idx : it->second) {
        if (g_.nodes[idx].external) return idx;
      }
    }
    size_t idx = g_.nodes.size();
    Node n;
    n.external = true;
    n.id = o.id != 0 ? "o" + std::to_string(o.id) : "x" + std::to_string(idx);
    n.outlet_id = o.id;
    n.outlet = o.name;
    n.country = o.country;
    n.kind = o.kind;
    n.group = o.group;
    n.role = (o.outlet_kind == OutletKind::kSocial && !options_.social_is_origin)
                 ? NodeRole::kUnsourced
                 : NodeRole::kOrigin;
    ArticleFacts f;
    f.outlet = o;
    by_outlet_[o.key].push_back(idx);
    g_.nodes.push_back(std::move(n));
    g_.facts.push_back(std::move(f));
    return idx;
  }

  void AddEdge(size_t from, size_t to, EdgeKind kind, ReuseClass cls, Evidence ev) {
    uint64_t key = (static_cast<uint64_t>(from) << 34) | (static_cast<uint64_t>(to) << 2) |
                   static_cast<uint64_t>(kind);
    if (!seen_edges_.insert(key).second) return;
    Edge e;
    e.from = from;
    e.to = to;
    e.kind = kind;
    e.cls = cls;
    e.self = g_.facts[from].outlet.key == g_.facts[to].outlet.key;
    e.evidence = std::move(ev);
    g_.edges.push_back(std::move(e));
  }

  // Edge from article node `from` to outlet o's node (or a self-citation when o is its outlet).
  void AddOutletEdge(size_t from, const OutletInfo& o, EdgeKind kind, Evidence ev) {
    if (o.key == g_.facts[from].outlet.key) {
      // A self-citation: a self edge to its own latest earlier article in the story, else an own
      // source (the outlet's earlier report is not in the story).
      // The latest time before its own, first node among equal times.
      std::optional<size_t> best;
      auto it = dated_by_outlet_.find(o.key);
      const auto& mine = g_.nodes[from].published;
      if (it != dated_by_outlet_.end() && mine) {
        const std::vector<size_t>& dated = it->second;
        auto after = std::lower_bound(
            dated.begin(), dated.end(), *mine,
            [&](size_t idx, UnixSeconds t) { return *g_.nodes[idx].published < t; });
        if (after != dated.begin()) {
          auto k = after - 1;
          UnixSeconds latest = *g_.nodes[*k].published;
          while (k != dated.begin() && *g_.nodes[*(k - 1)].published == latest) --k;
          best = *k;
        }
      }
      if (best) {
        AddEdge(from, *best, kind, ReuseClass::kNone, std::move(ev));
      } else {
        g_.facts[from].self_cited = true;
      }
      return;
    }
    AddEdge(from, OutletNode(o, from), kind, ReuseClass::kNone, std::move(ev));
  }

  void AddCopy(const ReuseEdge& r) {
    if (r.cls == ReuseClass::kNone || r.copy_id == r.source_id) return;
    auto c = by_article_.find(r.copy_id);
    auto s = by_article_.find(r.source_id);
    if (c == by_article_.end() || s == by_article_.end()) return;
    AddEdge(c->second, s->second, EdgeKind::kCopies, r.cls, Evidence{});
    if (r.cls == ReuseClass::kWhole &&
        g_.facts[c->second].outlet.key != g_.facts[s->second].outlet.key) {
      g_.facts[c->second].whole_copy = true;
    }
  }

  // [begin, end) covering the attribution's spans; 0, 0 when it has none.
  static std::pair<uint32_t, uint32_t> SpanRange(const Attribution& at) {
    uint32_t b = UINT32_MAX, e = 0;
    for (const auto* spans : {&at.cue, &at.source, &at.content}) {
      for (const Span& s : *spans) {
        b = std::min(b, s.begin);
        e = std::max(e, s.end);
      }
    }
    if (b == UINT32_MAX || b >= e) return {0, 0};
    return {b, e};
  }

  static Evidence SpanEvidence(const Article& a, const Attribution& at) {
    auto [b, e] = SpanRange(at);
    return MakeEvidence(a, b, e);  // MakeEvidence(a, 0, 0): no passage
  }

  void AddAttribution(const Attribution& at) {
    auto it = by_article_.find(at.article_id);
    if (it == by_article_.end()) return;
    size_t from = it->second;
    ArticleFacts& f = g_.facts[from];
    const Article& a = *f.article;
    // The passage as Evidence, made only where an edge or a denial keeps it.
    auto ev = [&] { return SpanEvidence(a, at); };
    bool outlet_source =
        at.source_kind == SourceKind::kOutlet ||
        (at.source_kind == SourceKind::kNone && (at.outlet_id != 0 || !at.outlet_name.empty()));
    // A government body in the registry ("the FBI", "SEDENA") is an official source of the
    // article's own reporting, not another news outlet whose reporting it relays.
    SourceKind kind = at.source_kind;
    if (outlet_source && !at.self_citation) {
      auto o = AttributionOutlet(at, in_.outlets, info_cache_);
      if (o && o->outlet_kind == OutletKind::kGovernment) {
        outlet_source = false;
        kind = SourceKind::kOfficial;
      }
    }
    // Where the attribution is stated, for "the lead decides": its cue (a source span may lie far
    // before it, resolved back to an earlier name or misread from a dateline place), else its
    // source.
    uint32_t at_begin = !at.cue.empty()      ? at.cue.front().begin
                        : !at.source.empty() ? at.source.front().begin
                                             : UINT32_MAX;
    if (at.stance == Stance::kDenies) {
      Denial d;
      d.who = !at.source_text.empty()   ? at.source_text
              : !at.person.empty()      ? at.person
              : !at.outlet_name.empty() ? at.outlet_name
              : !at.role.empty()        ? at.role
                                        : "an unnamed source";
      d.official = kind == SourceKind::kOfficial;
      if (auto o = AttributionOutlet(at, in_.outlets, info_cache_)) {
        d.official = d.official || o->outlet_kind == OutletKind::kGovernment;
      }
      d.url = a.url;
      d.published = a.published;
      d.evidence = ev();
      g_.denials.push_back(std::move(d));
      if (!outlet_source) ++f.own_denying;
    }
    if (outlet_source) {
      if (auto o = AttributionOutlet(at, in_.outlets, info_cache_)) {
        if (at.self_citation) {
          // The outlet denying on its own behalf ("El Diario del Norte desmiente…") reports
          // nothing: a denial (recorded above), not a citation of its own reporting.
          if (at.stance == Stance::kDenies) {
            ++f.own_denying;
          } else {
            OutletInfo self = f.outlet;
            AddOutletEdge(from, self, EdgeKind::kCites, ev());
          }
        } else {
          // Set before AddOutletEdge: adding an external node may reallocate g_.facts, which
          // would leave `f` dangling.
          if (at.stance == Stance::kAsserts) f.first_cite = std::min(f.first_cite, at_begin);
          AddOutletEdge(from, *o, EdgeKind::kCites, ev());
        }
      } else if (at.self_citation && at.stance == Stance::kAsserts) {
        f.self_cited = true;
      }
    } else if (at.stance == Stance::kAsserts &&
               (kind == SourceKind::kPerson || kind == SourceKind::kOfficial ||
                kind == SourceKind::kAnonymous || kind == SourceKind::kDocument)) {
      f.first_own = std::min(f.first_own, at_begin);
      if (at.anonymous || kind == SourceKind::kAnonymous) {
        ++f.own_anonymous;
      } else {
        ++f.own_named;
      }
      f.own_evidence.push_back(SpanRange(at));
    } else if (at.self_citation && at.stance == Stance::kAsserts) {
      f.self_cited = true;
    }
    if (!at.link.empty()) AddLink(from, at.link, ev(), /*bare=*/false);
  }

  void AddDateline(size_t i) {
    const Article& a = in_.articles[i];
    if (a.dateline.empty()) return;
    ArticleFacts& f = g_.facts[i];
    std::optional<OutletInfo> credit;
    if (!a.dateline.credit.empty()) {
      const Outlet* o = in_.outlets ? in_.outlets->FindByName(a.dateline.credit) : nullptr;
      credit = o ? InfoOf(*o, info_cache_) : InfoByName(0, a.dateline.credit);
    }
    Evidence ev = MakeEvidence(a, a.dateline.begin, a.dateline.end);
    if (credit && credit->key != f.outlet.key) {
      // A wire credit: the article carries the wire's reporting, from its lead on.
      f.first_cite = std::min(f.first_cite, a.dateline.begin);
      AddOutletEdge(i, *credit, EdgeKind::kCites, ev);
      return;
    }
    f.own_dateline = true;
    f.dateline_evidence = ev;
  }

  // A wire credit in the byline or the lead ("By Reuters", "MOSCOW (AP) —", reuse::WireCredit)
  // that is not the article's own outlet: the article is the wire's story, an echo of it, even
  // when it quotes the officials the wire quoted. Its outlet is the wire when the registry says
  // so (by name or alias, or when the article's host is the wire's domain).
  void AddWireCredit(size_t i) {
    if (!options_.wire_credit_is_citation) return;
    const Article& a = in_.articles[i];
    if (!a.dateline.credit.empty()) return;  // the dateline's credit said it already
    std::string wire =
        wire_credits_ != nullptr ? *(*wire_credits_)[i] : reuse::WireCredit(a.text, a.byline);
    if (wire.empty()) return;
    const Outlet* o = in_.outlets ? in_.outlets->FindByName(wire) : nullptr;
    if (o == nullptr && in_.outlets != nullptr) {  // the short names WireCredit gives
      static const std::pair<const char*, const char*> kLong[] = {
          {"AP", "Associated Press"},
          {"AFP", "Agence France-Presse"},
          {"UPI", "United Press International"},
          {"EFE", "Agencia EFE"}};
      for (const auto& [short_name, long_name] : kLong)
        if (wire == short_name) o = in_.outlets->FindByName(long_name);
    }
    OutletInfo info = o ? InfoOf(*o, info_cache_) : InfoByName(0, wire);
    ArticleFacts& f = g_.facts[i];
    if (info.key == f.outlet.key || info.group == f.outlet.group) return;
    std::string host = Fold(HostOf(a.url));
    std::string key = Fold(wire) == "ap" ? "apnews" : Fold(wire);
    key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
    if (host.find(key) != std::string::npos) return;
    if (o != nullptr) {
      for (const std::string& d : o->domains)
        if (!d.empty() && (host == d || (host.size() > d.size() &&
                                         host.compare(host.size() - d.size(), d.size(), d) == 0 &&
                                         host[host.size() - d.size() - 1] == '.')))
          return;
    }
    // Evidence: where the credit is written in the lead, else nothing to point at (the byline).
    size_t window = std::min(a.text.size(), reuse::kWireCreditWindow);
    std::string_view lead(a.text.data(), window);
    size_t at = lead.find(wire == "AP" ? std::string("(AP)") : wire);
    if (at == std::string_view::npos && o != nullptr) at = lead.find(o->name);
    Evidence ev = at == std::string_view::npos
                      ? Evidence{a.id, a.url, 0, 0, ""}
                      : MakeEvidence(a, static_cast<uint32_t>(at),
                                     static_cast<uint32_t>(at + (wire == "AP" ? 4 : wire.size())));
    if (at == std::string_view::npos) {
      f.wire_byline = true;
    } else {
      f.first_cite = std::min<uint32_t>(f.first_cite, static_cast<uint32_t>(at));
    }
    AddOutletEdge(i, info, EdgeKind::kCites, std::move(ev));
  }

  // A hyperlink. Bare links (Article::links, not part of an attribution) to the article's own
  // outlet are navigation, not provenance, and are left out.
  void AddLink(size_t from, const std::string& link, Evidence ev, bool bare) {
    std::string canon = Canonical(link).value_or(link);
    auto it = by_url_.find(canon);
    if (it != by_url_.end()) {
      if (it->second == from) return;
      if (bare && g_.facts[it->second].outlet.key == g_.facts[from].outlet.key) return;
      AddEdge(from, it->second, EdgeKind::kLinks, ReuseClass::kNone, std::move(ev));
      return;
    }
    if (in_.outlets == nullptr) return;
    std::string host = HostOf(link);
    if (host.empty()) return;
    const Outlet* o = in_.outlets->FindByDomain(host);
    if (o == nullptr) return;
    if (bare && InfoOf(*o, info_cache_).key == g_.facts[from].outlet.key) return;
    AddOutletEdge(from, InfoOf(*o, info_cache_), EdgeKind::kLinks, std::move(ev));
  }

  const StoryInput& in_;
  const Options& options_;
  const std::vector<const std::string*>* wire_credits_;  // may be null
  Graph g_;
  InfoCache info_cache_;
  // Hash maps: only looked up, never iterated, so their order cannot reach the report.
  std::unordered_map<ArticleId, size_t> by_article_;
  std::unordered_map<std::string, std::vector<size_t>> by_outlet_;  // outlet key -> nodes
  std::unordered_map<std::string, size_t> by_url_;                  // canonical URL -> article node
  std::unordered_set<uint64_t> seen_edges_;  // from << 34 | to << 2 | kind (AddEdge)
  // Outlet key -> its dated article nodes by (published, node); external nodes never dated.
  std::unordered_map<std::string, std::vector<size_t>> dated_by_outlet_;
};

}  // namespace

Evidence MakeEvidence(const Article& a, uint32_t begin, uint32_t end) {
  Evidence ev;
  ev.article = a.id;
  ev.url = a.url;
  size_t n = a.text.size();
  ev.begin = static_cast<uint32_t>(std::min<size_t>(begin, n));
  ev.end = static_cast<uint32_t>(std::min<size_t>(std::max(begin, end), n));
  ev.text = a.text.substr(ev.begin, ev.end - ev.begin);
  return ev;
}

Graph BuildGraph(const StoryInput& in, const Options& options,
                 const std::vector<const std::string*>* wire_credits) {
  return Builder(in, options, wire_credits).Build();
}

}  // namespace headwater::provenance::internal
