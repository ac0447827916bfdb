// Single-pass story clustering (a streaming variant of centroid-based "topic detection and
// tracking", Allan et al. 1998). For each article, in order:
//   1. extract raw terms (terms.h), register new terms, count frequencies; when the vocabulary
//      reaches max_terms, prune it first (PruneTerms);
//   2. weight tf x idf with idf learned from the stream so far: by default over STORIES,
//      idf = ln((S + 2) / (sf + 1)), so a story's own burst does not make its key terms look
//      common; zero for data-derived stop words (share of stories > stop_df_fraction); keep the
//      top article_terms; L2-normalise;
//   3. if linked_stories names a known story, join the one named most often (ties: lowest id);
//   4. otherwise take as candidates the stories holding one of the article's heaviest terms,
//      through the inverted index: as few terms as bound every other story's score below the
//      threshold it faces (Rep::ProbeCount; fewer terms for stories beyond the window, which
//      face the higher revive threshold), so the decisions are those of scoring every story
//      sharing a term, while the light common terms, whose postings grow with the stories held,
//      are not walked, or add only stories active in the window; exact dot products over the
//      truncated centroids. The index has two halves (clusterer_state.h): the window's stories,
//      walked under the join bound, and the aged ones, walked under the revive bound and only
//      through terms no more than aged_postings_cap aged stories hold (AgeStories moves stories
//      from the first half to the second as the latest article time passes their window);
//      score = cosine x time decay x size prior, clamped to [0,1]; optionally also the best cosine
//      with a recent member (exemplars); pick the best story whose score passes its rule
//      (join_threshold inside the window, revive_threshold(_text) beyond it,
//      cross_language_threshold on language-independent terms for a language new to the story or a
//      minority in it); ties go to the lower StoryId;
//   5. join it (centroid += article vector, truncate to centroid_terms, update the index and
//      story frequencies), or start a new story;
//   6. if the story joined has two or more articles, compare its centroid with those of the
//      other stories active in the window (candidates through the index, by its heaviest
//      merge_probe_terms terms; exact cosine); when one reaches merge_threshold, the younger
//      story merges into the older (centroids added, recorded in merges()); repeat (at most 4).
#include "stories/clusterer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>

#include "stories/clusterer_state.h"

namespace headwater::stories {
namespace {

constexpr double kSecondsPerDay = 86400.0;

struct ArticleVector {
  std::vector<std::pair<TermId, double>> terms;  // unit vector, sorted by term id
  double indep_norm = 0;                         // norm of the language-independent part
};

double TimeDecay(const Options& o, double gap_days) {
  return 1 - o.time_decay_weight * (1 - std::exp2(-gap_days / o.time_half_life_days));
}

// Dot product of two sparse vectors sorted by term id.
double SparseDot(const std::vector<std::pair<TermId, double>>& x,
                 const std::vector<std::pair<TermId, double>>& y) {
  double sum = 0;
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].first < y[j].first) {
      ++i;
    } else if (y[j].first < x[i].first) {
      ++j;
    } else {
      sum += x[i++].second * y[j++].second;
    }
  }
  return sum;
}

// x + y (both sorted by term id), then only the top k weights kept, sorted by term id again.
std::vector<std::pair<TermId, double>> AddTruncated(const std::vector<std::pair<TermId, double>>& x,
                                                    const std::vector<std::pair<TermId, double>>& y,
                                                    size_t k) {
  std::vector<std::pair<TermId, double>> merged;
  merged.reserve(x.size() + y.size());
  size_t i = 0, j = 0;
  while (i < x.size() || j < y.size()) {
    if (j == y.size() || (i < x.size() && x[i].first < y[j].first)) {
      merged.push_back(x[i++]);
    } else if (i == x.size() || y[j].first < x[i].first) {
      merged.push_back(y[j++]);
    } else {
      merged.emplace_back(x[i].first, x[i].second + y[j].second);
      ++i;
      ++j;
    }
  }
  if (merged.size() > k) {
    std::partial_sort(merged.begin(), merged.begin() + k, merged.end(),
                      [](const auto& a, const auto& b) {
                        return a.second != b.second ? a.second > b.second : a.first < b.first;
                      });
    merged.resize(k);
    std::sort(merged.begin(), merged.end());
  }
  return merged;
}

}  // namespace

