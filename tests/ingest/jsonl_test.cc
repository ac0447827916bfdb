#include "ingest/jsonl.h"

#include <gtest/gtest.h>

namespace headwater::ingest {
namespace {

TEST(Jsonl, ParsesEveryField) {
  std::string data =
      R"({"url":"https://eldiario.mx/a","outlet":"El Diario","title":"T","text":"Body","published":"2016-04-14T10:00:00Z","lang":"es","byline":"Ana","links":["https://x.org/1"]})"
      "\n\n"
      R"({"url":"https://x.org/2"})";
  ParseResult r = ParseJsonl(data, "in.jsonl");
  ASSERT_TRUE(r.errors.empty()) << r.errors[0].ToString();
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.lines, 2u);
  const normalize::Input& in = r.articles[0].input;
  EXPECT_EQ(in.outlet, "El Diario");
  EXPECT_EQ(in.lang, "es");
  EXPECT_EQ(*in.published, 1460628000);
  EXPECT_EQ(in.links.size(), 1u);
  EXPECT_EQ(r.articles[1].line, 3u);  // blank line counted in line numbers
  EXPECT_TRUE(r.articles[1].input.text.empty());  // headline-only items are allowed
}

TEST(Jsonl, BadLinesNameFileLineAndField) {
  std::string data =
      "{\"url\":\"https://a.com/1\",\"published\":\"yesterday\"}\n"
      "not json\n"
      "{\"title\":\"no url\"}\n"
      "{\"url\":\"ftp://a.com/x\"}\n"
      "{\"url\":\"https://a.com/2\",\"links\":\"https://b.com\"}\n"
      "{\"url\":\"https://a.com/3\",\"lang\":\"Spanish\"}\n"
      "{\"url\":\"https://a.com/4\",\"title\":7}\n"
      "[1,2]\n"
      "{\"url\":\"https://a.com/5\",\"text\":\"ok\"}\n"
      "{\"url\":\"https://a.com/6\",\"text\":\"bad \xC3\"}\n";
  ParseResult r = ParseJsonl(data, "feed.jsonl");
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].line, 9u);
  ASSERT_EQ(r.errors.size(), 9u);
  EXPECT_EQ(r.errors[0].ToString(),
            "feed.jsonl:1: field `published`: not an RFC 3339 time: \"yesterday\"");
  EXPECT_EQ(r.errors[1].line, 2u);
  EXPECT_NE(r.errors[1].message.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(r.errors[2].field, "url");
  EXPECT_EQ(r.errors[2].message, "is required");
  EXPECT_EQ(r.errors[3].field, "url");
  EXPECT_EQ(r.errors[4].field, "links");
  EXPECT_EQ(r.errors[5].field, "lang");
  EXPECT_EQ(r.errors[6].field, "title");
  EXPECT_NE(r.errors[7].message.find("expected a JSON object"), std::string::npos);
  EXPECT_NE(r.errors[8].message.find("invalid UTF-8"), std::string::npos);
}

TEST(Jsonl, OversizedLinesAndFieldsAreRefused) {
  JsonlOptions o;
  o.max_line_bytes = 100;
  o.max_field_bytes = 18;  // the URLs (15 bytes) fit; 20 bytes of text do not
  std::string data = "{\"url\":\"https://a.com/1\",\"text\":\"" + std::string(200, 'x') + "\"}\n" +
                     "{\"url\":\"https://a.com/2\",\"text\":\"" + std::string(20, 'x') + "\"}\n";
  ParseResult r = ParseJsonl(data, "big.jsonl", o);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_NE(r.errors[0].message.find("above the limit"), std::string::npos);
  EXPECT_EQ(r.errors[1].field, "text");
}

TEST(Jsonl, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "{\"url\":\"https://a.com/1\",\"x\":" + std::string(100000, '[') +
                     std::string(100000, ']') + "}";
  ParseResult r = ParseJsonl(deep, "deep.jsonl");
  // Either parsed (unknown fields are ignored) or refused; never a crash.
  EXPECT_EQ(r.articles.size() + r.errors.size(), 1u);
}

TEST(Jsonl, MissingFileIsAnIoError) {
  auto r = ReadJsonl("/nonexistent/x.jsonl");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/x.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace headwater::ingest
