// Bilingual lexicon from FreeDict dictd files; see lexicon.h.
#include "stories/lexicon.h"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>

#include "common/text.h"

namespace headwater::stories {
namespace {

// dictd numbers: big-endian digits of the base64 alphabet, no padding.
bool DecodeDictdNumber(std::string_view s, uint64_t* out) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (s.empty() || s.size() > 10) return false;
  uint64_t v = 0;
  for (char c : s) {
    size_t d = kAlphabet.find(c);
    if (d == std::string_view::npos) return false;
    v = v * 64 + d;
  }
  *out = v;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsSingleWord(std::string_view s) {
  return !s.empty() && s.find_first_of(" -\xE2") == std::string_view::npos;
}

// Function words of English translation phrases ("to arm oneself", "piece of land").
bool IsEnglishFunctionWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "a",   "an",  "the",  "of",   "to",   "in",  "on",      "at",      "by",        "for",
      "and", "or",  "with", "from", "be",   "one", "oneself", "someone", "something", "up",
      "out", "off", "as",   "into", "over", "its", "his",     "her",     "not"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Translations of one dictd entry body: line 1 is "headword /ipa/"; the rest are either one
// line "a, b, c" or senses "1. a, b". Returns the items (words or phrases) in order.
std::vector<std::string> ParseEntry(std::string_view body) {
  std::vector<std::string> out;
  size_t nl = body.find('\n');
  if (nl == std::string_view::npos) return out;
  body.remove_prefix(nl + 1);
  while (!body.empty()) {
    nl = body.find('\n');
    std::string_view line = Trim(body.substr(0, nl));
    body.remove_prefix(nl == std::string_view::npos ? body.size() : nl + 1);
    // Drop a sense number "12. ".
    size_t i = 0;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
    if (i > 0 && i + 1 < line.size() && line[i] == '.' && line[i + 1] == ' ') {
      line.remove_prefix(i + 2);
    }
    while (!line.empty()) {
      size_t comma = line.find_first_of(",;");
      std::string_view item = Trim(line.substr(0, comma));
      line.remove_prefix(comma == std::string_view::npos ? line.size() : comma + 1);
      if (!item.empty()) out.emplace_back(item);
    }
  }
  return out;
}

StatusOr<std::string> ReadGzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError("cannot open " + path);
  std::string data;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
  bool failed = n < 0;
  gzclose(f);
  if (failed) return Status::IoError("cannot decompress " + path);
  return data;
}

size_t StringBytes(const std::string& s) {
  return s.capacity() > 15 ? s.capacity() + 1 : 0;  // heap part beyond the SSO buffer
}

}  // namespace

const Lexicon::Map* Lexicon::MapFor(std::string_view lang) const {
  if (lang == "es") return &es_;
  if (lang == "pt") return &pt_;
  return nullptr;
}

Lexicon::Map* Lexicon::MapFor(std::string_view lang) {
  if (lang == "es") return &es_;
  if (lang == "pt") return &pt_;
  return nullptr;
}

void Lexicon::Add(std::string_view lang, std::string_view headword,
                  const std::vector<std::string>& translations, size_t max_translations) {
  Map* m = MapFor(lang);
  if (m == nullptr) return;
  std::string head = Fold(headword);
  if (!IsSingleWord(head)) return;
  std::vector<std::string>& list = (*m)[head];
  for (const std::string& t : translations) {
    // A phrase ("camping ground", "camp of tents") gives its content words.
    for (std::string& word : FoldedWords(t)) {
      if (list.size() >= max_translations) break;
      if (word.size() < 2 || IsEnglishFunctionWord(word)) continue;
      if (std::find(list.begin(), list.end(), word) == list.end()) list.push_back(std::move(word));
    }
  }
  if (list.empty()) m->erase(head);
}

