#include "records/alert_feed.h"

#include <nlohmann/json.hpp>

#include "common/text.h"

namespace headwater::records {

std::string AlertSummary(const store::Alert& a) {
  std::string s = "story #" + std::to_string(a.story_id) + ": ";
  if (a.what == "new_story") return s + "new story (" + a.to + ")";
  return s + a.what + " " + a.from + " -> " + a.to;
}

std::string AlertsToAtom(const std::vector<store::Alert>& alerts, UnixSeconds now,
                         const AlertFeedOptions& o) {
  UnixSeconds updated = now;
  if (!alerts.empty()) {
    updated = alerts.front().at;
    for (const auto& a : alerts) updated = std::max(updated, a.at);
  }
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <id>" + XmlEscape(o.feed_id) + "</id>\n  <title>" + XmlEscape(o.title) + "</title>\n";
  out += "  <updated>" + FormatRfc3339(updated) + "</updated>\n";
  out += "  <author><name>Headwater</name></author>\n";
  for (const store::Alert& a : alerts) {
    out += "  <entry>\n";
    out += "    <id>" + XmlEscape(o.feed_id) + ":" + std::to_string(a.id) + "</id>\n";
    out += "    <title>" + XmlEscape(AlertSummary(a)) + "</title>\n";
    out += "    <updated>" + FormatRfc3339(a.at) + "</updated>\n";
    if (!o.story_url_prefix.empty())
      out += "    <link href=\"" + XmlEscape(o.story_url_prefix + std::to_string(a.story_id)) + "\"/>\n";
    std::string body = "watch " + std::to_string(a.watch_id) + ". Evidence:";
    nlohmann::json ev = nlohmann::json::parse(a.evidence_json, nullptr, false);
    if (ev.is_array())
      for (const auto& e : ev)
        body += "\n- " + e.value("url", "") + ": \"" + e.value("text", "") + "\"";
    out += "    <content type=\"text\">" + XmlEscape(body) + "</content>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace headwater::records
