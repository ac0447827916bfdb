#include "common/status.h"

namespace headwater {

std::string Status::ToString() const {
  const char* name = "ok";
  switch (code_) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: name = "invalid argument"; break;
    case StatusCode::kNotFound: name = "not found"; break;
    case StatusCode::kAlreadyExists: name = "already exists"; break;
    case StatusCode::kIoError: name = "I/O error"; break;
    case StatusCode::kCorruption: name = "corruption"; break;
    case StatusCode::kInternal: name = "internal error"; break;
    case StatusCode::kUnavailable: name = "unavailable"; break;
    case StatusCode::kPermissionDenied: name = "permission denied"; break;
    case StatusCode::kResourceExhausted: name = "resource exhausted"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace headwater