Status Lexicon::AddDictd(std::string_view lang, const std::string& index_path,
                         const std::string& dict_path, size_t max_translations) {
  std::ifstream index(index_path);
  if (!index) return Status::IoError("cannot open " + index_path);
  StatusOr<std::string> dict = ReadGzip(dict_path);
  if (!dict.ok()) return dict.status();
  std::string line;
  int line_no = 0;
  while (std::getline(index, line)) {
    ++line_no;
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    uint64_t off = 0, len = 0;
    if (t2 == std::string::npos ||
        !DecodeDictdNumber(std::string_view(line).substr(t1 + 1, t2 - t1 - 1), &off) ||
        !DecodeDictdNumber(Trim(std::string_view(line).substr(t2 + 1)), &len)) {
      return Status::Corruption(index_path + ":" + std::to_string(line_no) +
                                ": expected headword<TAB>offset<TAB>length");
    }
    std::string_view head = std::string_view(line).substr(0, t1);
    if (head.starts_with("00database") || head.starts_with("00-database")) continue;
    if (off + len > dict->size()) {
      return Status::Corruption(index_path + ":" + std::to_string(line_no) +
                                ": entry beyond the end of " + dict_path);
    }
    Add(lang, head, ParseEntry(std::string_view(*dict).substr(off, len)), max_translations);
  }
  return Status::Ok();
}

Lexicon Lexicon::Load(const LexiconOptions& options) {
  Lexicon lex;
  for (std::string_view lang : {"es", "pt"}) {
    std::string base = options.dir + "/freedict-" + (lang == "es" ? "spa" : "por") + "-eng";
    Status s = lex.AddDictd(lang, base + ".index", base + ".dict.dz", options.max_translations);
    if (!lex.note_.empty()) lex.note_ += "; ";
    lex.note_ += std::string(lang) + ": ";
    if (s.ok()) {
      lex.note_ += std::to_string(lex.size(lang)) + " headwords from " + base;
    } else {
      lex.MapFor(lang)->clear();
      lex.note_ += "no dictionary (" + s.message() + "; install dict-freedict-" +
                   (lang == "es" ? "spa" : "por") + "-eng)";
    }
  }
  return lex;
}

std::shared_ptr<const Lexicon> Lexicon::Shared() {
  static std::once_flag once;
  static std::shared_ptr<const Lexicon> shared;
  std::call_once(once, [] { shared = std::make_shared<const Lexicon>(Load()); });
  return shared;
}

const std::vector<std::string>* Lexicon::Find(const Map& m, std::string_view w) const {
  auto it = m.find(std::string(w));
  return it == m.end() ? nullptr : &it->second;
}

const std::vector<std::string>* Lexicon::Translate(std::string_view lang,
                                                   std::string_view w) const {
  const Map* m = MapFor(lang);
  if (m == nullptr || m->empty() || w.size() < 3) return nullptr;
  if (const auto* hit = Find(*m, w)) return hit;
  std::string s(w);
  // Plural -> singular.
  std::vector<std::string> bases;
  if (s.ends_with("es") && s.size() > 4) bases.push_back(s.substr(0, s.size() - 2));
  if (s.ends_with("s") && s.size() > 3) bases.push_back(s.substr(0, s.size() - 1));
  bases.push_back(s);
  for (const std::string& b : bases) {
    if (b != s) {
      if (const auto* hit = Find(*m, b)) return hit;
    }
    // Feminine -> masculine.
    if (b.ends_with("a") && b.size() > 3) {
      if (const auto* hit = Find(*m, b.substr(0, b.size() - 1) + "o")) return hit;
    }
    // Participle -> infinitive.
    for (std::string_view p : {"ado", "ada", "ido", "ida"}) {
      if (!b.ends_with(p) || b.size() <= p.size() + 2) continue;
      std::string stem = b.substr(0, b.size() - p.size());
      for (std::string_view inf : p[0] == 'a' ? std::vector<std::string_view>{"ar"}
                                              : std::vector<std::string_view>{"er", "ir"}) {
        if (const auto* hit = Find(*m, stem + std::string(inf))) return hit;
      }
    }
  }
  return nullptr;
}

size_t Lexicon::size(std::string_view lang) const {
  const Map* m = MapFor(lang);
  return m == nullptr ? 0 : m->size();
}

size_t Lexicon::MemoryBytes() const {
  size_t bytes = sizeof(*this);
  for (const Map* m : {&es_, &pt_}) {
    bytes += m->bucket_count() * sizeof(void*);
    for (const auto& [head, list] : *m) {
      // Node: next pointer, cached hash, key and value objects.
      bytes += 2 * sizeof(void*) + sizeof(head) + sizeof(list) + StringBytes(head);
      bytes += list.capacity() * sizeof(std::string);
      for (const std::string& t : list) bytes += StringBytes(t);
    }
  }
  return bytes;
}

}  // namespace headwater::stories
