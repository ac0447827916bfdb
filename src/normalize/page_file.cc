#include "normalize/page_file.h"

#include <zlib.h>

#include <algorithm>

#include "common/paths.h"

namespace headwater::normalize {

StatusOr<std::string> Gunzip(std::string_view data, const PageFileOptions& o) {
  // Inflate straight into the result, sized from the gzip trailer's length (the last member's
  // size mod 2^32: a hint only, grown by doubling when it is short).
  size_t hint = data.size() * 4;
  if (data.size() >= 18) {
    const auto* t = reinterpret_cast<const unsigned char*>(data.data() + data.size() - 4);
    size_t isize = t[0] | (t[1] << 8) | (t[2] << 16) | (size_t{t[3]} << 24);
    if (isize >= data.size() / 2) hint = isize + 1;
  }
  std::string out;
  out.resize(std::min(std::max<size_t>(hint, 1 << 16), o.max_bytes));
  size_t used = 0;
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return Status::Internal("zlib: inflateInit2 failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (used < o.max_bytes) {
    if (used == out.size()) out.resize(std::min(out.size() * 2, o.max_bytes));
    size_t room = std::min<size_t>(out.size() - used, 1u << 30);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    z.avail_out = static_cast<uInt>(room);
    rc = inflate(&z, Z_NO_FLUSH);
    size_t got = room - z.avail_out;
    used += got;
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      inflateReset(&z);  // another gzip member follows
      continue;
    }
    if (rc != Z_OK) break;
    if (got == 0 && z.avail_in == 0) {
      rc = Z_BUF_ERROR;
      break;
    }
  }
  inflateEnd(&z);
  out.resize(used);
  if (used >= o.max_bytes) return out;  // cut at the cap
  if (rc != Z_STREAM_END)
    return Status::Corruption(rc == Z_BUF_ERROR ? "gzip: truncated stream"
                                                : "gzip: corrupt stream");
  return out;
}

StatusOr<std::string> ReadPageFile(const std::string& path, const PageFileOptions& o) {
  HW_ASSIGN_OR_RETURN(std::string raw, ReadFile(path));
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x1f &&
      static_cast<unsigned char>(raw[1]) == 0x8b) {
    auto g = Gunzip(raw, o);
    if (!g.ok()) return Status::Corruption(path + ": " + g.status().message());
    return g;
  }
  if (raw.size() > o.max_bytes) raw.resize(o.max_bytes);
  return raw;
}

}  // namespace headwater::normalize
