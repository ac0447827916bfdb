#include "common/paths.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace headwater {

namespace fs = std::filesystem;

std::vector<std::string> DataDirs() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("HEADWATER_DATA_DIR"); env && *env) dirs.push_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back((exe.parent_path().parent_path() / "share" / "headwater").string());
  std::string baked = HEADWATER_DATA_DIRS;
  size_t i = 0;
  while (i <= baked.size()) {
    size_t j = baked.find(':', i);
    if (j == std::string::npos) j = baked.size();
    if (j > i) dirs.push_back(baked.substr(i, j - i));
    i = j + 1;
  }
  return dirs;
}

StatusOr<std::string> FindDataFile(std::string_view relative) {
  std::string tried;
  for (const std::string& d : DataDirs()) {
    fs::path p = fs::path(d) / relative;
    std::error_code ec;
    if (fs::exists(p, ec)) return p.string();
    tried += (tried.empty() ? "" : ", ") + p.string();
  }
  return Status::NotFound(std::string("data file ") + std::string(relative) +
                          " not found; looked in " + tried + " (run `make` to build it)");
}

std::string SharedDataDir() {
  std::error_code ec;
  fs::path p = HEADWATER_SHARED_DATA_DIR;
  if (fs::is_directory(p, ec)) return fs::weakly_canonical(p, ec).string();
  return "";
}

StatusOr<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size >= 0 && static_cast<size_t>(size) > max_bytes)
    return Status::ResourceExhausted(path + ": file is " + std::to_string(size) +
                                     " bytes, above the limit of " + std::to_string(max_bytes));
  in.seekg(0);
  std::string data;
  if (size > 0) {
    data.resize(static_cast<size_t>(size));
    in.read(data.data(), size);
    if (!in) return Status::IoError(path + ": read failed");
  } else {  // pipes and special files: read until EOF
    std::ostringstream ss;
    ss << in.rdbuf();
    data = ss.str();
    if (data.size() > max_bytes) return Status::ResourceExhausted(path + ": too large");
  }
  return data;
}


}  // namespace headwater
