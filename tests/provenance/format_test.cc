// ReportToJson (shape of CLI.md, code-point offsets), ReportToDot and ReportToText.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "common/text.h"
#include "provenance/story_builder.h"

namespace headwater::provenance {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::StoryBuilder;
using testing::TestPolicies;

std::set<std::string> Keys(const json& j) {
  std::set<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
  return keys;
}

// Every key CLI.md names must be present (fields may be added, never removed).
void ExpectHasKeys(const json& j, const std::set<std::string>& required, const char* what) {
  ASSERT_TRUE(j.is_object()) << what;
  std::set<std::string> keys = Keys(j);
  for (const std::string& k : required) EXPECT_TRUE(keys.count(k)) << what << " lacks " << k;
}

// The substring of text from code point start to code point end.
std::string CodePointSubstr(const std::string& text, size_t start, size_t end) {
  CodePointIndex idx(text);
  size_t b = idx.ToByte(start), e = idx.ToByte(end);
  return text.substr(b, e - b);
}

class FormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    jw_ = b_.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy, "", "judicialwatch.org");
    mx_ = b_.AddOutlet("El Diario", "MX", OutletKind::kNews);
    blog_ = b_.AddOutlet("Blog Uno", "MX", OutletKind::kBlog);
    // Non-ASCII before every span, so byte and code-point offsets differ.
    origin_ = b_.AddArticle(mx_, "2016-04-14T12:00:00Z",
                            "CIUDAD JUÁREZ — «Señal» según Doña Ñeca Pérez, vecina de Anapra, "
                            "hay un campamento.");
    b_.Attribute(origin_, SourceKind::kPerson, "Doña Ñeca Pérez");
    Article& o = b_.article(origin_);
    o.places.push_back({"Ciudad Juárez", "MX", "Chihuahua", 31.7, -106.4, 3});
    echo_ = b_.AddArticle(blog_, "2016-04-15T12:00:00Z",
                          "Según Judicial Watch, ¡hay un campamento! El Ejército lo negó.");
    b_.Attribute(echo_, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw_);
    b_.Attribute(echo_, SourceKind::kOfficial, "El Ejército", Stance::kDenies);
    b_.article(echo_).places.push_back({"Ciudad Juárez", "MX", "Chihuahua", 31.7, -106.4, 2});
    b_.article(echo_).links.push_back(b_.Url(origin_));
    b_.story().title = "Campamento cerca de Juárez";
  }

  StoryInput Input() {
    StoryInput in = b_.Input();
    in.track_record = [this](OutletId id) -> std::optional<TrackRecord> {
      if (id != mx_) return std::nullopt;
      return TrackRecord{12, 7, 4, 1, 8.0 / 14.0, {}, {}};
    };
    return in;
  }

  StoryBuilder b_{"MX"};
  OutletId jw_ = 0, mx_ = 0, blog_ = 0;
  ArticleId origin_ = 0, echo_ = 0;
};

TEST_F(FormatTest, JsonHasTheKeysOfCliMd) {
  StoryInput in = Input();
  Report r = Analyze(in, TestPolicies());
  json j = ReportToJson(r, in);
  ExpectHasKeys(j,
                {"schema", "id", "title", "verdict", "policy", "country", "status", "first_seen",
                 "last_seen", "counts", "articles", "explanation", "origins", "echoes", "denials",
                 "places", "timeline", "graph"},
                "story");
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["id"], "42");
  EXPECT_EQ(j["verdict"], "partly-corroborated");
  EXPECT_EQ(j["policy"], "latin-america");
  EXPECT_EQ(j["country"], "MX");
  EXPECT_EQ(j["status"], "active");
  EXPECT_EQ(j["first_seen"], "2016-04-14T12:00:00Z");
  EXPECT_EQ(j["last_seen"], "2016-04-15T12:00:00Z");
  ExpectHasKeys(
      j["counts"],
      {"articles", "outlets", "origins", "independent_origins", "in_country_origins", "denials"},
      "counts");
  EXPECT_EQ(j["counts"]["articles"], 2);
  EXPECT_EQ(j["counts"]["origins"], 2);
  EXPECT_EQ(j["counts"]["denials"], 1);
  ASSERT_EQ(j["articles"].size(), 2u);
  ExpectHasKeys(j["articles"][0], {"url", "outlet", "published", "lang"}, "article");
  EXPECT_EQ(j["articles"][0]["outlet"], "El Diario");
  ASSERT_EQ(j["origins"].size(), 2u);
  for (const json& o : j["origins"]) {
    ExpectHasKeys(o,
                  {"outlet", "country", "kind", "external", "independent_group", "in_country",
                   "anonymous_only", "articles", "evidence", "track_record"},
                  "origin");
  }
  const json& diario = j["origins"][0];
  EXPECT_EQ(diario["outlet"], "El Diario");
  EXPECT_EQ(diario["kind"], "news");
  EXPECT_EQ(diario["external"], false);
  EXPECT_EQ(diario["in_country"], true);
  ExpectHasKeys(diario["track_record"],
                {"originated", "corroborated", "single_source", "refuted", "estimate"},
                "track_record");
  EXPECT_EQ(diario["track_record"]["corroborated"], 7);
  const json& jw = j["origins"][1];
  EXPECT_EQ(jw["outlet"], "Judicial Watch");
  EXPECT_EQ(jw["external"], true);
  EXPECT_TRUE(jw["track_record"].is_null());
  ASSERT_EQ(j["echoes"].size(), 1u);
  ExpectHasKeys(j["echoes"][0], {"url", "outlet", "echoes", "via"}, "echo");
  EXPECT_EQ(j["echoes"][0]["echoes"], json({"El Diario", "Judicial Watch"}));
  EXPECT_EQ(j["echoes"][0]["via"], json({"cites", "links"}));
  ASSERT_EQ(j["denials"].size(), 1u);
  ExpectHasKeys(j["denials"][0], {"who", "url", "published", "evidence"}, "denial");
  ExpectHasKeys(j["denials"][0]["evidence"], {"url", "start", "end", "text"}, "evidence");
  EXPECT_EQ(j["denials"][0]["who"], "El Ejército");
  EXPECT_EQ(j["denials"][0]["published"], "2016-04-15T12:00:00Z");
  ASSERT_EQ(j["places"].size(), 1u);
  ExpectHasKeys(j["places"][0], {"name", "country", "mentions"}, "place");
  EXPECT_EQ(j["places"][0]["mentions"], 5);
  ASSERT_EQ(j["timeline"].size(), 2u);
  ExpectHasKeys(j["timeline"][0], {"published", "url", "outlet", "role"}, "timeline");
  EXPECT_EQ(j["timeline"][0]["role"], "origin");
  EXPECT_EQ(j["timeline"][1]["role"], "echo");
  ExpectHasKeys(j["graph"], {"nodes", "edges"}, "graph");
  EXPECT_EQ(j["graph"]["nodes"].size(), 3u);  // two articles and external Judicial Watch
  EXPECT_EQ(j["graph"]["edges"].size(), 2u);  // cites JW, links to El Diario
  for (const json& e : j["graph"]["edges"]) ExpectHasKeys(e, {"from", "to", "kind"}, "edge");
  // Round-trips through text.
  EXPECT_EQ(json::parse(j.dump()), j);
}

