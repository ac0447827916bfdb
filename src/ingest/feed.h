// Feed input: RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents become RawArticles, and OPML
// subscription lists become a list of feed URLs (docs/FORMATS.md, "Feeds").
//
// XML is parsed with libxml2 in a safe mode: no entity substitution, no DTD loading, no network,
// a size cap before parsing and a depth cap while walking; entity references are never expanded
// into text, so an entity bomb yields a bounded result (or libxml2's own amplification refusal).
// A malformed document is a Status naming the file and line (one whose only fault is undeclared
// entities, HTML's &nbsp; in a feed without a DTD, is read with HTML's entity table, and a
// warning); a bad item (no usable link, an unparseable date) is a LineError whose `line` is the
// item's 1-based index, as in JSON Lines. Thread-safety: pure functions (libxml2 is initialised
// once, thread-safely).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "ingest/jsonl.h"

namespace headwater::ingest {

struct FeedOptions {
  size_t max_file_bytes = size_t{64} << 20;   // larger documents are refused before parsing
  int max_depth = 64;                         // elements nested deeper are ignored
  size_t max_items = 100000;                  // items beyond this are errors (one per item)
  size_t max_field_bytes = size_t{16} << 20;  // a longer title/content is an error for the item
};

struct FeedResult {
  std::string format;  // "rss2", "rss1" or "atom"
  std::string title;   // the channel/feed title ("" when absent)
  std::string link;    // the channel/feed home page ("" when absent)
  ParseResult parsed;  // parsed.lines = items seen; RawArticle::line = item index (1-based)
  // Set when the document's only fault was undeclared entities (HTML's &nbsp; without a DTD): it
  // was parsed again with HTML entities read as their characters (unknown names left out).
  std::string warning;
};

// Parses one feed document (the content of `file`). Each item gives url (link, or a permalink
// guid), title, html (content:encoded / atom content / description) or text (plain-text content),
// published (pubDate in RFC 822, dc:date, published/updated in RFC 3339), byline (author,
// dc:creator, atom author name) and outlet (the channel title, used when the URL's domain is not
// in the registry). Fails on malformed XML or a root that is not rss/rdf:RDF/feed.
StatusOr<FeedResult> ParseFeed(std::string_view data, std::string_view file,
                               const FeedOptions& options = {});
StatusOr<FeedResult> ReadFeed(const std::string& path, const FeedOptions& options = {});

struct OpmlFeed {
  std::string title;     // text or title attribute ("" when absent)
  std::string url;       // xmlUrl as written (http(s), file:// or a path)
  std::string html_url;  // htmlUrl ("" when absent)
};

// Parses an OPML document: every outline with an xmlUrl, in document order (nested outlines,
// i.e. folders, included). Fails on malformed XML or a root that is not <opml>.
StatusOr<std::vector<OpmlFeed>> ParseOpml(std::string_view data, std::string_view file,
                                          const FeedOptions& options = {});
StatusOr<std::vector<OpmlFeed>> ReadOpml(const std::string& path, const FeedOptions& options = {});

// What an XML document is, by its root element: "rss2", "rss1", "atom", "opml", or "" when it is
// not XML or none of these. Looks only at the first few KB (no full parse).
std::string SniffXmlKind(std::string_view data);

// Parses an RFC 822 / RFC 1123 date as used by RSS ("Tue, 10 Jun 2003 04:00:00 GMT",
// "10 Jun 03 04:00 +0200", zones UT/GMT/Z/EST..PDT/military letters/+hhmm), falling back to
// RFC 3339. nullopt when neither parses.
std::optional<UnixSeconds> ParseRfc822(std::string_view s);

}  // namespace headwater::ingest
