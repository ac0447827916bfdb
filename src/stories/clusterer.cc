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
//      (join_threshold inside the window, revive_threshold(_text) beyond it, and there also
//      content words or a strong match: revive_content_threshold, revive_names_threshold(_text),
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

struct ArticleVector {
  std::vector<std::pair<TermId, double>> terms;  // unit vector, sorted by term id
  double indep_norm = 0;                         // norm of the language-independent part
};

double TimeDecay(const Options& o, double gap_days) {
  return 1 - o.time_decay_weight * (1 - std::exp2(-gap_days / o.time_half_life_days));
}

}  // namespace

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
  std::vector<RawTerm> extracted;
  if (!a.terms) extracted = r.extractor.Extract(a.lang, a.title, a.text, a.places);
  const std::vector<RawTerm>& raw = a.terms ? *a.terms : extracted;
  r.docs += 1;
  std::vector<std::pair<TermId, double>> weighted;
  weighted.reserve(raw.size());
  std::vector<TermId> ids;
  ids.reserve(raw.size());
  for (const RawTerm& t : raw) {
    auto [it, inserted] = r.term_index.try_emplace(t.term, static_cast<TermId>(r.terms.size()));
    if (inserted) {
      r.terms.push_back(
          TermInfo{.text = t.term, .surface = t.surface, .independent = t.independent});
      r.postings.emplace_back();
      r.aged_postings.emplace_back();
    }
    TermInfo& info = r.terms[it->second];
    info.df += 1;
    if (t.independent && !info.independent) {
      // The stories holding the term now have another independent norm (indep_norm_now).
      for (const auto* lists : {&r.postings, &r.aged_postings}) {
        for (uint32_t si : (*lists)[it->second]) r.stories[si].indep_norm_now_valid = false;
      }
    }
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
    if (idf > 0 && o.background != nullptr) {
      double g = o.background->Generality(info.text);
      idf = g >= o.background_stop_generality ? 0 : idf * std::pow(1 - g, o.background_weight);
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
    // The article's terms as a bit set over term ids (and their places in av.terms): a
    // candidate's centroid is walked once, testing a bit per term, instead of merging two
    // sorted lists with a branch per step that the processor cannot predict.
    r.article_bits.resize((r.terms.size() + 63) / 64, 0);
    r.article_slot.resize(r.terms.size(), 0);
    std::vector<uint8_t> article_indep(av.terms.size());
    for (size_t i = 0; i < av.terms.size(); ++i) {
      TermId t = av.terms[i].first;
      r.article_bits[t >> 6] |= uint64_t{1} << (t & 63);
      r.article_slot[t] = static_cast<uint32_t>(i);
      article_indep[i] = r.terms[t].independent ? 1 : 0;
    }
    for (size_t k = 0; k < r.touched.size(); ++k) {
      const uint32_t si = r.touched[k];
      // The candidates' centroids lie apart in memory: ask for the next ones early.
      if (k + 4 < r.touched.size()) __builtin_prefetch(&r.stories[r.touched[k + 4]]);
      if (k + 2 < r.touched.size()) {
        const auto& next = r.stories[r.touched[k + 2]].centroid;
        const char* p = reinterpret_cast<const char*>(next.data());
        const char* end = reinterpret_cast<const char*>(next.data() + next.size());
        for (; p < end; p += 64) __builtin_prefetch(p);
      }
      StoryState& s = r.stories[si];
      // Summed in term-id order (the centroid's order), as the index walk used to: the same
      // doubles.
      double dot = 0, dot_indep = 0, coverage = 0;
      double dot_content = 0;  // the part of dot on content terms (not entities/numbers/places)
      for (const auto& [t, w] : s.centroid) {
        if (((r.article_bits[t >> 6] >> (t & 63)) & 1) == 0) continue;
        const uint32_t i = r.article_slot[t];
        const double aw = av.terms[i].second;
        double x = aw * w;
        dot += x;
        coverage += aw * aw;
        if (article_indep[i]) {
          dot_indep += x;
        } else {
          dot_content += x;
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
      // Beyond the window a match must also rest on content words (stems and translations),
      // not on names, numbers and places alone (Options::revive_content_threshold).
      const double content_score =
          s.norm > 0 ? dot_content / s.norm * decay *
                           (1 + o.size_prior * std::log(static_cast<double>(s.size)))
                     : 0;
      const bool content_ok =
          in_window || content_score >= o.revive_content_threshold ||
          score >= (a.text.empty() ? o.revive_names_threshold : o.revive_names_threshold_text);
      passes = passes && content_ok;
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
        if (!s.indep_norm_now_valid) {
          double sum = 0;
          for (const auto& [t, w] : s.centroid) {
            if (r.terms[t].independent) sum += w * w;
          }
          s.indep_norm_now = std::sqrt(sum);
          s.indep_norm_now_valid = true;
        }
        const double indep_norm = s.indep_norm_now;
        double cross = indep_norm > 0 ? dot_indep / (indep_norm * av.indep_norm) * decay : 0;
        if (content_ok && cross >= std::max(threshold, o.cross_language_threshold)) {
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
    for (const auto& [t, w] : av.terms) r.article_bits[t >> 6] = 0;
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

}  // namespace headwater::stories
