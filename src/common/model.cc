#include "common/model.h"

namespace headwater {

const char* OutletKindName(OutletKind k) {
  switch (k) {
    case OutletKind::kNews: return "news";
    case OutletKind::kWire: return "wire";
    case OutletKind::kBlog: return "blog";
    case OutletKind::kAdvocacy: return "advocacy";
    case OutletKind::kGovernment: return "government";
    case OutletKind::kNgo: return "ngo";
    case OutletKind::kSocial: return "social";
    case OutletKind::kUnknown: return "unknown";
  }
  return "unknown";
}

std::optional<OutletKind> ParseOutletKind(std::string_view s) {
  for (OutletKind k : {OutletKind::kNews, OutletKind::kWire, OutletKind::kBlog,
                       OutletKind::kAdvocacy, OutletKind::kGovernment, OutletKind::kNgo,
                       OutletKind::kSocial, OutletKind::kUnknown})
    if (s == OutletKindName(k)) return k;
  if (s.empty()) return OutletKind::kUnknown;
  return std::nullopt;
}

const char* SourceKindName(SourceKind k) {
  switch (k) {
    case SourceKind::kOutlet: return "outlet";
    case SourceKind::kPerson: return "person";
    case SourceKind::kOfficial: return "official";
    case SourceKind::kAnonymous: return "anonymous";
    case SourceKind::kDocument: return "document";
    case SourceKind::kNone: return "none";
  }
  return "none";
}

const char* StanceName(Stance s) { return s == Stance::kDenies ? "denies" : "asserts"; }

const char* ReuseClassName(ReuseClass c) {
  switch (c) {
    case ReuseClass::kWhole: return "whole";
    case ReuseClass::kPartial: return "partial";
    case ReuseClass::kNone: return "none";
  }
  return "none";
}

std::optional<ReuseClass> ParseReuseClass(std::string_view s) {
  if (s == "whole") return ReuseClass::kWhole;
  if (s == "partial") return ReuseClass::kPartial;
  if (s == "none") return ReuseClass::kNone;
  return std::nullopt;
}

const char* StoryStatusName(StoryStatus s) {
  switch (s) {
    case StoryStatus::kActive: return "active";
    case StoryStatus::kDormant: return "dormant";
    case StoryStatus::kMerged: return "merged";
  }
  return "active";
}

}  // namespace headwater
