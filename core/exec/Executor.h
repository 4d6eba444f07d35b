#pragma once
// The runtime a scenario runs on: block_on(root) runs the root task on N workers until it returns, then shuts
// down (every task still alive is dropped, as tokio's runtime does) and leaves the recorded trace behind.
#include "../trace/Trace.h"
#include "Runtime.h"
#include "RunControl.h"
#include "Scheduler.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace wl {

struct ExecutorConfig {
    Mode mode = Mode::Simulated;
    std::uint32_t workers = 4;  // 1..kMaxWorkers
    std::uint64_t seed = 1;     // simulated mode: picks among the workers that could poll
    bool recording = true;
    std::string scenario;
    std::vector<std::pair<std::string, std::string>> params;
    std::shared_ptr<RunControl> control;  // optional: progress and an early stop, from another thread
};

class Executor {
public:
    static constexpr std::uint32_t kMaxWorkers = 64;

    explicit Executor(ExecutorConfig config);  // throws std::invalid_argument on a bad worker count
    ~Executor();

    template <class T>
    JoinResult<T> block_on(Task<T> root, std::string name = "main")
    {
        std::shared_ptr<JoinState<T>> state;
        {
            ContextScope outside({scheduler_.get(), nullptr, nullptr, kNoLane, 0});
            state = spawn(std::move(root), std::move(name)).release();
        }
        drive(*state);
        return {std::move(state->value), state->takeError()};
    }

    const Trace& trace() const { return trace_; }
    Trace takeTrace() { return std::move(trace_); }

private:
    void drive(JoinCore& root);

    ExecutorConfig config_;
    std::unique_ptr<Scheduler> scheduler_;
    std::unique_ptr<Driver> driver_;
    Trace trace_;
    bool ran_ = false;
};

}  // namespace wl