std::pair<int64_t, double> StoryClusterer::Rep::MergeCandidate(size_t si, UnixSeconds now,
                                                               double threshold) {
  const StoryState& s = stories[si];
  if (s.norm <= 0) return {-1, 0};
  // Candidates: stories holding one of s's heaviest merge_probe_terms terms (two centroids
  // with a cosine near merge_threshold share their heavy terms); then exact cosines. Of those
  // terms only the heaviest few are walked: a story sharing none of the first p terms has a
  // cosine of at most |rest after p| / |s| (Cauchy-Schwarz), so once that is below
  // merge_threshold the lighter (commoner, longer) postings cannot add a story that passes,
  // and the merge found is the same. Stories outside the window are not candidates.
  std::vector<std::pair<TermId, double>> probe = s.centroid;
  size_t k = std::min(options.merge_probe_terms, probe.size());
  std::partial_sort(probe.begin(), probe.begin() + k, probe.end(),
                    [](const auto& x, const auto& y) {
                      return x.second != y.second ? x.second > y.second : x.first < y.first;
                    });
  {
    // rest(p) = squared norm of every term after the first p (sorted or not, past k).
    double rest = 0;
    for (size_t i = k; i < probe.size(); ++i) rest += probe[i].second * probe[i].second;
    double limit = threshold * s.norm * (1 - 1e-9);
    while (k > 0) {
      double w = probe[k - 1].second;
      if (std::sqrt(rest + w * w) >= limit) break;
      rest += w * w;
      --k;
    }
  }
  touched.clear();
  seen.resize(stories.size(), 0);
  // Stories in the aged postings are out of the window unless `now` is older than latest_time.
  for (size_t i = 0; i < k; ++i) {
    for (const auto* lists : {&postings, &aged_postings}) {
      if (lists == &aged_postings && now >= latest_time) continue;
      for (uint32_t sj : (*lists)[probe[i].first]) {
        if (sj == si || seen[sj]) continue;
        seen[sj] = 1;
        touched.push_back(sj);
      }
    }
  }
  const double window = options.window_days * kSecondsPerDay;
  for (uint32_t sj : touched) seen[sj] = 0;
  std::erase_if(touched, [&](uint32_t sj) {
    return static_cast<double>(now - stories[sj].last_seen) > window;
  });
  std::sort(touched.begin(), touched.end());
  int64_t best = -1;
  double best_cos = 0;
  for (uint32_t sj : touched) {
    const StoryState& o = stories[sj];
    if (o.norm <= 0) continue;
    if (static_cast<double>(now - o.last_seen) > options.window_days * kSecondsPerDay) continue;
    double cosine = SparseDot(s.centroid, o.centroid) / (s.norm * o.norm);
    if (cosine >= threshold && cosine > best_cos) {
      best = sj;
      best_cos = cosine;
    }
  }
  return {best, best_cos};
}

void StoryClusterer::Rep::MergeStories(size_t from, size_t into, UnixSeconds at, double score) {
  StoryState& f = stories[from];
  StoryState& t = stories[into];
  // Story frequencies: the two stories become one; terms both held count once.
  uint32_t min_size = std::max<uint32_t>(1, options.sf_min_story_size);
  if (f.size >= min_size && t.size >= min_size) {
    counted_stories -= 1;
    size_t i = 0, j = 0;
    while (i < f.centroid.size() && j < t.centroid.size()) {
      if (f.centroid[i].first < t.centroid[j].first) {
        ++i;
      } else if (t.centroid[j].first < f.centroid[i].first) {
        ++j;
      } else {
        TermInfo& info = terms[f.centroid[i].first];
        if (info.sf > 0) info.sf -= 1;
        ++i;
        ++j;
      }
    }
  }
  std::vector<std::pair<TermId, double>> old_into = t.centroid, old_from = std::move(f.centroid);
  t.centroid = AddTruncated(old_into, old_from, options.centroid_terms);
  f.centroid.clear();
  f.exemplars.clear();
  t.size += f.size;
  max_story_size = std::max(max_story_size, t.size);
  t.langs |= f.langs;
  for (int i = 0; i < 4; ++i) t.lang_counts[i] += f.lang_counts[i];
  t.first_seen = std::min(t.first_seen, f.first_seen);
  t.last_seen = std::max(t.last_seen, f.last_seen);
  if (f.title_score > t.title_score) {
    t.title = f.title;
    t.title_score = f.title_score;
  }
  f.merged_into = t.id;
  merges.push_back(StoryMerge{.from = f.id, .into = t.id, .at = at, .score = score});
  Reindex(from, old_from);
  Reindex(into, old_into);
}

size_t StoryClusterer::Rep::ProbeCount(const std::vector<std::pair<TermId, double>>& order,
                                       double indep_norm, double threshold) const {
  const Options& o = options;
  // Exemplars pick their stories among the best candidates: keep all of them (not with the
  // learned rule, which reads exemplars only as a feature of candidates above its score floor).
  if (o.exemplars > 0 && o.exemplar_candidates > 0 && o.join_model.empty()) return order.size();
  // A story none of whose terms is probed meets the article only on the unprobed rest R, so
  // (Cauchy-Schwarz against the story's unit centroid) its cosine is at most |R|, its score at
  // most |R| x max decay x the size prior of the largest story; its cross-language score at most
  // |R_indep| / |article_indep| x max decay. Probing stops once both bounds are below
  // `threshold` (with a small margin for rounding).
  double max_decay = std::max(1.0, 1 - o.time_decay_weight);
  double size_factor =
      std::max(1.0, 1 + o.size_prior * std::log(static_cast<double>(max_story_size)));
  double limit = threshold / (size_factor * max_decay) * (1 - 1e-9);
  double cross_limit =
      std::max(threshold, o.cross_language_threshold) / max_decay * indep_norm * (1 - 1e-9);
  if (!(limit > 0)) return order.size();
  // Suffix sums of squares, from the lightest term up.
  double rest = 0, rest_indep = 0;
  size_t probes = order.size();
  while (probes > 0) {
    double w = order[probes - 1].second;
    double next = rest + w * w;
    double next_indep = rest_indep + (terms[order[probes - 1].first].independent ? w * w : 0);
    if (std::sqrt(next) >= limit || (next_indep > 0 && std::sqrt(next_indep) >= cross_limit)) {
      break;
    }
    rest = next;
    rest_indep = next_indep;
    --probes;
  }
  return probes;
}

