// Feeds: RSS 2.0, RSS 1.0, Atom, OPML, RFC 822 dates, malformed and hostile XML
// (fixtures in tests/fixtures/feeds/).
#include "ingest/feed.h"

#include <gtest/gtest.h>

#include <chrono>

#include "common/paths.h"
#include "normalize/html_text.h"

namespace headwater::ingest {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(HEADWATER_TEST_FIXTURES) + "/feeds/" + name;
}

TEST(Rfc822, ParsesRssDates) {
  EXPECT_EQ(ParseRfc822("Tue, 10 Jun 2003 04:00:00 GMT"), 1055217600);
  EXPECT_EQ(ParseRfc822("10 Jun 2003 04:00:00 +0000"), 1055217600);
  EXPECT_EQ(ParseRfc822("Tue, 10 Jun 2003 06:00:00 +0200"), 1055217600);
  EXPECT_EQ(ParseRfc822("Mon, 09 Jun 03 23:00 EST"), 1055217600);  // 2-digit year, no seconds
  EXPECT_EQ(ParseRfc822("Tue, 10 June 2003 04:00:00 Z"), 1055217600);
  EXPECT_EQ(ParseRfc822("2003-06-10T04:00:00Z"), 1055217600);  // RFC 3339 fallback
  EXPECT_FALSE(ParseRfc822("sometime last week"));
  EXPECT_FALSE(ParseRfc822("Tue, 31 Feb 2003 04:00:00 GMT"));
  EXPECT_FALSE(ParseRfc822("Tue, 10 Jun 2003 25:00:00 GMT"));
  EXPECT_FALSE(ParseRfc822("Tue, 10 Foo 2003 04:00:00 GMT"));
  EXPECT_FALSE(ParseRfc822("Tue, 10 Jun 2003 04:00:00 XYZ"));
  EXPECT_FALSE(ParseRfc822(""));
}

