#pragma once
// Xapian work runs here, never on Pistache's I/O threads: a fixed set of
// threads, each owning one WorkerContext (so one Xapian::Database each), fed
// from a bounded queue. A full queue is refused at once (the caller answers
// 503) rather than letting latency grow without bound. A task that throws is
// not swallowed: the error is mapped to a 500 problem document, logged, and
// handed to the task's `on_failure` to send. A task that waited in the queue
// longer than the queue deadline is not run: its client has been waiting
// too long already, and running it would only make the next ones wait
// longer (issue 15 point 2). It gets a 503 with Retry-After instead.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kb/http/application.h"

namespace kb::http {

struct WorkerPoolOptions {
  unsigned threads = 1;
  std::size_t max_queue = 4096;
  std::chrono::milliseconds queue_deadline{5000};  // longest wait in the queue before a task runs
  std::function<std::chrono::steady_clock::time_point()> clock = std::chrono::steady_clock::now;  // tests step it
};

class WorkerPool {
 public:
  using Task = std::function<void(WorkerContext&)>;
  using Reply = std::function<void(const HttpResponse&)>;

  WorkerPool(const Application& app, WorkerPoolOptions options);
  ~WorkerPool();  // finishes queued tasks, then joins
  // False when the queue is full or the pool stopping. If `task` throws,
  // `on_failure` gets the error's answer.
  bool submit(Task task, Reply on_failure);
  void wait_idle();        // until the queue is empty and no task runs
  void stop();

 private:
  struct Job {
    Task task;
    Reply on_failure;
    std::chrono::steady_clock::time_point queued;
  };
  void run(WorkerContext& context);
  void run_job(Job& job, WorkerContext& context) noexcept;

  const Application& app_;
  std::mutex mutex_;
  std::condition_variable ready_, idle_;
  std::deque<Job> queue_;
  WorkerPoolOptions options_;
  unsigned busy_ = 0;
  bool stopping_ = false;
  std::vector<std::unique_ptr<WorkerContext>> contexts_;
  std::vector<std::thread> threads_;
};

}  // namespace kb::http
