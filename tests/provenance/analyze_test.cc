// Analyze(): roles, independence, in-country, denials and each verdict on hand-built stories.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "provenance/story_builder.h"

namespace headwater::provenance {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RoleOf;
using testing::StoryBuilder;
using testing::TestPolicies;

const EchoInfo* EchoOf(const Report& r, const std::string& url) {
  for (const EchoInfo& e : r.echoes) {
    if (e.url == url) return &e;
  }
  return nullptr;
}

TEST(AnalyzeTest, UnsourcedWhenNothingTracesToAnySource) {
  StoryBuilder b("US");
  OutletId blog = b.AddOutlet("Blog One", "US", OutletKind::kBlog);
  OutletId blog2 = b.AddOutlet("Blog Two", "US", OutletKind::kBlog);
  ArticleId a = b.AddArticle(blog, "2016-04-14", "There are reports on social media of a camp.");
  b.Attribute(a, SourceKind::kNone, "");
  ArticleId c = b.AddArticle(blog2, "2016-04-15", "Social media says a camp exists.");
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(r.verdict, Verdict::kUnsourced);
  EXPECT_EQ(r.counts.origins, 0);
  EXPECT_EQ(r.counts.independent_origins, 0);
  EXPECT_EQ(RoleOf(r, a), NodeRole::kUnsourced);
  EXPECT_EQ(RoleOf(r, c), NodeRole::kUnsourced);
  EXPECT_THAT(r.explanation, HasSubstr("none traces back to an origin"));
}

TEST(AnalyzeTest, EchoesOfSocialMediaOnlyAreUnsourced) {
  StoryBuilder b("US");
  OutletId social = b.AddOutlet("Twitter", "US", OutletKind::kSocial, "", "twitter.com");
  OutletId blog = b.AddOutlet("Blog One", "US", OutletKind::kBlog);
  ArticleId a = b.AddArticle(blog, "2016-04-14", "A post on Twitter says so.");
  b.Attribute(a, SourceKind::kOutlet, "Twitter", Stance::kAsserts, social);
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(r.verdict, Verdict::kUnsourced);
  EXPECT_EQ(RoleOf(r, a), NodeRole::kUnsourced);
}

TEST(AnalyzeTest, PartlyCorroboratedWhenBelowInCountryMinimum) {
  StoryBuilder b("MX");
  OutletId nyt = b.AddOutlet("New York Times", "US", OutletKind::kNews);
  OutletId wapo = b.AddOutlet("Washington Post", "US", OutletKind::kNews);
  ArticleId a = b.AddArticle(nyt, "2016-04-14", "Jane Roe, a rancher, said she saw it.");
  b.Attribute(a, SourceKind::kPerson, "Jane Roe");
  ArticleId c = b.AddArticle(wapo, "2016-04-15", "A report by the inspector general says so.");
  b.Attribute(c, SourceKind::kDocument, "A report by the inspector general");
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(r.policy, "latin-america");
  EXPECT_EQ(r.counts.independent_origins, 2);
  EXPECT_EQ(r.counts.in_country_origins, 0);
  EXPECT_EQ(r.verdict, Verdict::kPartlyCorroborated);

  // The same articles about a US story fall under the default policy: corroborated.
  StoryInput in = b.Input();
  in.story.country = "US";
  Report us = Analyze(in, TestPolicies());
  EXPECT_EQ(us.policy, "default");
  EXPECT_EQ(us.counts.in_country_origins, 2);
  EXPECT_EQ(us.verdict, Verdict::kCorroborated);
}

TEST(AnalyzeTest, OneOwnerGroupIsOneIndependentOrigin) {
  StoryBuilder b("US");
  OutletId a1 = b.AddOutlet("Channel Five", "US", OutletKind::kNews, "Big Media Corp");
  OutletId a2 = b.AddOutlet("Daily Star", "US", OutletKind::kNews, "Big Media Corp");
  ArticleId x = b.AddArticle(a1, "2016-04-14", "Officer John Doe said it happened.");
  b.Attribute(x, SourceKind::kPerson, "Officer John Doe");
  ArticleId y = b.AddArticle(a2, "2016-04-14", "The mayor's office said it happened.");
  b.Attribute(y, SourceKind::kOfficial, "The mayor's office");
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(r.counts.origins, 2);
  EXPECT_EQ(r.counts.independent_origins, 1);
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
  ASSERT_EQ(r.origins.size(), 2u);
  EXPECT_EQ(r.origins[0].independent_group, "Big Media Corp");
  EXPECT_EQ(r.origins[1].independent_group, "Big Media Corp");
  EXPECT_THAT(r.explanation,
              HasSubstr("all trace back to one independent origin, Big Media Corp [Channel Five "
                        "(US, news), Daily Star (US, news)]"));

  // Different owners: two independent origins.
  StoryBuilder b2("US");
  OutletId c1 = b2.AddOutlet("Channel Five", "US", OutletKind::kNews, "Big Media Corp");
  OutletId c2 = b2.AddOutlet("Daily Star", "US", OutletKind::kNews, "Other Corp");
  ArticleId x2 = b2.AddArticle(c1, "2016-04-14", "Officer John Doe said it happened.");
  b2.Attribute(x2, SourceKind::kPerson, "Officer John Doe");
  ArticleId y2 = b2.AddArticle(c2, "2016-04-14", "The mayor's office said it happened.");
  b2.Attribute(y2, SourceKind::kOfficial, "The mayor's office");
  EXPECT_EQ(Analyze(b2.Input(), TestPolicies()).counts.independent_origins, 2);
}

TEST(AnalyzeTest, WholeCopiesOfOneWireStoryAreOneIndependentOrigin) {
  StoryBuilder b("US");
  OutletId ap = b.AddOutlet("Associated Press", "US", OutletKind::kWire);
  OutletId p1 = b.AddOutlet("Paper One", "US", OutletKind::kNews);
  OutletId p2 = b.AddOutlet("Paper Two", "US", OutletKind::kNews);
  const std::string text = "Police chief Ann Lee said the bridge collapsed.";
  ArticleId w = b.AddArticle(ap, "2016-04-14T10:00:00Z", text);
  b.Attribute(w, SourceKind::kOfficial, "Police chief Ann Lee");
  ArticleId c1 = b.AddArticle(p1, "2016-04-14T12:00:00Z", text);
  b.Attribute(c1, SourceKind::kOfficial, "Police chief Ann Lee");  // the wire's source, copied
  ArticleId c2 = b.AddArticle(p2, "2016-04-14T13:00:00Z", text);
  b.Attribute(c2, SourceKind::kOfficial, "Police chief Ann Lee");
  b.Copy(w, c1, ReuseClass::kWhole);
  b.Copy(w, c2, ReuseClass::kWhole);
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(r.counts.independent_origins, 1);
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
  EXPECT_EQ(RoleOf(r, w), NodeRole::kOrigin);
  EXPECT_EQ(RoleOf(r, c1), NodeRole::kEcho);
  EXPECT_EQ(RoleOf(r, c2), NodeRole::kEcho);
  const EchoInfo* e = EchoOf(r, b.Url(c1));
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->echoes, ElementsAre("Associated Press"));
  EXPECT_THAT(e->via, ElementsAre("copies"));

