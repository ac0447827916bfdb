#include "normalize/page_file.h"

#include <zlib.h>

#include <algorithm>

#include "common/paths.h"

namespace headwater::normalize {

StatusOr<std::string> Gunzip(std::string_view data, const PageFileOptions& o) {
  std::string out;
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return Status::Internal("zlib: inflateInit2 failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  char buf[1 << 16];
  int rc = Z_OK;
  while (out.size() < o.max_bytes) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    size_t got = sizeof buf - z.avail_out;
    out.append(buf, std::min(got, o.max_bytes - out.size()));
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
  if (out.size() >= o.max_bytes) return out;  // cut at the cap
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
