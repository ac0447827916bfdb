#include "ingest/feed.h"

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cstring>
#include <memory>

#include "common/paths.h"
#include "common/text.h"
#include "common/url.h"

namespace headwater::ingest {

namespace {

constexpr const char* kAtomNs = "http://www.w3.org/2005/Atom";
constexpr const char* kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* kDcNs = "http://purl.org/dc/elements/1.1/";

// No entity substitution (no XML_PARSE_NOENT), no DTD loading or validation, no network, and
// libxml2's default limits (no XML_PARSE_HUGE): depth 256, 10 MB text nodes, entity amplification.
constexpr int kSafeOptions =
    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

// Keeps the first error (the cause; later ones are usually consequences), notes whether every
// error was an undeclared entity (HTML's &nbsp; in a feed without a DTD), and keeps libxml2 off
// stderr.
struct Errors {
  int line = 0;
  std::string message;
  bool only_undeclared_entities = true;
  std::string first_entity;  // "nbsp" when the first error was `Entity 'nbsp' not defined`
};

void CaptureError(void* ctx, xmlErrorPtr e) {
  auto* errors = static_cast<Errors*>(ctx);
  if (!e || e->level < XML_ERR_ERROR) return;
  if (e->code != XML_ERR_UNDECLARED_ENTITY) errors->only_undeclared_entities = false;
  if (!errors->message.empty()) return;
  errors->line = e->line;
  errors->message =
      e->message ? std::string(TrimSpace(e->message)) : "error " + std::to_string(e->code);
  if (e->code == XML_ERR_UNDECLARED_ENTITY && e->str1) errors->first_entity = e->str1;
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// One libxml2 parse; a null doc (and *errors) when it is not well-formed.
DocPtr ParseOnce(std::string_view data, int options, Errors* errors) {
  xmlSetStructuredErrorFunc(errors, CaptureError);  // thread-local in libxml2
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  xmlDoc* doc = nullptr;
  if (ctxt) {
    doc = xmlCtxtReadMemory(ctxt, data.data(), static_cast<int>(data.size()), nullptr, nullptr,
                            options);
    if (doc && !ctxt->wellFormed && !(options & XML_PARSE_RECOVER)) {
      xmlFreeDoc(doc);
      doc = nullptr;
    }
    if (!doc && errors->message.empty()) {
      xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
      if (e && e->message) errors->message = std::string(TrimSpace(e->message));
      if (e) errors->line = e->line;
    }
    xmlFreeParserCtxt(ctxt);
  } else {
    errors->message = "libxml2 cannot allocate a parser";
    errors->only_undeclared_entities = false;
  }
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  return DocPtr(doc);
}

// Rewrites HTML named entities (&nbsp;, &mdash;: libxml2's HTML table) as character references;
// other unknown names are dropped. The five XML entities and character references stay.
std::string HtmlEntitiesToCharRefs(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  size_t i = 0;
  while (i < data.size()) {
    size_t amp = data.find('&', i);
    if (amp == std::string_view::npos) amp = data.size();
    out.append(data.substr(i, amp - i));
    i = amp;
    if (i >= data.size()) break;
    size_t j = i + 1;
    while (j < data.size() && j - i <= 32 && std::isalnum(static_cast<unsigned char>(data[j]))) ++j;
    std::string name(data.substr(i + 1, j - i - 1));
    if (j < data.size() && data[j] == ';' && !name.empty() && name != "amp" && name != "lt" &&
        name != "gt" && name != "quot" && name != "apos") {
      const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
      if (e) out += "&#" + std::to_string(e->value) + ";";
      i = j + 1;
      continue;
    }
    out += '&';
    ++i;
  }
  return out;
}

// Parses safely. A document whose only faults are undeclared entities (HTML's &nbsp; in a feed
// without a DTD) is parsed again with HTML entities read as their characters (others left out),
// and *warning says so.
StatusOr<DocPtr> ParseXml(std::string_view data, std::string_view file, const FeedOptions& o,
                          std::string* warning) {
  if (data.size() > o.max_file_bytes)
    return Status::ResourceExhausted(std::string(file) + ": " + std::to_string(data.size()) +
                                     " bytes, above the feed limit of " +
                                     std::to_string(o.max_file_bytes));
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
  Errors errors;
  DocPtr doc = ParseOnce(data, kSafeOptions, &errors);
  if (doc) return doc;
  if (errors.only_undeclared_entities && !errors.first_entity.empty()) {
    Errors again;
    std::string rewritten = HtmlEntitiesToCharRefs(data);
    doc = ParseOnce(rewritten, kSafeOptions, &again);
    if (doc) {
      *warning = std::string(file) + ":" + std::to_string(errors.line) +
                 ": undeclared entities (first &" + errors.first_entity +
                 ";) read as HTML entities";
      return doc;
    }
  }
  std::string message = std::string(file);
  if (errors.line > 0) message += ":" + std::to_string(errors.line);
  message += ": not well-formed XML";
  if (!errors.message.empty()) message += ": " + errors.message;
  return Status::InvalidArgument(message);
}

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

bool InNs(const xmlNode* n, const char* ns) {
  return n->ns && n->ns->href && std::strcmp(reinterpret_cast<const char*>(n->ns->href), ns) == 0;
}

bool Is(const xmlNode* n, std::string_view local) {
  return n && n->type == XML_ELEMENT_NODE && Name(n) == local;
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

// Text and CDATA below n, never following entity references (they stay unexpanded), to depth.
void GatherText(const xmlNode* n, int depth, const FeedOptions& o, std::string* out) {
  if (depth > o.max_depth) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (out->size() > o.max_field_bytes) return;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out->append(reinterpret_cast<const char*>(c->content));
    } else if (c->type == XML_ELEMENT_NODE) {
      GatherText(c, depth + 1, o, out);
    } else if (c->type == XML_ENTITY_REF_NODE) {
      // Only the five predefined entities (one character each) are ever read; declared ones stay
      // unexpanded.
      const xmlEntity* e = xmlGetPredefinedEntity(c->name);
      if (e && e->content) out->append(reinterpret_cast<const char*>(e->content));
    }
  }
}

std::string Text(const xmlNode* n, const FeedOptions& o) {
  std::string s;
  GatherText(n, 0, o, &s);
  return std::string(TrimSpace(s));
}

// Serialises the children of an Atom type="xhtml" element (its wrapping <div>'s children).
std::string InnerXml(const xmlNode* n, const FeedOptions& o) {
  const xmlNode* div = nullptr;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (Is(c, "div")) div = c;
  if (!div) div = n;
  xmlBuffer* buf = xmlBufferCreate();
  if (!buf) return "";
  for (xmlNode* c = div->children; c; c = c->next) {
    xmlNodeDump(buf, div->doc, c, 0, 0);
    if (static_cast<size_t>(xmlBufferLength(buf)) > o.max_field_bytes) break;
  }
  std::string s(reinterpret_cast<const char*>(xmlBufferContent(buf)), xmlBufferLength(buf));
  xmlBufferFree(buf);
  return s;
}

std::string Resolve(const xmlNode* n, const std::string& href) {
  if (href.empty() || CanonicalUrl(href)) return href;
  xmlChar* base = xmlNodeGetBase(n->doc, n);
  std::string b = base ? reinterpret_cast<const char*>(base) : "";
  if (base) xmlFree(base);
  auto r = ResolveUrl(b, href);
  return r ? *r : href;
}

// "jane@example.com (Jane Doe)" -> "Jane Doe"; anything else unchanged.
std::string AuthorName(std::string s) {
  size_t open = s.find('('), close = s.rfind(')');
  if (s.find('@') != std::string::npos && open != std::string::npos && close != std::string::npos &&
      close > open)
    return std::string(TrimSpace(std::string_view(s).substr(open + 1, close - open - 1)));
  return s;
}

bool LooksLikeMarkup(std::string_view s) { return s.find('<') != std::string_view::npos; }

struct ItemFields {
  std::string link, guid, title, content_html, description, text, date, date_field, author;
};

void SetError(LineError* err, const std::string& field, std::string message) {
  err->field = field;
  err->message = std::move(message);
}

// Builds one article from an item's fields; false (and *err) when it cannot.
bool BuildArticle(ItemFields f, const FeedResult& feed, bool rfc822, const FeedOptions& o,
                  normalize::Input* in, LineError* err) {
  std::string url = !f.link.empty() ? f.link : f.guid;
  if (url.empty()) {
    SetError(err, "link", "is required (no link and no permalink guid)");
    return false;
  }
  if (!CanonicalUrl(url)) {
    SetError(err, "link",
             "not an absolute http(s) URL: \"" + SanitizeUtf8(url.substr(0, 80)) + "\"");
    return false;
  }
  in->url = url;
  in->title = f.title;
  if (!f.content_html.empty()) {
    in->html = std::move(f.content_html);
  } else if (!f.description.empty()) {
    (LooksLikeMarkup(f.description) ? in->html : in->text) = std::move(f.description);
  } else {
    in->text = std::move(f.text);
  }
  for (const std::string* s : {&in->title, &in->html, &in->text}) {
    if (s->size() > o.max_field_bytes) {
      SetError(err, s == &in->title ? "title" : "content",
               "is " + std::to_string(s->size()) + " bytes, above the limit of " +
                   std::to_string(o.max_field_bytes));
      return false;
    }
  }
  if (!f.date.empty()) {
    in->published = rfc822 ? ParseRfc822(f.date) : ParseRfc3339(f.date);
    if (!in->published) {
      SetError(err, f.date_field,
               std::string(rfc822 ? "not an RFC 822 date: \"" : "not an RFC 3339 time: \"") +
                   SanitizeUtf8(f.date.substr(0, 60)) + "\"");
      return false;
    }
  }
  in->byline = AuthorName(std::move(f.author));
  in->outlet = feed.title;
  return true;
}

void AddItem(ItemFields f, bool rfc822, const FeedOptions& o, std::string_view file,
             FeedResult* feed) {
  ParseResult& pr = feed->parsed;
  size_t index = ++pr.lines;
  LineError err;
  err.file = std::string(file);
  err.line = index;
  if (index > o.max_items) {
    if (index == o.max_items + 1) {
      err.message = "more than " + std::to_string(o.max_items) + " items; the rest are ignored";
      pr.errors.push_back(err);
    }
    return;
  }
  RawArticle raw;
  raw.file = std::string(file);
  raw.line = index;
  if (BuildArticle(std::move(f), *feed, rfc822, o, &raw.input, &err))
    pr.articles.push_back(std::move(raw));
  else
    pr.errors.push_back(err);
}

// RSS 2.0 <item> or RSS 1.0 <item>.
ItemFields RssItem(const xmlNode* item, const FeedOptions& o, std::string* date_field) {
  ItemFields f;
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view n = Name(c);
    if (n == "link" && !InNs(c, kAtomNs)) {
      f.link = Resolve(c, Text(c, o));
    } else if (n == "guid") {
      std::string perma = Attr(c, "isPermaLink");
      std::string g = Text(c, o);
      if (perma != "false" && CanonicalUrl(g)) f.guid = g;
    } else if (n == "title") {
      f.title = Text(c, o);
    } else if (n == "encoded" && InNs(c, kContentNs)) {
      f.content_html = Text(c, o);
    } else if (n == "description") {
      f.description = Text(c, o);
    } else if (n == "pubDate") {
      f.date = Text(c, o);
      *date_field = "pubDate";
    } else if (n == "date" && InNs(c, kDcNs) && f.date.empty()) {
      f.date = Text(c, o);
      *date_field = "dc:date";
    } else if ((n == "author" || (n == "creator" && InNs(c, kDcNs))) && f.author.empty()) {
      f.author = Text(c, o);
    }
  }
  if (f.link.empty()) {
    std::string about = Attr(item, "about");  // RSS 1.0 rdf:about
    if (CanonicalUrl(about)) f.link = about;
  }
  return f;
}

std::string AtomAuthor(const xmlNode* parent, const FeedOptions& o) {
  for (const xmlNode* c = parent->children; c; c = c->next)
    if (Is(c, "author"))
      for (const xmlNode* a = c->children; a; a = a->next)
        if (Is(a, "name")) return Text(a, o);
  return "";
}

std::string AtomLink(const xmlNode* parent) {
  std::string best;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (!Is(c, "link")) continue;
    std::string rel = Attr(c, "rel");
    if (!rel.empty() && rel != "alternate") continue;
    std::string href = Resolve(c, Attr(c, "href"));
    std::string type = Attr(c, "type");
    if (best.empty() || type == "text/html") best = href;
  }
  return best;
}

