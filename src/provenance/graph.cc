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
// analysis decides whether it counts). Quote provenance: an own source whose cue lies inside the
// passage of a citation of another outlet ("Gingrich told Newsmax that…": the person's cue is
// the media credit's cue) was given to that outlet; it counts as that citation, not as an own
// source (Options::quotes_given_to_outlets_relay).
//
// Cost (issue 8: recompute a story of 1,000 articles in <= 1 ms): each outlet is described once
// (an OutletInfo interned per registry outlet or per id and name; nodes and facts point to it and
// compare outlets by key_index), the per-outlet node lists are vectors indexed by key_index,
// canonical URLs are looked up as views, and an edge's evidence passage is copied only when the
// edge is new.
#include "provenance/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "common/url.h"
#include "provenance/flat_map.h"
#include "reuse/wire_credit.h"

namespace headwater::provenance::internal {
namespace {

using normalize::OutletRegistry;

uint64_t KeyOf(const void* p) { return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)); }

std::optional<std::string> Canonical(const std::string& url) { return CanonicalUrl(url); }

class Builder {
 public:
  Builder(const StoryInput& in, const Options& options,
          const std::vector<const std::string*>* wire_credits)
      : in_(in), options_(options), wire_credits_(wire_credits) {}

  Graph Build() {
    // Most stories have a few edges per article; the set grows when they have more.
    seen_edges_.Reserve(4 * in_.articles.size());
    g_.edges.reserve(2 * in_.articles.size());
    own_sources_.reserve(in_.attributions.size());
    AddArticleNodes();
    for (const ReuseEdge& r : in_.reuse) AddCopy(r);
    for (const Attribution& at : in_.attributions) AddAttribution(at);
    CountOwnSources();
    for (size_t i = 0; i < in_.articles.size(); ++i) {
      AddDateline(i);
      AddWireCredit(i);
      for (const std::string& link : in_.articles[i].links) {
        AddLink(
            i, link, [] { return Evidence{}; }, /*bare=*/true);
      }
    }
    g_.outlet_keys = external_of_key_.size();
    // Own passages grouped by node, attribution order kept (a counting sort).
    g_.own_span_begin.assign(g_.nodes.size() + 1, 0);
    for (const OwnSource& o : own_sources_) ++g_.own_span_begin[o.node + 1];
    for (size_t i = 0; i < g_.nodes.size(); ++i) g_.own_span_begin[i + 1] += g_.own_span_begin[i];
    g_.own_sources.resize(own_sources_.size());
    std::vector<uint32_t> fill(g_.own_span_begin.begin(), g_.own_span_begin.end() - 1);
    for (const OwnSource& o : own_sources_) g_.own_sources[fill[o.node]++] = o.at;
    return std::move(g_);
  }

 private:
  // A new OutletInfo of this graph; key_index from the registry outlet or id (id_key) or else the
  // folded name. The views are set by the caller.
  OutletInfo* NewInfo(bool by_id, OutletId id, std::string_view name) {
    uint32_t next = static_cast<uint32_t>(external_of_key_.size());
    uint32_t key = by_id ? key_by_id_.Emplace(static_cast<uint64_t>(id), next).first
                         : key_by_name_.emplace(OutletRegistry::NameKey(name), next).first->second;
    if (key == next) external_of_key_.push_back(kNoNode);
    OutletInfo& info = g_.outlets.emplace_back();
    info.id = id;
    info.key_index = key;
    return &info;
  }

  const OutletInfo* InfoOf(const Outlet& o) {
    uint32_t known = info_of_registry_.Find(KeyOf(&o));
    if (known != FlatMap::kAbsent) return &g_.outlets[known];
    info_of_registry_.Emplace(KeyOf(&o), static_cast<uint32_t>(g_.outlets.size()));
    OutletInfo* info = NewInfo(/*by_id=*/true, o.id, o.name);
    info->name = o.name;
    info->country = o.country;
    info->outlet_kind = o.kind;
    info->kind = OutletKindName(o.kind);
    info->group = o.IndependenceGroup();
    return info;
  }

