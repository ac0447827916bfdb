// The server's frame around the handlers: routing (404 vs 405), authorization (auth.h), the
// response cache and ETags (response_cache.h), reader connections in read transactions, the one
// writer, static files of the web UI, and the JSON error bodies.
//
// Order of work for an /api/ request:
//   1. route: the path picks the routes; none -> 404, none with this method -> 405 (+ Allow);
//   2. authorize: writes always, reads when ReadsNeedToken(bind, public_read) -> 401 if the
//      bearer token is missing or unknown (checked before a request body is read);
//   3. reads: generation = watcher.Current(); a cached response of that generation is sent
//      (304 when If-None-Match names its ETag); else a reader connection runs the handler inside
//      one read transaction and a 200 is cached under the generation read BEFORE the transaction;
//   4. writes: the writer mutex is taken and the handler runs on the writer connection.
#include "server/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <mutex>
#include <semaphore>
#include <thread>
#include <unordered_map>

#include "common/paths.h"
#include "pipeline/pipeline.h"
#include "server/api.h"
#include "server/auth.h"
#include "server/response_cache.h"

namespace headwater::server {

using json = nlohmann::json;

ApiResponse ErrorResponse(int status, std::string_view message) {
  const char* code = status == 400   ? "bad_request"
                     : status == 401 ? "unauthorized"
                     : status == 404 ? "not_found"
                     : status == 405 ? "method_not_allowed"
                     : status == 413 ? "payload_too_large"
                                     : "internal";
  ApiResponse r;
  r.status = status;
  r.body = json{{"error", {{"code", code}, {"message", std::string(message)}}}}.dump();
  return r;
}

ApiResponse StatusResponse(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kPermissionDenied:
      return ErrorResponse(400, s.message());
    case StatusCode::kNotFound:
      return ErrorResponse(404, s.message());
    case StatusCode::kResourceExhausted:
      return ErrorResponse(413, s.message());
    default:
      return ErrorResponse(500, s.message());
  }
}

ApiResponse JsonResponse(json doc, int status) {
  json out = {{"schema", 1}};
  for (auto& [k, v] : doc.items()) out[k] = std::move(v);
  ApiResponse r;
  r.status = status;
  r.body = out.dump();
  return r;
}

std::vector<std::string> PathSegments(std::string_view path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) out.emplace_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

namespace {

using Handler = ApiResponse (*)(ApiContext&, const httplib::Request&, const PathArgs&);

struct Route {
  std::string method;
  std::vector<std::string> pattern;  // path segments; "*" matches one segment (an id)
  Handler handler;
  bool write;
};

const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = {
      {"GET", {"api", "health"}, HandleHealth, false},
      {"GET", {"api", "openapi.json"}, HandleOpenApi, false},
      {"GET", {"api", "stories"}, HandleStories, false},
      {"GET", {"api", "stories", "*"}, HandleStory, false},
      {"GET", {"api", "stories", "*", "graph"}, HandleStoryGraph, false},
      {"GET", {"api", "articles", "*"}, HandleArticle, false},
      {"GET", {"api", "outlets"}, HandleOutlets, false},
      {"GET", {"api", "outlets", "*"}, HandleOutlet, false},
      {"GET", {"api", "search"}, HandleSearch, false},
      {"GET", {"api", "watches"}, HandleWatches, false},
      {"POST", {"api", "watches"}, HandleWatchCreate, true},
      {"DELETE", {"api", "watches", "*"}, HandleWatchDelete, true},
      {"GET", {"api", "alerts"}, HandleAlerts, false},
      {"GET", {"api", "alerts.atom"}, HandleAlertsAtom, false},
      {"POST", {"api", "ingest"}, HandleIngest, true},
  };
  return kRoutes;
}

bool Matches(const Route& r, const std::vector<std::string>& segs, PathArgs* args) {
  if (r.pattern.size() != segs.size()) return false;
  args->clear();
  for (size_t i = 0; i < segs.size(); ++i) {
    if (r.pattern[i] == "*")
      args->push_back(segs[i]);
    else if (r.pattern[i] != segs[i])
      return false;
  }
  return true;
}

// A request's cache key: path plus its query parameters in sorted order.
std::string CacheKey(const httplib::Request& req) {
  std::string key = req.path;
  std::vector<std::pair<std::string, std::string>> params(req.params.begin(), req.params.end());
  std::sort(params.begin(), params.end());
  char sep = '?';
  for (const auto& [k, v] : params) {
    key += sep + k + "=" + v;
    sep = '&';
  }
  return key;
}

}  // namespace

