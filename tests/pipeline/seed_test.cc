// The real blog post that started the project (../shared/data/seed/), ingested as a US blog's
// article beside fictional stand-ins for the Judicial Watch reports it cites
// (tests/fixtures/seed/README.md): the report shows the attributions to Judicial Watch (also as
// "JW" and "JW's"), the anonymous source, the official denials, places in MX and US, and the
// story is single-source under the latin-america policy.
#include <nlohmann/json.hpp>

#include "common/paths.h"
#include "pipeline_test_util.h"

namespace headwater::pipeline {
namespace {

using json = nlohmann::json;
using testing::Harness;

constexpr const char* kBlogUrl = "https://faustasblog.com/2015/04/is-isis-at-the-us-mexico-border/";

TEST(Seed, TheBlogPostTracesBackToJudicialWatchAlone) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("seed/fausta-blog-isis-border.txt", path);
  auto text = ReadFile(path);
  ASSERT_TRUE(text.ok());
  std::string body = *text;
  std::string title = body.substr(0, body.find('\n'));
  body = body.substr(body.find('\n') + 1);

  Harness h;
  h.ImportOutlets(std::string(HEADWATER_TEST_FIXTURES) + "/seed/outlets.csv");
  h.IngestFile(std::string(HEADWATER_TEST_FIXTURES) + "/seed/judicialwatch_standins.jsonl");
  json line = {{"url", kBlogUrl}, {"outlet", "Fausta's Blog"}, {"title", title}, {"text", body},
               {"published", "2015-04-18T12:00:00Z"}, {"lang", "en"}};
  auto summary = h.IngestText(line.dump() + "\n");
  ASSERT_EQ(summary.added, 1u);

  auto id = h.store->FindByUrl(CanonicalUrl(kBlogUrl).value());
  ASSERT_TRUE(id.ok() && id->has_value());
  auto attrs = h.store->AttributionsOf(**id);
  ASSERT_TRUE(attrs.ok());

  int to_jw = 0;
  bool via_alias = false, anonymous = false, denial = false, last_august = false;
  for (const Attribution& a : *attrs) {
    if (a.outlet_name == "Judicial Watch") {
      ++to_jw;
      if (a.source_text.find("JW") != std::string::npos) via_alias = true;
      if (a.content_text.find("car bombs") != std::string::npos ||
          (a.source_text.find("JW") != std::string::npos &&
           a.cue_text.find("reported") != std::string::npos)) {
        last_august = true;
        EXPECT_FALSE(a.self_citation) << "the blog is not Judicial Watch";
      }
    }
    if (a.anonymous || a.source_kind == SourceKind::kAnonymous) anonymous = true;
    if (a.stance == Stance::kDenies) denial = true;
  }
  EXPECT_GE(to_jw, 3);
  EXPECT_TRUE(via_alias) << "\"JW\" / \"JW's\" must resolve to Judicial Watch";
  EXPECT_TRUE(last_august);
  EXPECT_TRUE(anonymous);
  EXPECT_TRUE(denial);

  auto blog = h.store->GetArticle(**id);
  bool mx = false, us = false;
  for (const PlaceMention& p : blog->places) {
    mx = mx || p.country == "MX";
    us = us || p.country == "US";
  }
  EXPECT_TRUE(mx);
  EXPECT_TRUE(us);

  auto doc = h.pipe->StoryDocument(blog->story_id);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const json& r = doc->json;
  EXPECT_EQ(r["country"], "MX");
  EXPECT_EQ(r["policy"], "latin-america");
  EXPECT_EQ(r["verdict"], "single-source") << r.dump(2).substr(0, 4000);
  EXPECT_EQ(r["counts"]["independent_origins"], 1);
  ASSERT_FALSE(r["origins"].empty());
  EXPECT_EQ(r["origins"][0]["outlet"], "Judicial Watch");
  EXPECT_GE(r["counts"]["denials"].get<int>(), 1);
  bool blog_echoes_jw = false;
  for (const json& e : r["echoes"])
    if (e["url"] == kBlogUrl)
      for (const json& w : e["echoes"]) blog_echoes_jw = blog_echoes_jw || w == "Judicial Watch";
  EXPECT_TRUE(blog_echoes_jw) << r["echoes"].dump();
}

}  // namespace
}  // namespace headwater::pipeline
