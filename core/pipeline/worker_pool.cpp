#include "core/pipeline/worker_pool.hpp"

namespace lienthong::pipeline {

WorkerPool::WorkerPool(std::size_t threads) : pool_(threads == 0 ? 1 : threads) {}

WorkerPool::~WorkerPool() {
  join();
}

void WorkerPool::join() {
  pool_.join();
}

}  // namespace lienthong::pipeline