struct Server::Rep {
  ServerOptions options;
  SystemClock system_clock;
  const Clock* clock = nullptr;
  bool reads_need_token = false;
  std::string web_root;  // "" = no UI built
  httplib::Server http;
  std::thread thread;
  std::atomic<int> port{0};
  socket_t listen_fd = INVALID_SOCKET;  // the last socket cpp-httplib made to bind (Start())
  std::unique_ptr<GenerationWatcher> watcher;
  std::unique_ptr<ResponseCache> cache;

  // Bounds the uncached reads computed at once (ServerOptions::max_concurrent_computes).
  std::unique_ptr<std::counting_semaphore<>> compute_slots;

  // Reader connections, taken for one request and given back.
  struct Reader {
    std::unique_ptr<store::Store> store;
    std::unique_ptr<pipeline::Pipeline> pipe;
    uint64_t pipe_generation = 0;
  };
  std::mutex readers_mutex;
  std::vector<std::unique_ptr<Reader>> free_readers;  // GUARDED_BY(readers_mutex)

  // Track-record outcomes of every story and the track-record index over them, computed once
  // per generation and shared by the readers' pipelines (building the index is O(stories), and
  // each of up to `threads` readers built its own after every commit).
  std::mutex outcomes_mutex;
  uint64_t outcomes_generation = 0;                                    // GUARDED_BY(outcomes_mutex)
  std::shared_ptr<const std::vector<records::StoryOutcome>> outcomes;  // GUARDED_BY(outcomes_mutex)
  std::shared_ptr<const records::TrackRecordIndex> track_index;        // GUARDED_BY(outcomes_mutex)

  // Gives `pipe` the outcomes and track-record index of `generation`, computing them on its
  // connection when no reader did yet (the caller's read transaction is at least as new as
  // `generation`).
  Status ShareOutcomes(pipeline::Pipeline* pipe, uint64_t generation) {
    std::lock_guard<std::mutex> lock(outcomes_mutex);
    if (!outcomes || outcomes_generation != generation) {
      outcomes.reset();
      track_index.reset();
      HW_ASSIGN_OR_RETURN(const std::vector<records::StoryOutcome>* computed, pipe->Outcomes());
      HW_ASSIGN_OR_RETURN(auto index, pipe->SharedTrackIndex());
      outcomes = std::make_shared<const std::vector<records::StoryOutcome>>(*computed);
      track_index = std::move(index);
      outcomes_generation = generation;
      return Status::Ok();
    }
    pipe->SetOutcomes(*outcomes);
    pipe->SetTrackIndex(track_index);
    return Status::Ok();
  }

  std::mutex writer_mutex;
  std::unique_ptr<store::Store> writer;             // GUARDED_BY(writer_mutex)
  std::unique_ptr<pipeline::Pipeline> writer_pipe;  // GUARDED_BY(writer_mutex)
  int64_t writer_data_version = -1;                 // GUARDED_BY(writer_mutex)

  StatusOr<std::unique_ptr<store::Store>> OpenStore() const {
    store::StoreOptions o;
    o.path = options.db;
    o.create_if_missing = false;
    return store::Store::Open(o);
  }

  StatusOr<std::unique_ptr<pipeline::Pipeline>> OpenPipeline(store::Store* s,
                                                             bool gazetteer) const {
    pipeline::PipelineOptions o;
    o.policies_path = options.policies;
    o.load_gazetteer = gazetteer;
    return pipeline::Pipeline::Open(s, o, clock);
  }

  StatusOr<std::unique_ptr<Reader>> TakeReader() {
    {
      std::lock_guard<std::mutex> lock(readers_mutex);
      if (!free_readers.empty()) {
        auto r = std::move(free_readers.back());
        free_readers.pop_back();
        return r;
      }
    }
    auto r = std::make_unique<Reader>();
    HW_ASSIGN_OR_RETURN(r->store, OpenStore());
    return r;
  }

  void GiveBack(std::unique_ptr<Reader> r) {
    std::lock_guard<std::mutex> lock(readers_mutex);
    free_readers.push_back(std::move(r));
  }

  // Context over a reader; the pipeline is (re)opened when the store changed since it was made.
  class ReadContext final : public ApiContext {
   public:
    ReadContext(Rep* rep, Reader* reader, uint64_t generation)
        : rep_(rep), reader_(reader), generation_(generation) {}
    store::Store* store() override { return reader_->store.get(); }
    StatusOr<pipeline::Pipeline*> pipe() override {
      if (!reader_->pipe || reader_->pipe_generation != generation_) {
        reader_->pipe.reset();
        HW_ASSIGN_OR_RETURN(reader_->pipe, rep_->OpenPipeline(reader_->store.get(), false));
        HW_RETURN_IF_ERROR(rep_->ShareOutcomes(reader_->pipe.get(), generation_));
        reader_->pipe_generation = generation_;
      }
      return reader_->pipe.get();
    }
    const ServerOptions& options() const override { return rep_->options; }
    UnixSeconds now() const override { return rep_->clock->Now(); }

