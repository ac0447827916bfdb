// Credit lines (attribution/credit_lines.h) and the other readings of whose reporting a text
// relays added with them (issue 8): "told <reporter> of <Outlet>" (media_credits.h), "a report
// in the <Publisher>" (source.cc) and a poll named by its pollster (coreference.h). Hand-written
// texts.
#include "attribution/credit_lines.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "attribution/attribution_json.h"
#include "attribution/extractor.h"

namespace headwater::attribution {
namespace {

class CreditLinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto add = [&](OutletId id, const char* name, const char* domain) {
      Outlet o;
      o.id = id;
      o.name = name;
      if (*domain) o.domains.push_back(domain);
      o.kind = OutletKind::kNews;
      registry_.Add(o);
    };
    add(1, "Metro Ledger", "metroledger.example");
    add(2, "portal.example", "portal.example");  // an aggregator known by its domain only
    add(3, "valleytimes.com", "valleytimes.com");
    add(4, "Harbor Wire", "harborwire.example");
    add(5, "Civic Pulse Polling", "civicpulse.example");
    ctx_.outlets = &registry_;
    ctx_.own_outlet = 2;
  }
  std::vector<Attribution> Lines(const std::string& text) const {
    std::vector<Attribution> out;
    AddCreditLines(text, ctx_, 6, &out);
    return out;
  }
  normalize::OutletRegistry registry_;
  Context ctx_;
};

TEST_F(CreditLinesTest, BulletLineUnderTheHeadlineCreditsThePublisher) {
  std::string text =
      "Council members call for a new bridge\nMetro Ledger\u2022\nMay 2, 2026\n"
      "The council voted on Monday to fund a study, the clerk said.\nMore text.";
  auto v = Lines(text);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].source_text, "Metro Ledger");
  EXPECT_EQ(v[0].cue_text, "\u2022");
  EXPECT_EQ(v[0].source_kind, SourceKind::kOutlet);
  EXPECT_EQ(v[0].outlet_id, 1u);
  EXPECT_EQ(v[0].outlet_name, "Metro Ledger");
  EXPECT_FALSE(v[0].self_citation);
  // Content: the headline above and the next non-empty line below.
  ASSERT_EQ(v[0].content.size(), 2u);
  EXPECT_EQ(text.substr(v[0].content[0].begin, v[0].content[0].end - v[0].content[0].begin),
            "Council members call for a new bridge");
  EXPECT_EQ(text.substr(v[0].content[1].begin, v[0].content[1].end - v[0].content[1].begin),
            "May 2, 2026");
}

TEST_F(CreditLinesTest, RepostHeaderAndBylineBulletAndDomainSpelledNames) {
  auto from =
      Lines("Bridge to close\nPosted Monday\n(From Valley Times)\nThe bridge closes in May.");
  ASSERT_EQ(from.size(), 1u);
  EXPECT_EQ(from[0].cue_text, "(From");
  EXPECT_EQ(from[0].source_text, "Valley Times");
  EXPECT_EQ(from[0].outlet_id, 3u);  // valleytimes.com, spelled from the name
  auto via = Lines("Bridge to close\n(via Harbor Wire UK)\nThe bridge closes in May.");
  ASSERT_EQ(via.size(), 1u);
  EXPECT_EQ(via[0].outlet_id, 4u);  // a registry name the credit starts with
  auto byline = Lines("Bridge to close\nJane Roe, Metro Ledger \u2022\nThe bridge closes in May.");
  ASSERT_EQ(byline.size(), 1u);
  EXPECT_EQ(byline[0].source_text, "Metro Ledger");
  EXPECT_EQ(byline[0].outlet_id, 1u);
  auto unknown = Lines("Bridge to close\nCounty Courier\u2022\nThe bridge closes in May.");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].outlet_id, 0u);
  EXPECT_EQ(unknown[0].outlet_name, "County Courier");
}

TEST_F(CreditLinesTest, JsonPrintsOnlyRegistryOutletsAsResolved) {
  // CLI.md: resolved.outlet is the registry's canonical name, else null; an unknown publisher
  // keeps its name in the source span (and provenance makes an external node of it).
  std::string text = "Bridge to close\nCounty Courier\u2022\nThe bridge closes in May.";
  auto unknown = Lines(text);
  ASSERT_EQ(unknown.size(), 1u);
  CodePointIndex index(text);
  auto j = AttributionToJson(unknown[0], index, &registry_);
  EXPECT_TRUE(j["resolved"]["outlet"].is_null()) << j.dump();
  EXPECT_TRUE(j["resolved"]["domain"].is_null()) << j.dump();
  EXPECT_EQ(j["source"]["text"], "County Courier");
  EXPECT_EQ(j["source_kind"], "outlet");
  std::string known_text = "Bridge to close\nMetro Ledger\u2022\nThe bridge closes in May.";
  auto known = Lines(known_text);
  ASSERT_EQ(known.size(), 1u);
  auto k = AttributionToJson(known[0], CodePointIndex(known_text), &registry_);
  EXPECT_EQ(k["resolved"]["outlet"], "Metro Ledger");
  EXPECT_EQ(k["resolved"]["domain"], "metroledger.example");
}

