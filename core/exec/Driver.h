#pragma once
// What differs between running for real and simulating: who calls the scheduler's poll, what time it is, how
// an idle worker parks, how CPU work holds a worker and where blocking jobs run. Everything else is shared in
// Scheduler.
#include "../trace/Event.h"
#include "Time.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wl {

struct JoinCore;

// A spawn_blocking job: a plain function run on the blocking pool.
struct BlockingJob {
    TaskId id = 0;
    std::function<std::optional<std::string>()> run;  // returns the error text if it threw
    std::shared_ptr<JoinCore> join;
};

class Driver {
public:
    virtual ~Driver() = default;
    virtual Instant now() const = 0;                 // the time of the calling context
    virtual void runUntil(JoinCore& root) = 0;       // drive until root finished or nothing can move
    virtual void onRunnable() = 0;                   // a task entered a run queue
    virtual void onTimerArmed() = 0;                 // the earliest deadline may have changed
    // The current lane is held for d: computing (busy) or blocked in a thread sleep.
    virtual void holdWorker(Duration d, bool busy) = 0;
    virtual void submitBlocking(std::shared_ptr<BlockingJob> job) = 0;
    // The current lane blocks until the blocking job whose completion is `job` has finished (std::thread's join()):
    // the wait is recorded as a thread sleep, and the job is finished when this returns.
    virtual void waitForBlocking(JoinCore& job) = 0;
    // Stops every thread; running blocking jobs are waited for, queued ones are returned unstarted.
    virtual std::vector<std::shared_ptr<BlockingJob>> stop() = 0;
};

}  // namespace wl
