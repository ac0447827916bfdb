// PolNeAR credits (../shared/data/polnear/data/metadata.tsv): articles that credit a wire (AP,
// Reuters, AFP, UPI) or another outlet ("h/t: The Hill") must come out as echoes of that outlet,
// never as independent origins (issues 6 and 8). Each credited article is analyzed as a story of
// its own, with a registry of the wires, the credited outlets and the seven publishers. Prints
// the shares and every miss; asserts the floors measured.
#include <map>
#include <set>

#include "attribution/extractor.h"
#include "common/csv.h"
#include "common/paths.h"
#include "normalize/outlet_registry.h"
#include "provenance/policy.h"
#include "provenance/provenance.h"
#include "test_util.h"

namespace headwater {
namespace {

struct Credited {
  std::string compartment, file, publisher, credit;  // credit: the credited outlet's name
};

TEST(PolnearCredits, CreditedArticlesAreEchoesOfTheCreditedOutlet) {
  std::string meta_path;
  HW_REQUIRE_SHARED_DATA("polnear/data/metadata.tsv", meta_path);
  auto meta = ReadFile(meta_path);
  ASSERT_TRUE(meta.ok());
  std::vector<CsvRow> rows = ParseCsv(*meta, '\t');
  ASSERT_GT(rows.size(), 100u);
  static const std::map<std::string, std::string> kWire = {
      {"AP", "Associated Press"}, {"UPI", "United Press International"},
      {"reuters", "Reuters"},     {"Reuters", "Reuters"},
      {"AFP", "Agence France-Presse"}};
  std::vector<Credited> credited;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    if (f.size() < 12) continue;
    std::string credit;
    if (auto w = kWire.find(f[11]); w != kWire.end()) credit = w->second;
    else if (f[10].rfind("h/t: ", 0) == 0) credit = f[10].substr(5);
    if (!credit.empty()) credited.push_back({f[0], f[1], f[4], credit});
  }
  ASSERT_GT(credited.size(), 80u);

  normalize::OutletRegistry registry;
  OutletId next = 1;
  std::map<std::string, OutletId> id_of;
  auto add = [&](const std::string& name, std::vector<std::string> aliases, OutletKind kind) {
    if (id_of.count(name)) return;
    Outlet o;
    o.id = next++;
    o.name = name;
    o.aliases = std::move(aliases);
    o.kind = kind;
    o.country = "US";
    registry.Add(o);
    id_of[name] = o.id;
  };
  add("Associated Press", {"AP"}, OutletKind::kWire);
  add("United Press International", {"UPI"}, OutletKind::kWire);
  add("Reuters", {}, OutletKind::kWire);
  add("Agence France-Presse", {"AFP"}, OutletKind::kWire);
  for (const Credited& c : credited) add(c.credit, {}, OutletKind::kNews);
  for (const Credited& c : credited) add("publisher:" + c.publisher, {}, OutletKind::kNews);

