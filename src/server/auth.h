// Who may call the HTTP API: bearer tokens (`headwater token create`) and the rule for reads.
//
// A token is "hw_" followed by 64 hex digits of 32 random bytes (getrandom); the store keeps
// only the lowercase hex SHA-256 of the whole token text, so a copy of the store file gives no
// usable token. Write endpoints always need a valid token. Read endpoints are open when the
// server is bound to a loopback address (127.0.0.0/8, ::1, "localhost"), and need the token on
// any other bind address unless the operator passes --public-read.
// Thread-safety: pure functions, except CreateToken (uses the given store from the calling
// thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/time.h"
#include "store/store.h"

namespace headwater::server {

// True for 127.0.0.0/8 literals, "::1" (with or without brackets) and "localhost".
bool IsLoopbackAddress(std::string_view address);

// The read rule: false (reads are open) when bound to loopback or when public_read is set.
bool ReadsNeedToken(std::string_view bind_address, bool public_read);

// Lowercase hex SHA-256 of the text (64 characters).
std::string Sha256Hex(std::string_view text);

// A fresh token text: "hw_" + 64 hex digits from the kernel's random source.
StatusOr<std::string> NewTokenText();

// Makes a token, stores only its hash under `name` and returns the token text (shown once).
StatusOr<std::string> CreateToken(store::Store* store, const std::string& name, UnixSeconds now);

// The token of an "Authorization: Bearer <token>" header value; nullopt for any other scheme
// or an empty token. The scheme name is matched case-insensitively.
std::optional<std::string> BearerToken(std::string_view authorization);

}  // namespace headwater::server