TEST(Feed, Rss2ItemsFieldsAndItemErrors) {
  auto r = ReadFeed(Fixture("rss2.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, "rss2");
  EXPECT_EQ(r->title, "Valley Ledger");
  EXPECT_EQ(r->link, "https://valley-ledger.example/");
  EXPECT_EQ(r->parsed.lines, 5u);
  ASSERT_EQ(r->parsed.articles.size(), 3u);
  const normalize::Input& a = r->parsed.articles[0].input;
  EXPECT_EQ(a.url, "https://valley-ledger.example/2024/03/bridge");
  EXPECT_EQ(a.title, "Council approves the new bridge");
  EXPECT_NE(a.html.find("<p>The council voted 7-2"), std::string::npos);  // content:encoded wins
  EXPECT_EQ(a.published, 1709645400);                                     // 14:30 +01:00 = 13:30Z
  EXPECT_EQ(a.byline, "Ana Ruiz");
  EXPECT_EQ(a.outlet, "Valley Ledger");
  const normalize::Input& b = r->parsed.articles[1].input;
  EXPECT_EQ(b.url, "https://valley-ledger.example/2024/03/flood");  // permalink guid
  EXPECT_EQ(b.title, "Río flooding closes road");
  EXPECT_EQ(b.html, "<p>Heavy rain closed Route 9, police said.</p>");  // escaped markup decoded
  EXPECT_EQ(b.published, 1709730000);                                   // 08:00 EST = 13:00Z
  EXPECT_EQ(b.byline, "Luis Peña");
  const normalize::Input& c = r->parsed.articles[2].input;
  EXPECT_EQ(c.text, "A plain-text summary & nothing else.");
  EXPECT_TRUE(c.html.empty());
  EXPECT_FALSE(c.published);
  EXPECT_EQ(r->parsed.articles[2].line, 3u);
  ASSERT_EQ(r->parsed.errors.size(), 2u);
  EXPECT_EQ(r->parsed.errors[0].line, 4u);
  EXPECT_EQ(r->parsed.errors[0].field, "link");
  EXPECT_EQ(r->parsed.errors[1].line, 5u);
  EXPECT_EQ(r->parsed.errors[1].field, "pubDate");
  EXPECT_NE(r->parsed.errors[1].ToString().find("rss2.xml:5: field `pubDate`"), std::string::npos)
      << r->parsed.errors[1].ToString();
}

TEST(Feed, FeedHtmlFragmentsYieldText) {
  auto r = ReadFeed(Fixture("rss2.xml"));
  ASSERT_TRUE(r.ok());
  auto h =
      normalize::ExtractHtml(r->parsed.articles[1].input.html, r->parsed.articles[1].input.url);
  EXPECT_NE(h.text.find("Heavy rain closed Route 9"), std::string::npos) << h.text;
}

TEST(Feed, Rss1RdfItems) {
  auto r = ReadFeed(Fixture("rss1.rdf"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, "rss1");
  EXPECT_EQ(r->title, "The Gazette");
  ASSERT_EQ(r->parsed.articles.size(), 2u);
  EXPECT_TRUE(r->parsed.errors.empty());
  const normalize::Input& a = r->parsed.articles[0].input;
  EXPECT_EQ(a.url, "https://gazette.example/a1");
  EXPECT_EQ(a.text, "The mayor of San José resigned on Monday.");  // char refs decoded to UTF-8
  EXPECT_EQ(a.published, 1709565300);                              // dc:date 09:15-06:00 = 15:15Z
  EXPECT_EQ(a.byline, "M. José");
  EXPECT_EQ(r->parsed.articles[1].input.url, "https://gazette.example/a2");  // from rdf:about
  EXPECT_EQ(r->parsed.articles[1].input.published, 1709596800);
}

TEST(Feed, AtomEntries) {
  auto r = ReadFeed(Fixture("atom.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->format, "atom");
  EXPECT_EQ(r->title, "Wire Service");
  ASSERT_EQ(r->parsed.articles.size(), 3u)
      << (r->parsed.errors.empty() ? "" : r->parsed.errors[0].ToString());
  const normalize::Input& a = r->parsed.articles[0].input;
  EXPECT_EQ(a.url, "https://wire.example/news/2024/storm");  // resolved against xml:base
  EXPECT_EQ(a.published, 1709712000);                        // published, not updated
  EXPECT_EQ(a.byline, "Kim Lee");
  EXPECT_NE(a.html.find("<p>The storm reached the coast at dawn"), std::string::npos) << a.html;
  EXPECT_NE(a.html.find("href=\"https://wire.example/map\""), std::string::npos);
  const normalize::Input& b = r->parsed.articles[1].input;
  EXPECT_EQ(b.html, "<p>Stocks rose 2%, traders said.</p>");  // summary when no content
  EXPECT_EQ(b.published, 1709748000);                         // updated when no published
  EXPECT_EQ(b.byline, "Wire Staff");                          // feed-level author
  const normalize::Input& c = r->parsed.articles[2].input;
  EXPECT_EQ(c.url, "https://wire.example/news/2024/text");  // http(s) id when no link
  EXPECT_EQ(c.text, "Plain text body.");
}

TEST(Feed, OpmlListsFeedsInOrder) {
  auto r = ReadOpml(Fixture("subscriptions.opml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].url, "https://valley-ledger.example/feed");
  EXPECT_EQ((*r)[0].title, "Valley Ledger");
  EXPECT_EQ((*r)[0].html_url, "https://valley-ledger.example/");
  EXPECT_EQ((*r)[1].title, "Wire Service");  // title attribute preferred over text
  EXPECT_EQ((*r)[2].url, "https://gazette.example/rss");
  EXPECT_FALSE(ParseOpml("<rss/>", "x.opml").ok());
}

TEST(Feed, SniffsRootElement) {
  for (const auto& [file, kind] :
       std::vector<std::pair<std::string, std::string>>{{"rss2.xml", "rss2"},
                                                        {"rss1.rdf", "rss1"},
                                                        {"atom.xml", "atom"},
                                                        {"subscriptions.opml", "opml"},
                                                        {"bomb.xml", "rss2"}}) {
    auto data = ReadFile(Fixture(file));
    ASSERT_TRUE(data.ok());
    EXPECT_EQ(SniffXmlKind(*data), kind) << file;
  }
  EXPECT_EQ(SniffXmlKind("{\"url\":\"https://a.b/\"}"), "");
  EXPECT_EQ(SniffXmlKind("<!-- c --><html><body/></html>"), "");
}

TEST(Feed, MalformedXmlNamesFileAndLine) {
  auto r = ReadFeed(Fixture("malformed.xml"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("malformed.xml:8: not well-formed XML"), std::string::npos)
      << r.status().message();
  auto not_feed = ParseFeed("<html><body/></html>", "page.xml");
  ASSERT_FALSE(not_feed.ok());
  EXPECT_NE(not_feed.status().message().find("page.xml: not a feed"), std::string::npos);
  EXPECT_FALSE(ParseFeed("", "empty.xml").ok());
}

TEST(Feed, UndeclaredHtmlEntitiesAreReadWithAWarning) {
  auto r = ReadFeed(Fixture("html-entities.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->warning.find(
                "html-entities.xml:4: undeclared entities (first &nbsp;) read as HTML entities"),
            std::string::npos)
      << r->warning;
  ASSERT_EQ(r->parsed.articles.size(), 1u);
  EXPECT_EQ(r->parsed.articles[0].input.url, "https://careless.example/1");
  EXPECT_EQ(r->parsed.articles[0].input.text, "Up 3% & climbing.");
  EXPECT_EQ(r->parsed.articles[0].input.title, "Prices rise \u2014 again");
  EXPECT_EQ(r->title, "Careless\u00a0Feed");
  // Undeclared entities plus a real fault: still refused.
  auto bad = ParseFeed("<rss><channel><title>&nbsp;</title><item></channel></rss>", "both.xml");
  EXPECT_FALSE(bad.ok());
  EXPECT_TRUE(ReadFeed(Fixture("rss2.xml"))->warning.empty());
}

TEST(Feed, EntityBombIsRefusedOrBounded) {
  auto start = std::chrono::steady_clock::now();
  auto r = ReadFeed(Fixture("bomb.xml"));
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(secs, 2.0);
  if (r.ok()) {
    size_t total = r->title.size();
    for (const auto& a : r->parsed.articles)
      total += a.input.title.size() + a.input.html.size() + a.input.text.size();
    EXPECT_LT(total, 10000u);  // expanded, it would be 3 x 10^9 bytes
  } else {
    EXPECT_NE(r.status().message().find("bomb.xml"), std::string::npos);
  }
}

TEST(Feed, SmallEntityChainsAreNotExpanded) {
  // Below libxml2's amplification limit the document parses; entity references stay unexpanded.
  std::string doc =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;\"><!ENTITY c \"&b;&b;\">]>"
      "<rss><channel><title>T</title><item><title>x&c;y</title><link>https://e.example/1</link>"
      "</item></channel></rss>";
  auto r = ParseFeed(doc, "small-bomb.xml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->parsed.articles.size(), 1u);
  EXPECT_EQ(r->parsed.articles[0].input.title, "xy");
}

TEST(Feed, ExternalEntitiesAreNotLoaded) {
  auto r = ReadFeed(Fixture("xxe.xml"));
  if (!r.ok()) return;  // refusing is also safe
  ASSERT_EQ(r->parsed.articles.size(), 1u);
  EXPECT_EQ(r->parsed.articles[0].input.title, "Leak");  // &secret; neither loaded nor expanded
}

TEST(Feed, SizeAndItemCaps) {
  auto data = ReadFile(Fixture("rss2.xml"));
  ASSERT_TRUE(data.ok());
  FeedOptions small;
  small.max_file_bytes = 100;
  auto big = ParseFeed(*data, "rss2.xml", small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
  FeedOptions few;
  few.max_items = 2;
  auto r = ParseFeed(*data, "rss2.xml", few);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->parsed.articles.size(), 2u);
  ASSERT_EQ(r->parsed.errors.size(), 1u);
  EXPECT_EQ(r->parsed.errors[0].line, 3u);
  // Nesting: text deeper than max_depth is not read; beyond libxml2's limit (256) the document
  // is refused; neither recurses without bound.
  auto nested = [](int depth) {
    std::string d = "<rss><channel><item><link>https://n.example/1</link><title>a";
    for (int i = 0; i < depth; ++i) d += "<b>";
    d += "deep";
    for (int i = 0; i < depth; ++i) d += "</b>";
    return d + "</title></item></channel></rss>";
  };
  auto shallow = ParseFeed(nested(10), "nested.xml");
  ASSERT_TRUE(shallow.ok());
  EXPECT_EQ(shallow->parsed.articles[0].input.title, "adeep");
  auto deep = ParseFeed(nested(100), "nested.xml");
  ASSERT_TRUE(deep.ok()) << deep.status().ToString();
  EXPECT_EQ(deep->parsed.articles[0].input.title, "a");
  auto deeper = ParseFeed(nested(100000), "nested.xml");
  EXPECT_FALSE(deeper.ok());
}

}  // namespace
}  // namespace headwater::ingest