// Atom text construct: type text -> text, html -> html (escaped markup), xhtml -> inline markup.
void AtomContent(const xmlNode* c, const FeedOptions& o, ItemFields* f) {
  std::string type = Attr(c, "type");
  if (type == "xhtml") {
    f->content_html = InnerXml(c, o);
  } else if (type == "html" || type == "text/html") {
    f->content_html = Text(c, o);
  } else if (type.empty() || type == "text" || type == "text/plain") {
    f->text = Text(c, o);
  }  // other media types (out-of-line src=, base64) carry no article text here
}

void ParseAtom(const xmlNode* root, const FeedOptions& o, std::string_view file, FeedResult* feed) {
  std::string feed_author = AtomAuthor(root, o);
  feed->link = AtomLink(root);
  for (const xmlNode* c = root->children; c; c = c->next)
    if (Is(c, "title")) feed->title = Text(c, o);
  for (const xmlNode* e = root->children; e; e = e->next) {
    if (!Is(e, "entry")) continue;
    ItemFields f;
    f.link = AtomLink(e);
    f.author = AtomAuthor(e, o);
    if (f.author.empty()) f.author = feed_author;
    std::string published, updated, summary_text, summary_html;
    for (const xmlNode* c = e->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string_view n = Name(c);
      if (n == "title") {
        f.title = Text(c, o);
      } else if (n == "content") {
        AtomContent(c, o, &f);
      } else if (n == "summary") {
        ItemFields s;
        AtomContent(c, o, &s);
        summary_html = s.content_html;
        summary_text = s.text;
      } else if (n == "published") {
        published = Text(c, o);
      } else if (n == "updated") {
        updated = Text(c, o);
      } else if (n == "id" && f.guid.empty()) {
        std::string id = Text(c, o);
        if (CanonicalUrl(id)) f.guid = id;
      }
    }
    if (f.content_html.empty() && f.text.empty()) {
      f.content_html = summary_html;
      f.text = summary_text;
    }
    f.date = !published.empty() ? published : updated;
    f.date_field = !published.empty() ? "published" : "updated";
    AddItem(std::move(f), /*rfc822=*/false, o, file, feed);
  }
}

