#include "kb/http/metrics.h"

#include <sstream>

namespace kb::http {
namespace {

std::string label_value(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::observe(std::string_view route, std::string_view method, int status, double seconds) {
  std::string key = std::string(route) + '|' + std::string(method) + '|' + std::to_string(status);
  std::lock_guard lock(mutex_);
  ++requests_[key];
  Histogram& h = latency_[std::string(route)];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::count_auth(std::string_view outcome) {
  std::lock_guard lock(mutex_);
  ++auth_refusals_[std::string(outcome)];
}

std::string Metrics::render(long long documents) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP kb_http_requests_total HTTP requests by route, method and status.\n"
         "# TYPE kb_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto a = key.find('|'), b = key.rfind('|');
    out << "kb_http_requests_total{route=\"" << label_value(key.substr(0, a)) << "\",method=\""
        << label_value(key.substr(a + 1, b - a - 1)) << "\",status=\"" << key.substr(b + 1) << "\"} " << n << '\n';
  }
  out << "# HELP kb_http_request_duration_seconds Time to answer, by route.\n"
         "# TYPE kb_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string r = label_value(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out << "kb_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"" << kBuckets[i] << "\"} "
          << h.buckets[i] << '\n';
    out << "kb_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"+Inf\"} " << h.count << '\n'
        << "kb_http_request_duration_seconds_sum{route=\"" << r << "\"} " << h.sum << '\n'
        << "kb_http_request_duration_seconds_count{route=\"" << r << "\"} " << h.count << '\n';
  }
  out << "# HELP kb_auth_refusals_total Curation requests refused for their key, by outcome (wrong_key, no_key, "
         "throttled).\n# TYPE kb_auth_refusals_total counter\n";
  for (const auto& [outcome, n] : auth_refusals_) out << "kb_auth_refusals_total{outcome=\"" << outcome << "\"} " << n << '\n';
  if (documents >= 0)
    out << "# HELP kb_index_documents Documents in the index.\n# TYPE kb_index_documents gauge\nkb_index_documents "
        << documents << '\n';
  return out.str();
}

}  // namespace kb::http
