// Quote provenance (Options::quotes_given_to_outlets_relay, issue 8): a statement given to
// another outlet is that outlet's reporting, so an article whose own sources were all given to
// other outlets is an echo of them, not an origin; the cites edge keeps the passage as evidence.
// Hand-written texts.
#include <gtest/gtest.h>

#include "provenance/story_builder.h"

namespace headwater::provenance {
namespace {

using testing::RoleOf;
using testing::StoryBuilder;
using testing::TestPolicies;

// [begin, end) of `part` in `text`.
Span At(const std::string& text, const std::string& part) {
  size_t p = text.find(part);
  EXPECT_NE(p, std::string::npos) << part;
  return {static_cast<uint32_t>(p), static_cast<uint32_t>(p + part.size())};
}

// "The senator told the Daily Planet that the bridge will close." The person's attribution and
// the media credit share the cue "told"; the credit's passage is the sentence.
struct ToldStory {
  StoryBuilder b{"US"};
  OutletId planet, gazette;
  ArticleId article;
  std::string text =
      "The senator told the Daily Planet that the bridge will close in May. "
      "Drivers should plan other routes, the senator added.";
  ToldStory() {
    planet = b.AddOutlet("Daily Planet", "US", OutletKind::kNews);
    gazette = b.AddOutlet("Valley Gazette", "US", OutletKind::kNews);
    article = b.AddArticle(gazette, "2026-05-02", text);
    Attribution& person = b.Attribute(article, SourceKind::kPerson, "The senator");
    person.cue.push_back(At(text, "told"));
    person.content.push_back(At(text, "that the bridge will close in May"));
    Attribution& credit =
        b.Attribute(article, SourceKind::kOutlet, "Daily Planet", Stance::kAsserts, planet);
    credit.cue.push_back(At(text, "told"));
    credit.content.push_back(At(text, "The senator"));
    // The article orders attributions by cue: the person's comes first.
  }
};

TEST(QuoteProvenanceTest, StatementGivenToAnotherOutletMakesAnEchoOfIt) {
  ToldStory s;
  // "the senator added" later in the article: a later own source, after the credit.
  Attribution& added = s.b.Attribute(s.article, SourceKind::kPerson, "the senator added");
  added.cue.push_back(At(s.text, "added"));
  Report r = Analyze(s.b.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r, s.article), NodeRole::kEcho);
  ASSERT_EQ(r.echoes.size(), 1u);
  EXPECT_EQ(r.echoes[0].echoes, std::vector<std::string>{"Daily Planet"});
  // The evidence of the citation is the passage with the statement.
  int cites = 0;
  for (const Edge& e : r.edges) {
    if (e.kind != EdgeKind::kCites) continue;
    ++cites;
    EXPECT_EQ(e.evidence.text, "The senator told the Daily Planet");
    EXPECT_EQ(e.evidence.begin, 0u);
  }
  EXPECT_EQ(cites, 1);
}

TEST(QuoteProvenanceTest, WithoutQuoteProvenanceTheSpeakerIsAnOwnSource) {
  ToldStory s;
  Options o;
  o.quotes_given_to_outlets_relay = false;
  Report r = Analyze(s.b.Input(), TestPolicies(), o);
  // The person's cue is where the credit's is: the lead does not relay, the senator is an own
  // source, and the article is an origin of its own.
  EXPECT_EQ(RoleOf(r, s.article), NodeRole::kOrigin);
}

TEST(QuoteProvenanceTest, OwnSourcesOutsideTheCitedPassageStillMakeAnOrigin) {
  StoryBuilder b("US");
  OutletId planet = b.AddOutlet("Daily Planet", "US", OutletKind::kNews);
  OutletId gazette = b.AddOutlet("Valley Gazette", "US", OutletKind::kNews);
  std::string text =
      "The mayor said on Monday that the bridge will close in May. "
      "The senator told the Daily Planet that she agreed.";
  ArticleId a = b.AddArticle(gazette, "2026-05-02", text);
  Attribution& mayor = b.Attribute(a, SourceKind::kPerson, "The mayor");
  mayor.cue.push_back(At(text, "said"));
  Attribution& senator = b.Attribute(a, SourceKind::kPerson, "The senator");
  senator.cue.push_back(At(text, "told"));
  Attribution& credit =
      b.Attribute(a, SourceKind::kOutlet, "Daily Planet", Stance::kAsserts, planet);
  credit.cue.push_back(At(text, "told"));
  credit.content.push_back(At(text, "The senator"));
  Report r = Analyze(b.Input(), TestPolicies());
  // The mayor spoke to the article's own reporter (first, outside the passage): an origin.
  EXPECT_EQ(RoleOf(r, a), NodeRole::kOrigin);
}

TEST(QuoteProvenanceTest, CreditLineOverTheHeadlineAndLeadMakesAnEcho) {
  // An aggregator page: headline, "Metro Ledger•" credit line, lead quoting an official. The
  // credit's passage covers the headline and the lead (attribution/credit_lines.h).
  StoryBuilder b("US");
  OutletId ledger = b.AddOutlet("Metro Ledger", "US", OutletKind::kNews);
  OutletId portal = b.AddOutlet("Portal News", "US", OutletKind::kNews);
  std::string text =
      "Council members call for a new bridge\nMetro Ledger\u2022\nThe council voted on Monday, "
      "the clerk said.";
  ArticleId a = b.AddArticle(portal, "2026-05-02", text);
  Attribution& headline = b.Attribute(a, SourceKind::kPerson, "Council members");
  headline.cue.push_back(At(text, "call"));
  Attribution& credit =
      b.Attribute(a, SourceKind::kOutlet, "Metro Ledger", Stance::kAsserts, ledger);
  credit.cue.push_back(At(text, "\u2022"));
  credit.content.push_back(At(text, "Council members call for a new bridge"));
  credit.content.push_back(At(text, "The council voted on Monday, the clerk said."));
  Attribution& clerk = b.Attribute(a, SourceKind::kOfficial, "the clerk");
  clerk.cue.push_back(At(text, "said"));
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r, a), NodeRole::kEcho);
  Options o;
  o.quotes_given_to_outlets_relay = false;
  EXPECT_EQ(RoleOf(Analyze(b.Input(), TestPolicies(), o), a), NodeRole::kOrigin);
}

}  // namespace
}  // namespace headwater::provenance
