#pragma once
// Request counts and latency histograms per route, in Prometheus text format.
#include <array>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace kb::http {

class Metrics {
 public:
  void observe(std::string_view route, std::string_view method, int status, double seconds);
  // A curation request refused for its key: "wrong_key", "no_key" or "throttled".
  void count_auth(std::string_view outcome);
  // `documents` < 0 leaves out the index gauge (index not open).
  std::string render(long long documents) const;

 private:
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<unsigned long long, kBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, unsigned long long> requests_;  // route|method|status -> count
  std::map<std::string, Histogram> latency_;            // route -> histogram
  std::map<std::string, unsigned long long> auth_refusals_;  // outcome -> count
};

}  // namespace kb::http