  // A partial copy with its own sources stays an origin.
  StoryBuilder b2("US");
  OutletId ap2 = b2.AddOutlet("Associated Press", "US", OutletKind::kWire);
  OutletId q = b2.AddOutlet("Paper One", "US", OutletKind::kNews);
  ArticleId w2 = b2.AddArticle(ap2, "2016-04-14", text);
  b2.Attribute(w2, SourceKind::kOfficial, "Police chief Ann Lee");
  ArticleId own = b2.AddArticle(q, "2016-04-15", text + " Resident Bo Chan said he heard it.");
  b2.Attribute(own, SourceKind::kPerson, "Resident Bo Chan");
  b2.Copy(w2, own, ReuseClass::kPartial);
  Report r2 = Analyze(b2.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r2, own), NodeRole::kOrigin);
  EXPECT_EQ(r2.counts.independent_origins, 2);
}

TEST(AnalyzeTest, WireCreditsWithoutTheWireArticleShareOneExternalOrigin) {
  StoryBuilder b("US");
  OutletId ap = b.AddOutlet("Associated Press", "US", OutletKind::kWire);
  b.registry();  // AP has no article in the story
  OutletId p1 = b.AddOutlet("Paper One", "US", OutletKind::kNews);
  OutletId p2 = b.AddOutlet("Paper Two", "US", OutletKind::kNews);
  const std::string text = "DALLAS (Associated Press) — Police said the bridge collapsed.";
  for (OutletId p : {p1, p2}) {
    ArticleId id = b.AddArticle(p, "2016-04-14", text);
    Dateline& d = b.article(id).dateline;
    d.text = "DALLAS (Associated Press) —";
    d.place = "Dallas";
    d.country = "US";
    d.credit = "Associated Press";
    d.end = static_cast<uint32_t>(d.text.size());
  }
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(r.counts.independent_origins, 1);
  ASSERT_EQ(r.origins.size(), 1u);
  EXPECT_EQ(r.origins[0].outlet, "Associated Press");
  EXPECT_EQ(r.origins[0].outlet_id, ap);
  EXPECT_TRUE(r.origins[0].external);
  EXPECT_EQ(r.echoes.size(), 2u);
}

