// Track-record outcomes of the stored stories (see pipeline.h: Outcomes, RefreshOutcomes), and the
// blob in which a writer leaves them beside the stories it wrote, so that the next reader (a
// server reader after every commit, the next `headwater ingest`) reads one small value instead of
// every story's report (18.8 s of CPU at 1,000,000 articles: docs/BENCHMARKS.md).
//
// Blob format (little-endian): "HWOC1", corrections_refute (1 byte: the outcomes depend on it),
// count (u64), then per outcome: story (u64), first_seen (i64), verdict (u8), refuted (u8),
// country (u16 length + bytes), origin_outlets (u32 count + u64 each), refuted_outlets (likewise).
#include <cstring>
#include <nlohmann/json.hpp>

#include "pipeline/pipeline.h"
#include "pipeline/views.h"

namespace headwater::pipeline {

using json = nlohmann::json;

namespace {

constexpr std::string_view kOutcomesMagic = "HWOC1";

void PutInt(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// Reads little-endian integers from a blob; every read fails (ok() false) once past the end.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  uint64_t Int(int bytes) {
    if (!ok_ || s_.size() - pos_ < static_cast<size_t>(bytes)) {
      ok_ = false;
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
      v |= static_cast<uint64_t>(static_cast<unsigned char>(s_[pos_ + i])) << (8 * i);
    pos_ += bytes;
    return v;
  }
  std::string Bytes(size_t n) {
    if (!ok_ || s_.size() - pos_ < n) {
      ok_ = false;
      return {};
    }
    std::string v(s_.substr(pos_, n));
    pos_ += n;
    return v;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == s_.size(); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void PutIds(std::string* out, const std::vector<OutletId>& ids) {
  PutInt(out, ids.size(), 4);
  for (OutletId id : ids) PutInt(out, static_cast<uint64_t>(id), 8);
}

std::vector<OutletId> ReadIds(Reader* r) {
  uint64_t n = r->Int(4);
  std::vector<OutletId> ids;
  for (uint64_t i = 0; i < n && r->ok(); ++i) ids.push_back(static_cast<OutletId>(r->Int(8)));
  return ids;
}

}  // namespace

std::string SerializeOutcomes(const std::vector<records::StoryOutcome>& outcomes,
                              bool corrections_refute) {
  std::string out(kOutcomesMagic);
  out.push_back(corrections_refute ? 1 : 0);
  PutInt(&out, outcomes.size(), 8);
  for (const records::StoryOutcome& o : outcomes) {
    PutInt(&out, static_cast<uint64_t>(o.story), 8);
    PutInt(&out, static_cast<uint64_t>(o.first_seen), 8);
    PutInt(&out, static_cast<uint64_t>(o.verdict), 1);
    PutInt(&out, o.refuted ? 1 : 0, 1);
    std::string_view country = std::string_view(o.country).substr(0, 0xffff);
    PutInt(&out, country.size(), 2);
    out.append(country);
    PutIds(&out, o.origin_outlets);
    PutIds(&out, o.refuted_outlets);
  }
  return out;
}

std::optional<std::vector<records::StoryOutcome>> ParseOutcomes(std::string_view blob,
                                                                bool corrections_refute) {
  if (blob.substr(0, kOutcomesMagic.size()) != kOutcomesMagic) return std::nullopt;
  Reader r(blob.substr(kOutcomesMagic.size()));
  if (r.Int(1) != (corrections_refute ? 1u : 0u)) return std::nullopt;  // other policy
  uint64_t n = r.Int(8);
  std::vector<records::StoryOutcome> out;
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    records::StoryOutcome o;
    o.story = static_cast<StoryId>(r.Int(8));
    o.first_seen = static_cast<UnixSeconds>(r.Int(8));
    uint64_t verdict = r.Int(1);
    if (verdict > static_cast<uint64_t>(provenance::Verdict::kUnsourced)) return std::nullopt;
    o.verdict = static_cast<provenance::Verdict>(verdict);
    o.refuted = r.Int(1) != 0;
    o.country = r.Bytes(r.Int(2));
    o.origin_outlets = ReadIds(&r);
    o.refuted_outlets = ReadIds(&r);
    out.push_back(std::move(o));
  }
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return out;
}

bool Pipeline::CorrectionsRefute() const {
  return policies_.track_records().corrections_refute.value_or(options_.corrections_refute);
}

std::optional<records::StoryOutcome> Pipeline::OutcomeOfRecord(const store::StoryRecord& r) const {
  if (r.story.status == StoryStatus::kMerged) return std::nullopt;
  json doc = ParseTopLevelKeys(r.report_json, {"origins"});  // the rest is not needed
  return OutcomeOfRecord(r, doc);
}

std::optional<records::StoryOutcome> Pipeline::OutcomeOfRecord(const store::StoryRecord& r,
                                                               const json& doc) const {
  if (r.story.status == StoryStatus::kMerged) return std::nullopt;
  if (!doc.is_object()) return std::nullopt;
  auto verdict = provenance::ParseVerdict(r.verdict);
  if (!verdict) return std::nullopt;
  records::StoryOutcome o;
  o.story = r.story.id;
  o.first_seen = r.story.first_seen;
  o.country = r.story.country;
  o.verdict = *verdict;
  bool corrections_refute = CorrectionsRefute();
  for (const json& origin : doc.value("origins", json::array())) {
    if (origin.value("denies", false)) continue;  // as records::OutcomeOf
    const Outlet* outlet = registry_->FindByName(origin.value("outlet", ""));
    if (!outlet) continue;
    o.origin_outlets.push_back(outlet->id);
    // Its report was retracted or refuted by a later article (provenance/retraction.h).
    if (origin.value("retracted", false) || origin.value("refuted", false) ||
        (corrections_refute && origin.value("corrected", false)))
      o.refuted_outlets.push_back(outlet->id);
  }
  return o;
}

StatusOr<const std::vector<records::StoryOutcome>*> Pipeline::Outcomes() {
  if (outcomes_) return &*outcomes_;
  auto version = store_->DataVersion();
  // The outcomes the last writer left beside its stories (in the transaction that wrote them).
  HW_ASSIGN_OR_RETURN(std::optional<std::string> blob, store_->GetBlob(kOutcomesBlob));
  if (blob) {
    if (auto parsed = ParseOutcomes(*blob, CorrectionsRefute())) {
      outcomes_ = std::move(*parsed);
      outcomes_data_version_ = version.ok() ? *version : -1;
      return &*outcomes_;
    }
  }
  std::vector<records::StoryOutcome> out;
  HW_ASSIGN_OR_RETURN(auto stories, store_->ListStories({}));
  for (const store::StoryRecord& r : stories) {
    if (auto o = OutcomeOfRecord(r)) out.push_back(std::move(*o));
  }
  outcomes_ = std::move(out);
  outcomes_data_version_ = version.ok() ? *version : -1;
  return &*outcomes_;
}

// Before this pipeline's commit only the stories it touched or merged away have new reports:
// their outcomes are read again (in the batch's transaction) and the rest kept (reading every
// story's report after every batch made track records cost O(stories) per batch). A commit by
// another connection is seen through the store's data version, and then the outcomes are read
// again on the next use (from the blob that writer left, else from every report).
Status Pipeline::RefreshOutcomes(const std::set<StoryId>& changed) {
  if (!outcomes_) return Status::Ok();
  std::vector<records::StoryOutcome>& out = *outcomes_;
  std::erase_if(out, [&](const records::StoryOutcome& o) { return changed.count(o.story) > 0; });
  for (StoryId id : changed) {
    // A report this batch wrote: its outcome was taken from the document before it was stored.
    if (auto it = batch_outcomes_.find(id); it != batch_outcomes_.end()) {
      if (it->second) out.push_back(*it->second);
      continue;
    }
    auto r = store_->GetStory(id);
    if (!r.ok()) {
      outcomes_.reset();
      return r.status();
    }
    if (!r->has_value()) continue;
    if (auto o = OutcomeOfRecord(**r)) out.push_back(std::move(*o));
  }
  return Status::Ok();
}

}  // namespace headwater::pipeline
