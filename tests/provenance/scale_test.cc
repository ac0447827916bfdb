// A large synthetic story: one origin, thousands of echoes (chains of echoes of echoes, wire-style
// whole copies, links), to check roles stay right and Analyze + ReportToJson stay fast.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "provenance/story_builder.h"

namespace headwater::provenance {
namespace {

using testing::StoryBuilder;
using testing::TestPolicies;

TEST(ScaleTest, ThreeThousandArticlesOneOrigin) {
  constexpr int kArticles = 3000;
  StoryBuilder b("MX");
  OutletId jw = b.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy);
  ArticleId origin = b.AddArticle(jw, "2016-04-14T00:00:00Z", "A source said there is a camp.");
  b.Attribute(origin, SourceKind::kAnonymous, "A source");
  std::vector<ArticleId> ids = {origin};
  ArticleId chain = origin;  // the last article of the chain of links
  for (int i = 1; i < kArticles; ++i) {
    OutletId o = b.AddOutlet("Outlet " + std::to_string(i), "US", OutletKind::kBlog);
    ArticleId a = b.AddArticle(o, FormatRfc3339(*ParseRfc3339("2016-04-14") + i * 60),
                               "Judicial Watch says there is a camp.");
    switch (i % 3) {
      case 0:
        b.Attribute(a, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw);
        break;
      case 1:  // links the previous link-only article: a chain of 1,000 echoes of echoes
        b.article(a).links.push_back(b.Url(chain));
        chain = a;
        break;
      case 2:
        b.Copy(ids[i / 2], a, ReuseClass::kWhole);
        break;
    }
    ids.push_back(a);
  }
  StoryInput in = b.Input();
  auto t0 = std::chrono::steady_clock::now();
  Report r = Analyze(in, TestPolicies());
  auto t1 = std::chrono::steady_clock::now();
  nlohmann::json j = ReportToJson(r, in);
  std::string dump = j.dump();
  auto t2 = std::chrono::steady_clock::now();
  std::printf("Analyze %d articles: %.1f ms; ReportToJson+dump: %.1f ms (%zu bytes)\n", kArticles,
              std::chrono::duration<double, std::milli>(t1 - t0).count(),
              std::chrono::duration<double, std::milli>(t2 - t1).count(), dump.size());
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
  EXPECT_EQ(r.counts.origins, 1);
  EXPECT_EQ(r.echoes.size(), static_cast<size_t>(kArticles - 1));
  for (const EchoInfo& e : r.echoes) {
    ASSERT_EQ(e.echoes.size(), 1u);
    EXPECT_EQ(e.echoes[0], "Judicial Watch");
  }
}

}  // namespace
}  // namespace headwater::provenance
