#include "records/alert_feed.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>

namespace headwater::records {
namespace {

TEST(AlertFeed, IsWellFormedAtomWithOneEntryPerAlert) {
  store::Alert a;
  a.id = 3;
  a.watch_id = 1;
  a.story_id = 7;
  a.what = "verdict";
  a.from = "single-source";
  a.to = "corroborated";
  a.at = 1700000000;
  a.evidence_json = R"([{"url":"https://x.org/a?b=1&c=2","start":0,"end":5,"text":"<camp> & co"}])";
  store::Alert b = a;
  b.id = 4;
  b.what = "new_story";
  b.at = 1700000100;
  AlertFeedOptions o;
  o.story_url_prefix = "http://127.0.0.1:8080/stories/";
  std::string feed = AlertsToAtom({b, a}, 1800000000, o);
  xmlDocPtr doc = xmlReadMemory(feed.data(), static_cast<int>(feed.size()), "feed.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR);
  ASSERT_NE(doc, nullptr) << feed;
  xmlFreeDoc(doc);
  EXPECT_NE(feed.find("<updated>2023-11-14T22:15:00Z</updated>"), std::string::npos) << feed;
  EXPECT_NE(feed.find("story #7: verdict single-source -&gt; corroborated"), std::string::npos);
  EXPECT_NE(feed.find("&lt;camp&gt; &amp; co"), std::string::npos);
  EXPECT_NE(feed.find("http://127.0.0.1:8080/stories/7"), std::string::npos);
  size_t entries = 0;
  for (size_t p = 0; (p = feed.find("<entry>", p)) != std::string::npos; ++p) ++entries;
  EXPECT_EQ(entries, 2u);
}

TEST(AlertFeed, EmptyFeedUsesNow) {
  std::string feed = AlertsToAtom({}, 0);
  EXPECT_NE(feed.find("<updated>1970-01-01T00:00:00Z</updated>"), std::string::npos);
  EXPECT_EQ(feed.find("<entry>"), std::string::npos);
}

}  // namespace
}  // namespace headwater::records
