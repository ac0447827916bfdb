// The `headwater` binary: `token create` prints a token as its last line and the store keeps
// only its SHA-256; `serve --port 0` prints the URL it serves, answers, and stops on SIGTERM;
// `serve --threads` outside 1-16384 is a usage error.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "common/paths.h"
#include "server_test_util.h"

namespace headwater::server::testing {
namespace {

std::string LastLine(const std::string& out) {
  std::string s = out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  size_t nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

TEST(TokenCli, PrintsATokenAndStoresOnlyItsHash) {
  pipeline::testing::Harness h(false);
  h.store.reset();  // close our connection; the binary opens the file
  std::string out;
  std::string cmd =
      std::string(HEADWATER_BINARY) + " --db " + h.db_path + " token create --name ci";
  ASSERT_EQ(headwater::testing::RunCommand(cmd, &out, /*merge_stderr=*/false), 0) << out;
  std::string token = LastLine(out);
  ASSERT_EQ(token.size(), 67u) << out;
  ASSERT_EQ(token.rfind("hw_", 0), 0u);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(h.db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT name, hash FROM api_tokens", -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  std::string hash = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
  EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);  // one token
  sqlite3_finalize(st);
  EXPECT_EQ(name, "ci");
  EXPECT_EQ(hash, Sha256Hex(token));
  // The token text appears nowhere in the file (nor in its WAL).
  sqlite3_close(db);
  for (const std::string& f : {h.db_path, h.db_path + "-wal"}) {
    auto bytes = ReadFile(f);
    if (bytes.ok()) {
      EXPECT_EQ(bytes->find(token.substr(3)), std::string::npos) << f;
    }
  }
}

TEST(ServeCli, PrintsItsUrlServesAndStopsOnSigterm) {
  DemoServer demo(false);  // builds the store (its own in-process server is not used here)
  int out_pipe[2];
  ASSERT_EQ(pipe(out_pipe), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    close(out_pipe[0]);
    close(out_pipe[1]);
    execl(HEADWATER_BINARY, HEADWATER_BINARY, "--db", demo.h.db_path.c_str(), "serve", "--port",
          "0", "--threads", "8", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out_pipe[1]);
  FILE* out = fdopen(out_pipe[0], "r");
  char line[256] = {0};
  ASSERT_NE(fgets(line, sizeof(line), out), nullptr);
  std::string first(line);
  ASSERT_EQ(first.rfind("Serving http://127.0.0.1:", 0), 0u) << first;
  int port = std::stoi(first.substr(std::string("Serving http://127.0.0.1:").size()));
  EXPECT_GT(port, 0);
  httplib::Client c("127.0.0.1", port);
  auto r = c.Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["articles"], 20);
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  fclose(out);
}

TEST(ServeCli, RefusesAThreadCountOutOfRange) {
  pipeline::testing::Harness h(false);
  h.store.reset();
  for (const char* n : {"0", "16385"}) {
    std::string out;
    std::string cmd =
        std::string(HEADWATER_BINARY) + " --db " + h.db_path + " serve --port 0 --threads " + n;
    EXPECT_EQ(headwater::testing::RunCommand(cmd, &out, /*merge_stderr=*/true), 2) << n;
    EXPECT_NE(out.find("--threads must be from 1 to 16384"), std::string::npos) << out;
  }
}

}  // namespace
}  // namespace headwater::server::testing
