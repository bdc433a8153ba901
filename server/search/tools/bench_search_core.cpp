// bench-search-core: the search core in-process, without HTTP, for
// scripts/bench-search. Runs a query mix on N threads, each with its own
// kb::search::Searcher (as kb-server's workers have), for a fixed time and
// prints pages/s and latency percentiles.
//
//   bench-search-core --db DIR --queries FILE [--seconds S] [--threads N] [--warmup S] [--slowest K]
//
// FILE has one search request per line as a URL query string, exactly what
// follows `/api/v1/search?` (`q=slimme+verlichting&theme=safety&per_page=10`);
// blank lines and lines starting with '#' are skipped. A page is
// parse_search_request + Searcher::search + serialising the JSON answer, so it
// is the work kb-server does for one request minus HTTP. --slowest K also
// lists the K mix lines with the highest median latency (what drives p99).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kb/cli11/command_line.h"
#include "kb/http/answer_json.h"
#include "kb/http/message.h"
#include "kb/search/errors.h"
#include "kb/search/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string db, queries_file;
  double seconds = 20, warmup = 2;
  unsigned threads = 2;
  std::size_t slowest = 0;
};

// The query mix: each line as parameters and as written.
struct Mix {
  std::vector<kb::search::Params> params;
  std::vector<std::string> lines;
};

struct ThreadResult {
  std::vector<double> latencies_ms;
  std::vector<std::pair<std::size_t, double>> by_line;  // mix line index, latency ms
  std::size_t errors = 0;
  std::size_t bytes = 0;
  unsigned long long hits_total = 0;  // sum of "total" (sanity check)
};

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

// Throws std::runtime_error when the file cannot be read or a line is not a query string.
Mix read_mix(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Mix mix;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    auto params = kb::http::parse_query_string(line);
    if (!params) throw std::runtime_error(path + ": not a query string: " + line);
    mix.params.push_back(std::move(*params));
    mix.lines.push_back(line);
  }
  if (mix.params.empty()) throw std::runtime_error("no queries in " + path);
  return mix;
}

// One thread's loop: pages from its own place in the mix until `end`;
// latencies count from `warm_end`. Returns false on an unexpected error.
bool run_worker(kb::search::Searcher& searcher, const Mix& mix, std::size_t first, const Options& options,
                Clock::time_point warm_end, Clock::time_point end, ThreadResult& result) {
  result.latencies_ms.reserve(1 << 16);
  std::size_t next = first;
  for (;;) {
    const auto begin = Clock::now();
    if (begin >= end) return true;
    const std::size_t line = next;
    next = (next + 1) % mix.params.size();
    try {
      const auto answer = searcher.search(kb::search::parse_search_request(mix.params[line]));
      const std::string body = kb::http::to_json(answer).dump();
      const auto finish = Clock::now();
      if (begin < warm_end) continue;
      const double ms = std::chrono::duration<double, std::milli>(finish - begin).count();
      result.latencies_ms.push_back(ms);
      if (options.slowest > 0) result.by_line.emplace_back(line, ms);
      result.bytes += body.size();
      result.hits_total += answer.total;
    } catch (const kb::search::InvalidRequest&) {
      if (begin >= warm_end) ++result.errors;
    } catch (const std::exception& e) {
      std::cerr << "bench-search-core: " << e.what() << '\n';
      return false;
    }
  }
}

// Runs the mix on options.threads threads, each with its own Searcher.
// nullopt when a worker failed.
std::optional<std::vector<ThreadResult>> run(const Options& options, const Mix& mix, Xapian::doccount& docs) {
  const auto lexicon = kb::stemming::Lexicon::load();
  // Open every searcher before the clock starts (opening is not a request).
  std::vector<std::unique_ptr<kb::search::Searcher>> searchers;
  for (unsigned t = 0; t < options.threads; ++t)
    searchers.push_back(std::make_unique<kb::search::Searcher>(options.db, lexicon));
  docs = searchers.front()->document_count();
  std::vector<ThreadResult> results(options.threads);
  std::atomic<bool> failed{false};
  const auto seconds = [](double s) { return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s)); };
  const auto warm_end = Clock::now() + seconds(options.warmup);
  const auto end = warm_end + seconds(options.seconds);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < options.threads; ++t) {
    pool.emplace_back([&, t] {
      // Threads start at different places in the mix.
      const std::size_t first = mix.params.size() * t / options.threads;
      if (!run_worker(*searchers[t], mix, first, options, warm_end, end, results[t])) failed = true;
    });
  }
  for (auto& th : pool) th.join();
  if (failed) return std::nullopt;
  return results;
}

