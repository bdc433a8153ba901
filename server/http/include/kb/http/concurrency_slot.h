#pragma once
// A bound on how many requests of one expensive kind run at once (issue 15
// point 2): a handler holds a slot while it works; without a free one it is
// answered 503 with Retry-After at once instead of taking a worker that a
// search needs.
#include <atomic>
#include <string>
#include <string_view>

#include "kb/http/request_errors.h"

namespace kb::http {

class ConcurrencySlot {
 public:
  // Throws ServerBusy when `limit` slots of `running` are taken.
  ConcurrencySlot(std::atomic<unsigned>& running, unsigned limit, std::string_view what) : running_(running) {
    if (running_.fetch_add(1) >= limit) {
      running_.fetch_sub(1);
      throw ServerBusy("more than " + std::to_string(limit) + " " + std::string(what) + " requests at once");
    }
  }
  ~ConcurrencySlot() { running_.fetch_sub(1); }
  ConcurrencySlot(const ConcurrencySlot&) = delete;
  ConcurrencySlot& operator=(const ConcurrencySlot&) = delete;

 private:
  std::atomic<unsigned>& running_;
};

}  // namespace kb::http