   private:
    Rep* rep_;
    Reader* reader_;
    uint64_t generation_;
  };

  class WriteContext final : public ApiContext {
   public:
    explicit WriteContext(Rep* rep) : rep_(rep) {}
    store::Store* store() override { return rep_->writer.get(); }
    StatusOr<pipeline::Pipeline*> pipe() override {
      // Another process committed since our last write: the pipeline's in-memory state (reuse
      // index, registry) is stale, so open a fresh one.
      auto v = rep_->writer->DataVersion();
      if (!v.ok()) return v.status();
      if (!rep_->writer_pipe || *v != rep_->writer_data_version) {
        rep_->writer_pipe.reset();
        HW_ASSIGN_OR_RETURN(rep_->writer_pipe, rep_->OpenPipeline(rep_->writer.get(), true));
        rep_->writer_data_version = *v;
      }
      return rep_->writer_pipe.get();
    }
    const ServerOptions& options() const override { return rep_->options; }
    UnixSeconds now() const override { return rep_->clock->Now(); }

   private:
    Rep* rep_;
  };

  // 401 response, or nullopt when the request carries a known token.
  std::optional<ApiResponse> CheckToken(const httplib::Request& req, store::Store* s) {
    std::string header = req.get_header_value("Authorization");
    if (header.empty())
      return ErrorResponse(401,
                           "missing bearer token: send Authorization: Bearer <token> "
                           "(make one with `headwater token create`)");
    auto token = BearerToken(header);
    if (!token) return ErrorResponse(401, "the Authorization header must be \"Bearer <token>\"");
    auto found = s->FindToken(Sha256Hex(*token));
    if (!found.ok()) return StatusResponse(found.status());
    if (!found->has_value()) return ErrorResponse(401, "invalid token");
    return std::nullopt;
  }

  void Send(const ApiResponse& r, httplib::Response& res) {
    res.status = r.status;
    res.set_content(r.body, r.content_type.c_str());
  }

  // The route of the request's method and path (args filled), or null; allow lists the methods
  // of the routes matching the path.
  static const Route* FindRoute(const httplib::Request& req, PathArgs* args, std::string* allow) {
    std::vector<std::string> segs = PathSegments(req.path);
    const Route* route = nullptr;
    std::string method = req.method == "HEAD" ? "GET" : req.method;
    for (const Route& r : Routes()) {
      PathArgs a;
      if (!Matches(r, segs, &a)) continue;
      *allow += (allow->empty() ? "" : ", ") + r.method;
      if (r.method == method) {
        route = &r;
        *args = std::move(a);
      }
    }
    return route;
  }

  void HandleApi(const httplib::Request& req, httplib::Response& res) {
    PathArgs args;
    std::string allow;
    const Route* route = FindRoute(req, &args, &allow);
    if (!route) {
      if (allow.empty()) return Send(ErrorResponse(404, "no such endpoint: " + req.path), res);
      res.set_header("Allow", allow);
      return Send(ErrorResponse(405, req.method + " is not allowed on " + req.path +
                                         " (allowed: " + allow + ")"),
                  res);
    }
    if (route->write) return HandleWrite(*route, args, req, res);
    HandleRead(*route, args, req, res);
  }

  void HandleWrite(const Route& route, const PathArgs& args, const httplib::Request& req,
                   httplib::Response& res) {
    std::lock_guard<std::mutex> lock(writer_mutex);
    if (auto denied = CheckToken(req, writer.get())) return Send(*denied, res);
    WriteContext ctx(this);
    Send(route.handler(ctx, req, args), res);
    watcher->Invalidate();  // our commit is seen by the very next read
  }

  // Runs a read handler in one read transaction on a pooled reader connection.
  ApiResponse ComputeRead(const Route& route, const PathArgs& args, const httplib::Request& req,
                          uint64_t generation) {
    compute_slots->acquire();
    struct Release {
      std::counting_semaphore<>* slots;
      ~Release() { slots->release(); }
    } release{compute_slots.get()};
    auto reader = TakeReader();
    if (!reader.ok()) return StatusResponse(reader.status());
    ApiResponse r;
    Status s = (*reader)->store->BeginRead();
    if (!s.ok()) {
      r = StatusResponse(s);
    } else {
      std::optional<ApiResponse> denied;
      if (reads_need_token) denied = CheckToken(req, (*reader)->store.get());
      if (denied) {
        r = *denied;
      } else {
        ReadContext ctx(this, reader->get(), generation);
        r = route.handler(ctx, req, args);
      }
      (void)(*reader)->store->EndRead();
    }
    GiveBack(std::move(*reader));
    return r;
  }

