#include "kb/http/auth_throttle.h"

#include <algorithm>

namespace kb::http {

AuthThrottle::AuthThrottle(Options options, std::function<Clock::time_point()> clock)
    : options_(options), clock_(std::move(clock)) {}

void AuthThrottle::prune(Clock::time_point now) {
  std::erase_if(entries_, [&](const auto& entry) { return now - entry.second.start >= options_.window; });
}

std::optional<std::chrono::seconds> AuthThrottle::wait_for(const std::string& peer) {
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(peer);
  if (it == entries_.end()) return std::nullopt;
  const auto elapsed = now - it->second.start;
  if (elapsed >= options_.window) {
    entries_.erase(it);
    return std::nullopt;
  }
  if (it->second.failures < options_.max_failures) return std::nullopt;
  const auto left = std::chrono::ceil<std::chrono::seconds>(options_.window - elapsed);
  return std::max(left, std::chrono::seconds(1));
}

void AuthThrottle::failed(const std::string& peer) {
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(peer);
  if (it != entries_.end() && now - it->second.start >= options_.window) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it == entries_.end()) {
    if (entries_.size() >= options_.max_clients) prune(now);
    if (entries_.size() >= options_.max_clients) return;  // bounded: not tracked
    it = entries_.emplace(peer, Entry{now, 0}).first;
  }
  ++it->second.failures;
}

std::size_t AuthThrottle::tracked() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace kb::http