void StoryClusterer::Rep::ComputeNorms(StoryState& s) const {
  double n = 0, ni = 0;
  for (const auto& [t, w] : s.centroid) {
    n += w * w;
    if (terms[t].independent) ni += w * w;
  }
  s.norm = std::sqrt(n);
  s.indep_norm = std::sqrt(ni);
}

namespace {

// Removes one occurrence of v from list (order is not kept).
void SwapRemove(std::vector<uint32_t>& list, uint32_t v) {
  auto it = std::find(list.begin(), list.end(), v);
  if (it == list.end()) return;
  *it = list.back();
  list.pop_back();
}

}  // namespace

void StoryClusterer::Rep::AgeStories() {
  // The window test of Assign's scoring, at latest_time.
  while (!ageing.empty() &&
         std::max<double>(0, latest_time - ageing.front().first) / kSecondsPerDay >
             options.window_days) {
    auto [at, si] = ageing.front();
    std::pop_heap(ageing.begin(), ageing.end(), std::greater<>());
    ageing.pop_back();
    StoryState& s = stories[si];
    if (s.last_seen != at || aged[si]) continue;  // touched since: a later entry stands for it
    for (const auto& [t, w] : s.centroid) {
      SwapRemove(postings[t], si);
      aged_postings[t].push_back(si);
    }
    aged[si] = 1;
  }
}

void StoryClusterer::Rep::Reindex(size_t story_index,
                                  const std::vector<std::pair<TermId, double>>& old_centroid) {
  StoryState& s = stories[story_index];
  ComputeNorms(s);
  const uint32_t si = static_cast<uint32_t>(story_index);
  aged.resize(stories.size(), 0);
  if (s.merged_into == 0) {
    ageing.emplace_back(s.last_seen, si);
    std::push_heap(ageing.begin(), ageing.end(), std::greater<>());
  }
  if (aged[story_index]) {
    // Revived (or merged while out of the window): back into the window's postings.
    for (const auto& [t, w] : old_centroid) SwapRemove(aged_postings[t], si);
    for (const auto& [t, w] : s.centroid) postings[t].push_back(si);
    aged[story_index] = 0;
    return;
  }
  // Both lists are sorted by term id: walk them together.
  size_t i = 0, j = 0;
  const auto& now = s.centroid;
  while (i < old_centroid.size() || j < now.size()) {
    if (j == now.size() || (i < old_centroid.size() && old_centroid[i].first < now[j].first)) {
      SwapRemove(postings[old_centroid[i].first], si);
      ++i;
    } else if (i == old_centroid.size() || now[j].first < old_centroid[i].first) {
      postings[now[j].first].push_back(static_cast<uint32_t>(story_index));
      ++j;
    } else {
      ++i;
      ++j;
    }
  }
}

void StoryClusterer::Rep::RebuildIndex() {
  postings.assign(terms.size(), {});
  aged_postings.assign(terms.size(), {});
  aged.assign(stories.size(), 0);
  ageing.clear();
  counted_stories = 0;
  for (const StoryState& s : stories) {
    // A merged story's articles count in the story it merged into.
    if (s.merged_into == 0 && s.size >= std::max<uint32_t>(1, options.sf_min_story_size)) {
      ++counted_stories;
    }
  }
  max_story_size = 1;
  for (size_t i = 0; i < stories.size(); ++i) {
    max_story_size = std::max(max_story_size, stories[i].size);
    ComputeNorms(stories[i]);
    const StoryState& s = stories[i];
    aged[i] = std::max<double>(0, latest_time - s.last_seen) / kSecondsPerDay > options.window_days;
    auto& lists = aged[i] ? aged_postings : postings;
    for (const auto& [t, w] : s.centroid) lists[t].push_back(static_cast<uint32_t>(i));
  }
  // The ageing heap: live stories in the window only.
  for (size_t i = 0; i < stories.size(); ++i) {
    if (!aged[i] && stories[i].merged_into == 0) {
      ageing.emplace_back(stories[i].last_seen, static_cast<uint32_t>(i));
    }
  }
  std::make_heap(ageing.begin(), ageing.end(), std::greater<>());
}

