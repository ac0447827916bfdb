// attributions, reuse.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "attribution/attribution_json.h"
#include "cli/cli.h"
#include "common/paths.h"
#include "common/text.h"
#include "common/url.h"
#include "normalize/language.h"
#include "reuse/reuse.h"

namespace headwater::cli {

using json = nlohmann::json;

int CmdAttributions(const Context& c, const std::string& what, const std::string& lang,
                    const std::string& outlet) {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<pipeline::Pipeline> pipe;
  std::string text;
  OutletId own = 0;
  std::vector<std::string> links;
  std::string article_lang = lang;
  auto open = [&]() -> Status {
    if (store) return Status::Ok();
    HW_ASSIGN_OR_RETURN(store, c.OpenStore(false));
    HW_ASSIGN_OR_RETURN(pipe, c.OpenPipeline(store.get(), false));
    return Status::Ok();
  };
  normalize::OutletRegistry empty_registry;
  const normalize::OutletRegistry* registry = &empty_registry;
  if (ParseUrl(what)) {
    Status s = open();
    if (!s.ok()) return PrintError(s);
    auto id = store->FindByUrl(CanonicalUrl(what).value_or(what));
    if (!id.ok()) return PrintError(id.status());
    if (!*id) {
      auto raw = store->FindByUrl(what);
      if (!raw.ok() || !*raw) return PrintError(Status::NotFound("no stored article with URL " + what));
      *id = *raw;
    }
    auto a = store->GetArticle(**id);
    if (!a.ok()) return PrintError(a.status());
    text = a->text;
    own = a->outlet_id;
    links = a->links;
    if (article_lang.empty()) article_lang = a->lang;
  } else {
    auto data = ReadFile(what, size_t{64} << 20);
    if (!data.ok()) return PrintError(data.status());
    size_t bad = 0;
    if (!IsValidUtf8(*data, &bad))
      return PrintError(Status::InvalidArgument(what + ": invalid UTF-8 at byte " + std::to_string(bad)));
    text = std::move(data).value();
    if (store || c.db != "headwater.db" || std::ifstream(c.db).good()) {
      if (open().ok()) registry = &pipe->outlets();
    }
  }
  if (pipe) registry = &pipe->outlets();
  if (!outlet.empty()) {
    const Outlet* o = registry->FindByName(outlet);
    if (!o) o = registry->FindByDomain(outlet);
    own = o ? o->id : -1;  // an unknown outlet is taken as given: it matches no registry source
  }
  if (article_lang.empty()) article_lang = normalize::DetectLanguage(text).lang;
  attribution::Extractor extractor;
  attribution::Context ctx;
  ctx.lang = article_lang;
  ctx.outlets = registry;
  ctx.own_outlet = own;
  ctx.links = links;
  std::vector<Attribution> found = extractor.Extract(text, ctx);
  CodePointIndex index(text);
  if (c.json) {
    json arr = json::array();
    for (const Attribution& a : found) arr.push_back(attribution::AttributionToJson(a, index, registry));
    std::cout << json{{"schema", 1}, {"lang", article_lang}, {"attributions", arr}}.dump() << "\n";
    return kExitOk;
  }
  std::cout << found.size() << " attribution" << (found.size() == 1 ? "" : "s") << " (" << article_lang << ")\n";
  for (const Attribution& a : found) {
    std::cout << "- [" << StanceName(a.stance) << ", " << SourceKindName(a.source_kind);
    if (a.anonymous) std::cout << ", anonymous";
    if (a.self_citation) std::cout << ", self-citation";
    std::cout << "] cue \"" << a.cue_text << "\"";
    if (!a.source_text.empty()) std::cout << ", source \"" << a.source_text << "\"";
    if (!a.outlet_name.empty()) std::cout << " -> " << a.outlet_name;
    if (!a.person.empty()) std::cout << " -> " << a.person << (a.role.empty() ? "" : " (" + a.role + ")");
    std::string content = a.content_text.size() > 160 ? a.content_text.substr(0, 157) + "..." : a.content_text;
    std::cout << "\n    " << content << "\n";
  }
  return kExitOk;
}

int CmdReuse(const Context& c, const std::vector<std::string>& urls, const std::string& min_class) {
  auto cls = ParseReuseClass(min_class);
  if (!cls || *cls == ReuseClass::kNone) {
    std::cerr << "headwater: --min-class must be partial or whole; got \"" << min_class << "\"\n";
    return kExitUsage;
  }
  if (!urls.empty() && urls.size() != 2) {
    std::cerr << "headwater: reuse takes no URL (list pairs) or two URLs (explain one pair)\n";
    return kExitUsage;
  }
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  if (urls.size() == 2) {
    Article a[2];
    for (int i = 0; i < 2; ++i) {
      auto id = (*store)->FindByUrl(CanonicalUrl(urls[i]).value_or(urls[i]));
      if (!id.ok()) return PrintError(id.status());
      if (!*id) return PrintError(Status::NotFound("no stored article with URL " + urls[i]));
      auto art = (*store)->GetArticle(**id);
      if (!art.ok()) return PrintError(art.status());
      a[i] = std::move(art).value();
    }
    reuse::Options opts;
    reuse::Comparison cmp = reuse::Compare(a[0].text, a[1].text, opts);
    ReuseClass k = reuse::Classify(cmp, opts);
    ReuseEdge e = reuse::Orient(a[0], a[1], cmp, k);
    const Article& src = e.source_id == a[0].id ? a[0] : a[1];
    const Article& cp = e.source_id == a[0].id ? a[1] : a[0];
    std::string upstream = reuse::WireCredit(cp.text, cp.byline);
    if (c.json) {
      std::cout << json{{"schema", 1},
                        {"source", src.url},
                        {"copy", cp.url},
                        {"class", ReuseClassName(k)},
                        {"containment", {{"copy_in_source", e.copy_in_source}, {"source_in_copy", e.source_in_copy}}},
                        {"longest_passage", {{"chars", CodePointLength(e.longest_text)}, {"text", e.longest_text}}},
                        {"upstream", upstream.empty() ? json(nullptr) : json(upstream)}}
                       .dump()
                << "\n";
      return kExitOk;
    }
    std::cout << "class: " << ReuseClassName(k) << "\nsource (upstream): " << src.url << " ("
              << src.outlet_name << ")\ncopy: " << cp.url << " (" << cp.outlet_name << ")\n"
              << "copy's text found in the source: " << static_cast<int>(e.copy_in_source * 100 + 0.5)
              << "%\nsource's text found in the copy: " << static_cast<int>(e.source_in_copy * 100 + 0.5)
              << "%\nshared passages of " << opts.passage_min_words << "+ words: " << cmp.passages
              << "\nlongest shared passage (" << cmp.longest_words << " words, "
              << CodePointLength(e.longest_text) << " chars): " << e.longest_text << "\n";
    if (!upstream.empty()) std::cout << "credited upstream: " << upstream << "\n";
    return kExitOk;
  }
  auto pairs = (*store)->ListReuse(*cls);
  if (!pairs.ok()) return PrintError(pairs.status());
  json arr = json::array();
  for (const auto& [e, upstream] : *pairs) {
    auto src = (*store)->GetArticle(e.source_id);
    auto cp = (*store)->GetArticle(e.copy_id);
    if (!src.ok() || !cp.ok()) continue;
    if (c.json) {
      arr.push_back({{"source", src->url},
                     {"copy", cp->url},
                     {"class", ReuseClassName(e.cls)},
                     {"containment", {{"copy_in_source", e.copy_in_source}, {"source_in_copy", e.source_in_copy}}},
                     {"longest_passage", {{"chars", CodePointLength(e.longest_text)}, {"text", e.longest_text}}},
                     {"upstream", upstream.empty() ? json(nullptr) : json(upstream)}});
    } else {
      std::cout << ReuseClassName(e.cls) << "  " << cp->outlet_name << " <- " << src->outlet_name
                << "  (" << static_cast<int>(e.copy_in_source * 100 + 0.5) << "% of the copy)"
                << (upstream.empty() ? "" : "  upstream: " + upstream) << "\n    copy:   " << cp->url
                << "\n    source: " << src->url << "\n";
    }
  }
  if (c.json) std::cout << json{{"schema", 1}, {"pairs", arr}}.dump() << "\n";
  else if (pairs->empty()) std::cout << "no reuse pairs\n";
  return kExitOk;
}

}  // namespace headwater::cli
