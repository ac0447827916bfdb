// Step 2 of Analyze(): roles of the article nodes of a provenance graph, and what each echo
// echoes.
//
// Roles. An article is an origin when it is not a whole copy of another outlet's article and has
// its own asserting sources, cites its own outlet's report (which has no article in the story),
// or carries its own dateline without depending on another outlet (a dateline is the outlet's
// own reporting, but not a source for what it only relays); when it has none of these and no
// dependency on another outlet, and its own sources only deny, it is an origin that denies. An
// article citing its own outlet's origin (a self edge) is an origin too (to a fixpoint). The
// remaining articles with dependency edges are echoes of the origins they reach, directly or
// through other non-origin articles, self edges included (a fixpoint over the graph, cycles
// allowed); those reaching no origin, and those without sources or dependencies, are unsourced.
#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "provenance/graph.h"

namespace headwater::provenance::internal {

void AssignRoles(Graph& g, const Options& options, std::vector<EchoInfo>* echoes) {
  const size_t n = g.nodes.size();
  // The fixpoints below pass over the edges several times: a compact copy of what they read
  // (the Edge and Node structs, with their strings, are ~10x larger) keeps the passes in cache.
  struct Link {
    uint32_t from, to;
    EdgeKind kind;
    bool self;
  };
  std::vector<Link> links;
  links.reserve(g.edges.size());
  for (const Edge& e : g.edges) {
    links.push_back({static_cast<uint32_t>(e.from), static_cast<uint32_t>(e.to), e.kind, e.self});
  }
  std::vector<NodeRole> role(n);
  std::vector<bool> external(n), depends(n, false);
  for (size_t i = 0; i < n; ++i) {
    role[i] = g.nodes[i].role;
    external[i] = g.nodes[i].external;
  }
  for (const Link& e : links) {
    if (!e.self) depends[e.from] = true;
  }
  for (size_t i = 0; i < n; ++i) {
    if (external[i]) continue;
    ArticleFacts& f = g.facts[i];
    f.dateline_counted = options.dateline_counts_as_source && f.own_dateline && !depends[i];
    // An article whose lead relays another outlet (its first asserting attribution cites that
    // outlet) carries that outlet's reporting: the own sources it quotes later (officials'
    // reactions, the cited outlet's source restated) make it no origin.
    bool lead_relays = options.lead_decides && (f.wire_byline || f.first_cite < f.first_own);
    if (!f.whole_copy && !lead_relays && (Asserts(f) || (!depends[i] && f.own_denying > 0))) {
      role[i] = NodeRole::kOrigin;
    } else {
      role[i] = NodeRole::kUnsourced;  // until it reaches an origin below
    }
  }
  // Self-citations of an origin of one's own outlet: still an origin.
  for (bool changed = true; changed;) {
    changed = false;
    for (const Link& e : links) {
      if (!e.self || role[e.from] == NodeRole::kOrigin || g.facts[e.from].whole_copy ||
          role[e.to] != NodeRole::kOrigin || !Asserts(g.facts[e.to])) {
        continue;
      }
      role[e.from] = NodeRole::kOrigin;
      g.facts[e.from].self_cited = true;
      changed = true;
    }
  }
  // Fixpoint: reach[i] = origins reached from non-origin i (sorted node indices); via[i] = the
  // edge kinds used on the way (bit 1 << kind). Sorted vectors, not sets: a story of 1,000
  // articles recomputes in well under a millisecond (issue 8).
  std::vector<std::vector<size_t>> reach(n);
  std::vector<uint8_t> via(n, 0);
  std::vector<size_t> merged;
  auto bit = [](EdgeKind k) { return static_cast<uint8_t>(1u << static_cast<unsigned>(k)); };
  bool changed = true;
  while (changed) {
    changed = false;
    for (const Link& e : links) {
      if (role[e.from] == NodeRole::kOrigin || external[e.from]) continue;
      std::vector<size_t>& mine = reach[e.from];
      uint8_t via_before = via[e.from];
      if (role[e.to] == NodeRole::kOrigin) {
        auto at = std::lower_bound(mine.begin(), mine.end(), size_t{e.to});
        if (at == mine.end() || *at != e.to) {
          mine.insert(at, e.to);
          changed = true;
        }
        via[e.from] |= bit(e.kind);
      } else if (!reach[e.to].empty()) {
        const std::vector<size_t>& theirs = reach[e.to];
        if (e.from != e.to &&
            !std::includes(mine.begin(), mine.end(), theirs.begin(), theirs.end())) {
          merged.clear();
          std::set_union(mine.begin(), mine.end(), theirs.begin(), theirs.end(),
                         std::back_inserter(merged));
          mine.swap(merged);
          changed = true;
        }
        via[e.from] |= bit(e.kind) | via[e.to];
      }
      if (via[e.from] != via_before) changed = true;
    }
  }
  for (size_t i = 0; i < n; ++i) g.nodes[i].role = role[i];
  std::vector<const std::string*> names;  // scratch: outlet names an echo reaches
  for (size_t i = 0; i < n; ++i) {
    if (g.nodes[i].external || g.nodes[i].role == NodeRole::kOrigin || reach[i].empty()) continue;
    g.nodes[i].role = NodeRole::kEcho;
    EchoInfo& info = echoes->emplace_back();
    info.node = i;
    info.url = g.nodes[i].url;
    info.outlet = g.nodes[i].outlet;
    names.clear();
    for (size_t o : reach[i]) names.push_back(&g.nodes[o].outlet);
    std::sort(names.begin(), names.end(),
              [](const std::string* a, const std::string* b) { return *a < *b; });
    names.erase(std::unique(names.begin(), names.end(),
                            [](const std::string* a, const std::string* b) { return *a == *b; }),
                names.end());
    info.echoes.reserve(names.size());
    for (const std::string* name : names) info.echoes.push_back(*name);
    info.via.reserve(3);
    for (EdgeKind k : {EdgeKind::kCopies, EdgeKind::kCites, EdgeKind::kLinks}) {
      if (via[i] & bit(k)) info.via.push_back(EdgeKindName(k));
    }
    std::sort(info.via.begin(), info.via.end());
  }
}

}  // namespace headwater::provenance::internal