void StoryClusterer::Rep::PruneTerms() {
  // Single-article stories quiet for longer than the window are forgotten as vectors (their id,
  // title and times stay): they are the bulk of the stories and rarely come back.
  for (StoryState& s : stories) {
    if (s.size <= 1 && latest_time - s.last_seen > options.window_days * kSecondsPerDay) {
      s.centroid.clear();
      s.exemplars.clear();
    }
  }
  // Keep every term some story still uses; of the rest keep those in two or more stories.
  std::vector<char> keep(terms.size(), 0);
  for (const StoryState& s : stories) {
    for (const auto& [t, w] : s.centroid) keep[t] = 1;
    for (const auto& e : s.exemplars) {
      for (const auto& [t, w] : e) keep[t] = 1;
    }
  }
  size_t kept = 0;
  for (size_t t = 0; t < terms.size(); ++t) kept += keep[t];
  // Rare terms go only while there is room for them: at most half of max_terms survive.
  for (size_t t = 0; t < terms.size() && kept < options.max_terms / 2; ++t) {
    if (!keep[t] && terms[t].sf >= 2) {
      keep[t] = 1;
      ++kept;
    }
  }
  std::vector<TermId> remap(terms.size(), 0);
  std::vector<TermInfo> survivors;
  survivors.reserve(kept);
  for (size_t t = 0; t < terms.size(); ++t) {
    if (!keep[t]) continue;
    remap[t] = static_cast<TermId>(survivors.size());
    survivors.push_back(std::move(terms[t]));
  }
  terms = std::move(survivors);
  term_index.clear();
  for (size_t t = 0; t < terms.size(); ++t)
    term_index.emplace(terms[t].text, static_cast<TermId>(t));
  // Ids keep their order, so centroids stay sorted by term id.
  for (StoryState& s : stories) {
    for (auto& [t, w] : s.centroid) t = remap[t];
    for (auto& e : s.exemplars) {
      for (auto& [t, w] : e) t = remap[t];
    }
  }
  RebuildIndex();
  // Hysteresis: when live stories hold most terms, do not prune again at the very next article.
  next_prune_at = terms.size() + terms.size() / 4;
}

StoryClusterer::StoryClusterer(Options options) : rep_(std::make_unique<Rep>(std::move(options))) {}
StoryClusterer::~StoryClusterer() = default;
StoryClusterer::StoryClusterer(StoryClusterer&&) noexcept = default;
StoryClusterer& StoryClusterer::operator=(StoryClusterer&&) noexcept = default;

Assignment StoryClusterer::Assign(const ArticleFeatures& a) {
  return AssignImpl(a, /*forced=*/false, 0, nullptr);
}

Assignment StoryClusterer::Assign(const ArticleFeatures& a,
                                  std::vector<CandidateFeatures>* features) {
  return AssignImpl(a, /*forced=*/false, 0, features);
}

std::vector<CandidateFeatures> StoryClusterer::AssignForced(const ArticleFeatures& a, StoryId into,
                                                            Assignment* out) {
  std::vector<CandidateFeatures> features;
  Assignment as = AssignImpl(a, /*forced=*/true, into, &features);
  if (out != nullptr) *out = std::move(as);
  return features;
}

