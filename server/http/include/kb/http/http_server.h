#pragma once
// The thin Pistache edge: bytes in, HttpRequest to the worker pool, HttpResponse
// out. It also closes gaps of Pistache 0.0.5: repeated query parameters
// (theme=a&theme=b) are read from the request line because Pistache's query
// map keeps one value per name; parser errors, oversized requests and timeouts
// are answered with problem documents instead of plain text.
#include <cstdint>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <string>

#include "kb/http/application.h"
#include "kb/http/worker_pool.h"

namespace Pistache::Http { class Endpoint; }

namespace kb::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;     // 0: any free port (tests)
  unsigned io_threads = 1;
  unsigned workers = 0;          // 0: one per core
  std::size_t max_request_bytes = (1u << 20) + (16u << 10);  // 1 MiB body plus headers
  unsigned header_timeout_s = 10;
  unsigned body_timeout_s = 30;
  unsigned keepalive_timeout_s = 60;
  unsigned queue_deadline_ms = 5000;  // a request queued longer is answered 503 instead of run
  // Open connections at most; one more is answered 503 and closed at once
  // (kb-server raises its open-file limit above this; issue 15 point 5).
  unsigned max_connections = 4096;
};

struct ConnectionWatch;

class HttpServer {
 public:
  HttpServer(Application& app, ServerOptions options);
  ~HttpServer();
  void start();                  // binds and serves on background threads
  std::uint16_t port() const;    // the bound port
  // Graceful: new requests get 503, requests in flight finish, then the
  // listener and the workers stop.
  void stop();

 private:
  Application& app_;
  ServerOptions options_;
  std::unique_ptr<WorkerPool> pool_;
  std::unique_ptr<Pistache::Http::Endpoint> endpoint_;
  std::shared_ptr<ConnectionWatch> watch_;  // requests being received, for our time-outs
  std::thread watchdog_;                      // answers those past their time with a 408 problem
  std::mutex watchdog_mutex_;
  std::condition_variable watchdog_wake_;
  bool watchdog_stop_ = false;
  bool running_ = false;
};

}  // namespace kb::http