  // Requests for one key at one generation being computed: later ones wait for the first
  // ("single flight"), so a burst of identical cache misses computes the answer once.
  struct Flight {
    uint64_t generation = 0;
    std::shared_future<std::shared_ptr<const ApiResponse>> answer;
  };
  std::mutex flights_mutex;
  std::unordered_map<std::string, Flight> flights;  // GUARDED_BY(flights_mutex)

  std::shared_ptr<const ApiResponse> ComputeOnce(const Route& route, const PathArgs& args,
                                                 const httplib::Request& req,
                                                 const std::string& key, uint64_t generation) {
    std::promise<std::shared_ptr<const ApiResponse>> promise;
    std::shared_future<std::shared_ptr<const ApiResponse>> first;
    {
      std::lock_guard<std::mutex> lock(flights_mutex);
      auto it = flights.find(key);
      if (it != flights.end() && it->second.generation == generation)
        first = it->second.answer;
      else
        flights[key] = Flight{generation, promise.get_future().share()};
    }
    if (first.valid()) return first.get();
    auto r = std::make_shared<const ApiResponse>(ComputeRead(route, args, req, generation));
    promise.set_value(r);
    std::lock_guard<std::mutex> lock(flights_mutex);
    auto it = flights.find(key);
    if (it != flights.end() && it->second.generation == generation) flights.erase(it);
    return r;
  }

  void HandleRead(const Route& route, const PathArgs& args, const httplib::Request& req,
                  httplib::Response& res) {
    uint64_t generation = watcher->Current();  // before the read transaction (see header)
    std::shared_ptr<const CachedResponse> cached;
    if (reads_need_token) {  // answers depend on the caller: no cache, no sharing
      ApiResponse r = ComputeRead(route, args, req, generation);
      if (r.status != 200) return Send(r, res);
      auto entry = std::make_shared<CachedResponse>();
      entry->content_type = r.content_type;
      entry->etag = MakeEtag(r.body);
      entry->body = std::move(r.body);
      cached = std::move(entry);
    } else {
      std::string key = CacheKey(req);
      cached = cache->Get(key, generation);
      if (!cached) {
        std::shared_ptr<const ApiResponse> r = ComputeOnce(route, args, req, key, generation);
        if (r->status != 200) return Send(*r, res);
        cached = cache->Get(key, generation);  // put there by the first of the flight
        if (!cached) {
          auto entry = std::make_shared<CachedResponse>();
          entry->content_type = r->content_type;
          entry->etag = MakeEtag(r->body);
          entry->body = r->body;
          cache->Put(key, generation, entry);
          cached = std::move(entry);
        }
      }
    }
    res.set_header("ETag", cached->etag);
    res.set_header("Cache-Control", "no-cache");
    if (EtagMatches(req.get_header_value("If-None-Match"), cached->etag)) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(cached->body, cached->content_type.c_str());
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/api" || req.path.rfind("/api/", 0) == 0) return HandleApi(req, res);
    ServeStatic(web_root, req, res);
  }