void ParseRss(const xmlNode* root, bool rdf, const FeedOptions& o, std::string_view file,
              FeedResult* feed) {
  const xmlNode* channel = nullptr;
  for (const xmlNode* c = root->children; c; c = c->next)
    if (Is(c, "channel")) channel = c;
  if (channel) {
    for (const xmlNode* c = channel->children; c; c = c->next) {
      if (Is(c, "title") && feed->title.empty()) feed->title = Text(c, o);
      if (Is(c, "link") && !InNs(c, kAtomNs) && feed->link.empty()) feed->link = Text(c, o);
    }
  }
  // RSS 2.0 items live in <channel>; RSS 1.0 items are siblings of <channel> under rdf:RDF.
  const xmlNode* holder = rdf ? root : channel;
  if (!holder) return;
  for (const xmlNode* c = holder->children; c; c = c->next) {
    if (!Is(c, "item")) continue;
    std::string date_field;
    ItemFields f = RssItem(c, o, &date_field);
    f.date_field = date_field;
    bool rfc822 = date_field == "pubDate";
    AddItem(std::move(f), rfc822, o, file, feed);
  }
}

}  // namespace

StatusOr<FeedResult> ParseFeed(std::string_view data, std::string_view file, const FeedOptions& o) {
  FeedResult feed;
  HW_ASSIGN_OR_RETURN(DocPtr doc, ParseXml(data, file, o, &feed.warning));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  std::string_view name = root ? Name(root) : "";
  if (name == "rss") {
    feed.format = "rss2";
    ParseRss(root, /*rdf=*/false, o, file, &feed);
  } else if (name == "RDF") {
    feed.format = "rss1";
    ParseRss(root, /*rdf=*/true, o, file, &feed);
  } else if (name == "feed") {
    feed.format = "atom";
    ParseAtom(root, o, file, &feed);
  } else {
    return Status::InvalidArgument(std::string(file) + ": not a feed: the root element is <" +
                                   std::string(name) + ">, expected <rss>, <rdf:RDF> or <feed>");
  }
  return feed;
}

