// WarcReader: streaming record reader over a plain or multi-member gzip file (warc.h).
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <deque>

#include "common/text.h"
#include "ingest/warc.h"

namespace headwater::ingest {

namespace {

constexpr size_t kChunk = 256 << 10;


}  // namespace

std::string WarcRecord::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreAsciiCase(k, name)) return v;
  return "";
}

struct WarcReader::Impl {
  std::string path;
  WarcOptions options;
  FILE* file = nullptr;
  bool gzip = false;
  bool file_eof = false;
  bool done = false;
  size_t index = 0;
  // Decompressed bytes not yet consumed: buf[pos..]; stream_pos = stream offset of buf[0].
  std::string buf;
  size_t pos = 0;
  uint64_t stream_pos = 0;
  // gzip state.
  z_stream zs{};
  bool zs_ready = false;
  bool in_member = false;    // inside a gzip member (bytes of it consumed, end not reached)
  std::string in;            // compressed input buffer
  uint64_t in_file_pos = 0;  // file offset of in[0]
  // (stream offset, compressed offset) of each member start, oldest first.
  std::deque<std::pair<uint64_t, uint64_t>> members;

  ~Impl() {
    if (zs_ready) inflateEnd(&zs);
    if (file) std::fclose(file);
  }

  uint64_t StreamOffset() const { return stream_pos + pos; }

  // File offset of the record starting at stream offset s.
  uint64_t FileOffset(uint64_t s) {
    if (!gzip) return s;
    while (members.size() > 1 && members[1].first <= s) members.pop_front();
    return members.empty() ? 0 : members.front().second;
  }

  Status ReadMoreInput() {
    size_t keep = in.size() - (zs.avail_in);
    in_file_pos += keep;
    in.erase(0, keep);
    size_t old = in.size();
    in.resize(old + kChunk);
    size_t n = std::fread(in.data() + old, 1, kChunk, file);
    in.resize(old + n);
    if (n == 0) {
      if (std::ferror(file))
        return Status::IoError(std::string("read error: ") + std::strerror(errno));
      file_eof = true;
    }
    zs.next_in = reinterpret_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    return Status::Ok();
  }

  // Appends at least some bytes to buf; false at end of stream. Errors on corrupt/truncated gzip.
  StatusOr<bool> Fill() {
    if (pos > kChunk && pos > buf.size() / 2) {
      stream_pos += pos;
      buf.erase(0, pos);
      pos = 0;
    }
    if (!gzip) {
      if (file_eof) return false;
      size_t old = buf.size();
      buf.resize(old + kChunk);
      size_t n = std::fread(buf.data() + old, 1, kChunk, file);
      buf.resize(old + n);
      if (n == 0) {
        if (std::ferror(file))
          return Status::IoError(std::string("read error: ") + std::strerror(errno));
        file_eof = true;
        return false;
      }
      return true;
    }
    size_t produced = 0;
    while (produced == 0) {
      if (zs.avail_in == 0) {
        if (file_eof) {
          if (in_member)
            return Status::Corruption("truncated gzip member at offset " +
                                      std::to_string(members.empty() ? 0 : members.back().second));
          return false;
        }
        HW_RETURN_IF_ERROR(ReadMoreInput());
        continue;
      }
      if (!in_member) {
        uint64_t member_off = in_file_pos + (in.size() - zs.avail_in);
        members.emplace_back(stream_pos + buf.size(), member_off);
        in_member = true;
      }
      size_t old = buf.size();
      buf.resize(old + kChunk);
      zs.next_out = reinterpret_cast<Bytef*>(buf.data() + old);
      zs.avail_out = static_cast<uInt>(kChunk);
      int rc = inflate(&zs, Z_NO_FLUSH);
      produced = kChunk - zs.avail_out;
      buf.resize(old + produced);
      if (rc == Z_STREAM_END) {
        in_member = false;
        inflateReset(&zs);
      } else if (rc == Z_BUF_ERROR) {
        if (zs.avail_in != 0 || file_eof) continue;  // loop reads more input or reports truncation
      } else if (rc != Z_OK) {
        return Status::Corruption("corrupt gzip data in the member at offset " +
                                  std::to_string(members.empty() ? 0 : members.back().second) +
                                  ": " + (zs.msg ? zs.msg : "inflate error " + std::to_string(rc)));
      }
    }
    return true;
  }

