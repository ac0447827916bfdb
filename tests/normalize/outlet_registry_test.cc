#include "normalize/outlet_registry.h"

#include <gtest/gtest.h>

namespace headwater::normalize {
namespace {

void Fill(OutletRegistry& r) {
  Outlet jw;
  jw.id = 1;
  jw.name = "Judicial Watch";
  jw.aliases = {"JW"};
  jw.domains = {"judicialwatch.org"};
  r.Add(jw);
  Outlet nyt;
  nyt.id = 2;
  nyt.name = "The New York Times";
  nyt.aliases = {"NYT"};
  nyt.domains = {"nytimes.com"};
  r.Add(nyt);
}

TEST(OutletRegistry, ResolvesByDomainNameAliasAndPossessive) {
  OutletRegistry r;
  Fill(r);
  EXPECT_EQ(r.FindByDomain("www.judicialwatch.org")->id, 1);
  EXPECT_EQ(r.FindByDomain("news.judicialwatch.org")->id, 1);
  EXPECT_EQ(r.FindByDomain("org"), nullptr);
  EXPECT_EQ(r.FindByName("judicial watch")->id, 1);
  EXPECT_EQ(r.FindByName("JW's")->id, 1);
  EXPECT_EQ(r.FindByName("New York Times")->id, 2);
  EXPECT_EQ(r.FindByName("nytimes.com")->id, 2);
  EXPECT_EQ(r.FindByName("Daily Planet"), nullptr);
}

TEST(OutletRegistry, FindsMentionsWithOffsets) {
  OutletRegistry r;
  Fill(r);
  std::string text = "According to JW’s source, as the New York Times noted; jw is not an alias here.";
  auto m = r.FindMentions(text);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].outlet->id, 1);
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "JW’s");
  EXPECT_EQ(m[1].outlet->id, 2);
  EXPECT_EQ(text.substr(m[1].begin, m[1].end - m[1].begin), "New York Times");
}

}  // namespace
}  // namespace headwater::normalize
