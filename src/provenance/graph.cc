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
//
// Cost (issue 8: recompute a story of 1,000 articles in <= 1 ms): each outlet is described once
// (an OutletInfo interned per registry outlet or per id and name; nodes and facts point to it and
// compare outlets by key_index), the per-outlet node lists are vectors indexed by key_index,
// canonical URLs are looked up as views, and an edge's evidence passage is copied only when the
// edge is new.
#include "provenance/graph.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "common/url.h"
#include "reuse/wire_credit.h"

namespace headwater::provenance::internal {
namespace {

using normalize::OutletRegistry;

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

OutletInfo MakeInfoByName(OutletId id, const std::string& name) {
  OutletInfo info;
  info.id = id;
  info.name = name;
  info.key = id != 0 ? "id:" + std::to_string(id) : "name:" + OutletRegistry::NameKey(name);
  info.kind = OutletKindName(OutletKind::kUnknown);
  info.group = name;
  return info;
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
        AddLink(i, link, [] { return Evidence{}; }, /*bare=*/true);
      }
    }
    g_.outlet_keys = key_index_.size();
    return std::move(g_);
  }

 private:
  // The one OutletInfo of this graph for `info` (its key_index set); a stable pointer.
  const OutletInfo* Intern(OutletInfo info) {
    auto [it, inserted] = key_index_.emplace(info.key, static_cast<uint32_t>(key_index_.size()));
    info.key_index = it->second;
    if (inserted) {
      by_outlet_.emplace_back();
      dated_by_outlet_.emplace_back();
    }
    g_.outlets.push_back(std::make_unique<OutletInfo>(std::move(info)));
    return g_.outlets.back().get();
  }

  const OutletInfo* InfoOf(const Outlet& o) {
    auto it = by_registry_outlet_.find(&o);
    if (it != by_registry_outlet_.end()) return it->second;
    const OutletInfo* info = Intern(MakeInfo(o));
    by_registry_outlet_.emplace(&o, info);
    return info;
  }

  const OutletInfo* InfoByName(OutletId id, const std::string& name) {
    std::vector<const OutletInfo*>& same_id = by_id_and_name_[id];
    for (const OutletInfo* info : same_id) {
      if (info->name == name) return info;
    }
    same_id.push_back(Intern(MakeInfoByName(id, name)));
    return same_id.back();
  }

  const OutletInfo* ArticleOutlet(const Article& a) {
    const OutletRegistry* reg = in_.outlets;
    if (reg != nullptr && a.outlet_id != 0) {
      if (const Outlet* o = reg->Get(a.outlet_id)) return InfoOf(*o);
    }
    if (!a.outlet_name.empty()) return InfoByName(a.outlet_id, a.outlet_name);
    std::string name = HostOf(a.url);
    if (name.empty()) name = "outlet " + std::to_string(a.outlet_id);
    return InfoByName(a.outlet_id, name);
  }

  // Outlet an attribution resolves to, or null.
  const OutletInfo* AttributionOutlet(const Attribution& at) {
    const OutletRegistry* reg = in_.outlets;
    if (reg != nullptr && at.outlet_id != 0) {
      if (const Outlet* o = reg->Get(at.outlet_id)) return InfoOf(*o);
    }
    if (reg != nullptr && at.outlet_id == 0 && !at.outlet_name.empty()) {
      if (const Outlet* o = reg->FindByName(at.outlet_name)) return InfoOf(*o);
    }
    if (at.outlet_id != 0 || !at.outlet_name.empty()) {
      return InfoByName(at.outlet_id, at.outlet_name.empty() ? at.source_text : at.outlet_name);
    }
    return nullptr;
  }

  void AddArticleNodes() {
    const size_t n = in_.articles.size();
    by_article_.reserve(n);
    by_url_.reserve(n);
    canonical_.reserve(n);  // never reallocated: by_url_ holds views of these strings
    g_.nodes.reserve(n);
    g_.facts.reserve(n);
    for (const Article& a : in_.articles) {
      size_t idx = g_.nodes.size();
      ArticleFacts f;
      f.article = &a;
      f.outlet = ArticleOutlet(a);
      Node& node = g_.nodes.emplace_back();
      node.id = "a" + std::to_string(a.id);
      node.article = a.id;
      node.url = a.url;
      node.outlet_id = f.outlet->id;
      node.outlet = f.outlet->name;
      node.country = f.outlet->country;
      node.kind = f.outlet->kind;
      node.group = f.outlet->group;
      node.published = a.published;
      by_article_[a.id] = idx;
      by_outlet_[f.outlet->key_index].push_back(idx);
      if (!a.canonical_url.empty()) {
        by_url_.emplace(a.canonical_url, idx);
      } else {
        canonical_.push_back(Canonical(a.url).value_or(a.url));
        by_url_.emplace(canonical_.back(), idx);
      }
      g_.facts.push_back(std::move(f));
    }
    // Each outlet's dated articles by (published, node): OutletNode and self-citations pick from
    // them in O(log k) instead of scanning every article of the outlet per citation (quadratic
    // when a story's citations all name one outlet with many articles).
    for (size_t key = 0; key < by_outlet_.size(); ++key) {
      std::vector<size_t>& dated = dated_by_outlet_[key];
      for (size_t idx : by_outlet_[key])
        if (g_.nodes[idx].published) dated.push_back(idx);
      std::sort(dated.begin(), dated.end(), [&](size_t a, size_t b) {
        return std::make_pair(*g_.nodes[a].published, a) <
               std::make_pair(*g_.nodes[b].published, b);
      });
    }
  }

  // The node standing for outlet `o` as the source of article node `from`: its earliest article
  // published before `from`, else its earliest article, else its external node.
  size_t OutletNode(const OutletInfo* o, size_t from) {
    const std::vector<size_t>& nodes = by_outlet_[o->key_index];
    if (!nodes.empty()) {
      // The earliest dated article (first node among equal times) other than `from`: the one
      // published before `from` if any is, else the earliest; with none dated, the first one.
      for (size_t idx : dated_by_outlet_[o->key_index]) {
        if (idx != from) return idx;
      }
      for (size_t idx : nodes) {
        if (!g_.nodes[idx].external && idx != from) return idx;
      }
      for (size_t idx : nodes) {
        if (g_.nodes[idx].external) return idx;
      }
    }
    size_t idx = g_.nodes.size();
    Node& node = g_.nodes.emplace_back();
    node.external = true;
    node.id = o->id != 0 ? "o" + std::to_string(o->id) : "x" + std::to_string(idx);
    node.outlet_id = o->id;
    node.outlet = o->name;
    node.country = o->country;
    node.kind = o->kind;
    node.group = o->group;
    node.role = (o->outlet_kind == OutletKind::kSocial && !options_.social_is_origin)
                    ? NodeRole::kUnsourced
                    : NodeRole::kOrigin;
    ArticleFacts& f = g_.facts.emplace_back();
    f.outlet = o;
    by_outlet_[o->key_index].push_back(idx);
    return idx;
  }

  // Adds the edge unless it is already there; make_evidence() is called only for a new edge.
  template <typename MakeEvidenceFn>
  void AddEdge(size_t from, size_t to, EdgeKind kind, ReuseClass cls,
               const MakeEvidenceFn& make_evidence) {
    uint64_t key = (static_cast<uint64_t>(from) << 34) | (static_cast<uint64_t>(to) << 2) |
                   static_cast<uint64_t>(kind);
    if (!seen_edges_.insert(key).second) return;
    Edge& e = g_.edges.emplace_back();
    e.from = from;
    e.to = to;
    e.kind = kind;
    e.cls = cls;
    e.self = g_.facts[from].outlet->key_index == g_.facts[to].outlet->key_index;
    e.evidence = make_evidence();
  }

  // Edge from article node `from` to outlet o's node (or a self-citation when o is its outlet).
  template <typename MakeEvidenceFn>
  void AddOutletEdge(size_t from, const OutletInfo* o, EdgeKind kind,
                     const MakeEvidenceFn& make_evidence) {
    if (o->key_index == g_.facts[from].outlet->key_index) {
      // A self-citation: a self edge to its own latest earlier article in the story, else an own
      // source (the outlet's earlier report is not in the story).
      // The latest time before its own, first node among equal times.
      std::optional<size_t> best;
      const std::vector<size_t>& dated = dated_by_outlet_[o->key_index];
      const auto& mine = g_.nodes[from].published;
      if (mine) {
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
        AddEdge(from, *best, kind, ReuseClass::kNone, make_evidence);
      } else {
        g_.facts[from].self_cited = true;
      }
      return;
    }
    AddEdge(from, OutletNode(o, from), kind, ReuseClass::kNone, make_evidence);
  }

  void AddCopy(const ReuseEdge& r) {
    if (r.cls == ReuseClass::kNone || r.copy_id == r.source_id) return;
    auto c = by_article_.find(r.copy_id);
    auto s = by_article_.find(r.source_id);
    if (c == by_article_.end() || s == by_article_.end()) return;
    AddEdge(c->second, s->second, EdgeKind::kCopies, r.cls, [] { return Evidence{}; });
    if (r.cls == ReuseClass::kWhole &&
        g_.facts[c->second].outlet->key_index != g_.facts[s->second].outlet->key_index) {
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
      const OutletInfo* o = AttributionOutlet(at);
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
      if (const OutletInfo* o = AttributionOutlet(at)) {
        d.official = d.official || o->outlet_kind == OutletKind::kGovernment;
      }
      d.url = a.url;
      d.published = a.published;
      d.evidence = ev();
      g_.denials.push_back(std::move(d));
      if (!outlet_source) ++f.own_denying;
    }
    if (outlet_source) {
      if (const OutletInfo* o = AttributionOutlet(at)) {
        if (at.self_citation) {
          // The outlet denying on its own behalf ("El Diario del Norte desmiente…") reports
          // nothing: a denial (recorded above), not a citation of its own reporting.
          if (at.stance == Stance::kDenies) {
            ++f.own_denying;
          } else {
            AddOutletEdge(from, f.outlet, EdgeKind::kCites, ev);
          }
        } else {
          // Set before AddOutletEdge: adding an external node may reallocate g_.facts, which
          // would leave `f` dangling.
          if (at.stance == Stance::kAsserts) f.first_cite = std::min(f.first_cite, at_begin);
          AddOutletEdge(from, o, EdgeKind::kCites, ev);
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
    if (!at.link.empty()) AddLink(from, at.link, ev, /*bare=*/false);
  }

  void AddDateline(size_t i) {
    const Article& a = in_.articles[i];
    if (a.dateline.empty()) return;
    const OutletInfo* credit = nullptr;
    if (!a.dateline.credit.empty()) {
      const Outlet* o = in_.outlets ? in_.outlets->FindByName(a.dateline.credit) : nullptr;
      credit = o ? InfoOf(*o) : InfoByName(0, a.dateline.credit);
    }
    auto ev = [&] { return MakeEvidence(a, a.dateline.begin, a.dateline.end); };
    if (credit && credit->key_index != g_.facts[i].outlet->key_index) {
      // A wire credit: the article carries the wire's reporting, from its lead on.
      g_.facts[i].first_cite = std::min(g_.facts[i].first_cite, a.dateline.begin);
      AddOutletEdge(i, credit, EdgeKind::kCites, ev);
      return;
    }
    g_.facts[i].own_dateline = true;
    g_.facts[i].dateline_evidence = ev();
  }

  // A wire credit in the byline or the lead ("By Reuters", "MOSCOW (AP) —", reuse::WireCredit)
  // that is not the article's own outlet: the article is the wire's story, an echo of it, even
  // when it quotes the officials the wire quoted. Its outlet is the wire when the registry says
  // so (by name or alias, or when the article's host is the wire's domain).
  void AddWireCredit(size_t i) {
    if (!options_.wire_credit_is_citation) return;
    const Article& a = in_.articles[i];
    if (!a.dateline.credit.empty()) return;  // the dateline's credit said it already
    std::string computed;
    if (wire_credits_ == nullptr) computed = reuse::WireCredit(a.text, a.byline);
    const std::string& wire = wire_credits_ != nullptr ? *(*wire_credits_)[i] : computed;
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
    const OutletInfo* info = o ? InfoOf(*o) : InfoByName(0, wire);
    const OutletInfo* own = g_.facts[i].outlet;
    if (info->key_index == own->key_index || info->group == own->group) return;
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
    auto ev = [&] {
      return at == std::string_view::npos
                 ? Evidence{a.id, a.url, 0, 0, ""}
                 : MakeEvidence(a, static_cast<uint32_t>(at),
                                static_cast<uint32_t>(at + (wire == "AP" ? 4 : wire.size())));
    };
    if (at == std::string_view::npos) {
      g_.facts[i].wire_byline = true;
    } else {
      g_.facts[i].first_cite = std::min<uint32_t>(g_.facts[i].first_cite, static_cast<uint32_t>(at));
    }
    AddOutletEdge(i, info, EdgeKind::kCites, ev);
  }

  // A hyperlink. Bare links (Article::links, not part of an attribution) to the article's own
  // outlet are navigation, not provenance, and are left out.
  template <typename MakeEvidenceFn>
  void AddLink(size_t from, const std::string& link, const MakeEvidenceFn& make_evidence,
               bool bare) {
    std::optional<std::string> canon = Canonical(link);
    auto it = by_url_.find(canon ? std::string_view(*canon) : std::string_view(link));
    if (it != by_url_.end()) {
      if (it->second == from) return;
      if (bare &&
          g_.facts[it->second].outlet->key_index == g_.facts[from].outlet->key_index) {
        return;
      }
      AddEdge(from, it->second, EdgeKind::kLinks, ReuseClass::kNone, make_evidence);
      return;
    }
    if (in_.outlets == nullptr) return;
    std::string host = HostOf(link);
    if (host.empty()) return;
    const Outlet* o = in_.outlets->FindByDomain(host);
    if (o == nullptr) return;
    const OutletInfo* info = InfoOf(*o);
    if (bare && info->key_index == g_.facts[from].outlet->key_index) return;
    AddOutletEdge(from, info, EdgeKind::kLinks, make_evidence);
  }

  const StoryInput& in_;
  const Options& options_;
  const std::vector<const std::string*>* wire_credits_;  // may be null
  Graph g_;
  // Interned outlets (Intern): registry outlets by address, the others by id and name.
  std::unordered_map<const Outlet*, const OutletInfo*> by_registry_outlet_;
  std::unordered_map<OutletId, std::vector<const OutletInfo*>> by_id_and_name_;
  std::unordered_map<std::string, uint32_t> key_index_;  // OutletInfo::key -> key_index
  // Hash maps: only looked up, never iterated, so their order cannot reach the report.
  std::unordered_map<ArticleId, size_t> by_article_;
  std::vector<std::string> canonical_;  // computed canonical URLs (reserved: views stay valid)
  std::unordered_map<std::string_view, size_t> by_url_;  // canonical URL -> article node
  std::unordered_set<uint64_t> seen_edges_;  // from << 34 | to << 2 | kind (AddEdge)
  // By key_index: the outlet's nodes, and its dated article nodes by (published, node) (external
  // nodes are never dated).
  std::vector<std::vector<size_t>> by_outlet_;
  std::vector<std::vector<size_t>> dated_by_outlet_;
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
