#pragma once
// Throttles key guessing (issue 15 point 6): a client address that sent
// `max_failures` wrong curation keys within `window` is refused (429 with
// Retry-After) until its window ends, whatever key it sends then. Addresses
// are kept only while their window runs and only in memory (no personal
// data beyond it); at most `max_clients` at once, beyond which a new address
// is not tracked rather than memory growing.
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace kb::http {

struct AuthThrottleOptions {
  unsigned max_failures = 10;
  std::chrono::seconds window{60};
  std::size_t max_clients = 10'000;
};

class AuthThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  using Options = AuthThrottleOptions;
  explicit AuthThrottle(Options options = {}, std::function<Clock::time_point()> clock = Clock::now);

  // Seconds until `peer` may try a key again, or nullopt when it may now.
  std::optional<std::chrono::seconds> wait_for(const std::string& peer);
  // A wrong key from `peer`.
  void failed(const std::string& peer);
  std::size_t tracked() const;  // addresses in memory now

 private:
  struct Entry {
    Clock::time_point start;
    unsigned failures = 0;
  };
  void prune(Clock::time_point now);

  Options options_;
  std::function<Clock::time_point()> clock_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace kb::http
