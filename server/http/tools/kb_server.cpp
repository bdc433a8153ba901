// kb-server: the search API, pages and widget over HTTP (see server/README.md).
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "kb/http/application.h"
#include "kb/http/http_server.h"
#include "kb/search/request.h"

namespace {

int usage(const std::string& message = {}) {
  if (!message.empty()) std::cerr << "kb-server: " << message << '\n';
  std::cerr << "usage: kb-server --db DIR [--host 127.0.0.1] [--port 8080] [--threads N] [--io-threads N]\n"
               "                 [--cors-origin ORIGIN]... [--keys FILE] [--history FILE] [--quiet]\n"
               "environment: KB_DB, KB_HOST, KB_PORT, KB_THREADS, KB_CORS_ORIGINS (comma-separated), KB_KEYS_FILE\n";
  return 2;
}

std::optional<long long> number(const std::string& s, long long min, long long max) {
  return kb::search::parse_integer(s, min, max);
}

}  // namespace

int main(int argc, char** argv) {
  kb::http::AppConfig app;
  kb::http::ServerOptions server;
  bool quiet = false;
  std::vector<std::string> origins;
  auto env = [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    return v && *v ? std::optional<std::string>(v) : std::nullopt;
  };
  if (auto v = env("KB_DB")) app.db = *v;
  if (auto v = env("KB_HOST")) server.host = *v;
  if (auto v = env("KB_KEYS_FILE")) app.keys_file = *v;
  if (auto v = env("KB_PORT")) {
    auto n = number(*v, 0, 65535);
    if (!n) return usage("KB_PORT must be 0..65535");
    server.port = static_cast<std::uint16_t>(*n);
  }
  if (auto v = env("KB_THREADS")) {
    auto n = number(*v, 1, 256);
    if (!n) return usage("KB_THREADS must be 1..256");
    server.workers = static_cast<unsigned>(*n);
  }
  if (auto v = env("KB_CORS_ORIGINS")) {
    std::string s = *v;
    for (std::size_t i = 0; i <= s.size();) {
      auto c = s.find(',', i);
      if (c == std::string::npos) c = s.size();
      if (c > i) origins.push_back(s.substr(i, c - i));
      i = c + 1;
    }
  }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quiet") {
      quiet = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      usage();
      return 0;
    }
    if (i + 1 >= argc) return usage(arg + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--db") {
      app.db = value;
    } else if (arg == "--host") {
      server.host = value;
    } else if (arg == "--port" || arg == "--threads" || arg == "--io-threads") {
      const auto n = number(value, arg == "--port" ? 0 : 1, arg == "--port" ? 65535 : 256);
      if (!n) return usage(arg + ": not a valid number");
      if (arg == "--port") server.port = static_cast<std::uint16_t>(*n);
      else if (arg == "--threads") server.workers = static_cast<unsigned>(*n);
      else server.io_threads = static_cast<unsigned>(*n);
    } else if (arg == "--cors-origin") {
      origins.push_back(value);
    } else if (arg == "--keys") {
      app.keys_file = value;
    } else if (arg == "--history") {
      app.history_file = value;
    } else {
      return usage("unknown option " + arg);
    }
  }
  if (app.db.empty()) return usage("--db is required");
  if (!origins.empty()) app.cors_origins = origins;
  if (!quiet) app.access_log = &std::clog;

  // Pistache's sendfile path does not suppress SIGPIPE; a stop is handled by sigwait.
  signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    kb::http::Application application(app, kb::text::Lexicon::load());
    kb::http::HttpServer http(application, server);
    http.start();
    std::cerr << "kb-server: serving " << app.db.string() << " on http://" << server.host << ':' << http.port() << "/\n";
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    std::cerr << "kb-server: stopping (signal " << signal_number << ")\n";
    http.stop();
  } catch (const std::exception& e) {
    std::cerr << "kb-server: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
