// Test helper: builds a StoryInput by hand (outlets in a registry, articles, attributions whose
// spans are found in the article text, reuse edges).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/time.h"
#include "provenance/provenance.h"

namespace headwater::provenance::testing {

class StoryBuilder {
 public:
  explicit StoryBuilder(std::string country) : registry_(new normalize::OutletRegistry) {
    story_.id = 42;
    story_.title = "test story";
    story_.country = std::move(country);
  }

  OutletId AddOutlet(const std::string& name, const std::string& country, OutletKind kind,
                     const std::string& owner_group = "", const std::string& domain = "") {
    Outlet o;
    o.id = next_outlet_++;
    o.name = name;
    o.country = country;
    o.kind = kind;
    o.owner_group = owner_group;
    o.verified = true;
    o.domains.push_back(domain.empty() ? Slug(name) + ".example" : domain);
    registry_->Add(o);
    return o.id;
  }

  // Adds an article published on `date` ("2016-04-14" or RFC 3339; "" = unknown).
  ArticleId AddArticle(OutletId outlet, const std::string& date, const std::string& text) {
    Article a;
    a.id = next_article_++;
    a.outlet_id = outlet;
    const Outlet* o = registry_->Get(outlet);
    a.outlet_name = o ? o->name : "";
    a.url = "https://" + (o ? o->domains[0] : std::string("unknown.example")) + "/story/" +
            std::to_string(a.id);
    a.title = "article " + std::to_string(a.id);
    a.text = text;
    a.lang = "en";
    if (!date.empty()) a.published = ParseRfc3339(date);
    articles_.push_back(std::move(a));
    return articles_.back().id;
  }

  Article& article(ArticleId id) {
    for (Article& a : articles_) {
      if (a.id == id) return a;
    }
    ADD_FAILURE() << "no article " << id;
    return articles_.front();
  }

  std::string Url(ArticleId id) { return article(id).url; }

  // An attribution in article `id` whose source is `source_text` (found in the text; the cue is
  // the whole sentence around it). outlet: the resolved outlet (0 = none).
  Attribution& Attribute(ArticleId id, SourceKind kind, const std::string& source_text,
                         Stance stance = Stance::kAsserts, OutletId outlet = 0) {
    const std::string& text = article(id).text;
    Attribution at;
    at.article_id = id;
    at.source_kind = kind;
    at.source_text = source_text;
    at.stance = stance;
    at.outlet_id = outlet;
    if (const Outlet* o = registry_->Get(outlet)) at.outlet_name = o->name;
    at.anonymous = kind == SourceKind::kAnonymous;
    size_t pos = source_text.empty() ? std::string::npos : text.find(source_text);
    EXPECT_TRUE(source_text.empty() || pos != std::string::npos)
        << "'" << source_text << "' not in article " << id;
    if (pos != std::string::npos) {
      at.source.push_back(
          {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + source_text.size())});
    }
    attributions_.push_back(std::move(at));
    return attributions_.back();
  }

  void Copy(ArticleId source, ArticleId copy, ReuseClass cls) {
    ReuseEdge e;
    e.source_id = source;
    e.copy_id = copy;
    e.cls = cls;
    e.copy_in_source = cls == ReuseClass::kWhole ? 0.95 : 0.4;
    reuse_.push_back(e);
  }

  StoryInput Input() const {
    StoryInput in;
    in.story = story_;
    in.articles = articles_;
    in.reuse = reuse_;
    in.attributions = attributions_;
    in.outlets = registry_.get();
    return in;
  }

  normalize::OutletRegistry& registry() { return *registry_; }
  Story& story() { return story_; }

  static std::string Slug(const std::string& name) {
    std::string s;
    for (char c : name) {
      if (std::isalnum(static_cast<unsigned char>(c))) s += static_cast<char>(std::tolower(c));
    }
    return s;
  }

 private:
  std::unique_ptr<normalize::OutletRegistry> registry_;
  Story story_;
  std::vector<Article> articles_;
  std::vector<Attribution> attributions_;
  std::vector<ReuseEdge> reuse_;
  OutletId next_outlet_ = 1;
  ArticleId next_article_ = 100;
};

// The policies the tests use: share/policies.toml's shape, written out so the tests do not
// depend on the user-editable file.
inline PolicySet TestPolicies(bool denials_dispute = false, bool anonymous_counts = true) {
  std::string toml = std::string("[policies.default]\nmin_independent_origins = 2\n") +
                     "denials_dispute = " + (denials_dispute ? "true" : "false") + "\n" +
                     "anonymous_only_counts = " + (anonymous_counts ? "true" : "false") + "\n" +
                     "[policies.latin-america]\ncountries = [\"MX\", \"GT\", \"CO\"]\n"
                     "min_independent_origins = 2\nmin_in_country_origins = 2\n" +
                     "denials_dispute = " + (denials_dispute ? "true" : "false") + "\n" +
                     "anonymous_only_counts = " + (anonymous_counts ? "true" : "false") + "\n";
  auto set = PolicySet::Parse(toml, "test-policies.toml");
  EXPECT_TRUE(set.ok()) << set.status().ToString();
  return std::move(set).value();
}

// The role of the (non-external) node of article `id`; a test failure when the report has none.
inline NodeRole RoleOf(const Report& r, ArticleId id) {
  for (const Node& n : r.nodes) {
    if (!n.external && n.article == id) return n.role;
  }
  ADD_FAILURE() << "no node for article " << id;
  return NodeRole::kUnsourced;
}

}  // namespace headwater::provenance::testing