TEST(AnalyzeTest, SelfCitationStaysOrigin) {
  StoryBuilder b("US");
  OutletId x = b.AddOutlet("Gazette", "US", OutletKind::kNews);
  OutletId y = b.AddOutlet("Courier", "US", OutletKind::kNews);
  ArticleId first = b.AddArticle(x, "2016-04-14", "Witness Al Kim said he saw the camp.");
  b.Attribute(first, SourceKind::kPerson, "Witness Al Kim");
  ArticleId follow = b.AddArticle(x, "2016-04-16", "As the Gazette reported, there is a camp.");
  b.Attribute(follow, SourceKind::kOutlet, "the Gazette", Stance::kAsserts, x).self_citation = true;
  ArticleId other = b.AddArticle(y, "2016-04-17", "As the Gazette reported, there is a camp.");
  b.Attribute(other, SourceKind::kOutlet, "the Gazette", Stance::kAsserts, x);
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r, first), NodeRole::kOrigin);
  EXPECT_EQ(RoleOf(r, follow), NodeRole::kOrigin);
  EXPECT_EQ(RoleOf(r, other), NodeRole::kEcho);
  ASSERT_EQ(r.origins.size(), 1u);
  EXPECT_EQ(r.origins[0].articles.size(), 2u);
  EXPECT_EQ(r.counts.independent_origins, 1);
  // The self-citation edge is drawn but marked self.
  bool self_edge = false;
  for (const Edge& e : r.edges) {
    if (r.nodes[e.from].article == follow && r.nodes[e.to].article == first) self_edge = e.self;
  }
  EXPECT_TRUE(self_edge);

  // Even with no earlier article of its own in the story.
  StoryBuilder b2("US");
  OutletId z = b2.AddOutlet("Gazette", "US", OutletKind::kNews);
  ArticleId only = b2.AddArticle(z, "2016-04-16", "As the Gazette reported, there is a camp.");
  b2.Attribute(only, SourceKind::kOutlet, "the Gazette", Stance::kAsserts, z).self_citation = true;
  Report r2 = Analyze(b2.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r2, only), NodeRole::kOrigin);
  EXPECT_EQ(r2.verdict, Verdict::kSingleSource);
}

TEST(AnalyzeTest, SelfCitationOfAnEchoIsStillAnEcho) {
  StoryBuilder b("US");
  OutletId jw = b.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy);
  OutletId blog = b.AddOutlet("Blog One", "US", OutletKind::kBlog, "", "blogone.example");
  ArticleId first = b.AddArticle(blog, "2016-04-14", "Judicial Watch says there is a camp.");
  b.Attribute(first, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw);
  ArticleId follow = b.AddArticle(blog, "2016-04-16", "As Blog One reported, there is a camp.");
  b.Attribute(follow, SourceKind::kOutlet, "Blog One", Stance::kAsserts, blog).self_citation = true;
  // Navigation links to its own site are not provenance.
  b.article(follow).links = {"https://blogone.example/", b.Url(first)};
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r, first), NodeRole::kEcho);
  EXPECT_EQ(RoleOf(r, follow), NodeRole::kEcho);
  const EchoInfo* e = EchoOf(r, b.Url(follow));
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->echoes, ElementsAre("Judicial Watch"));
  EXPECT_EQ(r.counts.origins, 1);
  EXPECT_TRUE(r.origins[0].external);
}