// Prints throughput and percentiles; returns the number of refused requests.
std::size_t report(const Options& options, const Mix& mix, Xapian::doccount docs, const std::vector<ThreadResult>& results) {
  std::vector<double> all;
  std::size_t errors = 0, bytes = 0;
  unsigned long long hits_total = 0;
  for (const auto& r : results) {
    all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
    errors += r.errors;
    bytes += r.bytes;
    hits_total += r.hits_total;
  }
  std::sort(all.begin(), all.end());
  double mean = 0;
  for (double v : all) mean += v;
  const auto pages = static_cast<double>(all.size());
  mean = all.empty() ? 0 : mean / pages;
  std::printf("index: %u documents; mix: %zu queries; threads: %u; measured %.1f s after %.1f s warm-up\n", docs,
              mix.params.size(), options.threads, options.seconds, options.warmup);
  std::printf("pages: %zu (errors %zu), %.0f bytes/page, mean total %.0f\n", all.size(), errors,
              all.empty() ? 0.0 : static_cast<double>(bytes) / pages,
              all.empty() ? 0.0 : static_cast<double>(hits_total) / pages);
  std::printf("pages/s: %.1f\n", pages / options.seconds);
  std::printf("latency ms: mean %.2f p50 %.2f p90 %.2f p99 %.2f max %.2f\n", mean, percentile(all, 50),
              percentile(all, 90), percentile(all, 99), all.empty() ? 0.0 : all.back());
  return errors;
}

// The K mix lines with the highest median latency (what drives p99).
void report_slowest(const Options& options, const Mix& mix, const std::vector<ThreadResult>& results) {
  std::vector<std::vector<double>> per_line(mix.params.size());
  for (const auto& r : results)
    for (const auto& [line, ms] : r.by_line) per_line[line].push_back(ms);
  std::vector<std::pair<double, std::size_t>> medians;
  for (std::size_t i = 0; i < per_line.size(); ++i) {
    if (per_line[i].empty()) continue;
    std::sort(per_line[i].begin(), per_line[i].end());
    medians.emplace_back(percentile(per_line[i], 50), i);
  }
  std::sort(medians.rbegin(), medians.rend());
  std::printf("slowest mix lines (median ms, runs, line):\n");
  for (std::size_t k = 0; k < std::min(options.slowest, medians.size()); ++k)
    std::printf("  %7.2f %4zu  %s\n", medians[k].first, per_line[medians[k].second].size(),
                mix.lines[medians[k].second].c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App cli{"Runs a search query mix in-process on N threads and prints pages/s and latency percentiles.",
               "bench-search-core"};
  kb::cli11::use_house_style(cli);
  cli.add_option("--db", options.db, "the index directory (required)")->type_name("DIR");
  cli.add_option("--queries", options.queries_file, "the query mix, one query string a line (required)")->type_name("FILE");
  cli.add_option("--seconds", options.seconds, "how long to measure")->check(CLI::Range(0.1, 3600.0))->capture_default_str();
  cli.add_option("--warmup", options.warmup, "seconds before measuring")->check(CLI::Range(0.0, 600.0))->capture_default_str();
  cli.add_option("--threads", options.threads, "threads, each with its own Searcher")->check(CLI::Range(1, 64))->capture_default_str();
  cli.add_option("--slowest", options.slowest, "also list the K slowest mix lines")->type_name("K");
  cli.final_callback([&cli] {
    kb::cli11::require(cli, "--db");
    kb::cli11::require(cli, "--queries");
  });
  if (const auto exit_code = kb::cli11::parse(cli, argc, argv)) return *exit_code;
  try {
    const Mix mix = read_mix(options.queries_file);
    Xapian::doccount docs = 0;
    const auto results = run(options, mix, docs);
    if (!results) return 1;
    const std::size_t errors = report(options, mix, docs, *results);
    if (options.slowest > 0) report_slowest(options, mix, *results);
    return errors == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "bench-search-core: " << e.what() << '\n';
    return 1;
  }
}
