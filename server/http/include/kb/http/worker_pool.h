#pragma once
// Xapian work runs here, never on Pistache's I/O threads: a fixed set of
// threads, each owning one WorkerContext (so one Xapian::Database each), fed
// from a bounded queue. A full queue is refused at once (the caller answers
// 503) rather than letting latency grow without bound.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kb/http/application.h"

namespace kb::http {

class WorkerPool {
 public:
  using Task = std::function<void(WorkerContext&)>;

  WorkerPool(const Application& app, unsigned threads, std::size_t max_queue = 4096);
  ~WorkerPool();  // finishes queued tasks, then joins
  bool submit(Task task);  // false when the queue is full or the pool stopping
  void wait_idle();        // until the queue is empty and no task runs
  void stop();

 private:
  void run(WorkerContext& context);

  std::mutex mutex_;
  std::condition_variable ready_, idle_;
  std::deque<Task> queue_;
  std::size_t max_queue_;
  unsigned busy_ = 0;
  bool stopping_ = false;
  std::vector<std::unique_ptr<WorkerContext>> contexts_;
  std::vector<std::thread> threads_;
};

}  // namespace kb::http
