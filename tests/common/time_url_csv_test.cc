#include <gtest/gtest.h>

#include "common/csv.h"
#include "common/time.h"
#include "common/url.h"

namespace headwater {
namespace {

TEST(Rfc3339, ParsesZonesAndFractions) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseRfc3339("2016-04-14T10:00:00Z"), 1460628000);
  EXPECT_EQ(ParseRfc3339("2016-04-14T04:00:00-06:00"), 1460628000);
  EXPECT_EQ(ParseRfc3339("2016-04-14T10:00:00.123Z"), 1460628000);
  EXPECT_EQ(ParseRfc3339("2016-04-14"), 1460592000);
  EXPECT_FALSE(ParseRfc3339("yesterday"));
  EXPECT_FALSE(ParseRfc3339("2016-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2016-04-14T25:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2016-04-14T10:00:00Zjunk"));
}

TEST(Rfc3339, FormatsRoundTrip) {
  EXPECT_EQ(FormatRfc3339(1460628000), "2016-04-14T10:00:00Z");
  EXPECT_EQ(FormatDate(1460628000), "2016-04-14");
  EXPECT_EQ(ParseRfc3339(FormatRfc3339(-86400 * 365)), -86400 * 365);
}

TEST(CanonicalUrl, NormalizesForDeduplication) {
  EXPECT_EQ(CanonicalUrl("http://WWW.Example.com:80/a/./b/../c/?utm_source=x&b=2&a=1#frag"),
            "https://example.com/a/c?a=1&b=2");
  EXPECT_EQ(CanonicalUrl("https://example.com/"), "https://example.com/");
  EXPECT_EQ(CanonicalUrl("https://example.com:8443/x"), "https://example.com:8443/x");
  EXPECT_FALSE(CanonicalUrl("ftp://example.com/x"));
  EXPECT_FALSE(CanonicalUrl("not a url"));
  EXPECT_FALSE(CanonicalUrl("https://"));
}

TEST(Url, HostBaseDomainAndResolve) {
  EXPECT_EQ(HostOf("https://www.judicialwatch.org/blog/x"), "judicialwatch.org");
  EXPECT_EQ(BaseDomain("news.bbc.co.uk"), "bbc.co.uk");
  EXPECT_EQ(BaseDomain("www.eldiario.com.mx"), "eldiario.com.mx");
  EXPECT_EQ(BaseDomain("a.b.example.org"), "example.org");
  EXPECT_EQ(ResolveUrl("https://a.com/x/y.html", "../z"), "https://a.com/z");
  EXPECT_EQ(ResolveUrl("https://a.com/x/y.html", "/top"), "https://a.com/top");
  EXPECT_EQ(ResolveUrl("https://a.com/x/y.html", "//b.com/p"), "https://b.com/p");
  EXPECT_FALSE(ResolveUrl("https://a.com/", "javascript:alert(1)"));
}

TEST(Csv, QuotesNewlinesAndTabs) {
  auto rows = ParseCsv("a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\nlast,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields[0], "x, y");
  EXPECT_EQ(rows[1].fields[1], "say \"hi\"\nthere");
  EXPECT_EQ(rows[2].line, 4u);
  EXPECT_EQ(rows[2].fields.size(), 2u);
  EXPECT_EQ(rows[2].fields[1], "");
  auto tsv = ParseCsv("a\tb\n1\t2\n", '\t');
  EXPECT_EQ(tsv[1].fields[1], "2");
  EXPECT_EQ(CsvEscape("x,y"), "\"x,y\"");
}

}  // namespace
}  // namespace headwater
