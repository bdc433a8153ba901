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
#include <string>
#include <thread>
#include <vector>

#include "kb/search/errors.h"
#include "kb/http/answer_json.h"
#include "kb/search/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

kb::search::Params parse_query_string(std::string_view line) {
  kb::search::Params params;
  std::size_t i = 0;
  while (i <= line.size()) {
    std::size_t amp = line.find('&', i);
    if (amp == std::string_view::npos) amp = line.size();
    const std::string_view item = line.substr(i, amp - i);
    if (!item.empty()) {
      const std::size_t eq = item.find('=');
      if (eq == std::string_view::npos)
        params.emplace_back(url_decode(item), std::string());
      else
        params.emplace_back(url_decode(item.substr(0, eq)), url_decode(item.substr(eq + 1)));
    }
    i = amp + 1;
  }
  return params;
}

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

int usage(const std::string& message = {}) {
  if (!message.empty()) std::cerr << "bench-search-core: " << message << '\n';
  std::cerr << "usage: bench-search-core --db DIR --queries FILE [--seconds S] [--threads N] [--warmup S] [--slowest K]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, queries_file;
  double seconds = 20, warmup = 2;
  unsigned threads = 2;
  std::size_t slowest = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    }
    if (i + 1 >= argc) return usage(arg + " needs a value");
    const std::string value = argv[++i];
    try {
      if (arg == "--db") db = value;
      else if (arg == "--queries") queries_file = value;
      else if (arg == "--seconds") seconds = std::stod(value);
      else if (arg == "--warmup") warmup = std::stod(value);
      else if (arg == "--threads") threads = static_cast<unsigned>(std::stoul(value));
      else if (arg == "--slowest") slowest = std::stoul(value);
      else return usage("unknown option " + arg);
    } catch (const std::exception&) {
      return usage(arg + ": not a number");
    }
  }
  if (db.empty() || queries_file.empty()) return usage("--db and --queries are required");
  if (seconds <= 0 || seconds > 3600 || warmup < 0 || warmup > 600 || threads < 1 || threads > 64)
    return usage("--seconds 0..3600, --warmup 0..600, --threads 1..64");

  std::vector<kb::search::Params> mix;
  std::vector<std::string> mix_lines;
  {
    std::ifstream in(queries_file);
    if (!in) return usage("cannot read " + queries_file);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line.front() == '#') continue;
      mix.push_back(parse_query_string(line));
      mix_lines.push_back(line);
    }
  }
  if (mix.empty()) return usage("no queries in " + queries_file);

  try {
    const auto lexicon = kb::stemming::Lexicon::load();
    // Open every searcher before the clock starts (opening is not a request).
    std::vector<std::unique_ptr<kb::search::Searcher>> searchers;
    for (unsigned t = 0; t < threads; ++t) searchers.push_back(std::make_unique<kb::search::Searcher>(db, lexicon));
    const auto docs = searchers.front()->document_count();

    std::vector<ThreadResult> results(threads);
    std::atomic<bool> failed{false};
    auto worker = [&](unsigned t, Clock::time_point warm_end, Clock::time_point end) {
      auto& searcher = *searchers[t];
      auto& result = results[t];
      result.latencies_ms.reserve(1 << 16);
      std::size_t next = mix.size() * t / threads;  // threads start at different places in the mix
      for (;;) {
        const auto begin = Clock::now();
        if (begin >= end) break;
        const std::size_t line = next;
        const auto& params = mix[next];
        next = (next + 1) % mix.size();
        try {
          const auto request = kb::search::parse_search_request(params);
          const auto answer = searcher.search(request);
          const std::string body = kb::http::to_json(answer).dump();
          const auto finish = Clock::now();
          if (begin >= warm_end) {
            const double ms = std::chrono::duration<double, std::milli>(finish - begin).count();
            result.latencies_ms.push_back(ms);
            if (slowest > 0) result.by_line.emplace_back(line, ms);
            result.bytes += body.size();
            result.hits_total += answer.total;
          }
        } catch (const kb::search::InvalidRequest&) {
          if (begin >= warm_end) ++result.errors;
        } catch (const std::exception& e) {
          std::cerr << "bench-search-core: " << e.what() << '\n';
          failed = true;
          return;
        }
      }
    };
    const auto start = Clock::now();
    const auto warm_end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(warmup));
    const auto end = warm_end + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t, warm_end, end);
    for (auto& th : pool) th.join();
    if (failed) return 1;

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
    mean = all.empty() ? 0 : mean / static_cast<double>(all.size());
    std::printf("index: %u documents; mix: %zu queries; threads: %u; measured %.1f s after %.1f s warm-up\n", docs,
                mix.size(), threads, seconds, warmup);
    std::printf("pages: %zu (errors %zu), %.0f bytes/page, mean total %.0f\n", all.size(), errors,
                all.empty() ? 0.0 : static_cast<double>(bytes) / static_cast<double>(all.size()),
                all.empty() ? 0.0 : static_cast<double>(hits_total) / static_cast<double>(all.size()));
    std::printf("pages/s: %.1f\n", static_cast<double>(all.size()) / seconds);
    std::printf("latency ms: mean %.2f p50 %.2f p90 %.2f p99 %.2f max %.2f\n", mean, percentile(all, 50),
                percentile(all, 90), percentile(all, 99), all.empty() ? 0.0 : all.back());
    if (slowest > 0) {
      std::vector<std::vector<double>> per_line(mix.size());
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
      for (std::size_t k = 0; k < std::min(slowest, medians.size()); ++k)
        std::printf("  %7.2f %4zu  %s\n", medians[k].first, per_line[medians[k].second].size(),
                    mix_lines[medians[k].second].c_str());
    }
    return errors == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "bench-search-core: " << e.what() << '\n';
    return 1;
  }
}
