// WARC reading: plain, multi-member gzip and single-member gzip files written by the test itself;
// record kinds skipped and counted, HTTP chunking and gzip undone, truncation and corruption
// reported with the record offset, oversized records skipped without being held.
#include "ingest/warc.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>

#include "test_util.h"

namespace headwater::ingest {
namespace {

std::string Record(const std::string& type, const std::string& uri, const std::string& content_type,
                   const std::string& block, const std::string& date = "2024-03-06T10:00:00Z") {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "WARC-Date: " + date + "\r\nWARC-Record-ID: <urn:uuid:" + std::to_string(block.size()) +
       ">\r\n";
  if (!content_type.empty()) r += "Content-Type: " + content_type + "\r\n";
  r += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  return r;
}

std::string Http(int status, const std::string& content_type, const std::string& body,
                 const std::string& extra_headers = "") {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + content_type + "\r\n" +
         extra_headers + "\r\n" + body;
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = data.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Chunked(const std::string& body) {
  std::string out;
  for (size_t i = 0; i < body.size(); i += 7) {
    std::string part = body.substr(i, 7);
    char hex[16];
    std::snprintf(hex, sizeof hex, "%zx", part.size());
    out += std::string(hex) + "\r\n" + part + "\r\n";
  }
  return out + "0\r\n\r\n";
}

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

const std::string kPage =
    "<html><head><title>Bridge</title></head><body><p>The council voted.</p></body></html>";
const std::string kDated =
    "<html><head><meta property=\"article:published_time\" content=\"2024-03-01T00:00:00Z\"></head>"
    "<body><p>Dated page.</p></body></html>";

// Records, in order: warcinfo, request, HTML response (chunked + gzip), PNG response, metadata,
// 404 response, HTML response with its own date, HTML response with <URI>.
std::vector<std::string> SampleRecords() {
  return {
      Record("warcinfo", "", "application/warc-fields", "software: test\r\n"),
      Record("request", "https://news.example/a", "application/http; msgtype=request",
             "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
      Record("response", "https://news.example/a", "application/http; msgtype=response",
             Http(200, "text/html; charset=utf-8", Chunked(Gzip(kPage)),
                  "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")),
      Record("response", "https://news.example/logo.png", "application/http; msgtype=response",
             Http(200, "image/png", "\x89PNG....")),
      Record("metadata", "https://news.example/a", "application/warc-fields",
             "fetchTimeMs: 12\r\n"),
      Record("response", "https://news.example/gone", "application/http; msgtype=response",
             Http(404, "text/html", "<html>gone</html>")),
      Record("response", "https://news.example/b", "application/http; msgtype=response",
             Http(200, "text/html", kDated), "2024-03-07T00:00:00Z"),
      Record("response", "<https://news.example/c>", "application/http;msgtype=response",
             Http(200, "application/xhtml+xml", kPage)),
  };
}

void ExpectSample(const WarcResult& r) {
  EXPECT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.parsed.lines, 8u);
  ASSERT_EQ(r.parsed.articles.size(), 3u)
      << (r.parsed.errors.empty() ? "" : r.parsed.errors[0].ToString());
  EXPECT_TRUE(r.parsed.errors.empty());
  const RawArticle& a = r.parsed.articles[0];
  EXPECT_EQ(a.line, 3u);
  EXPECT_EQ(a.input.url, "https://news.example/a");
  EXPECT_EQ(a.input.html, kPage);            // chunking and gzip undone
  EXPECT_EQ(a.input.published, 1709719200);  // WARC-Date: the page has no date
  const RawArticle& b = r.parsed.articles[1];
  EXPECT_EQ(b.input.url, "https://news.example/b");
  EXPECT_FALSE(b.input.published);  // the page's own meta date is left to the extractor
  EXPECT_EQ(r.parsed.articles[2].input.url, "https://news.example/c");
  std::map<std::string, size_t> want = {{"warcinfo", 1},
                                        {"request", 1},
                                        {"metadata", 1},
                                        {"response (not HTML)", 1},
                                        {"response (HTTP 4xx)", 1}};
  EXPECT_EQ(r.skipped, want);
  EXPECT_EQ(r.SkippedSummary(),
            "5 records skipped: 1 metadata, 1 request, 1 response (HTTP 4xx), 1 response (not "
            "HTML), 1 warcinfo");
}

TEST(Warc, PlainFile) {
  std::string all;
  for (const auto& rec : SampleRecords()) all += rec;
  auto r = ReadWarc(WriteTemp("plain.warc", all));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->gzip);
  ExpectSample(*r);
}

TEST(Warc, MultiMemberGzip) {
  std::string all;
  for (const auto& rec : SampleRecords()) all += Gzip(rec);
  auto r = ReadWarc(WriteTemp("multi.warc.gz", all));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->gzip);
  ExpectSample(*r);
}

TEST(Warc, SingleMemberGzip) {
  std::string all;
  for (const auto& rec : SampleRecords()) all += rec;
  auto r = ReadWarc(WriteTemp("single.warc.gz", Gzip(all)));
  ASSERT_TRUE(r.ok());
  ExpectSample(*r);
}

TEST(Warc, RecordsSpanningManyBuffers) {
  std::string big = "<html><body><p>" + std::string(900000, 'x') + "</p></body></html>";
  std::string all;
  for (int i = 0; i < 5; ++i)
    all += Gzip(Record("response", "https://news.example/" + std::to_string(i),
                       "application/http; msgtype=response", Http(200, "text/html", big)));
  auto r = ReadWarc(WriteTemp("big.warc.gz", all));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->error.ok()) << r->error.ToString();
  ASSERT_EQ(r->parsed.articles.size(), 5u);
  for (const auto& a : r->parsed.articles) EXPECT_EQ(a.input.html, big);
}