TEST(AnalyzeTest, DatelineIsOwnReportingOnlyWhenNotRelaying) {
  StoryBuilder b("MX");
  OutletId jw = b.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy);
  OutletId us = b.AddOutlet("US Daily", "US", OutletKind::kNews);
  OutletId mx = b.AddOutlet("El Norte", "MX", OutletKind::kNews);
  auto set_dateline = [&](ArticleId id, const std::string& text, const std::string& cc) {
    Dateline& d = b.article(id).dateline;
    d.text = text;
    d.country = cc;
    d.end = static_cast<uint32_t>(text.size());
  };
  ArticleId relay =
      b.AddArticle(us, "2016-04-15", "WASHINGTON — According to Judicial Watch, there is a camp.");
  set_dateline(relay, "WASHINGTON —", "US");
  b.Attribute(relay, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw);
  ArticleId ground = b.AddArticle(mx, "2016-04-16", "ANAPRA, Chihuahua — No hay campamento aquí.");
  set_dateline(ground, "ANAPRA, Chihuahua —", "MX");
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r, relay), NodeRole::kEcho);
  EXPECT_EQ(RoleOf(r, ground), NodeRole::kOrigin);
  const OriginInfo* norte = nullptr;
  for (const OriginInfo& o : r.origins) {
    if (o.outlet == "El Norte") norte = &o;
  }
  ASSERT_NE(norte, nullptr);
  ASSERT_EQ(norte->evidence.size(), 1u);
  EXPECT_EQ(norte->evidence[0].text, "ANAPRA, Chihuahua —");
  EXPECT_TRUE(norte->in_country);

  Options no_dateline;
  no_dateline.dateline_counts_as_source = false;
  Report r2 = Analyze(b.Input(), TestPolicies(), no_dateline);
  EXPECT_EQ(RoleOf(r2, ground), NodeRole::kUnsourced);
}

TEST(AnalyzeTest, EchoOfEchoIsTransitive) {
  StoryBuilder b("US");
  OutletId o = b.AddOutlet("Origin News", "US", OutletKind::kNews);
  OutletId e1 = b.AddOutlet("Echo One", "US", OutletKind::kBlog);
  OutletId e2 = b.AddOutlet("Echo Two", "US", OutletKind::kBlog);
  OutletId e3 = b.AddOutlet("Echo Three", "US", OutletKind::kBlog);
  ArticleId src = b.AddArticle(o, "2016-04-14", "Sheriff Dan Ruiz said so.");
  b.Attribute(src, SourceKind::kOfficial, "Sheriff Dan Ruiz");
  ArticleId a1 = b.AddArticle(e1, "2016-04-15", "Origin News reported it.");
  b.Attribute(a1, SourceKind::kOutlet, "Origin News", Stance::kAsserts, o);
  ArticleId a2 = b.AddArticle(e2, "2016-04-16", "See this post.");
  b.article(a2).links.push_back(b.Url(a1));
  ArticleId a3 = b.AddArticle(e3, "2016-04-17", "See this post.");
  b.Copy(a2, a3, ReuseClass::kPartial);
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r, a1), NodeRole::kEcho);
  EXPECT_EQ(RoleOf(r, a2), NodeRole::kEcho);
  EXPECT_EQ(RoleOf(r, a3), NodeRole::kEcho);
  const EchoInfo* e = EchoOf(r, b.Url(a3));
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->echoes, ElementsAre("Origin News"));
  EXPECT_THAT(e->via, ElementsAre("cites", "copies", "links"));
  EXPECT_THAT(EchoOf(r, b.Url(a2))->via, ElementsAre("cites", "links"));
  EXPECT_EQ(r.counts.origins, 1);
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
}

TEST(AnalyzeTest, CitedOutletWithoutArticleIsAnExternalOriginNode) {
  StoryBuilder b("US");
  OutletId jw = b.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy, "", "judicialwatch.org");
  OutletId blog = b.AddOutlet("Blog One", "US", OutletKind::kBlog);
  OutletId blog2 = b.AddOutlet("Blog Two", "US", OutletKind::kBlog);
  ArticleId a = b.AddArticle(blog, "2016-04-14", "According to Judicial Watch, a camp.");
  b.Attribute(a, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw);
  ArticleId c = b.AddArticle(blog2, "2016-04-15", "Read it here.");
  b.article(c).links.push_back("https://www.judicialwatch.org/blog/2016/04/camp/");
  Report r = Analyze(b.Input(), TestPolicies());
  size_t externals = 0;
  for (const Node& n : r.nodes) {
    if (!n.external) continue;
    ++externals;
    EXPECT_EQ(n.outlet, "Judicial Watch");
    EXPECT_EQ(n.role, NodeRole::kOrigin);
    EXPECT_EQ(n.id, "o" + std::to_string(jw));
  }
  EXPECT_EQ(externals, 1u);
  ASSERT_EQ(r.origins.size(), 1u);
  EXPECT_TRUE(r.origins[0].external);
  EXPECT_THAT(EchoOf(r, b.Url(a))->via, ElementsAre("cites"));
  EXPECT_THAT(EchoOf(r, b.Url(c))->via, ElementsAre("links"));
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
}