TEST_F(FormatTest, EvidenceOffsetsAreCodePoints) {
  StoryInput in = Input();
  Report r = Analyze(in, TestPolicies());
  json j = ReportToJson(r, in);
  const std::string& origin_text = b_.article(origin_).text;
  const json& ev = j["origins"][0]["evidence"][0];
  EXPECT_EQ(ev["text"], "Doña Ñeca Pérez");
  size_t start = ev["start"], end = ev["end"];
  size_t byte_start = origin_text.find("Doña Ñeca Pérez");
  EXPECT_LT(start, byte_start);  // code points before it are fewer than bytes
  EXPECT_EQ(end - start, CodePointLength("Doña Ñeca Pérez"));
  EXPECT_EQ(CodePointSubstr(origin_text, start, end), "Doña Ñeca Pérez");
  const json& den = j["denials"][0]["evidence"];
  const std::string& echo_text = b_.article(echo_).text;
  EXPECT_EQ(CodePointSubstr(echo_text, den["start"], den["end"]), "El Ejército");
  EXPECT_EQ(den["start"], CodePointLength(echo_text.substr(0, echo_text.find("El Ejército"))));
  // Edge evidence too.
  for (const json& e : j["graph"]["edges"]) {
    if (e["kind"] != "cites") continue;
    EXPECT_EQ(CodePointSubstr(echo_text, e["evidence"]["start"], e["evidence"]["end"]),
              "Judicial Watch");
  }
}

TEST_F(FormatTest, DotDrawsEveryNodeAndEdge) {
  Report r = Analyze(Input(), TestPolicies());
  std::string dot = ReportToDot(r);
  EXPECT_THAT(dot, HasSubstr("digraph provenance {"));
  EXPECT_THAT(dot, HasSubstr("\"a" + std::to_string(echo_) + "\" -> \"o" + std::to_string(jw_) +
                             "\" [label=\"cites\"]"));
  EXPECT_THAT(dot, HasSubstr("\"a" + std::to_string(echo_) + "\" -> \"a" + std::to_string(origin_) +
                             "\" [label=\"links\"]"));
  EXPECT_THAT(dot, HasSubstr("(external)"));
  EXPECT_EQ(dot.back(), '\n');
}

TEST_F(FormatTest, TextReportHasEverySection) {
  Report r = Analyze(Input(), TestPolicies());
  std::string text = ReportToText(r);
  EXPECT_THAT(text, HasSubstr("Verdict: partly-corroborated (policy latin-america, country MX)"));
  EXPECT_THAT(text, HasSubstr(r.explanation));
  EXPECT_THAT(text, HasSubstr("\"Doña Ñeca Pérez\""));  // origin evidence
  EXPECT_THAT(text, HasSubstr("echoing El Diario, Judicial Watch (1):"));
  EXPECT_THAT(text, HasSubstr("El Ejército (official) on 2016-04-15"));
  EXPECT_THAT(text, HasSubstr("Ciudad Juárez (MX), 5 mentions"));
  EXPECT_THAT(text, HasSubstr("track record: 12 originated, 7 corroborated"));
  EXPECT_THAT(text, HasSubstr("Timeline:"));
}

TEST_F(FormatTest, ExplanationStatesCountsAndThePolicysAsk) {
  Report r = Analyze(Input(), TestPolicies());
  EXPECT_THAT(r.explanation, HasSubstr("2 articles from 2 outlets"));
  EXPECT_THAT(r.explanation, HasSubstr("2 independent origins"));
  EXPECT_THAT(r.explanation, HasSubstr("2 of the 2 independent origins and 1 of the 2 in-country "
                                       "(MX) origins the latin-america policy asks for"));
  EXPECT_THAT(r.explanation, HasSubstr("denied by El Ejército on 2016-04-15"));
  EXPECT_EQ(r.explanation.back(), '.');
}

}  // namespace
}  // namespace headwater::provenance
