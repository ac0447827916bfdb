// GraphML, ClaimReview JSON-LD and CSV exports of a story.
#include "provenance/export.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/csv.h"
#include "provenance/story_builder.h"

namespace headwater::provenance {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::StoryBuilder;
using testing::TestPolicies;

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    jw_ = b_.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy, "", "judicialwatch.org");
    blog_ = b_.AddOutlet("Blog <Uno> & Co", "MX", OutletKind::kBlog);
    origin_ = b_.AddArticle(jw_, "2016-04-14T12:00:00Z", "A source told JW there is a camp.");
    b_.Attribute(origin_, SourceKind::kAnonymous, "A source");
    echo_ = b_.AddArticle(blog_, "2016-04-15T12:00:00Z", "According to Judicial Watch, a camp.");
    b_.Attribute(echo_, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw_);
    b_.story().title = "Camp near Juárez";
  }
  StoryBuilder b_{"MX"};
  OutletId jw_ = 0, blog_ = 0;
  ArticleId origin_ = 0, echo_ = 0;
};

TEST_F(ExportTest, GraphMlHasEveryNodeAndEdgeEscaped) {
  StoryInput in = b_.Input();
  Report r = Analyze(in, TestPolicies());
  std::string g = ReportToGraphML(r);
  EXPECT_THAT(g, HasSubstr("<graphml"));
  EXPECT_THAT(g, HasSubstr("Blog &lt;Uno&gt; &amp; Co"));
  EXPECT_THAT(g, ::testing::Not(HasSubstr("<Uno>")));
  size_t nodes = 0, edges = 0;
  for (size_t p = 0; (p = g.find("<node ", p)) != std::string::npos; ++p) ++nodes;
  for (size_t p = 0; (p = g.find("<edge ", p)) != std::string::npos; ++p) ++edges;
  EXPECT_EQ(nodes, r.nodes.size());
  EXPECT_EQ(edges, r.edges.size());
  EXPECT_GE(edges, 1u);
  EXPECT_THAT(g, HasSubstr(">cites<"));
  EXPECT_THAT(g, HasSubstr(">origin<"));
}

TEST_F(ExportTest, ClaimReviewNamesTheVerdictAndTheFirstAppearance) {
  StoryInput in = b_.Input();
  Report r = Analyze(in, TestPolicies());
  json cr = ReportToClaimReview(r, in, ParseRfc3339("2026-11-25T00:00:00Z").value());
  EXPECT_EQ(cr["@type"], "ClaimReview");
  EXPECT_EQ(cr["claimReviewed"], "Camp near Juárez");
  EXPECT_EQ(cr["reviewRating"]["alternateName"], VerdictName(r.verdict));
  EXPECT_EQ(cr["reviewRating"]["ratingExplanation"], r.explanation);
  EXPECT_EQ(cr["itemReviewed"]["firstAppearance"]["url"], b_.Url(origin_));
  EXPECT_EQ(cr["itemReviewed"]["author"]["name"], "Judicial Watch");
  EXPECT_EQ(cr["itemReviewed"]["appearance"].size(), 2u);
  EXPECT_EQ(cr["datePublished"], "2026-11-25T00:00:00Z");
}

TEST(StoryCsv, RowsQuoteAndCount) {
  json s = {{"id", "7"},          {"title", "Camp, \"near\" Juárez"}, {"verdict", "single-source"},
            {"policy", "latin-america"}, {"country", "MX"},   {"status", "active"},
            {"first_seen", "2016-04-14T12:00:00Z"}, {"last_seen", "2016-04-15T12:00:00Z"},
            {"counts", {{"articles", 14}, {"outlets", 12}, {"origins", 1}, {"independent_origins", 1},
                        {"in_country_origins", 0}, {"denials", 2}}}};
  std::string csv = StoriesCsvHeader() + StoryCsvRow(s);
  auto rows = ParseCsv(csv);
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0].fields.size(), rows[1].fields.size());
  EXPECT_EQ(rows[1].fields[1], "Camp, \"near\" Juárez");
  EXPECT_EQ(rows[1].fields[8], "14");
  EXPECT_EQ(rows[1].fields[13], "2");
}

}  // namespace
}  // namespace headwater::provenance