  // Before a body is read: refuse a write without a valid token, so a client without one never
  // uploads a large body for nothing.
  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res) {
    if (req.method != "POST" && req.method != "PUT" && req.method != "PATCH")
      return httplib::Server::HandlerResponse::Unhandled;
    PathArgs args;
    std::string allow;
    const Route* route = FindRoute(req, &args, &allow);
    if (!route || !route->write) return httplib::Server::HandlerResponse::Unhandled;
    std::optional<ApiResponse> denied;
    {
      std::lock_guard<std::mutex> lock(writer_mutex);
      denied = CheckToken(req, writer.get());
    }
    if (!denied) return httplib::Server::HandlerResponse::Unhandled;
    Send(*denied, res);
    return httplib::Server::HandlerResponse::Handled;
  }

  void Install() {
    auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
      Dispatch(req, res);
    };
    http.Get(".*", dispatch);
    http.Post(".*", dispatch);
    http.Put(".*", dispatch);
    http.Patch(".*", dispatch);
    http.Delete(".*", dispatch);
    http.Options(".*", dispatch);
    http.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return PreRoute(req, res); });
    http.set_payload_max_length(options.max_body_bytes);
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          std::string message = res.status == 413 ? "request body larger than " +
                                                        std::to_string(options.max_body_bytes) +
                                                        " bytes (the server's max_body_bytes)"
                                                  : "HTTP " + std::to_string(res.status);
          Send(ErrorResponse(res.status, message), res);
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "internal error";
          try {
            std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          Send(ErrorResponse(500, what), res);
        });
    size_t threads = static_cast<size_t>(std::max(1, options.threads));
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // A connection holds its thread for its keep-alive life: with threads >= clients nobody waits;
    // past these it closes, so queued connections get a turn when there are more.
    http.set_keep_alive_max_count(
        static_cast<size_t>(std::max(1, options.keep_alive_max_requests)));
    http.set_keep_alive_timeout(std::max(1, options.keep_alive_timeout_seconds));
    // The listening socket is made (and listen(2)ed with a backlog of 5) inside cpp-httplib;
    // remember it so Start() can raise the backlog. Same options as cpp-httplib's default.
    http.set_socket_options([this](socket_t sock) {
      httplib::default_socket_options(sock);
      listen_fd = sock;
    });
    // Without it a response written in two sends waits for the client's delayed ACK (Nagle):
    // every keep-alive request then took ~44 ms at 16 connections.
    http.set_tcp_nodelay(true);
  }
};

Server::Server(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}

Server::~Server() { Stop(); }

StatusOr<std::unique_ptr<Server>> Server::Open(const ServerOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->options = options;
  rep->clock = options.clock ? options.clock : &rep->system_clock;
  rep->reads_need_token = ReadsNeedToken(options.bind, options.public_read);
  rep->cache = std::make_unique<ResponseCache>(options.cache_entries);
  int slots = options.max_concurrent_computes;
  if (slots <= 0) slots = std::max(2, 2 * static_cast<int>(std::thread::hardware_concurrency()));
  rep->compute_slots = std::make_unique<std::counting_semaphore<>>(slots);
  std::error_code ec;
  if (!std::filesystem::exists(options.db, ec))
    return Status::NotFound("no store at " + options.db +
                            " (run `headwater ingest` first, or pass --db)");
  HW_ASSIGN_OR_RETURN(rep->writer, rep->OpenStore());  // migrates forward once, first
  HW_ASSIGN_OR_RETURN(auto watch_connection, rep->OpenStore());
  rep->watcher = std::make_unique<GenerationWatcher>(std::move(watch_connection));
  if (!options.web_root.empty()) {
    if (!std::filesystem::is_regular_file(options.web_root + "/index.html", ec))
      return Status::NotFound("--web-root " + options.web_root + ": no index.html there");
    rep->web_root = options.web_root;
  } else if (auto index = FindDataFile("web/index.html"); index.ok()) {
    rep->web_root = std::filesystem::path(*index).parent_path().string();
  }
  rep->Install();
  return std::unique_ptr<Server>(new Server(std::move(rep)));
}

StatusOr<int> Server::Start() {
  int port = rep_->options.port == 0 ? rep_->http.bind_to_any_port(rep_->options.bind)
             : rep_->http.bind_to_port(rep_->options.bind, rep_->options.port) ? rep_->options.port
                                                                               : -1;
  if (port <= 0)
    return Status::Unavailable("cannot listen on " + rep_->options.bind + ":" +
                               std::to_string(rep_->options.port) +
                               " (address in use, or not an address of this machine)");
  // Calling listen(2) again on a listening socket sets its backlog (Linux, BSD).
  if (rep_->listen_fd != INVALID_SOCKET && rep_->options.listen_backlog > 0 &&
      ::listen(rep_->listen_fd, rep_->options.listen_backlog) != 0) {
    rep_->http.stop();
    return Status::Unavailable("cannot set the listen backlog to " +
                               std::to_string(rep_->options.listen_backlog) + " on " +
                               rep_->options.bind + ":" + std::to_string(port));
  }
  rep_->port = port;
  rep_->thread = std::thread([this] { rep_->http.listen_after_bind(); });
  return port;
}

void Server::Wait() {
  if (rep_->thread.joinable()) rep_->thread.join();
}

void Server::Stop() {
  if (!rep_) return;
  rep_->http.stop();
  if (rep_->thread.joinable() && rep_->thread.get_id() != std::this_thread::get_id())
    rep_->thread.join();
}

int Server::port() const { return rep_->port; }

std::string Server::Url() const {
  std::string host = rep_->options.bind;
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(port()) + "/";
}

}  // namespace headwater::server