  // An outlet known by id and name only (not in the registry).
  const OutletInfo* InfoByName(OutletId id, const std::string& name) {
    std::vector<const OutletInfo*>& same_id = by_id_and_name_[id];
    for (const OutletInfo* info : same_id) {
      if (info->name == name) return info;
    }
    OutletInfo* info = NewInfo(/*by_id=*/id != 0, id, name);
    info->owned_name = name;
    info->name = info->owned_name;
    info->group = info->owned_name;
    info->kind = OutletKindName(OutletKind::kUnknown);
    same_id.push_back(info);
    return info;
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

  // The registry outlet whose domain is the name's folded letters and digits + ".com" ("The
  // Hill" -> thehill.com), for names of at least four of them without a dot; else null.
  const Outlet* ByDomainSpelled(std::string_view name) const {
    if (name.find('.') != std::string_view::npos) return nullptr;
    std::string domain;
    for (char c : Fold(name)) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) domain.push_back(c);
    }
    if (domain.size() < 4) return nullptr;
    domain += ".com";
    return in_.outlets->FindByDomain(domain);
  }

  // Outlet an attribution resolves to, or null.
  const OutletInfo* AttributionOutlet(const Attribution& at) {
    const OutletRegistry* reg = in_.outlets;
    if (reg != nullptr && at.outlet_id != 0) {
      if (const Outlet* o = reg->Get(at.outlet_id)) return InfoOf(*o);
    }
    if (reg != nullptr && at.outlet_id == 0 && !at.outlet_name.empty()) {
      if (const Outlet* o = reg->FindByName(at.outlet_name)) return InfoOf(*o);
      // A name the registry lacks may be an outlet it knows by domain only ("The Hill" of a
      // credit line, registered as thehill.com when its first article came in).
      if (const Outlet* o = ByDomainSpelled(at.outlet_name)) return InfoOf(*o);
    }
    if (at.outlet_id != 0 || !at.outlet_name.empty()) {
      return InfoByName(at.outlet_id, at.outlet_name.empty() ? at.source_text : at.outlet_name);
    }
    return nullptr;
  }

  void AddArticleNodes() {
    const size_t n = in_.articles.size();
    by_article_.Reserve(n);
    by_url_.Reserve(n);
    info_of_registry_.Reserve(n);
    key_by_id_.Reserve(n);
    canonical_.reserve(n);  // never reallocated: url_of_node_ holds views of these strings
    url_of_node_.reserve(n);
    // External nodes come after the articles: room for some, so that they rarely move the rest.
    g_.nodes.reserve(n + 8 + n / 8);
    g_.facts.reserve(n + 8 + n / 8);
    for (const Article& a : in_.articles) {
      size_t idx = g_.nodes.size();
      ArticleFacts f;
      f.article = &a;
      f.outlet = ArticleOutlet(a);
      Node& node = g_.nodes.emplace_back();
      fmt::format_int id(a.id);
      node.id.reserve(1 + id.size());
      node.id.append("a").append(id.data(), id.size());
      node.article = a.id;
      node.url = a.url;
      node.outlet_id = f.outlet->id;
      node.outlet = f.outlet->name;
      node.country = f.outlet->country;
      node.kind = f.outlet->kind;
      node.group = f.outlet->group;
      node.published = a.published;
      by_article_.Set(static_cast<uint64_t>(a.id), static_cast<uint32_t>(idx));
      if (!a.canonical_url.empty()) {
        url_of_node_.push_back(a.canonical_url);
      } else {
        canonical_.push_back(Canonical(a.url).value_or(a.url));
        url_of_node_.push_back(canonical_.back());
      }
      AddUrl(url_of_node_.back(), idx);
      g_.facts.push_back(std::move(f));
    }
    // Each outlet's article nodes, and its dated ones by (published, node), as runs of two flat
    // arrays indexed by key_index: OutletNode and self-citations pick from them in O(log k)
    // instead of scanning every article of the outlet per citation (quadratic when a story's
    // citations all name one outlet with many articles).
    const size_t keys = external_of_key_.size();
    article_begin_.assign(keys + 1, 0);
    for (size_t i = 0; i < n; ++i) ++article_begin_[g_.facts[i].outlet->key_index + 1];
    for (size_t k = 0; k < keys; ++k) article_begin_[k + 1] += article_begin_[k];
    article_nodes_.resize(n);
    std::vector<uint32_t> fill(article_begin_.begin(), article_begin_.end() - 1);
    for (size_t i = 0; i < n; ++i) article_nodes_[fill[g_.facts[i].outlet->key_index]++] = i;
    dated_begin_.assign(keys + 1, 0);
    dated_nodes_.reserve(n);
    for (size_t k = 0; k < keys; ++k) {
      dated_begin_[k] = static_cast<uint32_t>(dated_nodes_.size());
      for (size_t idx : ArticlesOf(k))
        if (g_.nodes[idx].published) dated_nodes_.push_back(idx);
      std::sort(dated_nodes_.begin() + dated_begin_[k], dated_nodes_.end(),
                [&](size_t a, size_t b) {
                  return std::make_pair(*g_.nodes[a].published, a) <
                         std::make_pair(*g_.nodes[b].published, b);
                });
    }
    dated_begin_[keys] = static_cast<uint32_t>(dated_nodes_.size());
  }

  // The article nodes of outlet key k, in node order / its dated ones by (published, node).
  // Empty for outlets without an article (keys made after AddArticleNodes).
  std::span<const size_t> ArticlesOf(size_t k) const {
    if (k + 1 >= article_begin_.size()) return {};
    return {article_nodes_.data() + article_begin_[k], article_begin_[k + 1] - article_begin_[k]};
  }
  std::span<const size_t> DatedOf(size_t k) const {
    if (k + 1 >= dated_begin_.size()) return {};
    return {dated_nodes_.data() + dated_begin_[k], dated_begin_[k + 1] - dated_begin_[k]};
  }

  // Canonical URL -> article node, the first node of a URL kept. Keyed by a 64-bit hash of the
  // URL; URLs whose hash an earlier, different URL has go to url_collisions_.
  void AddUrl(std::string_view url, size_t idx) {
    auto [held, inserted] =
        by_url_.Emplace(std::hash<std::string_view>{}(url), static_cast<uint32_t>(idx));
    if (!inserted && url_of_node_[held] != url) url_collisions_.emplace(url, idx);
  }
  std::optional<size_t> FindUrl(std::string_view url) const {
    uint32_t held = by_url_.Find(std::hash<std::string_view>{}(url));
    if (held != FlatMap::kAbsent && url_of_node_[held] == url) return held;
    if (url_collisions_.empty()) return std::nullopt;
    auto it = url_collisions_.find(url);
    if (it == url_collisions_.end()) return std::nullopt;
    return it->second;
  }

  // The node standing for outlet `o` as the source of article node `from`: its earliest article
  // published before `from`, else its earliest article, else its external node.
  size_t OutletNode(const OutletInfo* o, size_t from) {
    // The earliest dated article (first node among equal times) other than `from`: the one
    // published before `from` if any is, else the earliest; with none dated, the first one.
    for (size_t idx : DatedOf(o->key_index)) {
      if (idx != from) return idx;
    }
    for (size_t idx : ArticlesOf(o->key_index)) {
      if (idx != from) return idx;
    }
    if (external_of_key_[o->key_index] != kNoNode) return external_of_key_[o->key_index];
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
    external_of_key_[o->key_index] = idx;
    return idx;
  }

  // Adds the edge unless it is already there; make_evidence() is called only for a new edge.
  template <typename MakeEvidenceFn>
  void AddEdge(size_t from, size_t to, EdgeKind kind, ReuseClass cls,
               const MakeEvidenceFn& make_evidence) {
    uint64_t key = (static_cast<uint64_t>(from) << 34) | (static_cast<uint64_t>(to) << 2) |
                   static_cast<uint64_t>(kind);
    if (!seen_edges_.Emplace(key, 0).second) return;
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
      std::span<const size_t> dated = DatedOf(o->key_index);
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
    uint32_t c = by_article_.Find(static_cast<uint64_t>(r.copy_id));
    uint32_t s = by_article_.Find(static_cast<uint64_t>(r.source_id));
    if (c == FlatMap::kAbsent || s == FlatMap::kAbsent) return;
    AddEdge(c, s, EdgeKind::kCopies, r.cls, [] { return Evidence{}; });
    if (r.cls == ReuseClass::kWhole &&
        g_.facts[c].outlet->key_index != g_.facts[s].outlet->key_index) {
      g_.facts[c].whole_copy = true;
    }
  }

  // Where an attribution is stated, for "the lead decides": its cue (a source span may lie far
  // before it, resolved back to an earlier name or misread from a dateline place), else its
  // source; UINT32_MAX when it has neither.
  static uint32_t StatedAt(const Attribution& at) {
    return !at.cue.empty()      ? at.cue.front().begin
           : !at.source.empty() ? at.source.front().begin
                                : UINT32_MAX;
  }

  // After every attribution is added: the asserting own sources (own_sources_, in attribution
  // order) are counted, except those given to another outlet (quote provenance,
  // Options::quotes_given_to_outlets_relay: the cue lies in a passage citing another outlet,
  // cited_passages_), which count as that citation for the lead rule and are dropped.
  void CountOwnSources() {
    // The passages by node (a counting sort: passage_begin_[node] .. passage_begin_[node + 1]).
    const bool relay = !cited_passages_.empty();
    if (relay) {
      passage_begin_.assign(g_.nodes.size() + 1, 0);
      for (const CitedPassage& p : cited_passages_) ++passage_begin_[p.node + 1];
      for (size_t i = 0; i + 1 < passage_begin_.size(); ++i)
        passage_begin_[i + 1] += passage_begin_[i];
      passages_.resize(cited_passages_.size());
      std::vector<uint32_t> fill(passage_begin_.begin(), passage_begin_.end() - 1);
      for (const CitedPassage& p : cited_passages_) passages_[fill[p.node]++] = {p.begin, p.end};
    }
    size_t kept = 0;
    for (const OwnSource& o : own_sources_) {
      ArticleFacts& f = g_.facts[o.node];
      if (relay && InCitedPassage(o.node, o.cue)) {
        f.first_cite = std::min(f.first_cite, o.stated);
        continue;
      }
      f.first_own = std::min(f.first_own, o.stated);
      if (o.anonymous) {
        ++f.own_anonymous;
      } else {
        ++f.own_named;
      }
      own_sources_[kept++] = o;
    }
    own_sources_.resize(kept);
  }

  // The cue position lies inside a passage of article node `node` that cites another outlet.
  // REQUIRES: CountOwnSources built passage_begin_ and passages_.
  bool InCitedPassage(uint32_t node, uint32_t cue) const {
    if (cue == UINT32_MAX) return false;
    for (uint32_t i = passage_begin_[node]; i < passage_begin_[node + 1]; ++i) {
      if (passages_[i].first <= cue && cue < passages_[i].second) return true;
    }
    return false;
  }

  static Evidence SpanEvidence(const Article& a, const Attribution& at) {
    auto [b, e] = SpanRange(at);
    return MakeEvidence(a, b, e);  // MakeEvidence(a, 0, 0): no passage
  }

  void AddAttribution(const Attribution& at) {
    uint32_t found = by_article_.Find(static_cast<uint64_t>(at.article_id));
    if (found == FlatMap::kAbsent) return;
    size_t from = found;
    ArticleFacts& f = g_.facts[from];
    const Article& a = *f.article;
    // The passage as Evidence, made only where an edge or a denial keeps it.
    auto ev = [&] { return SpanEvidence(a, at); };
    // The outlet the attribution resolves to (or null), looked up once when needed.
    const OutletInfo* resolved = nullptr;
    bool looked_up = false;
    auto outlet = [&] {
      if (!looked_up) resolved = AttributionOutlet(at);
      looked_up = true;
      return resolved;
    };
    bool outlet_source =
        at.source_kind == SourceKind::kOutlet ||
        (at.source_kind == SourceKind::kNone && (at.outlet_id != 0 || !at.outlet_name.empty()));
    // A government body in the registry ("the FBI", "SEDENA") is an official source of the
    // article's own reporting, not another news outlet whose reporting it relays.
    SourceKind kind = at.source_kind;
    if (outlet_source && !at.self_citation) {
      const OutletInfo* o = outlet();
      if (o && o->outlet_kind == OutletKind::kGovernment) {
        outlet_source = false;
        kind = SourceKind::kOfficial;
      }
    }
    const uint32_t at_begin = StatedAt(at);
    if (at.stance == Stance::kDenies) {
      Denial d;
      d.who = !at.source_text.empty()   ? at.source_text
              : !at.person.empty()      ? at.person
              : !at.outlet_name.empty() ? at.outlet_name
              : !at.role.empty()        ? at.role
                                        : "an unnamed source";
      d.official = kind == SourceKind::kOfficial;
      if (const OutletInfo* o = outlet()) {
        d.official = d.official || o->outlet_kind == OutletKind::kGovernment;
      }
      d.url = a.url;
      d.published = a.published;
      d.evidence = ev();
      g_.denials.push_back(std::move(d));
      if (!outlet_source) ++f.own_denying;
    }
    if (outlet_source) {
      if (const OutletInfo* o = outlet()) {
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
          if (at.stance == Stance::kAsserts) {
            f.first_cite = std::min(f.first_cite, at_begin);
            // Quote provenance: own sources stated inside this passage were given to `o`.
            auto [b, e] = SpanRange(at);
            if (options_.quotes_given_to_outlets_relay && e > b &&
                o->key_index != f.outlet->key_index) {
              cited_passages_.push_back({static_cast<uint32_t>(from), b, e});
            }
          }
          AddOutletEdge(from, o, EdgeKind::kCites, ev);
        }
      } else if (at.self_citation && at.stance == Stance::kAsserts) {
        f.self_cited = true;
      }
    } else if (at.stance == Stance::kAsserts &&
               (kind == SourceKind::kPerson || kind == SourceKind::kOfficial ||
                kind == SourceKind::kAnonymous || kind == SourceKind::kDocument)) {
      // Counted by CountOwnSources once every citation's passage is known (a statement given
      // to another outlet, "X told Newsmax", is that outlet's reporting).
      own_sources_.push_back({static_cast<uint32_t>(from),
                              at.cue.empty() ? UINT32_MAX : at.cue.front().begin, at_begin,
                              at.anonymous || kind == SourceKind::kAnonymous, &at});
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
    const WireOutlet& w = ResolveWire(wire);
    const Outlet* o = w.outlet;
    const OutletInfo* own = g_.facts[i].outlet;
    if (w.info->key_index == own->key_index || w.info->group == own->group) return;
    std::string host = Fold(HostOf(a.url));
    if (host.find(w.host_key) != std::string::npos) return;
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
      g_.facts[i].first_cite =
          std::min<uint32_t>(g_.facts[i].first_cite, static_cast<uint32_t>(at));
    }
    AddOutletEdge(i, w.info, EdgeKind::kCites, ev);
  }

  // A wire a credit names, resolved once per graph (a story repeats a few credits many times).
  struct WireOutlet {
    std::string wire;                // as reuse::WireCredit gives it: "AP", "Reuters"
    const Outlet* outlet = nullptr;  // the registry's, by name or by the short name's long form
    const OutletInfo* info = nullptr;
    // Folded, no spaces ("ap" -> "apnews"): a host containing it is the wire's own.
    std::string host_key;
  };
  // The returned reference is valid until the next call.
  const WireOutlet& ResolveWire(const std::string& wire) {
    for (const WireOutlet& w : wires_) {
      if (w.wire == wire) return w;
    }
    WireOutlet w;
    w.wire = wire;
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
    w.outlet = o;
    w.info = o ? InfoOf(*o) : InfoByName(0, wire);
    w.host_key = Fold(wire) == "ap" ? "apnews" : Fold(wire);
    w.host_key.erase(std::remove(w.host_key.begin(), w.host_key.end(), ' '), w.host_key.end());
    wires_.push_back(std::move(w));
    return wires_.back();
  }

  // A hyperlink. Bare links (Article::links, not part of an attribution) to the article's own
  // outlet are navigation, not provenance, and are left out.
  template <typename MakeEvidenceFn>
  void AddLink(size_t from, const std::string& link, const MakeEvidenceFn& make_evidence,
               bool bare) {
    std::optional<std::string> canon = Canonical(link);
    if (std::optional<size_t> to = FindUrl(canon ? std::string_view(*canon) : link)) {
      if (*to == from) return;
      if (bare && g_.facts[*to].outlet->key_index == g_.facts[from].outlet->key_index) return;
      AddEdge(from, *to, EdgeKind::kLinks, ReuseClass::kNone, make_evidence);
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
  static constexpr size_t kNoNode = SIZE_MAX;
  // Outlets described (NewInfo): registry outlets by address -> index into g_.outlets, the
  // others by id and name; key_index by registry outlet or id, else by folded name.
  FlatMap info_of_registry_;
  std::unordered_map<OutletId, std::vector<const OutletInfo*>> by_id_and_name_;
  FlatMap key_by_id_;
  std::unordered_map<std::string, uint32_t> key_by_name_;
  std::vector<size_t> external_of_key_;  // by key_index: its external node, else kNoNode
  // Looked up, never iterated, so their order cannot reach the report.
  FlatMap by_article_;                  // article id -> node (the last of an id)
  std::vector<std::string> canonical_;  // computed canonical URLs (reserved: views stay valid)
  std::vector<std::string_view> url_of_node_;  // article node -> canonical URL
  FlatMap by_url_;                             // hash of a canonical URL -> article node
  std::unordered_map<std::string_view, size_t> url_collisions_;
  FlatMap seen_edges_;  // from << 34 | to << 2 | kind (AddEdge)
  struct CitedPassage {
    uint32_t node, begin, end;
  };
  // (article node, passage) of each asserting citation of another outlet (quote provenance), in
  // attribution order; CountOwnSources groups them by node into passages_ (runs from
  // passage_begin_[node] to passage_begin_[node + 1]).
  std::vector<CitedPassage> cited_passages_;
  std::vector<uint32_t> passage_begin_;
  std::vector<std::pair<uint32_t, uint32_t>> passages_;
  std::vector<WireOutlet> wires_;  // ResolveWire
  // (article node, attribution) of each asserting own source, in attribution order (those given
  // to another outlet dropped by CountOwnSources).
  struct OwnSource {
    uint32_t node;
    uint32_t cue;     // its cue's first byte, UINT32_MAX without a cue
    uint32_t stated;  // StatedAt
    bool anonymous;
    const Attribution* at;
  };
  std::vector<OwnSource> own_sources_;
  // By key_index, runs of article_nodes_ / dated_nodes_ (ArticlesOf, DatedOf).
  std::vector<uint32_t> article_begin_, dated_begin_;
  std::vector<size_t> article_nodes_, dated_nodes_;
};

}  // namespace

std::pair<uint32_t, uint32_t> SpanRange(const Attribution& at) {
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
