// `headwater ingest` on feeds, OPML lists and WARC archives: dispatch by type, item errors named
// like JSON Lines lines, remote OPML feeds listed (exit 0), damaged archives keeping the records
// before the damage (and nothing under --strict).
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace headwater::cli {
namespace {

using json = nlohmann::json;
using headwater::testing::RunCommand;

std::string Feed(const std::string& name) {
  return std::string(HEADWATER_TEST_FIXTURES) + "/feeds/" + name;
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Response(const std::string& url, const std::string& title, const std::string& para) {
  std::string html =
      "<html><head><title>" + title + "</title></head><body><p>" + para + "</p></body></html>";
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html;
  return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url +
         "\r\nWARC-Date: 2024-03-06T10:00:00Z\r\nContent-Type: application/http; "
         "msgtype=response\r\n"
         "Content-Length: " +
         std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

const std::string kInfo =
    "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-03-06T10:00:00Z\r\nContent-Length: "
    "4\r\n\r\nx: y\r\n\r\n";

class IngestFormatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = headwater::testing::TempDir();
    db_ = dir_ + "/t.db";
  }
  int Run(const std::string& args, std::string* out) {
    return RunCommand(std::string(HEADWATER_BINARY) + " --db " + db_ + " " + args, out, true);
  }
  size_t StoredArticles() {
    std::string out;
    EXPECT_EQ(
        RunCommand(std::string(HEADWATER_BINARY) + " --db " + db_ + " stories --json", &out, false),
        0);
    json j = json::parse(out, nullptr, false);
    size_t n = 0;
    if (!j.is_discarded())
      for (const json& s : j["stories"]) n += s["articles"].size();
    return n;
  }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string p = dir_ + "/" + name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::string dir_, db_;
};

TEST_F(IngestFormatsTest, FeedItemsAreArticlesAndBadItemsAreNamed) {
  std::string out;
  EXPECT_EQ(Run("ingest " + Feed("rss2.xml"), &out), 3) << out;
  EXPECT_NE(out.find("rss2.xml:5: field `pubDate`: not an RFC 822 date"), std::string::npos) << out;
  EXPECT_NE(out.find("rss2.xml:4: field `link`"), std::string::npos) << out;
  EXPECT_NE(out.find("(rss2 \"Valley Ledger\"): 5 lines: 3 added"), std::string::npos) << out;
  EXPECT_EQ(Run("ingest " + Feed("atom.xml") + " " + Feed("rss1.rdf"), &out), 0) << out;
  EXPECT_NE(out.find("(atom \"Wire Service\"): 3 lines: 3 added"), std::string::npos) << out;
  EXPECT_NE(out.find("(rss1 \"The Gazette\"): 2 lines: 2 added"), std::string::npos) << out;
  EXPECT_EQ(StoredArticles(), 8u);
  // --strict: a bad item stops the batch.
  std::string strict_db = db_;
  db_ = dir_ + "/strict.db";
  EXPECT_EQ(Run("ingest --strict " + Feed("rss2.xml"), &out), 1) << out;
  EXPECT_EQ(StoredArticles(), 0u);
  db_ = strict_db;
}

TEST_F(IngestFormatsTest, MalformedFeedAndBombAreErrorsAndTheBatchGoesOn) {
  std::string out;
  EXPECT_EQ(Run("ingest " + Feed("malformed.xml") + " " + Feed("bomb.xml") + " " + Feed("atom.xml"),
                &out),
            1);
  EXPECT_NE(out.find("malformed.xml:8: not well-formed XML"), std::string::npos) << out;
  EXPECT_NE(out.find("bomb.xml"), std::string::npos) << out;
  EXPECT_NE(out.find("3 added"), std::string::npos) << out;  // atom.xml still ingested
  EXPECT_EQ(StoredArticles(), 3u);
}

TEST_F(IngestFormatsTest, OpmlListsRemoteFeedsAndIngestsLocalOnes) {
  std::string out;
  EXPECT_EQ(Run("ingest " + Feed("subscriptions.opml"), &out), 0) << out;
  EXPECT_NE(out.find("3 feeds (0 local, 3 remote)"), std::string::npos) << out;
  EXPECT_NE(out.find("https://wire.example/atom.xml  Wire Service"), std::string::npos) << out;
  EXPECT_NE(out.find("fetching feeds over HTTP is not available yet"), std::string::npos) << out;
  EXPECT_EQ(Run("ingest " + Feed("local.opml"), &out), 3) << out;  // rss2.xml has 2 bad items
  EXPECT_NE(out.find("2 feeds (2 local, 0 remote)"), std::string::npos) << out;
  EXPECT_EQ(StoredArticles(), 6u);
}

TEST_F(IngestFormatsTest, WarcResponsesAreArticlesOtherRecordsCounted) {
  std::string all = kInfo +
                    Response("https://news.example/a", "Bridge vote",
                             "The council voted seven to two on Tuesday to fund the bridge.") +
                    Response("https://news.example/b", "Rain",
                             "Forecasters expect heavy rain across the valley this weekend.");
  std::string plain = Write("crawl.warc", all);
  std::string out;
  EXPECT_EQ(Run("ingest " + plain, &out), 0) << out;
  EXPECT_NE(out.find("(WARC, 3 records): 2 lines: 2 added"), std::string::npos) << out;
  EXPECT_NE(out.find("1 records skipped: 1 warcinfo"), std::string::npos) << out;
  // A gzip archive with no .warc name is recognised by its bytes.
  std::string gz = Write(
      "crawl.bin",
      Gzip(kInfo) +
          Gzip(Response("https://news.example/c", "Fire",
                        "A fire destroyed the old mill on Sunday night, firefighters said.")));
  EXPECT_EQ(Run("ingest " + gz, &out), 0) << out;
  EXPECT_NE(out.find("(WARC, gzip, 2 records): 1 lines: 1 added"), std::string::npos) << out;
  EXPECT_EQ(StoredArticles(), 3u);
}

TEST_F(IngestFormatsTest, TruncatedWarcKeepsEarlierRecordsExceptUnderStrict) {
  std::string first =
      Gzip(Response("https://news.example/a", "Bridge vote",
                    "The council voted seven to two on Tuesday to fund the bridge."));
  std::string second =
      Gzip(Response("https://news.example/b", "Rain",
                    "Forecasters expect heavy rain across the valley this weekend."));
  std::string path = Write("cut.warc.gz", first + second.substr(0, second.size() / 2));
  std::string out;
  db_ = dir_ + "/strict.db";
  EXPECT_EQ(Run("ingest --strict " + path, &out), 1) << out;
  EXPECT_NE(out.find("truncated gzip member at offset " + std::to_string(first.size())),
            std::string::npos)
      << out;
  EXPECT_EQ(StoredArticles(), 0u);
  db_ = dir_ + "/t.db";
  EXPECT_EQ(Run("ingest " + path, &out), 1) << out;
  EXPECT_NE(out.find("1 added"), std::string::npos) << out;
  EXPECT_NE(out.find(path + ": record 2 at offset " + std::to_string(first.size())),
            std::string::npos)
      << out;
  EXPECT_EQ(StoredArticles(), 1u);
}

}  // namespace
}  // namespace headwater::cli
