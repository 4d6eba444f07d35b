#pragma once
// Simulated mode: N logical workers interleaved on the calling thread by a seeded scheduler, with a virtual
// clock. Whenever several workers could take a turn (Scheduler::workerTurn), the seed picks one; a free worker with
// nothing to do polls the time driver before it parks, so a timer fires only when some worker is free; when none
// can move, the clock jumps to the next timer deadline or the next moment a busy worker frees up (like tokio's
// paused time). A poll is atomic in
// virtual time except for work(), which moves its lane's clock on. Same inputs and seed, same trace, bit for bit.
#include "Driver.h"

#include <deque>
#include <optional>
#include <string>
#include <random>
#include <vector>

namespace wl {

class Scheduler;

class SimulatedDriver final : public Driver {
public:
    SimulatedDriver(Scheduler& scheduler, std::uint64_t seed);
    Instant now() const override;
    void runUntil(JoinCore& root) override;
    void onRunnable() override;  // notifies a parked worker, if any
    void onTimerArmed() override {}
    void holdWorker(Duration d, bool busy) override;
    void submitBlocking(std::shared_ptr<BlockingJob> job) override;
    void waitForBlocking(JoinCore& job) override;
    std::vector<std::shared_ptr<BlockingJob>> stop() override;

private:
    struct Lane {
        Instant clock = 0;  // the lane is busy until then
        bool parked = false;
    };
    struct PendingJob {
        std::shared_ptr<BlockingJob> job;
        Instant readyAt;
    };
    bool finishBlockingJobs();
    bool runBlockingJob();
    void startBlockingJob(std::deque<PendingJob>::iterator it);
    bool turnSomeWorker();
    bool pollDriverOnIdleWorker();
    void activate(LaneId w);  // w moves at the current time; unparked if it was parked
    void park(LaneId w);
    void parkIdleWorkers();
    bool advanceClock();
    std::uint64_t random(std::uint64_t bound) { return rng_() % bound; }

    Scheduler& scheduler_;
    std::mt19937_64 rng_;
    Instant time_ = 0;
    std::vector<Lane> lanes_;
    std::uint32_t notifications_ = 0;  // parked workers told to look for work, not yet unparked
    std::deque<PendingJob> blocking_;
    struct RunningJob {  // ran, but its result is published only when the clock reaches its lane's end
        std::shared_ptr<BlockingJob> job;
        LaneId lane;
        std::optional<std::string> error;
    };
    std::vector<RunningJob> running_;
};

}  // namespace wl
