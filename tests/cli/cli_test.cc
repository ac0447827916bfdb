// The `headwater` binary as a user runs it: exit codes, error messages naming file, line and
// field, --strict leaving the store untouched, and the JSON shapes of ../shared/CLI.md.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace headwater::cli {
namespace {

using json = nlohmann::json;
using headwater::testing::RunCommand;

std::string Repo(const std::string& rel) { return std::string(HEADWATER_TEST_FIXTURES) + "/../../" + rel; }

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = headwater::testing::TempDir();
    db_ = dir_ + "/t.db";
  }
  int Run(const std::string& args, std::string* out, bool merge = true) {
    return RunCommand(std::string(HEADWATER_BINARY) + " --db " + db_ + " " + args, out, merge);
  }
  json RunJson(const std::string& args) {
    std::string out;
    int rc = Run(args, &out, false);
    EXPECT_EQ(rc, 0) << args << "\n" << out;
    json j = json::parse(out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << out;
    EXPECT_EQ(j.value("schema", 0), 1) << args;
    return j;
  }
  std::string Write(const std::string& name, const std::string& content) {
    std::string p = dir_ + "/" + name;
    std::ofstream(p) << content;
    return p;
  }
  std::string dir_, db_;
};

TEST_F(CliTest, HelpListsEveryVerbWithExamples) {
  std::string out;
  EXPECT_EQ(RunCommand(std::string(HEADWATER_BINARY) + " --help", &out), 0);
  for (const char* verb : {"init", "ingest", "outlets", "stories", "story", "search", "watch",
                           "policy", "attributions", "reuse", "Examples"})
    EXPECT_NE(out.find(verb), std::string::npos) << verb;
}

TEST_F(CliTest, InitIsIdempotentAndDbMayFollowTheVerb) {
  std::string out;
  EXPECT_EQ(Run("init", &out), 0) << out;
  EXPECT_EQ(Run("init", &out), 0) << out;
  EXPECT_EQ(RunCommand(std::string(HEADWATER_BINARY) + " stories --db " + db_, &out), 0) << out;
}

TEST_F(CliTest, BadLinesAreSkippedAndNamedStrictCommitsNothing) {
  std::string good1 = R"({"url":"https://a.example/1","outlet":"A","title":"Budget passes","text":"The council passed the budget on Tuesday after a long debate about roads and schools.","published":"2023-04-12T10:00:00Z"})";
  std::string bad = R"({"url":"https://a.example/2","published":"last week"})";
  std::string good2 = R"({"url":"https://a.example/3","outlet":"A","title":"Rain expected","text":"Forecasters expect heavy rain across the valley this weekend with flooding possible in low areas.","published":"2023-04-13T10:00:00Z"})";
  std::string file = Write("mixed.jsonl", good1 + "\n" + bad + "\n" + good2 + "\n");
  std::string out;
  // --strict: the bad line stops the batch and nothing is committed.
  EXPECT_EQ(Run("ingest --strict " + file, &out), 1);
  EXPECT_NE(out.find(file + ":2: field `published`"), std::string::npos) << out;
  json none = RunJson("stories --json");
  EXPECT_TRUE(none["stories"].empty());
  // Default: skip and count, commit the rest, exit 3.
  EXPECT_EQ(Run("ingest " + file, &out), 3) << out;
  EXPECT_NE(out.find(file + ":2: field `published`: not an RFC 3339 time"), std::string::npos) << out;
  EXPECT_NE(out.find("2 added"), std::string::npos) << out;
  EXPECT_NE(out.find("1 skipped"), std::string::npos) << out;
  json two = RunJson("stories --json");
  size_t articles = 0;
  for (const json& s : two["stories"]) articles += s["articles"].size();
  EXPECT_EQ(articles, 2u);
  // Re-ingesting changes nothing.
  EXPECT_EQ(Run("ingest " + file, &out), 3);
  EXPECT_NE(out.find("0 added, 2 duplicates"), std::string::npos) << out;
}

TEST_F(CliTest, MissingFileAndUnknownStoryAreErrors) {
  std::string out;
  EXPECT_EQ(Run("ingest " + dir_ + "/nope.jsonl", &out), 1);
  EXPECT_NE(out.find("nope.jsonl"), std::string::npos);
  EXPECT_EQ(Run("init", &out), 0);
  EXPECT_EQ(Run("story 999", &out), 1);
  EXPECT_NE(out.find("999"), std::string::npos);
  EXPECT_EQ(Run("story abc", &out), 2);
  EXPECT_EQ(Run("stories --verdict maybe", &out), 2);
}