Assignment StoryClusterer::AssignImpl(const ArticleFeatures& a, bool forced, StoryId into,
                                      std::vector<CandidateFeatures>* features) {
  Rep& r = *rep_;
  const Options& o = r.options;
  // The learned rule judges headlines in the window (Options::join_model).
  const bool model = !o.join_model.empty() && a.text.empty();
  const bool want_features = model || features != nullptr;

  // 1. Terms and document frequencies.
  r.latest_time = std::max(r.latest_time, a.time);
  r.AgeStories();
  if (o.max_terms > 0 && r.terms.size() >= std::max<uint64_t>(o.max_terms, r.next_prune_at)) {
    r.PruneTerms();
  }
  std::vector<RawTerm> raw = r.extractor.Extract(a.lang, a.title, a.text, a.places);
  r.docs += 1;
  std::vector<std::pair<TermId, double>> weighted;
  weighted.reserve(raw.size());
  std::vector<TermId> ids;
  ids.reserve(raw.size());
  for (RawTerm& t : raw) {
    auto [it, inserted] = r.term_index.try_emplace(t.term, static_cast<TermId>(r.terms.size()));
    if (inserted) {
      r.terms.push_back(
          TermInfo{.text = t.term, .surface = std::move(t.surface), .independent = t.independent});
      r.postings.emplace_back();
      r.aged_postings.emplace_back();
    }
    TermInfo& info = r.terms[it->second];
    info.df += 1;
    info.independent = info.independent || t.independent;
    ids.push_back(it->second);
    // 2. tf x idf.
    double n = static_cast<double>(r.docs);
    bool stop = r.docs >= o.stop_min_docs && info.df > o.stop_df_fraction * n;
    double idf;
    if (o.idf_by_story) {
      double ns = static_cast<double>(r.counted_stories);
      stop = r.counted_stories >= o.stop_min_docs && info.sf > o.stop_df_fraction * ns;
      idf = stop ? 0 : std::log((ns + 2) / (info.sf + 1));
    } else {
      idf = stop ? 0 : std::log((n + 1) / info.df);
    }
    if (idf > 0) weighted.emplace_back(it->second, t.tf * idf);
  }
  if (weighted.size() > o.article_terms) {
    std::partial_sort(weighted.begin(), weighted.begin() + o.article_terms, weighted.end(),
                      [](const auto& x, const auto& y) {
                        return x.second != y.second ? x.second > y.second : x.first < y.first;
                      });
    weighted.resize(o.article_terms);
  }
  std::sort(weighted.begin(), weighted.end());
  ArticleVector av;
  {
    double norm = 0;
    for (const auto& [t, w] : weighted) norm += w * w;
    norm = std::sqrt(norm);
    double ni = 0;
    for (auto& [t, w] : weighted) {
      w /= norm;
      if (r.terms[t].independent) ni += w * w;
    }
    av.terms = std::move(weighted);
    av.indep_norm = std::sqrt(ni);
  }
  double novelty = 0;  // share of the article's squared weight on terms first seen now
  for (const auto& [t, w] : av.terms) {
    if (r.terms[t].df == 1) novelty += w * w;
  }

  Assignment result;
  int64_t chosen = -1;  // story index

  // 3. Explicit links win.
  if (!forced && !a.linked_stories.empty()) {
    std::map<StoryId, int> votes;
    for (StoryId id : a.linked_stories) {
      if (id >= 1 && id <= static_cast<StoryId>(r.stories.size())) votes[Surviving(id)] += 1;
    }
    int best_votes = 0;
    for (const auto& [id, v] : votes) {
      if (v > best_votes) {
        best_votes = v;
        chosen = id - 1;
      }
    }
    if (chosen >= 0) result.score = 1;
  }

  // 4. Scores through the inverted index, probing only the article's heaviest terms: as few as
  // guarantee that no story outside the union of their postings can pass its rule (ProbeCount),
  // then each candidate is scored exactly over the whole vectors. The stories that are scored
  // get the scores they always got, and every story that could pass is scored, so the decisions
  // are those of scoring every story sharing a term; only Assignment::score of a new story (the
  // best score below threshold) can be lower, as fewer stories are seen.
  double best_seen = 0;
  if (chosen < 0 && !av.terms.empty()) {
    std::vector<std::pair<TermId, double>> order = av.terms;
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    // Stories inside the window face the join threshold, the others the (higher) revive
    // threshold: each kind is looked up through as many terms as its own bound needs, so the
    // long postings of common terms add only stories active in the window.
    double join = a.text.empty() ? o.join_threshold : o.join_threshold_text;
    if (want_features) join = std::min(join, o.join_model_min_score);
    const double revive = a.text.empty() ? o.revive_threshold : o.revive_threshold_text;
    const size_t probes_in = r.ProbeCount(order, av.indep_norm, join);
    const size_t probes_out = r.ProbeCount(order, av.indep_norm, revive);
    const size_t probes_all = std::min(probes_in, probes_out);
    r.seen.resize(r.stories.size(), 0);
    r.touched.clear();
    // Every story in the window's postings is in the window for this article too (AgeStories
    // ran with latest_time >= a.time): their first probes_in terms. The aged postings hold
    // stories beyond the window for an article at latest_time: their first probes_out terms
    // only; an older article may find some of them inside its window, so then both counts
    // apply, each to its kind (the same window test as the scoring below).
    for (size_t i = 0; i < probes_in; ++i) {
      for (uint32_t si : r.postings[order[i].first]) {
        if (r.seen[si]) continue;
        r.seen[si] = 1;
        r.touched.push_back(si);
      }
    }
    const bool older = a.time < r.latest_time;
    for (size_t i = 0, n = older ? std::max(probes_in, probes_out) : probes_out; i < n; ++i) {
      const std::vector<uint32_t>& aged_list = r.aged_postings[order[i].first];
      // A term shared by many past stories cannot single out the one to revive
      // (Options::aged_postings_cap); not for an older article, whose window reaches in here.
      if (!older && o.aged_postings_cap > 0 && aged_list.size() > o.aged_postings_cap) continue;
      for (uint32_t si : aged_list) {
        if (r.seen[si]) continue;
        if (older && i >= probes_all) {
          double gap_days = std::max<double>(0, a.time - r.stories[si].last_seen) / kSecondsPerDay;
          if (i >= (gap_days <= o.window_days ? probes_in : probes_out)) continue;
        }
        r.seen[si] = 1;
        r.touched.push_back(si);
      }
    }
    for (uint32_t si : r.touched) r.seen[si] = 0;
    std::sort(r.touched.begin(), r.touched.end());
    struct Candidate {
      uint32_t si;
      double score, exemplar_score, threshold;
      bool passes, in_window;
      bool cross_passed = false;  // passed by the cross-language rule
      double key = 0;   // what the best candidate is chosen by: score, or the model's probability
      uint32_t fi = 0;  // index in `feats` (when features are wanted)
    };
    // Features of the candidates, only when the learned rule or the caller wants them (kept
    // apart so that the common path moves small Candidates).
    std::vector<CandidateFeatures> feats;
    std::vector<Candidate> cands;
    cands.reserve(r.touched.size());
    uint8_t lang_bit = LangBit(a.lang);
    for (uint32_t si : r.touched) {
      const StoryState& s = r.stories[si];
      // Summed in term-id order, as the index walk used to: the same doubles.
      double dot = 0, dot_indep = 0, coverage = 0;
      for (size_t i = 0, j = 0; i < av.terms.size() && j < s.centroid.size();) {
        if (av.terms[i].first < s.centroid[j].first) {
          ++i;
        } else if (s.centroid[j].first < av.terms[i].first) {
          ++j;
        } else {
          double x = av.terms[i].second * s.centroid[j].second;
          dot += x;
          coverage += av.terms[i].second * av.terms[i].second;
          if (r.terms[av.terms[i].first].independent) dot_indep += x;
          ++i;
          ++j;
        }
      }
      double cosine = s.norm > 0 ? dot / s.norm : 0;
      double gap_days = std::max<double>(0, a.time - s.last_seen) / kSecondsPerDay;
      bool in_window = gap_days <= o.window_days;
      double join = a.text.empty() ? o.join_threshold : o.join_threshold_text;
      double revive = a.text.empty() ? o.revive_threshold : o.revive_threshold_text;
      double threshold = in_window ? join : revive;
      double decay = TimeDecay(o, gap_days);
      double score = cosine * decay * (1 + o.size_prior * std::log(static_cast<double>(s.size)));
      bool passes = score >= threshold;
      // Compared on language-independent terms too when the article's language is a minority
      // of the story (fewer than half its articles): its own-language terms have little to
      // meet there.
      bool cross_passed = false;
      bool minority = 2 * s.lang_counts[LangIndex(a.lang)] < s.size;
      if (((s.langs & lang_bit) == 0 || minority) && av.indep_norm > 0) {
        // The norm of the story's language-independent part with today's flags: a term becomes
        // independent when an article first brings it as a translation (terms.h), after the
        // story's stored indep_norm was computed ("camp" in English stories once a Spanish
        // article translates "campamento").
        double indep_norm = 0;
        for (const auto& [t, w] : s.centroid) {
          if (r.terms[t].independent) indep_norm += w * w;
        }
        indep_norm = std::sqrt(indep_norm);
        double cross = indep_norm > 0 ? dot_indep / (indep_norm * av.indep_norm) * decay : 0;
        if (cross >= std::max(threshold, o.cross_language_threshold)) {
          passes = true;
          cross_passed = true;
        }
        score = std::max(score, std::min(cross, 1.0));
      }
      Candidate c{si, std::clamp(score, 0.0, 1.0), 0, threshold, passes, in_window, cross_passed, 0,
                  0};
      c.key = c.score;
      if (want_features) {
        c.fi = static_cast<uint32_t>(feats.size());
        CandidateFeatures& f = feats.emplace_back();
        f.story = s.id;
        f.in_window = in_window;
        f.cosine = std::clamp(cosine, 0.0, 1.0);
        f.score = c.score;
        f.coverage = std::clamp(coverage, 0.0, 1.0);
        f.indep_cosine = s.indep_norm > 0 && av.indep_norm > 0
                             ? std::clamp(dot_indep / (s.indep_norm * av.indep_norm), 0.0, 1.0)
                             : 0;
        for (const auto& e : s.exemplars) f.exemplar = std::max(f.exemplar, SparseDot(av.terms, e));
        f.log_size = std::log(static_cast<double>(std::max<uint32_t>(1, s.size)));
        f.gap_days = gap_days;
        f.cohesion = s.size > 0 ? std::min(1.0, s.norm / s.size) : 0;
        f.novelty = std::clamp(novelty, 0.0, 1.0);
      }
      cands.push_back(std::move(c));
    }
    if (want_features) {
      // margin: each candidate's cosine against the best of the others.
      double best1 = -1, best2 = -1;
      for (const Candidate& c : cands) {
        const CandidateFeatures& f = feats[c.fi];
        if (f.cosine > best1) {
          best2 = best1;
          best1 = f.cosine;
        } else if (f.cosine > best2) {
          best2 = f.cosine;
        }
      }
      for (Candidate& c : cands) {
        CandidateFeatures& f = feats[c.fi];
        double other = f.cosine == best1 ? best2 : best1;
        f.margin = other < 0 ? 1.0 : f.cosine - other;
      }
      if (model) {
        for (Candidate& c : cands) {
          if (!c.in_window) continue;
          double p = o.join_model.Probability(feats[c.fi]);
          c.passes = c.cross_passed || (p >= o.join_model_min_probability &&
                                        c.score >= std::min(o.join_model_min_score, c.threshold));
          c.key = p;
        }
      }
      if (features != nullptr) {
        for (const Candidate& c : cands) features->push_back(feats[c.fi]);
      }
    }
    // Exemplars: the closest recent member of the best few candidates (single link to recent
    // articles catches paraphrased headlines that the averaged centroid dilutes).
    if (o.exemplars > 0 && o.exemplar_candidates > 0 && o.join_model.empty()) {
      size_t k = std::min(o.exemplar_candidates, cands.size());
      std::partial_sort(cands.begin(), cands.begin() + k, cands.end(),
                        [](const Candidate& x, const Candidate& y) {
                          return x.score != y.score ? x.score > y.score : x.si < y.si;
                        });
      for (size_t i = 0; i < k; ++i) {
        Candidate& c = cands[i];
        if (!c.in_window) continue;
        const StoryState& s = r.stories[c.si];
        double best_dot = 0;
        for (const auto& e : s.exemplars) best_dot = std::max(best_dot, SparseDot(av.terms, e));
        double decay = TimeDecay(o, std::max<double>(0, a.time - s.last_seen) / kSecondsPerDay);
        c.exemplar_score = std::clamp(best_dot * decay, 0.0, 1.0);
        if (c.exemplar_score >= o.exemplar_threshold) c.passes = true;
      }
    }
    double best = -1;
    double best_key = -1;
    for (const Candidate& c : cands) {
      double score = std::max(c.score, c.exemplar_score);
      double key = std::max(c.key, c.exemplar_score);
      best_seen = std::max(best_seen, score);
      if (c.passes && (key > best_key || (key == best_key && c.si < chosen))) {
        best_key = key;
        best = score;
        chosen = c.si;
      }
    }
    if (chosen >= 0) result.score = best;
    if (forced) {
      // Training: the caller's story, whatever the scores say.
      chosen = -1;
      result.score = 0;
      StoryId target =
          into >= 1 && into <= static_cast<StoryId>(r.stories.size()) ? Surviving(into) : 0;
      if (target != 0) {
        chosen = static_cast<int64_t>(target - 1);
        for (const Candidate& c : cands) {
          if (c.si == static_cast<uint32_t>(chosen)) result.score = c.score;
        }
      }
    }
  } else if (forced && into >= 1 && into <= static_cast<StoryId>(r.stories.size())) {
    chosen = static_cast<int64_t>(Surviving(into) - 1);
  }

  // 5. Join or start.
  if (chosen < 0) {
    StoryState s;
    s.id = r.next_id++;
    s.first_seen = s.last_seen = a.time;
    s.title = a.title;
    chosen = static_cast<int64_t>(r.stories.size());
    r.stories.push_back(std::move(s));
    result.is_new = true;
    result.score = best_seen;
  }
  StoryState& s = r.stories[chosen];
  result.story = s.id;
  // Story frequencies: a term counts once per story that holds it, once the story has
  // Options::sf_min_story_size articles (singletons are mostly noise).
  uint32_t min_size = std::max<uint32_t>(1, o.sf_min_story_size);
  if (s.size + 1 == min_size) {
    r.counted_stories += 1;
    for (const auto& [t, w] : s.centroid) r.terms[t].sf += 1;
  }
  if (s.size + 1 >= min_size) {
    for (TermId t : ids) {
      auto it = std::lower_bound(s.centroid.begin(), s.centroid.end(), std::make_pair(t, -1e300));
      if (it == s.centroid.end() || it->first != t) r.terms[t].sf += 1;
    }
  }
  if (!result.is_new) {
    result.revived =
        static_cast<double>(a.time - s.last_seen) > o.dormant_after_days * kSecondsPerDay;
    if (!a.title.empty() && result.score > s.title_score) {
      s.title = a.title;
      s.title_score = result.score;
    }
  }
  s.size += 1;
  r.max_story_size = std::max(r.max_story_size, s.size);
  s.langs |= LangBit(a.lang);
  s.lang_counts[LangIndex(a.lang)] += 1;
  s.last_seen = std::max(s.last_seen, a.time);
  s.first_seen = std::min(s.first_seen, a.time);

  // Centroid += article vector, then keep the top centroid_terms.
  std::vector<std::pair<TermId, double>> old = std::move(s.centroid);
  std::vector<std::pair<TermId, double>> merged = AddTruncated(old, av.terms, o.centroid_terms);
  s.centroid = std::move(merged);
  if (o.exemplars > 0) {
    if (s.exemplars.size() >= o.exemplars) s.exemplars.erase(s.exemplars.begin());
    s.exemplars.push_back(av.terms);
  }
  r.Reindex(static_cast<size_t>(chosen), old);

  // 6. Merge: the grown story may now show that it and another story are one happening.
  // A story of one article is not checked: its centroid is the article, already compared with
  // every story above (and a story that starts and merges at once would confuse callers).
  if (!forced && o.merge_threshold > 0 && r.stories[chosen].size >= 2) {
    for (int round = 0; round < 4; ++round) {
      auto [other, cosine] =
          r.MergeCandidate(static_cast<size_t>(chosen), a.time, o.merge_threshold);
      if (other < 0) break;
      size_t from = static_cast<size_t>(std::max<int64_t>(chosen, other));
      size_t into = static_cast<size_t>(std::min<int64_t>(chosen, other));
      r.MergeStories(from, into, a.time, cosine);
      result.merged_from.push_back(r.stories[from].id);
      chosen = static_cast<int64_t>(into);
    }
    result.story = r.stories[chosen].id;
  }
  return result;
}