  attribution::Extractor extractor;
  auto policies = provenance::PolicySet::BuiltIn();
  int total = 0, found = 0, in_text = 0, echoes = 0, named_found = 0, named_echoes = 0;
  std::vector<std::string> misses;
  for (const Credited& c : credited) {
    std::string path = SharedDataDir() + "/polnear/data/" + c.compartment + "/text/" + c.file + ".txt";
    auto file_text = ReadFile(path);
    if (!file_text.ok()) continue;  // a credited row whose text is not in this copy
    // A PolNeAR text starts with its headline as the first paragraph; in Headwater the headline
    // is the article's title, not its text (the lead is the first paragraph of the body).
    size_t body_at = file_text->find("\n\n");
    auto text = std::make_optional(body_at == std::string::npos ? *file_text
                                                                : file_text->substr(body_at + 2));
    ++total;
    OutletId credited_id = id_of[c.credit];
    OutletId own = id_of["publisher:" + c.publisher];
    const Outlet* co = registry.Get(credited_id);
    bool named = false;
    for (const auto& m : registry.FindMentions(*text)) named = named || m.outlet->id == credited_id;
    if (named) ++in_text;

    attribution::Context ctx;
    ctx.lang = "en";
    ctx.outlets = &registry;
    ctx.own_outlet = own;
    std::vector<Attribution> attrs = extractor.Extract(*text, ctx);
    bool resolved = false;
    for (Attribution& a : attrs) {
      a.article_id = 1;
      resolved = resolved || a.outlet_id == credited_id;
    }
    if (resolved) ++found;
    if (resolved && named) ++named_found;

    provenance::StoryInput in;
    in.story.id = 1;
    Article art;
    art.id = 1;
    art.url = "https://polnear.example/" + c.file;
    art.outlet_id = own;
    art.outlet_name = "publisher:" + c.publisher;
    art.text = *text;
    in.articles.push_back(art);
    in.attributions = attrs;
    in.outlets = &registry;
    provenance::Report r = provenance::Analyze(in, policies);
    bool echo = false;
    for (const auto& e : r.echoes)
      for (const std::string& w : e.echoes) echo = echo || w == co->name;
    bool own_origin = false;
    for (const auto& o : r.origins) own_origin = own_origin || (!o.external && o.outlet_id == own);
    if (getenv("HW_CREDITS_DEBUG") && c.file.find(getenv("HW_CREDITS_DEBUG")) != std::string::npos) {
      std::printf("%s\n", provenance::ReportToText(r).c_str());
      for (const auto& e : r.edges)
        std::printf("  edge %s -> %s %s self=%d\n", r.nodes[e.from].id.c_str(), r.nodes[e.to].id.c_str(),
                    provenance::EdgeKindName(e.kind), e.self);
      std::printf("  text: %s\n", text->substr(0, 300).c_str());
      for (const Attribution& a : attrs)
        std::printf("  attr kind=%s outlet=%s stance=%s cue=%s @%u\n", SourceKindName(a.source_kind),
                    a.outlet_name.c_str(), StanceName(a.stance), a.cue_text.c_str(),
                    a.cue.empty() ? 0 : a.cue[0].begin);
      for (const Attribution& a : attrs)
        if (!a.source.empty()) std::printf("    src [%u,%u) %s\n", a.source[0].begin, a.source[0].end, a.source_text.c_str());
    }
    if (echo && !own_origin) {
      ++echoes;
      if (named) ++named_echoes;
    } else
      misses.push_back(c.file + " (credit " + c.credit + (named ? ", named in text" : ", not named") +
                       (resolved ? ", resolved" : "") + (own_origin ? ", counted as an origin" : "") +
                       ")");
  }
  std::printf("PolNeAR credits: %d credited articles; credited outlet named in the text %d (%.3f); "
              "resolved among the sources %d (%.3f); echo of it, not an origin %d (%.3f)\n",
              total, in_text, double(in_text) / total, found, double(found) / total, echoes,
              double(echoes) / total);
  std::printf("  of the %d credits named in the text: resolved %d (%.3f), echo %d (%.3f)\n",
              in_text, named_found, double(named_found) / in_text, named_echoes,
              double(named_echoes) / in_text);
  for (const std::string& m : misses) std::printf("  miss: %s\n", m.c_str());
  ASSERT_GT(total, 80);
  // Measured (131 credited articles): named in the text 82; resolved 82 (0.626 of all, 1.000 of
  // those named; 80 before media credits such as "uncovered by Fox News" and "mentioned by
  // Newsmax", attribution/media_credits.h); echo of the credited outlet 78 (0.595 of all, 0.951
  // of those named; 75 before a poll was read as its pollster's report and "a report in the Des
  // Moines Register" as that paper's, 2026-11-25). Most misses credit an outlet the text never
  // names (an "h/t" in the metadata only). The 4 named misses (all West Journal) open with
  // their own sources before the credit ("Officials say", a misread "Corey Lewandowski helped",
  // a quote of Gingrich's, "sources in the meetings" of a Politico report the registry here
  // lacks), so the article counts as an origin of its own.
  EXPECT_GE(double(found) / total, 0.62);
  EXPECT_GE(double(echoes) / total, 0.59);
  EXPECT_GE(double(named_found) / in_text, 0.99);
  EXPECT_GE(double(named_echoes) / in_text, 0.95);
}

}  // namespace
}  // namespace headwater