TEST(AnalyzeTest, InCountryByDatelineOrByOutletCountry) {
  StoryBuilder b("MX");
  OutletId us = b.AddOutlet("US Daily", "US", OutletKind::kNews);
  OutletId mx = b.AddOutlet("El Norte", "MX", OutletKind::kNews);
  OutletId us2 = b.AddOutlet("US Weekly", "US", OutletKind::kNews);
  const std::string t1 = "CIUDAD JUÁREZ, Mexico — Mayor Ana Paz said there is no such place.";
  ArticleId dated = b.AddArticle(us, "2016-04-14", t1);
  Dateline& d = b.article(dated).dateline;
  d.text = "CIUDAD JUÁREZ, Mexico —";
  d.place = "Ciudad Juárez";
  d.country = "MX";
  d.end = static_cast<uint32_t>(d.text.size());
  b.Attribute(dated, SourceKind::kOfficial, "Mayor Ana Paz");
  ArticleId local = b.AddArticle(mx, "2016-04-14", "El alcalde dijo que no existe.");
  b.Attribute(local, SourceKind::kOfficial, "El alcalde");
  ArticleId far = b.AddArticle(us2, "2016-04-14", "Senator Bo Li said it exists.");
  b.Attribute(far, SourceKind::kOfficial, "Senator Bo Li");
  Report r = Analyze(b.Input(), TestPolicies());
  ASSERT_EQ(r.origins.size(), 3u);
  for (const OriginInfo& o : r.origins) {
    if (o.outlet == "US Daily") {
      EXPECT_TRUE(o.in_country) << "dateline in MX";
    } else if (o.outlet == "El Norte") {
      EXPECT_TRUE(o.in_country) << "outlet in MX";
    } else {
      EXPECT_EQ(o.outlet, "US Weekly");
      EXPECT_FALSE(o.in_country);
    }
  }
  EXPECT_EQ(r.counts.independent_origins, 3);
  EXPECT_EQ(r.counts.in_country_origins, 2);
  EXPECT_EQ(r.verdict, Verdict::kCorroborated);
}

TEST(AnalyzeTest, DenialsListedWithWhoAndWhenWhateverTheVerdict) {
  StoryBuilder b("US");
  OutletId o = b.AddOutlet("Origin News", "US", OutletKind::kNews);
  OutletId e = b.AddOutlet("Echo Blog", "US", OutletKind::kBlog);
  ArticleId src = b.AddArticle(o, "2016-04-14", "Witness Al Kim said he saw the camp.");
  b.Attribute(src, SourceKind::kPerson, "Witness Al Kim");
  ArticleId echo = b.AddArticle(
      e, "2016-04-15T09:00:00Z",
      "Origin News reported a camp. The Defense Department denied the report on Friday.");
  b.Attribute(echo, SourceKind::kOutlet, "Origin News", Stance::kAsserts, o);
  b.Attribute(echo, SourceKind::kOfficial, "The Defense Department", Stance::kDenies);
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);  // an official denial alone does not dispute
  ASSERT_EQ(r.denials.size(), 1u);
  EXPECT_EQ(r.counts.denials, 1);
  EXPECT_EQ(r.denials[0].who, "The Defense Department");
  EXPECT_TRUE(r.denials[0].official);
  EXPECT_EQ(r.denials[0].url, b.Url(echo));
  ASSERT_TRUE(r.denials[0].published.has_value());
  EXPECT_EQ(FormatRfc3339(*r.denials[0].published), "2016-04-15T09:00:00Z");
  EXPECT_EQ(r.denials[0].evidence.text, "The Defense Department");
  EXPECT_EQ(RoleOf(r, echo), NodeRole::kEcho);  // a denial is not its own report of the claim
  EXPECT_THAT(r.explanation, HasSubstr("denied by The Defense Department on 2016-04-15"));

  // With denials_dispute, the official denial makes the story disputed.
  Report r2 = Analyze(b.Input(), TestPolicies(/*denials_dispute=*/true));
  EXPECT_EQ(r2.verdict, Verdict::kDisputed);
}

