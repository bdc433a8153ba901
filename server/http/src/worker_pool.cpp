#include "kb/http/worker_pool.h"

#include <algorithm>
#include <iostream>
#include <string>

#include "kb/http/request_errors.h"

namespace kb::http {

WorkerPool::WorkerPool(const Application& app, WorkerPoolOptions options) : app_(app), options_(std::move(options)) {
  const unsigned threads = std::max(1u, options_.threads);
  for (unsigned i = 0; i < threads; ++i) contexts_.push_back(app.make_context());
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, i] { run(*contexts_[i]); });
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

bool WorkerPool::submit(Task task, Reply on_failure) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= options_.max_queue) return false;
    queue_.push_back(Job{std::move(task), std::move(on_failure), options_.clock()});
  }
  ready_.notify_one();
  return true;
}

void WorkerPool::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && busy_ == 0; });
}

void WorkerPool::run(WorkerContext& context) {
  while (true) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      job = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
    }
    run_job(job, context);
    {
      std::lock_guard lock(mutex_);
      --busy_;
      if (queue_.empty() && busy_ == 0) idle_.notify_all();
    }
  }
}

void WorkerPool::run_job(Job& job, WorkerContext& context) noexcept {
  try {
    if (options_.clock() - job.queued > options_.queue_deadline)
      throw ServerBusy("waited longer than " + std::to_string(options_.queue_deadline.count()) + " ms in the worker queue");
    job.task(context);
    return;
  } catch (...) {
    const HttpResponse answer = app_.answer_error(std::current_exception(), "-", "-", "worker pool task");
    try {
      if (job.on_failure) job.on_failure(answer);
      return;
    } catch (...) {
    }
  }
  // Not even the 500 could be delivered; the cause of the first error is logged.
  try {
    std::cerr << "kb-server: error: a worker task's failure answer could not be sent\n";
  } catch (...) {
  }
}

}  // namespace kb::http