StatusOr<FeedResult> ReadFeed(const std::string& path, const FeedOptions& o) {
  HW_ASSIGN_OR_RETURN(std::string data, ReadFile(path, o.max_file_bytes));
  return ParseFeed(data, path, o);
}

namespace {

void CollectOutlines(const xmlNode* n, int depth, const FeedOptions& o,
                     std::vector<OpmlFeed>* out) {
  if (depth > o.max_depth) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (!Is(c, "outline")) continue;
    std::string url = std::string(TrimSpace(Attr(c, "xmlUrl")));
    if (!url.empty()) {
      OpmlFeed f;
      f.url = url;
      f.title = Attr(c, "title");
      if (f.title.empty()) f.title = Attr(c, "text");
      f.html_url = Attr(c, "htmlUrl");
      out->push_back(std::move(f));
    }
    CollectOutlines(c, depth + 1, o, out);
  }
}

}  // namespace

StatusOr<std::vector<OpmlFeed>> ParseOpml(std::string_view data, std::string_view file,
                                          const FeedOptions& o) {
  std::string warning;  // OPML lists do not carry article text: a left-out entity is harmless
  HW_ASSIGN_OR_RETURN(DocPtr doc, ParseXml(data, file, o, &warning));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || Name(root) != "opml")
    return Status::InvalidArgument(std::string(file) + ": not OPML: the root element is <" +
                                   std::string(root ? Name(root) : "") + ">, expected <opml>");
  std::vector<OpmlFeed> feeds;
  for (const xmlNode* c = root->children; c; c = c->next)
    if (Is(c, "body")) CollectOutlines(c, 0, o, &feeds);
  return feeds;
}

StatusOr<std::vector<OpmlFeed>> ReadOpml(const std::string& path, const FeedOptions& o) {
  HW_ASSIGN_OR_RETURN(std::string data, ReadFile(path, o.max_file_bytes));
  return ParseOpml(data, path, o);
}

}  // namespace headwater::ingest