TEST(AnalyzeTest, DisputedWhenAnOriginDeniesWhatAnotherAsserts) {
  StoryBuilder b("MX");
  OutletId us = b.AddOutlet("US Daily", "US", OutletKind::kNews);
  OutletId mx = b.AddOutlet("El Norte", "MX", OutletKind::kNews);
  ArticleId a = b.AddArticle(us, "2016-04-14", "Rancher Jo Cole said she saw a camp.");
  b.Attribute(a, SourceKind::kPerson, "Rancher Jo Cole");
  ArticleId d = b.AddArticle(mx, "2016-04-15", "El ejército negó que exista un campamento.");
  b.Attribute(d, SourceKind::kOfficial, "El ejército", Stance::kDenies);
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r, d), NodeRole::kOrigin);
  EXPECT_EQ(r.counts.denying_origins, 1);
  EXPECT_EQ(r.counts.independent_origins, 1);  // the denying origin does not corroborate
  EXPECT_EQ(r.verdict, Verdict::kDisputed);
  EXPECT_THAT(r.explanation, HasSubstr("contradicted by El Norte"));
}

TEST(AnalyzeTest, AnonymousOnlyOriginsCountOnlyWhenThePolicySaysSo) {
  StoryBuilder b("US");
  OutletId o = b.AddOutlet("Origin News", "US", OutletKind::kNews);
  ArticleId a = b.AddArticle(o, "2016-04-14", "A source who asked not to be named said so.");
  b.Attribute(a, SourceKind::kAnonymous, "A source who asked not to be named");
  Report counted = Analyze(b.Input(), TestPolicies(false, /*anonymous_counts=*/true));
  ASSERT_EQ(counted.origins.size(), 1u);
  EXPECT_TRUE(counted.origins[0].anonymous_only);
  EXPECT_EQ(counted.verdict, Verdict::kSingleSource);
  Report not_counted = Analyze(b.Input(), TestPolicies(false, /*anonymous_counts=*/false));
  EXPECT_EQ(not_counted.counts.independent_origins, 0);
  EXPECT_EQ(not_counted.counts.anonymous_only_origins, 1);
  EXPECT_EQ(not_counted.verdict, Verdict::kUnsourced);
  EXPECT_THAT(not_counted.explanation, HasSubstr("which this policy does not count"));
}

TEST(AnalyzeTest, WireBylineMakesTheArticleAnEchoOfTheWire) {
  StoryBuilder b("US");
  OutletId reuters = b.AddOutlet("Reuters", "GB", OutletKind::kWire, "", "reuters.com");
  OutletId paper = b.AddOutlet("Paper One", "US", OutletKind::kNews);
  const std::string text = "Police said the bridge collapsed on Friday.";
  ArticleId own = b.AddArticle(reuters, "2016-04-14", text);
  b.article(own).byline = "By Reuters";
  b.Attribute(own, SourceKind::kOfficial, "Police");
  ArticleId copy = b.AddArticle(paper, "2016-04-14T06:00:00Z", text);
  b.article(copy).byline = "By Reuters";
  b.Attribute(copy, SourceKind::kOfficial, "Police");
  Report r = Analyze(b.Input(), TestPolicies());
  EXPECT_EQ(RoleOf(r, own), NodeRole::kOrigin);  // the wire's own site: its own report
  EXPECT_EQ(RoleOf(r, copy), NodeRole::kEcho);
  const EchoInfo* e = EchoOf(r, b.Url(copy));
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->echoes, ElementsAre("Reuters"));
  EXPECT_EQ(r.counts.independent_origins, 1);
  Options o;
  o.wire_credit_is_citation = false;
  Report r2 = Analyze(b.Input(), TestPolicies(), o);
  EXPECT_EQ(RoleOf(r2, copy), NodeRole::kOrigin);
}

}  // namespace
}  // namespace headwater::provenance