TEST_F(CreditLinesTest, OwnOutletBareBulletsAndTextLinesAreNoCredit) {
  auto own = Lines("Bridge to close\nPortal Video\u2022\nThe bridge closes in May.");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_TRUE(own[0].self_citation);  // the aggregator's own video desk
  EXPECT_EQ(own[0].outlet_id, 2u);
  EXPECT_TRUE(Lines("Bridge to close\n\u2022\nThe bridge closes in May.").empty());
  EXPECT_TRUE(Lines("Bridge to close\nIN\u2022\nThe bridge closes in May.").empty());
  EXPECT_TRUE(Lines("Bridge to close\nThe mayor said the bridge will close in May and "
                    "that drivers should plan ahead\u2022\nMore.")
                  .empty());
  EXPECT_TRUE(Lines("Bridge to close\n(From the start, the plan was doomed.)\nMore.").empty());
  // Lines far down the text are body, not credit lines.
  EXPECT_TRUE(Lines("a\nb\nc\nd\ne\nf\ng\nMetro Ledger\u2022\nMore.").empty());
  // Without a registry nothing is read (PolNeAR scoring).
  Context bare;
  std::vector<Attribution> out;
  AddCreditLines("Bridge\nMetro Ledger\u2022\nThe bridge closes.", bare, 6, &out);
  EXPECT_TRUE(out.empty());
}

TEST_F(CreditLinesTest, ExtractorReadsCreditLinesUnlessTurnedOff) {
  std::string text =
      "Bridge to close\nMetro Ledger\u2022\nThe bridge closes in May, the clerk said.";
  auto has_ledger = [](const std::vector<Attribution>& v) {
    return std::any_of(v.begin(), v.end(), [](const Attribution& a) { return a.outlet_id == 1; });
  };
  EXPECT_TRUE(has_ledger(Extractor().Extract(text, ctx_)));
  Options o;
  o.credit_lines = false;
  EXPECT_FALSE(has_ledger(Extractor(o).Extract(text, ctx_)));
}

TEST_F(CreditLinesTest, StatementToAReporterOfAnOutletCreditsTheOutlet) {
  std::string text = "The senator told Jane Roe of Harbor Wire that the bridge will close.";
  std::vector<Attribution> v = Extractor().Extract(text, ctx_);
  auto it = std::find_if(v.begin(), v.end(), [](const Attribution& a) { return a.outlet_id == 4; });
  ASSERT_NE(it, v.end());
  EXPECT_EQ(it->cue_text, "told");
  EXPECT_EQ(it->source_text, "Harbor Wire");
  EXPECT_EQ(it->content_text, "The senator");
  // "a friend of Harbor Wire" after an ordinary verb is no credit.
  std::string other = "The senator thanked John Doe of Harbor Wire for the question.";
  std::vector<Attribution> w = Extractor().Extract(other, ctx_);
  EXPECT_FALSE(std::any_of(w.begin(), w.end(), [](const Attribution& a) {
    return a.outlet_id == 4 && a.cue_text == "thanked";
  }));
}

TEST_F(CreditLinesTest, ReportInANamedPublisherIsThatOutlet) {
  std::string text = "The bridge will close in May, according to a report in the County Courier.";
  std::vector<Attribution> v = Extractor().Extract(text, ctx_);
  auto it = std::find_if(v.begin(), v.end(),
                         [](const Attribution& a) { return a.cue_text == "according to"; });
  ASSERT_NE(it, v.end());
  EXPECT_EQ(it->source_kind, SourceKind::kOutlet);
  EXPECT_EQ(it->outlet_name, "County Courier");
  EXPECT_EQ(it->outlet_id, 0u);
  // A report by an official body stays the body's.
  std::string gov = "The bridge will close, according to a report by the Roads Department.";
  std::vector<Attribution> g = Extractor().Extract(gov, ctx_);
  auto jt = std::find_if(g.begin(), g.end(),
                         [](const Attribution& a) { return a.cue_text == "according to"; });
  ASSERT_NE(jt, g.end());
  EXPECT_NE(jt->source_kind, SourceKind::kOutlet);
}

TEST_F(CreditLinesTest, APollIsItsPollstersReport) {
  std::string text =
      "A new statewide poll shows the mayor ahead by six points.\n"
      "The Civic Pulse Polling survey was taken over three days.";
  std::vector<Attribution> v = Extractor().Extract(text, ctx_);
  auto it =
      std::find_if(v.begin(), v.end(), [](const Attribution& a) { return a.cue_text == "shows"; });
  ASSERT_NE(it, v.end());
  EXPECT_EQ(it->source_kind, SourceKind::kOutlet);
  EXPECT_EQ(it->outlet_id, 5u);
}

}  // namespace
}  // namespace headwater::attribution
