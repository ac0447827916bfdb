// ExtractHtml on small hand-written pages: metadata sources and their precedence, main text
// against boilerplate, links, and hostile input (deep nesting, huge page, invalid UTF-8).
#include "normalize/html_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "common/text.h"
#include "normalize/page_file.h"

namespace headwater::normalize {
namespace {

std::string Para(int i) {
  return "<p>Paragraph " + std::to_string(i) +
         " of the story says what happened, where, and why it matters to readers of the paper.</p>";
}

std::string Page(const std::string& head, const std::string& body) {
  return "<html><head>" + head + "</head><body>" + body + "</body></html>";
}

TEST(HtmlTextTest, MainTextDropsMenusSidebarsCommentsAndFooters) {
  std::string body =
      "<nav><a href='/a'>Home</a><a href='/b'>World</a></nav>"
      "<div class='sidebar'><p>Most read: prices rise again across the state, officials "
      "said.</p></div>"
      "<div class='content'><div class='article-body'>";
  for (int i = 0; i < 6; ++i) body += Para(i);
  body +=
      "<p><a href='https://x.example/teaser'>Read this other story about something else</a></p>";
  body +=
      "</div></div><div id='comments'><p>Great article, thanks, I agree with all of it, "
      "really.</p></div>"
      "<footer><p>Copyright 2020 The Paper, all rights reserved.</p></footer>";
  HtmlArticle a = ExtractHtml(Page("<title>T</title>", body), "https://paper.example/x");
  for (int i = 0; i < 6; ++i)
    EXPECT_NE(a.text.find("Paragraph " + std::to_string(i)), std::string::npos) << a.text;
  for (const char* junk : {"Home", "Most read", "Great article", "Copyright", "Read this other"})
    EXPECT_EQ(a.text.find(junk), std::string::npos) << junk << "\n" << a.text;
  EXPECT_EQ(std::count(a.text.begin(), a.text.end(), '\n'), 5);
}

TEST(HtmlTextTest, LooseTextBetweenBreaksIsKept) {
  std::string body =
      "<div id='wrap'><ul><li><a href='/1'>Menu one</a></li><li><a href='/2'>Menu two</a></li></ul>"
      "<div class='post-body'>First line of the post, with some words, and more words.<br>"
      "Second line of the post, with other words, and yet more words here.<br></div></div>";
  HtmlArticle a = ExtractHtml(Page("", body), "");
  EXPECT_NE(a.text.find("First line of the post"), std::string::npos) << a.text;
  EXPECT_NE(a.text.find("Second line"), std::string::npos) << a.text;
  EXPECT_EQ(a.text.find("Menu one"), std::string::npos) << a.text;
}

TEST(HtmlTextTest, MetadataPrecedence) {
  std::string body =
      "<article><h1>Heading One</h1>"
      "<time datetime='2019-11-20T08:00:00Z'>Nov 20</time>"
      "<a rel='author' href='/by/jane'>Jane Roe</a>" +
      Para(1) + Para(2) + Para(3) + "</article>";
  // Only <title>, <h1>, <time>, rel=author: each is used.
  HtmlArticle a = ExtractHtml(Page("<title>Site | Title Tag</title>", body), "https://n.example/s");
  EXPECT_EQ(a.title, "Heading One");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(FormatRfc3339(*a.published), "2019-11-20T08:00:00Z");
  EXPECT_EQ(a.byline, "Jane Roe");
  EXPECT_EQ(a.canonical_url, "");
  // Meta tags and JSON-LD (in an @graph, with an author list) win over the body's hints.
  std::string head =
      "<meta property='og:title' content='OG Title'>"
      "<meta property='article:published_time' content='2019-11-19 10:00:00+0000'>"
      "<meta property='og:url' content='https://n.example/og'>"
      "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"N\"},"
      "{\"@type\":[\"NewsArticle\"],\"datePublished\":\"2019-01-01\",\"author\":[{\"name\":\"A. "
      "One\"},"
      "{\"name\":\"B. Two\"}]}]}</script>";
  HtmlArticle b = ExtractHtml(Page(head, body), "https://n.example/s");
  EXPECT_EQ(b.title, "OG Title");
  ASSERT_TRUE(b.published.has_value());
  EXPECT_EQ(FormatRfc3339(*b.published), "2019-11-19T10:00:00Z");
  EXPECT_EQ(b.byline, "A. One, B. Two");
  EXPECT_EQ(b.canonical_url, "https://n.example/og");
  // A broken or absurdly nested JSON-LD block is ignored, not fatal.
  std::string bad = "<script type='application/ld+json'>" + std::string(100000, '[') +
                    "</script>"
                    "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",</script>"
                    "<link rel='canonical' href='/canon'>";
  HtmlArticle c = ExtractHtml(Page(bad, body), "https://n.example/s");
  EXPECT_EQ(c.canonical_url, "https://n.example/canon");
  EXPECT_EQ(c.title, "Heading One");
}

TEST(HtmlTextTest, LinksAreOutboundAndInsideTheArticleOnly) {
  std::string body =
      "<nav><a href='https://elsewhere.example/nav'>Partner</a></nav><div class='story'>"
      "<p>The ministry published <a href='https://gov.example/report.pdf'>a report</a> on "
      "Monday, which the paper read in full, and <a href='/2019/other'>our own story</a> "
      "covered it, with comments from experts and officials alike.</p>" +
      Para(1) + Para(2) + "</div>";
  HtmlArticle a = ExtractHtml(Page("", body), "https://paper.example/2019/x");
  EXPECT_EQ(a.links, std::vector<std::string>{"https://gov.example/report.pdf"});
}

TEST(HtmlTextTest, HostileInputStaysBounded) {
  auto t0 = std::chrono::steady_clock::now();
  // 100,000-deep nesting (gumbo builds it; our walks are iterative and stop at max_depth).
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "deep text";
  HtmlArticle a = ExtractHtml(Page("", Para(1) + deep), "");
  EXPECT_NE(a.text.find("Paragraph 1"), std::string::npos);
  auto lap = [&](const char* what) {
    std::printf("%s: %.2f s\n", what,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  };
  lap("100k divs");
  std::string spans;
  for (int i = 0; i < 100000; ++i) spans += "<span><b>";
  ExtractHtml(Page("", spans), "");
  lap("100k spans");
  // Invalid UTF-8 comes out valid.
  std::string bad =
      Page("<title>caf\xe9 \xff</title>", "<div class='article'>" + Para(1) +
                                              "<p>na\xc3\xefve \xed\xa0\x80 text, with enough "
                                              "words to count as a paragraph here.</p></div>");
  HtmlArticle u = ExtractHtml(bad, "");
  EXPECT_TRUE(IsValidUtf8(u.text)) << u.text;
  EXPECT_TRUE(IsValidUtf8(u.title));
  // A 200 MB page is cut at max_bytes before parsing.
  std::string huge = "<html><body><div class='article'>" + Para(0);
  huge.reserve(size_t{200} << 20);
  std::string filler = Para(7);
  while (huge.size() < (size_t{200} << 20)) huge += filler;
  HtmlOptions small;
  small.max_bytes = size_t{4} << 20;
  HtmlArticle h = ExtractHtml(huge, "", small);
  EXPECT_NE(h.text.find("Paragraph 0"), std::string::npos);
  EXPECT_LE(h.text.size(), small.max_bytes);
  lap("200 MB");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(secs, 20.0);  // Debug build; uncapped, the deep nesting alone took ~28 s
}

TEST(HtmlTextTest, GunzipRejectsTruncatedAndCapsOutput) {
  EXPECT_FALSE(Gunzip(std::string("\x1f\x8b\x08\x00garbage", 12)).ok());
  EXPECT_FALSE(Gunzip("").ok());
}

}  // namespace
}  // namespace headwater::normalize
