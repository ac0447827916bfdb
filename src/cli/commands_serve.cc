// serve, token create.
#include <signal.h>

#include <iostream>

#include "cli/cli.h"
#include "server/auth.h"
#include "server/server.h"

namespace headwater::cli {

int CmdServe(const Context& c, const ServeArgs& a) {
  server::ServerOptions o;
  o.db = c.db;
  o.policies = c.policies;
  o.bind = a.bind;
  o.port = a.port;
  o.public_read = a.public_read;
  o.web_root = a.web_root;
  o.threads = a.threads;
  if (a.port < 0 || a.port > 65535) {
    std::cerr << "headwater: --port must be from 0 to 65535, got " << a.port << "\n";
    return kExitUsage;
  }
  if (a.threads < 1 || a.threads > 16384) {
    std::cerr << "headwater: --threads must be from 1 to 16384, got " << a.threads << "\n";
    return kExitUsage;
  }
  // SIGINT / SIGTERM are taken by sigwait below; blocked before any server thread starts so
  // every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto srv = server::Server::Open(o);
  if (!srv.ok()) return PrintError(srv.status());
  auto port = (*srv)->Start();
  if (!port.ok()) return PrintError(port.status());
  if (server::ReadsNeedToken(o.bind, o.public_read))
    std::cerr << "headwater: bound to " << o.bind
              << ", not loopback: every request needs a bearer token (--public-read opens reads)\n";
  std::cout << "Serving " << (*srv)->Url() << std::endl;
  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << "headwater: stopping\n";
  (*srv)->Stop();
  return kExitOk;
}

int CmdTokenCreate(const Context& c, const std::string& name) {
  auto store = c.OpenStore(false);
  if (!store.ok()) return PrintError(store.status());
  auto token = server::CreateToken(store->get(), name, c.clock.Now());
  if (!token.ok()) return PrintError(token.status());
  std::cerr << "headwater: token" << (name.empty() ? "" : " \"" + name + "\"")
            << " created; only its hash is stored, so copy it now:\n";
  std::cout << *token << "\n";
  return kExitOk;
}

}  // namespace headwater::cli
