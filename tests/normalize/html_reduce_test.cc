// ReduceHtml (the scan before gumbo parses): what it leaves out, what it keeps, and that
// ExtractHtml gives the same article with and without it — on hand-written pages and on every
// page of ../shared/data/article-extraction-benchmark.
#include <dirent.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalize/html_internal.h"
#include "normalize/html_text.h"
#include "normalize/page_file.h"
#include "test_util.h"

namespace headwater::normalize {
namespace {

using internal::ReduceHtml;

TEST(HtmlReduceTest, LeavesOutScriptsStylesCommentsAndForeignContent) {
  std::string r = ReduceHtml(
      "<html><head><script>var a = '<p>no</p>';</script><style>p{color:red}</style>"
      "<!-- a comment <p>no</p> --><?xml version='1.0'?></head>"
      "<body><svg><svg><text>no</text></svg><title>no</title></svg><p>yes</p>"
      "<noscript><p>no</p></noscript><template><p>no</p></template>"
      "<textarea><p>no</p></textarea><math><mi>no</mi></math><p>still</p></body></html>");
  EXPECT_EQ(r.find("no"), std::string::npos) << r;
  EXPECT_NE(r.find("<p>yes</p>"), std::string::npos) << r;
  EXPECT_NE(r.find("<p>still</p>"), std::string::npos) << r;
}

TEST(HtmlReduceTest, KeepsJsonLdTitleAndDoctype) {
  std::string r = ReduceHtml(
      "<!DOCTYPE html><title>A &amp; B</title>"
      "<script type=\"application/ld+json\">{\"headline\":\"H <b>\"}</script>"
      "<script type='text/javascript'>x()</script>");
  EXPECT_EQ(r,
            "<!DOCTYPE html><title>A &amp; B</title>"
            "<script type=\"application/ld+json\">{\"headline\":\"H <b>\"}</script>");
}

TEST(HtmlReduceTest, KeepsOnlyTheAttributesThePassesRead) {
  EXPECT_EQ(ReduceHtml("<div class=\"a b\" data-x='1' onclick=\"f('>')\" id=main>t</div x=1>"),
            "<div class=\"a b\" id=main>t</div>");
  EXPECT_EQ(ReduceHtml("<meta property='og:title' content=\"T > U\" data-z>"),
            "<meta property='og:title' content=\"T > U\">");
  // Hiding styles and aria-hidden become a bare `hidden`; other styles go.
  EXPECT_EQ(ReduceHtml("<div style='DISPLAY: none'>x</div><span style='color:red'>y</span>"),
            "<div hidden>x</div><span>y</span>");
  EXPECT_EQ(ReduceHtml("<p aria-hidden=\"true\">x</p><p aria-hidden=false>y</p>"),
            "<p hidden>x</p><p>y</p>");
  // Only hrefs that can name another host survive on links.
  EXPECT_EQ(
      ReduceHtml("<a href=\"/local\">1</a><a href='#top'>2</a><a href=\"//cdn.example/x\">3</a>"
                 "<a HREF=\"https://other.example/\">4</a><link rel=canonical href=\"/c\">"),
      "<a>1</a><a>2</a><a href=\"//cdn.example/x\">3</a>"
      "<a HREF=\"https://other.example/\">4</a><link rel=canonical href=\"/c\">");
  EXPECT_EQ(ReduceHtml("<br/><img src=x.png alt=y />"), "<br/><img/>");
}

TEST(HtmlReduceTest, WhiteSpaceAndLiteralLessThan) {
  EXPECT_EQ(ReduceHtml("<p>a  \n\t b</p>\n   <p>c</p> <b>d</b> <i>e</i>"),
            "<p>a b</p><p>c</p> <b>d</b> <i>e</i>");
  EXPECT_EQ(ReduceHtml("1 < 2 <3 and </ 4"), "1 < 2 <3 and </ 4");
  // Unterminated constructs end the page instead of looping.
  EXPECT_EQ(ReduceHtml("<p>x</p><script>never closed <p>y</p>"), "<p>x</p>");
  EXPECT_EQ(ReduceHtml("<p>x<!-- never closed"), "<p>x");
  EXPECT_EQ(ReduceHtml("<p>x<a href=\"unterminated"), "<p>x<a>");
  EXPECT_EQ(ReduceHtml("<"), "<");
  EXPECT_EQ(ReduceHtml(""), "");
}

void ExpectSameArticle(const std::string& html, const std::string& url, const std::string& what) {
  HtmlOptions reduced, plain;
  plain.reduce_before_parse = false;
  HtmlArticle a = ExtractHtml(html, url, reduced), b = ExtractHtml(html, url, plain);
  EXPECT_EQ(a.text, b.text) << what;
  EXPECT_EQ(a.title, b.title) << what;
  EXPECT_EQ(a.byline, b.byline) << what;
  EXPECT_EQ(a.canonical_url, b.canonical_url) << what;
  EXPECT_EQ(a.published, b.published) << what;
  EXPECT_EQ(a.links, b.links) << what;
}

TEST(HtmlReduceTest, SameArticleOnAHandWrittenPage) {
  std::string page =
      "<!doctype html><html><head><title>T</title><meta name=author content='Ana Ruiz'>"
      "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":"
      "\"2020-01-02T03:04:05Z\"}</script><link rel=canonical href='/story'></head><body>"
      "<nav><a href='/'>Home</a></nav><div class='article-body'>";
  for (int i = 0; i < 5; ++i)
    page += "<p>Paragraph " + std::to_string(i) +
            " says, at length and with commas, what happened <a href='https://src.example/" +
            std::to_string(i) + "'>here</a> and <a href='/rel'>there</a>.</p>\n  <!-- c -->\n";
  page +=
      "<div style='display:none'><p>hidden text that must not show up in the article</p></div>"
      "</div><footer>Copyright</footer></body></html>";
  ExpectSameArticle(page, "https://paper.example/x", "hand-written page");
  EXPECT_EQ(ExtractHtml(page, "https://paper.example/x").links.size(), 5u);
}

TEST(HtmlReduceTest, SameArticleOnEveryBenchmarkPage) {
  std::string truth;
  HW_REQUIRE_SHARED_DATA("article-extraction-benchmark/ground-truth.json", truth);
  std::string dir =
      truth.substr(0, truth.size() - std::string("ground-truth.json").size()) + "html/";
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 8 && n.compare(n.size() - 8, 8, ".html.gz") == 0) names.push_back(n);
    }
    closedir(d);
  }
  ASSERT_EQ(names.size(), 181u);
  for (const std::string& n : names) {
    auto page = ReadPageFile(dir + n);
    ASSERT_TRUE(page.ok()) << n;
    ExpectSameArticle(*page, "https://example.com/" + n, n);
  }
}

}  // namespace
}  // namespace headwater::normalize