std::vector<StoryMerge> StoryClusterer::MergePass(UnixSeconds now, double threshold) {
  Rep& r = *rep_;
  if (threshold <= 0) threshold = r.options.merge_threshold;
  const size_t first_merge = r.merges.size();
  if (threshold <= 0) return {};
  for (int round = 0; round < 4; ++round) {
    const size_t before = r.merges.size();
    // The stories in the window: those queued for ageing (each once, by its current entry).
    std::vector<uint32_t> live;
    for (const auto& [at, si] : r.ageing) {
      const StoryState& s = r.stories[si];
      if (s.last_seen == at && !r.aged[si] && s.merged_into == 0 && s.size >= 2 &&
          std::max<double>(0, now - s.last_seen) / kSecondsPerDay <= r.options.window_days) {
        live.push_back(si);
      }
    }
    std::sort(live.begin(), live.end());
    live.erase(std::unique(live.begin(), live.end()), live.end());
    for (uint32_t si : live) {
      if (r.stories[si].merged_into != 0) continue;
      auto [other, cosine] = r.MergeCandidate(si, now, threshold);
      if (other < 0) continue;
      size_t from = static_cast<size_t>(std::max<int64_t>(si, other));
      size_t into = static_cast<size_t>(std::min<int64_t>(si, other));
      r.MergeStories(from, into, now, cosine);
    }
    if (r.merges.size() == before) break;
  }
  return {r.merges.begin() + static_cast<std::ptrdiff_t>(first_merge), r.merges.end()};
}

