// Shared set-up for the pipeline tests: a store in a temp dir, a pipeline on a fixed clock, and
// helpers to ingest files from the repository.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/csv.h"
#include "common/time.h"
#include "common/url.h"
#include "ingest/jsonl.h"
#include "ingest/registry_import.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace headwater::pipeline::testing {

inline std::string RepoPath(const std::string& rel) {
  return std::string(HEADWATER_TEST_FIXTURES) + "/../../" + rel;
}

// One row of a multi-outlet-events CSV (id, host/path, time, text with " ### " between
// paragraphs; ../shared/data/multi-outlet-events/SOURCE.md) as ingest would read it: URL
// https://<host>/<event>/<id>, outlet = host, title = the first line (up to 120 bytes).
// The caller checks that the row has its 4 fields.
inline ingest::RawArticle EventArticle(const std::string& path, const CsvRow& row,
                                       const std::string& event) {
  const auto& f = row.fields;
  ingest::RawArticle r;
  r.file = path;
  r.line = row.line;
  std::string host = f[1].substr(0, f[1].find('/'));
  r.input.url = "https://" + host + "/" + event + "/" + f[0];
  r.input.outlet = host;
  std::string text = f[3];
  for (size_t p; (p = text.find(" ### ")) != std::string::npos;) text.replace(p, 5, "\n");
  r.input.text = text;
  r.input.title = text.substr(0, std::min<size_t>(text.find('\n'), 120));
  std::string t = f[2];
  if (t.size() >= 19) t = t.substr(0, 10) + "T" + t.substr(11, 8) + "Z";
  r.input.published = ParseRfc3339(t);
  return r;
}

struct Harness {
  FixedClock clock{ParseRfc3339("2026-11-01T00:00:00Z").value()};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Pipeline> pipe;
  std::string db_path;  // the store's SQLite file

  explicit Harness(bool gazetteer = true, stories::Options stories = {}) {
    store::StoreOptions o;
    o.path = headwater::testing::TempDir() + "/hw.db";
    db_path = o.path;
    auto s = store::Store::Open(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    store = std::move(s).value();
    PipelineOptions po;
    po.load_gazetteer = gazetteer;
    po.stories = std::move(stories);
    auto p = Pipeline::Open(store.get(), po, &clock);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    pipe = std::move(p).value();
  }

  void ImportOutlets(const std::string& path) {
    auto r = ingest::ReadRegistry(path, [](std::string_view) { return std::string(); });
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto n = pipe->ImportOutlets(r->outlets);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
  }

  IngestSummary IngestFile(const std::string& path, bool strict = false) {
    auto parsed = ingest::ReadJsonl(path);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    auto s = pipe->Ingest(parsed->articles, parsed->errors, strict);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : IngestSummary{};
  }

  IngestSummary IngestText(const std::string& jsonl) {
    auto parsed = ingest::ParseJsonl(jsonl, "inline.jsonl");
    auto s = pipe->Ingest(parsed.articles, parsed.errors, false);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : IngestSummary{};
  }

  StoryId StoryOf(const std::string& url) {
    auto id = store->FindByUrl(CanonicalUrl(url).value_or(url));
    EXPECT_TRUE(id.ok() && id->has_value()) << "no article " << url;
    if (!id.ok() || !id->has_value()) return 0;
    return store->GetArticle(**id)->story_id;
  }
};

}  // namespace headwater::pipeline::testing
