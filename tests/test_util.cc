#include "test_util.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

#include "common/paths.h"

namespace headwater::testing {

namespace fs = std::filesystem;

bool CiMode() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

std::string SharedDataPath(const std::string& relative) {
  std::string dir = SharedDataDir();
  if (dir.empty()) return "";
  fs::path p = fs::path(dir) / relative;
  std::error_code ec;
  return fs::exists(p, ec) ? p.string() : "";
}

std::string TempDir() {
  static std::random_device rd;
  fs::path p = fs::temp_directory_path() /
               ("hw-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(p);
  return p.string();
}

int RunCommand(const std::string& cmd, std::string* out, bool merge_stderr) {
  std::string full = cmd + (merge_stderr ? " 2>&1" : "");
  FILE* f = popen(full.c_str(), "r");
  if (!f) return -1;
  char buf[4096];
  size_t n;
  if (out) out->clear();
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    if (out) out->append(buf, n);
  int rc = pclose(f);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace headwater::testing