TEST(Warc, TruncatedGzipKeepsEarlierRecordsAndNamesTheOffset) {
  std::vector<std::string> recs = SampleRecords();
  std::string all;
  size_t last_offset = 0;
  for (const auto& rec : recs) {
    last_offset = all.size();
    all += Gzip(rec);
  }
  all.resize(all.size() - 20);  // cut into the last member (the response for /c)
  std::string path = WriteTemp("truncated.warc.gz", all);
  auto r = ReadWarc(path);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->error.ok());
  EXPECT_NE(r->error.message().find(path), std::string::npos) << r->error.message();
  EXPECT_NE(r->error.message().find("offset " + std::to_string(last_offset)), std::string::npos)
      << r->error.message();
  EXPECT_NE(r->error.message().find("truncated"), std::string::npos) << r->error.message();
  EXPECT_EQ(r->parsed.articles.size(), 2u);  // /a and /b kept
}

TEST(Warc, TruncatedPlainRecordNamesTheOffset) {
  std::vector<std::string> recs = SampleRecords();
  std::string all = recs[0] + recs[2];
  size_t offset = all.size();
  all += recs[6].substr(0, recs[6].size() - 40);
  auto r = ReadWarc(WriteTemp("truncated.warc", all));
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->error.ok());
  EXPECT_NE(r->error.message().find("record 3 at offset " + std::to_string(offset)),
            std::string::npos)
      << r->error.message();
  EXPECT_NE(r->error.message().find("ends inside the content block"), std::string::npos);
  EXPECT_EQ(r->parsed.articles.size(), 1u);
}

TEST(Warc, GarbageIsCorruptionWithOffset) {
  std::vector<std::string> recs = SampleRecords();
  std::string all = recs[2] + "this is not a record\r\n" + recs[6];
  auto r = ReadWarc(WriteTemp("garbage.warc", all));
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->error.ok());
  EXPECT_NE(r->error.message().find("at offset " + std::to_string(recs[2].size())),
            std::string::npos)
      << r->error.message();
  EXPECT_EQ(r->parsed.articles.size(), 1u);
  // Not gzip after a gzip member: also a clear error.
  auto g = ReadWarc(WriteTemp("garbage.warc.gz", Gzip(recs[2]) + "junk junk junk"));
  ASSERT_TRUE(g.ok());
  EXPECT_FALSE(g->error.ok());
  EXPECT_EQ(g->parsed.articles.size(), 1u);
}

TEST(Warc, OversizedRecordIsSkippedAndReadingGoesOn) {
  std::vector<std::string> recs = SampleRecords();
  std::string huge =
      Record("response", "https://news.example/huge", "application/http; msgtype=response",
             Http(200, "text/html", std::string(200000, 'y')));
  std::string all = Gzip(huge) + Gzip(recs[2]);
  WarcOptions o;
  o.max_record_bytes = 100000;
  auto r = ReadWarc(WriteTemp("oversized.warc.gz", all), o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->error.ok()) << r->error.ToString();
  ASSERT_EQ(r->parsed.errors.size(), 1u);
  EXPECT_EQ(r->parsed.errors[0].line, 1u);
  EXPECT_EQ(r->parsed.errors[0].field, "Content-Length");
  ASSERT_EQ(r->parsed.articles.size(), 1u);
  EXPECT_EQ(r->parsed.articles[0].input.url, "https://news.example/a");
}

TEST(Warc, BadPayloadsAreRecordErrors) {
  std::string all =
      Record("response", "https://news.example/bad-gzip", "application/http; msgtype=response",
             Http(200, "text/html", Gzip(kPage).substr(0, 30), "Content-Encoding: gzip\r\n")) +
      Record("response", "ftp://news.example/x", "application/http; msgtype=response",
             Http(200, "text/html", kPage)) +
      Record("response", "https://news.example/d", "application/http; msgtype=response",
             Http(200, "text/html", kPage), "last tuesday");
  auto r = ReadWarc(WriteTemp("bad.warc", all));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->error.ok());
  ASSERT_EQ(r->parsed.errors.size(), 3u);
  EXPECT_EQ(r->parsed.errors[0].field, "Content-Encoding");
  EXPECT_EQ(r->parsed.errors[1].field, "WARC-Target-URI");
  EXPECT_EQ(r->parsed.errors[2].field, "WARC-Date");
  EXPECT_EQ(r->parsed.errors[2].line, 3u);
}