TEST_F(CliTest, DemoJsonShapesFollowTheContract) {
  std::string out;
  ASSERT_EQ(Run("outlets import " + Repo("demo/outlets.csv"), &out), 0) << out;
  ASSERT_EQ(Run("ingest " + Repo("demo/batch1.jsonl"), &out), 0) << out;
  json stories = RunJson("stories --json");
  ASSERT_FALSE(stories["stories"].empty());
  json biggest;
  for (const json& s : stories["stories"]) {
    for (const char* k : {"id", "title", "verdict", "policy", "country", "status", "first_seen",
                          "last_seen", "counts", "articles"})
      EXPECT_TRUE(s.contains(k)) << k;
    EXPECT_TRUE(s["id"].is_string());
    for (const char* k : {"articles", "outlets", "origins", "independent_origins",
                          "in_country_origins", "denials"})
      EXPECT_TRUE(s["counts"].contains(k)) << k;
    for (const json& a : s["articles"])
      for (const char* k : {"url", "outlet", "published", "lang"}) EXPECT_TRUE(a.contains(k)) << k;
    if (biggest.is_null() || s["articles"].size() > biggest["articles"].size()) biggest = s;
  }
  std::string id = biggest["id"];
  json story = RunJson("story " + id + " --json");
  for (const char* k : {"explanation", "origins", "echoes", "denials", "places", "timeline"})
    EXPECT_TRUE(story.contains(k)) << k;
  ASSERT_FALSE(story["origins"].empty());
  for (const char* k : {"outlet", "country", "kind", "external", "independent_group", "in_country",
                        "anonymous_only", "articles", "evidence", "track_record"})
    EXPECT_TRUE(story["origins"][0].contains(k)) << k;
  EXPECT_EQ(Run("story " + id + " --dot", &out), 0);
  EXPECT_NE(out.find("digraph"), std::string::npos);
  EXPECT_TRUE(story["retractions"].is_array());

  // outlets NAME: one outlet and its track record (the demo stories are from 2023: old enough).
  json fv = RunJson("outlets FV --json");
  EXPECT_EQ(fv["outlet"]["name"], "Frontier Vigil");
  for (const char* k : {"originated", "corroborated", "single_source", "refuted", "estimate",
                        "by_year", "by_region", "min_age_days"})
    EXPECT_TRUE(fv["track_record"].contains(k)) << k;
  EXPECT_GE(fv["track_record"]["originated"].get<int>(), 1);
  EXPECT_EQ(Run("outlets \"No Such Outlet\"", &out), 1);

  ASSERT_EQ(Run("watch add story " + id, &out), 0) << out;
  json first = RunJson("watch check --json");
  EXPECT_TRUE(first["alerts"].empty());
  ASSERT_EQ(Run("ingest " + Repo("demo/batch2.jsonl"), &out), 0) << out;
  json alerts = RunJson("watch check --json");
  bool verdict = false;
  for (const json& a : alerts["alerts"]) {
    for (const char* k : {"watch", "story", "what", "from", "to", "at", "evidence"})
      EXPECT_TRUE(a.contains(k)) << k;
    if (a["what"] == "verdict") {
      verdict = true;
      EXPECT_EQ(a["to"], "corroborated");
    }
  }
  EXPECT_TRUE(verdict) << alerts.dump(2);

  json reuse = RunJson("reuse --json");
  ASSERT_FALSE(reuse["pairs"].empty());
  for (const char* k : {"source", "copy", "class", "containment", "longest_passage", "upstream"})
    EXPECT_TRUE(reuse["pairs"][0].contains(k)) << k;
}

TEST_F(CliTest, AttributionsOfAFileUseCodePointOffsets) {
  std::string text = "\xEF\xBB\xBF" "Según informó El Diario, el campamento existe. Officials denied the report.";
  std::string file = Write("a.txt", text);
  json j = RunJson("attributions " + file + " --json");
  ASSERT_TRUE(j["attributions"].is_array());
  ASSERT_FALSE(j["attributions"].empty());
  for (const json& a : j["attributions"]) {
    for (const char* k : {"cue", "source", "content", "source_kind", "resolved", "anonymous", "stance",
                          "self_citation"})
      EXPECT_TRUE(a.contains(k)) << k;
    // Offsets are code points: the cue text must be what the spans cut out of the text.
    std::u32string u32;
    for (size_t i = 0; i < text.size();) {
      unsigned char c = text[i];
      int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = len == 1 ? c : (c & (0xFF >> (len + 1)));
      for (int k = 1; k < len; ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
      u32.push_back(cp);
      i += len;
    }
    auto span = a["cue"]["spans"][0];
    std::u32string cut = u32.substr(span[0].get<size_t>(), span[1].get<size_t>() - span[0].get<size_t>());
    std::string cut8;
    for (char32_t cp : cut) {
      if (cp < 0x80) cut8.push_back(static_cast<char>(cp));
      else if (cp < 0x800) { cut8.push_back(static_cast<char>(0xC0 | (cp >> 6))); cut8.push_back(static_cast<char>(0x80 | (cp & 0x3F))); }
      else { cut8.push_back(static_cast<char>(0xE0 | (cp >> 12))); cut8.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F))); cut8.push_back(static_cast<char>(0x80 | (cp & 0x3F))); }
    }
    EXPECT_EQ(cut8, a["cue"]["text"].get<std::string>());
  }
}

}  // namespace
}  // namespace headwater::cli