std::string StoryClusterer::Title(StoryId id) const {
  if (id < 1 || id > static_cast<StoryId>(rep_->stories.size())) return "";
  return rep_->stories[id - 1].title;
}

std::vector<std::string> StoryClusterer::KeyTerms(StoryId id, size_t n) const {
  std::vector<std::string> out;
  if (id < 1 || id > static_cast<StoryId>(rep_->stories.size())) return out;
  auto c = rep_->stories[id - 1].centroid;
  std::sort(c.begin(), c.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  for (size_t i = 0; i < c.size() && out.size() < n; ++i) {
    out.push_back(rep_->terms[c[i].first].surface);
  }
  return out;
}

bool StoryClusterer::IsDormant(StoryId id, UnixSeconds now) const {
  if (id < 1 || id > static_cast<StoryId>(rep_->stories.size())) return false;
  return static_cast<double>(now - rep_->stories[id - 1].last_seen) >
         rep_->options.dormant_after_days * kSecondsPerDay;
}

StatusOr<Story> StoryClusterer::Describe(StoryId id, UnixSeconds now) const {
  if (id < 1 || id > static_cast<StoryId>(rep_->stories.size())) {
    return Status::NotFound("story " + std::to_string(id) + " is not in the clusterer");
  }
  const StoryState& s = rep_->stories[id - 1];
  Story story;
  story.id = id;
  story.title = s.title;
  story.first_seen = s.first_seen;
  story.last_seen = s.last_seen;
  story.status = IsDormant(id, now) ? StoryStatus::kDormant : StoryStatus::kActive;
  if (s.merged_into != 0) {
    story.status = StoryStatus::kMerged;
    story.merged_into = Surviving(id);
  }
  story.key_terms = KeyTerms(id);
  double best = 0;
  for (const auto& [t, w] : s.centroid) {
    const TermInfo& info = rep_->terms[t];
    if (info.text.size() == 3 && info.text[0] == '@' && w > best) {
      best = w;
      story.country = {static_cast<char>(std::toupper(static_cast<unsigned char>(info.text[1]))),
                       static_cast<char>(std::toupper(static_cast<unsigned char>(info.text[2])))};
    }
  }
  return story;
}

StoryId StoryClusterer::Surviving(StoryId id) const {
  // Merges only go to older (lower) ids, so this ends.
  while (id >= 1 && id <= static_cast<StoryId>(rep_->stories.size()) &&
         rep_->stories[id - 1].merged_into != 0) {
    id = rep_->stories[id - 1].merged_into;
  }
  return id;
}

const std::vector<StoryMerge>& StoryClusterer::merges() const { return rep_->merges; }

size_t StoryClusterer::story_count() const { return rep_->stories.size(); }
size_t StoryClusterer::term_count() const { return rep_->terms.size(); }
int64_t StoryClusterer::article_count() const { return rep_->docs; }

size_t StoryClusterer::ApproxMemoryBytes() const {
  const Rep& r = *rep_;
  auto str = [](const std::string& x) { return x.capacity() > 15 ? x.capacity() + 1 : 0; };
  using Entry = std::pair<TermId, double>;
  size_t bytes = r.terms.capacity() * sizeof(TermInfo);
  for (const TermInfo& t : r.terms) bytes += str(t.text) + str(t.surface);
  // unordered_map: a node (key string, id, hash, next) per term plus the bucket array.
  for (const auto& [k, v] : r.term_index) bytes += sizeof(std::string) + 24 + str(k);
  bytes += r.term_index.bucket_count() * sizeof(void*);
  bytes += r.stories.capacity() * sizeof(StoryState);
  for (const StoryState& s : r.stories) {
    bytes += s.centroid.capacity() * sizeof(Entry) + str(s.title);
    bytes += s.exemplars.capacity() * sizeof(s.exemplars[0]);
    for (const auto& e : s.exemplars) bytes += e.capacity() * sizeof(Entry);
  }
  for (const auto* lists : {&r.postings, &r.aged_postings}) {
    bytes += lists->capacity() * sizeof((*lists)[0]);
    for (const auto& l : *lists) bytes += l.capacity() * sizeof(uint32_t);
  }
  bytes += r.aged.capacity() + r.seen.capacity() + r.touched.capacity() * sizeof(uint32_t);
  bytes += r.ageing.capacity() * sizeof(r.ageing[0]);
  bytes += r.merges.capacity() * sizeof(StoryMerge);
  return bytes;
}

}  // namespace headwater::stories
