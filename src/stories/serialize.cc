// StoryClusterer state as bytes: a versioned binary layout in host byte order (little-endian on
// every target we build for).
//
//   "HWSTORY2" ("HWSTORY1", the layout before merges, is still read)
//   u64 docs, u64 next_id, u64 next_prune_at
//   u64 term count, then per term: str text, str surface, u32 df, u32 sf, u8 independent
//   u64 story count, then per story: i64 id, i64 first_seen, i64 last_seen, u32 size, u8 langs,
//       str title, f64 title_score, vec centroid, u64 exemplar count, vec exemplars...,
//       i64 merged_into, u32 x 4 articles per language (en, es, pt, other) (v2)
//   u64 merge count, then per merge: i64 from, i64 into, i64 at, f64 score (v2)
//   u64 XXH64 of everything before it
// where vec = u64 size + (u32 term, f64 weight) pairs sorted by term
// and str = u64 length + bytes and f64 is the IEEE-754 bit pattern, so a round trip is exact
// and a restored clusterer makes the same assignments. Norms and the inverted index are rebuilt.
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "stories/clusterer.h"
#include "stories/clusterer_state.h"

namespace headwater::stories {
namespace {

constexpr std::string_view kMagic = "HWSTORY2";
constexpr std::string_view kMagicV1 = "HWSTORY1";

class Writer {
 public:
  template <typename T>
  void Put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out_.append(buf, sizeof(T));
  }
  void PutStr(std::string_view s) {
    Put<uint64_t>(s.size());
    out_.append(s);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool Get(T* v) {
    if (in_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetStr(std::string* s) {
    uint64_t n = 0;
    if (!Get(&n) || in_.size() - pos_ < n) return false;
    s->assign(in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  // A count of items each at least min_bytes long must fit in the rest of the input.
  bool Plausible(uint64_t count, size_t min_bytes) const {
    return count <= (in_.size() - pos_) / min_bytes;
  }
  bool done() const { return pos_ == in_.size(); }
  size_t pos() const { return pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

void PutVector(Writer& w, const std::vector<std::pair<TermId, double>>& v) {
  w.Put<uint64_t>(v.size());
  for (const auto& [t, x] : v) {
    w.Put<uint32_t>(t);
    w.Put<double>(x);
  }
}

// Reads a sparse vector; false unless it is well-formed (term ids known and increasing).
bool GetVector(Reader& in, size_t term_count, std::vector<std::pair<TermId, double>>* v) {
  uint64_t k = 0;
  if (!in.Get(&k) || !in.Plausible(k, 12)) return false;
  v->resize(k);
  for (size_t j = 0; j < k; ++j) {
    auto& [t, x] = (*v)[j];
    if (!in.Get(&t) || !in.Get(&x) || t >= term_count) return false;
    if (j > 0 && (*v)[j - 1].first >= t) return false;
  }
  return true;
}

}  // namespace

std::string StoryClusterer::Serialize() const {
  const Rep& r = *rep_;
  Writer w;
  w.out().append(kMagic);
  w.Put<int64_t>(r.docs);
  w.Put<int64_t>(r.next_id);
  w.Put<uint64_t>(r.next_prune_at);
  w.Put<uint64_t>(r.terms.size());
  for (const TermInfo& t : r.terms) {
    w.PutStr(t.text);
    w.PutStr(t.surface);
    w.Put<uint32_t>(t.df);
    w.Put<uint32_t>(t.sf);
    w.Put<uint8_t>(t.independent ? 1 : 0);
  }
  w.Put<uint64_t>(r.stories.size());
  for (const StoryState& s : r.stories) {
    w.Put<int64_t>(s.id);
    w.Put<int64_t>(s.first_seen);
    w.Put<int64_t>(s.last_seen);
    w.Put<uint32_t>(s.size);
    w.Put<uint8_t>(s.langs);
    w.PutStr(s.title);
    w.Put<double>(s.title_score);
    PutVector(w, s.centroid);
    w.Put<uint64_t>(s.exemplars.size());
    for (const auto& e : s.exemplars) PutVector(w, e);
    w.Put<int64_t>(s.merged_into);
    for (uint32_t n : s.lang_counts) w.Put<uint32_t>(n);
  }
  w.Put<uint64_t>(r.merges.size());
  for (const StoryMerge& m : r.merges) {
    w.Put<int64_t>(m.from);
    w.Put<int64_t>(m.into);
    w.Put<int64_t>(m.at);
    w.Put<double>(m.score);
  }
  uint64_t sum = XXH64(w.out().data(), w.out().size(), 0);
  w.Put<uint64_t>(sum);
  return std::move(w.out());
}

StatusOr<StoryClusterer> StoryClusterer::Deserialize(std::string_view bytes, Options options) {
  auto bad = [](const char* what, size_t at) {
    return Status::Corruption("story clusterer state: bad " + std::string(what) + " at byte " +
                              std::to_string(at));
  };
  bool v1 = bytes.substr(0, kMagicV1.size()) == kMagicV1;
  if (!v1 && bytes.substr(0, kMagic.size()) != kMagic) return bad("magic", 0);
  if (bytes.size() < kMagic.size() + sizeof(uint64_t)) return bad("length", bytes.size());
  uint64_t sum = 0;
  std::memcpy(&sum, bytes.data() + bytes.size() - sizeof(sum), sizeof(sum));
  bytes.remove_suffix(sizeof(sum));
  if (XXH64(bytes.data(), bytes.size(), 0) != sum) return bad("checksum", bytes.size());
  Reader in(bytes.substr(kMagic.size()));
  StoryClusterer c(std::move(options));
  Rep& r = *c.rep_;
  uint64_t n = 0;
  if (!in.Get(&r.docs) || !in.Get(&r.next_id) || !in.Get(&r.next_prune_at) || !in.Get(&n) ||
      !in.Plausible(n, 25)) {
    return bad("header", in.pos());
  }
  r.terms.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    TermInfo& t = r.terms[i];
    uint8_t indep = 0;
    if (!in.GetStr(&t.text) || !in.GetStr(&t.surface) || !in.Get(&t.df) || !in.Get(&t.sf) ||
        !in.Get(&indep)) {
      return bad("term", in.pos());
    }
    t.independent = indep != 0;
    if (!r.term_index.emplace(t.text, static_cast<TermId>(i)).second) {
      return bad("duplicate term", in.pos());
    }
  }
  if (!in.Get(&n) || !in.Plausible(n, 53)) return bad("story count", in.pos());
  r.stories.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    StoryState& s = r.stories[i];
    uint64_t k = 0;
    if (!in.Get(&s.id) || !in.Get(&s.first_seen) || !in.Get(&s.last_seen) || !in.Get(&s.size) ||
        !in.Get(&s.langs) || !in.GetStr(&s.title) || !in.Get(&s.title_score) ||
        s.id != static_cast<StoryId>(i + 1)) {
      return bad("story", in.pos());
    }
    if (!GetVector(in, r.terms.size(), &s.centroid)) return bad("centroid", in.pos());
    if (!in.Get(&k) || !in.Plausible(k, 8)) return bad("exemplar count", in.pos());
    s.exemplars.resize(k);
    for (auto& e : s.exemplars) {
      if (!GetVector(in, r.terms.size(), &e)) return bad("exemplar", in.pos());
    }
    if (!v1 && (!in.Get(&s.merged_into) || s.merged_into < 0 ||
                s.merged_into >= static_cast<StoryId>(i + 1))) {
      return bad("merged_into", in.pos());
    }
    if (v1) {
      // v1 kept no counts: the story's languages, its articles spread evenly.
      int langs = 0;
      for (int b = 0; b < 4; ++b) langs += (s.langs >> b) & 1;
      for (int b = 0; b < 4; ++b) {
        if ((s.langs >> b) & 1) s.lang_counts[b] = s.size / std::max(1, langs);
      }
    } else {
      for (uint32_t& n : s.lang_counts) {
        if (!in.Get(&n)) return bad("language counts", in.pos());
      }
    }
  }
  if (!v1) {
    if (!in.Get(&n) || !in.Plausible(n, 32)) return bad("merge count", in.pos());
    r.merges.resize(n);
    for (StoryMerge& m : r.merges) {
      if (!in.Get(&m.from) || !in.Get(&m.into) || !in.Get(&m.at) || !in.Get(&m.score)) {
        return bad("merge", in.pos());
      }
    }
  }
  if (!in.done() || r.next_id != static_cast<StoryId>(r.stories.size() + 1)) {
    return bad("trailer", in.pos());
  }
  for (const StoryState& s : r.stories) r.latest_time = std::max(r.latest_time, s.last_seen);
  r.RebuildIndex();  // needs latest_time: which stories are aged
  r.seen.assign(r.stories.size(), 0);
  return c;
}

}  // namespace headwater::stories