TEST(Warc, WarcDateOnlyWhenThePageHasNoUsableDate) {
  auto rec = [](const std::string& uri, const std::string& head) {
    return Record(
        "response", uri, "application/http; msgtype=response",
        Http(200, "text/html", "<html><head>" + head + "</head><body><p>x</p></body></html>"),
        "2024-03-07T00:00:00Z");
  };
  std::string all =
      rec("https://n.example/1", "<META NAME=\"Date\" CONTENT=\"2024-01-01\">") +
      rec("https://n.example/2", "<meta name=\"date\" content=\"yesterday\">") +
      rec("https://n.example/3",
          "<meta itemprop='datePublished' content='2024-01-02T00:00:00Z'/>") +
      rec("https://n.example/4", "<meta name=\"description\" content=\"2024-01-01\">");
  auto r = ReadWarc(WriteTemp("dates.warc", all));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->parsed.articles.size(), 4u);
  EXPECT_FALSE(r->parsed.articles[0].input.published);           // the page's own date
  EXPECT_EQ(r->parsed.articles[1].input.published, 1709769600);  // unusable -> WARC-Date
  EXPECT_FALSE(r->parsed.articles[2].input.published);
  EXPECT_EQ(r->parsed.articles[3].input.published, 1709769600);
}

TEST(Warc, LegacyCharsetsBecomeUtf8) {
  std::string latin1 = "<html><body><p>Ciudad Ju\xE1rez, M\xE9xico</p></body></html>";
  std::string meta =
      "<html><head><meta charset=\"iso-8859-15\"></head><body><p>\xA4 5</p></body></html>";
  std::string all =
      Record("response", "https://n.example/1", "application/http; msgtype=response",
             Http(200, "text/html; charset=ISO-8859-1", latin1)) +
      Record("response", "https://n.example/2", "application/http; msgtype=response",
             Http(200, "text/html", meta)) +
      Record("response", "https://n.example/3", "application/http; msgtype=response",
             Http(200, "text/html; charset=utf-8", latin1));  // mislabelled: read as windows-1252
  auto r = ReadWarc(WriteTemp("latin1.warc", all));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->parsed.articles.size(), 3u);
  EXPECT_NE(r->parsed.articles[0].input.html.find("Ciudad Ju\u00e1rez, M\u00e9xico"),
            std::string::npos);
  EXPECT_NE(r->parsed.articles[1].input.html.find("\u20ac 5"),
            std::string::npos);  // ISO-8859-15 euro
  EXPECT_NE(r->parsed.articles[2].input.html.find("Ju\u00e1rez"), std::string::npos);
}

TEST(Warc, EveryTruncationIsACleanErrorOrACleanEnd) {
  std::vector<std::string> recs = SampleRecords();
  std::string plain, gz;
  std::vector<size_t> plain_ends, gz_ends;  // file sizes at which whole records end
  for (const auto& rec : recs) {
    plain += rec;
    gz += Gzip(rec);
    plain_ends.push_back(plain.size());
    gz_ends.push_back(gz.size());
  }
  for (bool gzip : {false, true}) {
    const std::string& all = gzip ? gz : plain;
    const std::vector<size_t>& ends = gzip ? gz_ends : plain_ends;
    for (size_t cut = 1; cut < all.size(); cut += 5) {
      auto r = ReadWarc(WriteTemp("cut.warc", all.substr(0, cut)));
      ASSERT_TRUE(r.ok());
      size_t whole = 0;
      while (whole < ends.size() && ends[whole] <= cut) ++whole;
      // Records wholly inside the cut are all read; a cut inside a record is an error
      // (a plain cut may fall in the blank lines that end a record, which is a clean end).
      EXPECT_GE(r->parsed.lines, whole) << "cut at " << cut;
      EXPECT_LE(r->parsed.lines, whole + 1) << "cut at " << cut;
      if (gzip) {
        EXPECT_EQ(r->error.ok(), std::find(ends.begin(), ends.end(), cut) != ends.end()) << cut;
      }
      if (!r->error.ok()) {
        EXPECT_NE(r->error.message().find("cut.warc: record "), std::string::npos);
      }
    }
  }
}

TEST(Warc, MissingFileIsAStatus) {
  auto r = ReadWarc("/nonexistent/x.warc");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/x.warc"), std::string::npos);
}

}  // namespace
}  // namespace headwater::ingest