  // Ensures n unread bytes are buffered; false when the stream ends first.
  StatusOr<bool> Need(size_t n) {
    while (buf.size() - pos < n) {
      HW_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) return false;
    }
    return true;
  }

  // Reads one line (without CRLF); false at end of stream with nothing read.
  StatusOr<bool> Line(std::string* line, size_t max) {
    size_t scanned = pos;
    while (true) {
      size_t nl = buf.find('\n', scanned);
      if (nl != std::string::npos) {
        line->assign(buf, pos, nl - pos);
        if (!line->empty() && line->back() == '\r') line->pop_back();
        pos = nl + 1;
        return true;
      }
      scanned = buf.size();
      if (buf.size() - pos > max)
        return Status::Corruption("a header line is longer than " + std::to_string(max) + " bytes");
      size_t rel = scanned - pos;
      HW_ASSIGN_OR_RETURN(bool more, Fill());
      scanned = pos + rel;  // Fill may have compacted buf
      if (!more) {
        if (buf.size() == pos) return false;
        return Status::Corruption("the file ends inside a header line");
      }
    }
  }

  // The error stops the reading: "FILE: record N at offset O: what".
  Status Error(uint64_t offset, const std::string& what, size_t record) {
    done = true;
    return Status::Corruption(path + ": record " + std::to_string(record) + " at offset " +
                              std::to_string(offset) + ": " + what);
  }

  StatusOr<bool> Next(WarcRecord* r) {
    if (done) return false;
    *r = WarcRecord();
    std::string line;
    uint64_t start = 0;
    // Skip the blank lines that end the previous record.
    while (true) {
      start = StreamOffset();
      auto got = Line(&line, options.max_header_bytes);
      if (!got.ok()) return Error(FileOffset(start), got.status().message(), index + 1);
      if (!*got) {
        done = true;
        return false;
      }
      if (!TrimSpace(line).empty()) break;
    }
    ++index;
    r->index = index;
    r->offset = FileOffset(start);
    if (line.rfind("WARC/", 0) != 0)
      return Error(r->offset,
                   "expected a WARC version line (\"WARC/1.0\"), got \"" +
                       SanitizeUtf8(line.substr(0, 40)) + "\"",
                   index);
    size_t header_bytes = 0;
    while (true) {
      auto got = Line(&line, options.max_header_bytes);
      if (!got.ok()) return Error(r->offset, got.status().message(), index);
      if (!*got)
        return Error(r->offset, "truncated record: the file ends inside the WARC headers", index);
      if (line.empty()) break;
      header_bytes += line.size();
      if (header_bytes > options.max_header_bytes)
        return Error(r->offset,
                     "WARC headers above " + std::to_string(options.max_header_bytes) + " bytes",
                     index);
      size_t colon = line.find(':');
      if (colon == std::string::npos)
        return Error(r->offset, "WARC header line without ':'", index);
      r->headers.emplace_back(std::string(TrimSpace(std::string_view(line).substr(0, colon))),
                              std::string(TrimSpace(std::string_view(line).substr(colon + 1))));
    }
    r->type = r->Header("WARC-Type");
    std::string cl = r->Header("Content-Length");
    if (cl.empty() || cl.size() > 15 || cl.find_first_not_of("0123456789") != std::string::npos)
      return Error(r->offset,
                   "missing or bad Content-Length: \"" + SanitizeUtf8(cl.substr(0, 40)) + "\"",
                   index);
    r->content_length = std::stoull(cl);
    if (r->content_length > options.max_record_bytes) {
      r->oversized = true;
      uint64_t left = r->content_length;
      while (left > 0) {
        if (pos == buf.size()) {
          auto more = Fill();
          if (!more.ok()) return Error(r->offset, more.status().message(), index);
          if (!*more)
            return Error(r->offset,
                         "truncated record: the file ends inside the content block (" +
                             std::to_string(r->content_length) + " bytes declared)",
                         index);
        }
        size_t take = static_cast<size_t>(std::min<uint64_t>(left, buf.size() - pos));
        pos += take;
        left -= take;
      }
      return true;
    }
    auto have = Need(static_cast<size_t>(r->content_length));
    if (!have.ok()) return Error(r->offset, have.status().message(), index);
    if (!*have)
      return Error(r->offset,
                   "truncated record: the file ends inside the content block (" +
                       std::to_string(r->content_length) + " bytes declared, " +
                       std::to_string(buf.size() - pos) + " present)",
                   index);
    r->block.assign(buf, pos, static_cast<size_t>(r->content_length));
    pos += static_cast<size_t>(r->content_length);
    return true;
  }
};

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcReader::~WarcReader() = default;
bool WarcReader::gzip() const { return impl_->gzip; }
StatusOr<bool> WarcReader::Next(WarcRecord* record) { return impl_->Next(record); }

StatusOr<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path,
                                                       const WarcOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->file = std::fopen(path.c_str(), "rb");
  if (!impl->file) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  unsigned char magic[2] = {0, 0};
  size_t n = std::fread(magic, 1, 2, impl->file);
  std::rewind(impl->file);
  impl->gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  if (impl->gzip) {
    if (inflateInit2(&impl->zs, 16 + MAX_WBITS) != Z_OK)
      return Status::Internal("zlib: inflateInit2 failed");
    impl->zs_ready = true;
  }
  return std::unique_ptr<WarcReader>(new WarcReader(std::move(impl)));
}

}  // namespace headwater::ingest
