// Options of the text-reuse stage (headwater::reuse): shingling, MinHash sketching, LSH banding,
// the exact containment check and the thresholds of the reuse classes.
//
// The thresholds were calibrated on real syndicated news (612 articles on the 2018 Helsinki
// summit from 75 outlets, ../shared/data/multi-outlet-events); tests/reuse/helsinki_test.cc
// asserts what was measured there.
// Thread-safety: a plain value.
#pragma once

#include <cstddef>

namespace headwater::reuse {

struct Options {
  // Words per shingle. Shingles are word n-grams over Fold()ed tokens (common/text.h), so case
  // and accents do not matter and punctuation is ignored. 5 words are rare enough that a shared
  // shingle between two articles almost always means shared text, not a shared phrase.
  int shingle_words = 5;
  // Candidate keys ("anchors") are chosen by winnowing (Schleimer, Wilkerson, Aiken 2003): in
  // every window of winnow_window consecutive shingles of the text, the shingle with the lowest
  // hash is an anchor, and the index files the article under each anchor. Two texts sharing a
  // run of at least winnow_window shingles (winnow_window + shingle_words - 1 words) share an
  // anchor for certain; the density is about 2 / (winnow_window + 1) of the shingles. At most
  // max_anchors anchors are kept (the lowest hashes, so a short text's anchors that survive in
  // a long text are kept by both), which only bounds texts of more than ~4,000 words.
  // Measured on the Helsinki data (612 articles, every pair checked exactly), anchors vs
  // candidate recall: the former threshold anchors (lowest 1/32 of the hash range, at most 48)
  // plus 32 MinHash bands: 51.6 keys per article, recall whole 0.997, partial 0.904, every
  // pair with containment >= partial_min 0.753; winnowing 40 / 192: 31.0 keys, whole 0.999,
  // partial 0.994, containment 0.861 (window 32: 38.4 keys, partial 0.997, containment 0.898;
  // window 48: 26.0 keys, 0.994, 0.840). The MinHash bands found no pair the anchors missed.
  int winnow_window = 40;
  size_t max_anchors = 192;
  // MinHash: number of 32-bit minimums in a Signature (one-permutation hashing with optimal
  // densification), and LSH bands over them; rows per band = num_hashes / bands. Off by
  // default (0): on the Helsinki data the bands added no candidate to the anchors, and the
  // slots cost 512 bytes per stored signature. num_hashes = 128, bands = 32 restores banding
  // (a pair with Jaccard s is then a candidate with probability 1 - (1 - s^4)^32).
  int num_hashes = 0;
  int bands = 0;
  // Class `whole`: at least this share of one text's shingles occurs in the other (the copy is
  // wholly derived from the source), and the shared passage has min_passage_words words. On the
  // Helsinki data the containment histogram of pairs has its trough at 0.55-0.65; above it are
  // syndicated copies and successive versions of one wire story, below are short pages made
  // mostly of one quoted tweet or AP paragraph.
  double whole_min = 0.6;
  // Class `partial`: the larger containment is at least this AND the longest shared passage is
  // at least min_passage_words words. Below 0.1 pairs are long articles sharing one quote.
  double partial_min = 0.1;
  // Words in the longest shared passage required for `partial` and `whole`. Shared passages of
  // unrelated same-topic articles are stock phrases and quoted remarks of 5-19 words ("I don't
  // think you'll have any 'Gee, I did it...'"); shared wire paragraphs run 20-60 words and up.
  size_t min_passage_words = 20;
  // Besides that, `partial` needs reused reporting rather than one quoted or boilerplate block:
  // a shared passage of at least long_passage_words words, or at least partial_min_passages
  // shared passages of at least passage_min_words words each. Measured on the labelled pairs
  // (tests/fixtures/reuse/pairs.tsv, 320 pairs read by hand): most false `partial` pairs share
  // exactly one 20-55-word block, a quoted tweet or statement, or an outlet's boilerplate (an
  // editor's note, a copyright line, a login prompt); rewritten wire stories share many short
  // passages (sentences edited between them) or one long one. Partial F1 0.643 -> 0.877 there,
  // none 0.735 -> 0.954 (HW_REUSE_SWEEP=1 prints the grid; 8- or 12-word passages and 80-word
  // long passages score within 0.02; splitting the set in halves, tuning on one and scoring
  // the other gave partial F1 0.84 and 0.92).
  size_t long_passage_words = 60;
  size_t passage_min_words = 10;
  size_t partial_min_passages = 4;

  // Bounds for bad input. Only the first max_words words of a text are shingled.
  size_t max_words = 200000;
  // At most this many candidates are compared exactly per new article (ReuseDetector), the best
  // first by the number of index keys they share (more shared anchors: more shared text).
  size_t max_candidates = 50;
  // The detector keeps the high 32 bits of the distinct shingle hashes (4 bytes each, ~3 KB
  // for a 5 KB article, ~25 MB in all) of the most recent cache_articles articles it
  // processed, so candidates among them are compared without fetching and re-shingling their
  // texts; older candidates are fetched, if the gate below lets them through.
  size_t cache_articles = 8192;
  // Gate for candidates outside the cache (each costs a fetch and a re-shingling): one is
  // fetched when it shares at least min_uncached_votes index keys with the new article, or
  // when the keys it shares are rare enough (LshIndex::Candidate::rarity, the sum of
  // 1 / articles-per-key, >= min_uncached_rarity), or when it shares at least half the keys
  // of the one of the two with fewer keys (a short text). min_uncached_votes = 1 fetches
  // every candidate. Measured: tests/reuse/helsinki_test.cc (nothing cached) and
  // docs/BENCHMARKS.md (reuse at a million articles).
  int min_uncached_votes = 2;
  float min_uncached_rarity = 0.5f;
  // An index key shared by more articles than this (a flood of identical texts) contributes only
  // its most recently added max_bucket articles to a query. Copies of one wire story stay
  // connected through whole edges among the recent ones.
  size_t max_bucket = 128;
  // Comparison::longest_text is cut to at most this many bytes (on a UTF-8 boundary);
  // Comparison::longest_chars keeps the full length.
  size_t max_passage_text_bytes = 2000;
};

}  // namespace headwater::reuse
