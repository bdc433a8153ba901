// kb-server: the search API, pages and widget over HTTP (see server/http/README.md).
#include <pthread.h>
#include <signal.h>

#include <sys/resource.h>

#include <iostream>
#include <string>
#include <vector>

#include "kb/cli11/command_line.h"
#include "kb/http/application.h"
#include "kb/http/http_server.h"
#include "kb/search/request.h"

namespace {

struct CommandLine {
  kb::http::AppConfig app;
  kb::http::ServerOptions server;
  std::vector<std::string> cors_origins;
  std::vector<std::string> curation_origins;
  bool quiet = false;
  std::string access_log_classes = "all";
};

// A decimal integer in [min, max], parsed as the API parses its numbers (no
// sign tricks, no hex or octal).
CLI::Validator integer_in(long long min, long long max) {
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        return kb::search::parse_integer(text, min, max) ? std::string() : "not a valid number (" + range + "): " + text;
      },
      range);
}

template <typename Number>
void add_number(CLI::App& cli, const std::string& name, Number& target, long long min, long long max,
                const std::string& help) {
  cli.add_option_function<std::string>(
         name, [&target](const std::string& text) { target = static_cast<Number>(std::stoll(text)); }, help)
      ->check(integer_in(min, max))
      ->type_name("INT")
      ->default_str(std::to_string(target));
}

void add_options(CLI::App& cli, CommandLine& c) {
  cli.add_option("--db", c.app.db, "the index directory (required)")->envname("KB_DB")->type_name("DIR");
  cli.add_option("--host", c.server.host, "the address to listen on")
      ->envname("KB_HOST")
      ->type_name("HOST")
      ->capture_default_str();
  add_number(cli, "--port", c.server.port, 0, 65535, "the port; 0 takes a free one (printed)");
  cli.get_option("--port")->envname("KB_PORT");
  add_number(cli, "--threads", c.server.workers, 1, 256, "request workers (default: one per core)");
  cli.get_option("--threads")->envname("KB_THREADS")->default_str("");
  add_number(cli, "--io-threads", c.server.io_threads, 1, 256, "Pistache I/O threads");
  add_number(cli, "--max-connections", c.server.max_connections, 1, 1000000,
             "open connections at most; one more is answered 503 and closed");
  add_number(cli, "--queue-deadline-ms", c.server.queue_deadline_ms, 10, 600000,
             "a request that waited longer for a worker is answered 503 instead of run");
  cli.add_option("--cors-origin", c.cors_origins, "an origin allowed to call the API (repeatable; default *)")
      ->envname("KB_CORS_ORIGINS")
      ->type_name("ORIGIN")
      ->delimiter(',')
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cli.add_option("--curation-origin", c.curation_origins,
                 "an origin allowed to call the curation API from a browser (repeatable; default: none, "
                 "/curate on this server's own origin needs none)")
      ->envname("KB_CURATION_ORIGINS")
      ->type_name("ORIGIN")
      ->delimiter(',')
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cli.add_option("--keys", c.app.keys_file, "curation keys, name:secret lines (none: every write is 401)")
      ->envname("KB_KEYS_FILE")
      ->type_name("FILE");
  cli.add_option("--query-log", c.app.query_log_file, "the demand report's counts, kept between runs (default: <db>.queries.json)")
      ->envname("KB_QUERY_LOG")
      ->type_name("FILE");
  cli.add_option("--history", c.app.history_file, "the curation history (default: <db>.history.jsonl)")
      ->type_name("FILE");
  cli.add_flag("--quiet", c.quiet, "no access log on stderr");
  cli.add_option("--access-log", c.access_log_classes,
                 "which requests the access log lists: all (default), none, or api,pages,assets,operations "
                 "(errors always)")
      ->envname("KB_ACCESS_LOG")
      ->type_name("CLASSES")
      ->check(CLI::Validator(
          [](const std::string& v) { return kb::http::parse_route_classes(v) ? std::string() : "unknown route class in " + v; },
          ""));
  cli.final_callback([&cli] { kb::cli11::require(cli, "--db"); });
}

// Origins from KB_CORS_ORIGINS may contain empty items ("a,,b").
void apply_cors_origins(CommandLine& c) {
  std::vector<std::string> origins;
  for (auto& origin : c.cors_origins)
    if (!origin.empty()) origins.push_back(std::move(origin));
  if (!origins.empty()) c.app.cors_origins = std::move(origins);
  for (auto& origin : c.curation_origins)
    if (!origin.empty()) c.app.curation_origins.push_back(std::move(origin));
}

// Stop signals are taken by sigwait in main's thread, so every other thread
// (created later, inheriting the mask) must block them.
sigset_t block_stop_signals() {
  // Pistache's sendfile path does not suppress SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  return stop_signals;
}

// Serves until SIGTERM or SIGINT, then stops gracefully.
// Every connection is a descriptor, and a soft limit of 1,024 let 1,100 idle
// sockets pin the server (issue 15 point 5): take what the hard limit allows.
// The connection cap stays below it, with room for the index's files.
void raise_open_file_limit(kb::http::ServerOptions& server) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  if (limit.rlim_cur < limit.rlim_max) {
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
      std::cerr << "kb-server: could not raise the open file limit from " << before << '\n';
      limit.rlim_cur = before;
    }
  }
  constexpr rlim_t kReserve = 256;  // index, history, logs, the workers' databases
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur > kReserve && server.max_connections > limit.rlim_cur - kReserve) {
    server.max_connections = static_cast<unsigned>(limit.rlim_cur - kReserve);
    std::cerr << "kb-server: at most " << server.max_connections << " connections (open file limit " << limit.rlim_cur
              << ")\n";
  }
}

int serve(CommandLine& c, const sigset_t& stop_signals) {
  raise_open_file_limit(c.server);
  try {
    kb::http::Application application(c.app, kb::stemming::Lexicon::load());
    kb::http::HttpServer http(application, c.server);
    http.start();
    std::cerr << "kb-server: serving " << c.app.db.string() << " on http://" << c.server.host << ':' << http.port()
              << "/\n";
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

}  // namespace

int main(int argc, char** argv) {
  CommandLine command_line;
  CLI::App cli{"Serves the Kennisbank search API, pages and widget over HTTP.", "kb-server"};
  kb::cli11::use_house_style(cli);
  add_options(cli, command_line);
  if (const auto exit_code = kb::cli11::parse(cli, argc, argv)) return *exit_code;
  apply_cors_origins(command_line);
  if (!command_line.quiet) command_line.app.access_log = &std::clog;
  command_line.app.access_log_classes = *kb::http::parse_route_classes(command_line.access_log_classes);
  const sigset_t stop_signals = block_stop_signals();
  return serve(command_line, stop_signals);
}
