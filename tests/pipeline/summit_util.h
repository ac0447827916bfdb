// The Helsinki summit of ../shared/data/multi-outlet-events ingested with the four wires its texts
// credit in the registry, and every stored article gathered as the input of one story (the
// summit is one happening; the clusterer's split of it is measured by the Events test).
#pragma once

#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "common/paths.h"
#include "pipeline_test_util.h"

namespace headwater::pipeline::testing {

// Fails (fatally) on an unreadable file or a failed ingest: call it in ASSERT_NO_FATAL_FAILURE.
inline void IngestSummitAsOneStory(Harness& h, const std::string& path,
                                   provenance::StoryInput* in) {
  auto data = ReadFile(path);
  ASSERT_TRUE(data.ok());
  std::vector<CsvRow> rows = ParseCsv(*data);
  std::vector<ingest::RawArticle> raw;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].fields.size(), 4u);
    raw.push_back(EventArticle(path, rows[i], "helsinki"));
  }
  ASSERT_GT(raw.size(), 600u);
  // The wires the texts credit, so their own sites' articles are theirs (reuters.com is Reuters).
  std::vector<Outlet> wires;
  for (auto [name, alias, domain] : {std::tuple{"Associated Press", "AP", "apnews.com"},
                                     {"Reuters", "", "reuters.com"},
                                     {"Agence France-Presse", "AFP", "afp.com"},
                                     {"Bloomberg", "", "bloomberg.com"}}) {
    Outlet o;
    o.name = name;
    if (*alias) o.aliases.push_back(alias);
    o.domains.push_back(domain);
    o.kind = OutletKind::kWire;
    o.verified = true;
    wires.push_back(o);
  }
  ASSERT_TRUE(h.pipe->ImportOutlets(wires).ok());
  auto summary = h.pipe->Ingest(raw, {}, false);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  in->story.id = 1;
  in->story.country = "FI";
  in->outlets = &h.pipe->outlets();
  std::set<std::pair<ArticleId, ArticleId>> seen;
  auto stories = h.store->ListStories({});
  ASSERT_TRUE(stories.ok());
  for (const store::StoryRecord& rec : *stories) {
    auto arts = h.store->ArticlesOfStory(rec.story.id);
    ASSERT_TRUE(arts.ok());
    for (Article& a : *arts) {
      auto attrs = h.store->AttributionsOf(a.id);
      ASSERT_TRUE(attrs.ok());
      in->attributions.insert(in->attributions.end(), attrs->begin(), attrs->end());
      auto edges = h.store->ReuseOf(a.id);
      ASSERT_TRUE(edges.ok());
      for (const ReuseEdge& e : *edges)
        if (seen.emplace(e.source_id, e.copy_id).second) in->reuse.push_back(e);
      in->articles.push_back(std::move(a));
    }
  }
}

}  // namespace headwater::pipeline::testing
