#pragma once
// The arms of one join or select: futures polled inside the current task, each recorded as a future of its own.
// join polls every unfinished arm on every poll of the task (like tokio::join!) and completes when all are done;
// select completes with the first arm that is done and drops the others, which is how Rust cancels them.
// try_join is join until an arm fails (an Err, by the caller's test, or an exception): that arm then ends the set
// and the others are dropped, as tokio::try_join! does.
#include "PollContext.h"
#include "Task.h"

#include <coroutine>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wl {

class ArmSet final : public Combinator {
public:
    enum class Policy { All, First, AllUntilFailure };
    explicit ArmSet(Policy policy, std::function<bool(size_t)> failed = {}) : policy_(policy), failed_(std::move(failed)) {}
    ArmSet(const ArmSet&) = delete;
    ArmSet& operator=(const ArmSet&) = delete;
    ~ArmSet() override;

    // Takes ownership of an arm's frame.
    void add(std::coroutine_handle<> frame, detail::PromiseBase* promise);
    // Called from await_suspend: registers the arms and polls them once. Returns true if the awaiting coroutine
    // must stay suspended (some arm is Pending).
    bool start(std::coroutine_handle<> awaiting);
    void poll() override;
    size_t winner() const { return *winner_; }
    bool hasWinner() const { return winner_.has_value(); }

private:
    struct Arm {
        std::coroutine_handle<> frame;
        detail::PromiseBase* promise = nullptr;
        Branch branch;
        bool done = false;
    };
    bool pollArms();  // true when the set is complete
    void drop(Arm& arm);

    Policy policy_;
    std::function<bool(size_t)> failed_;  // AllUntilFailure: does the finished arm i hold a failure?
    std::vector<Arm> arms_;
    std::optional<size_t> winner_;
    Branch* parent_ = nullptr;
    TaskCore* task_ = nullptr;
    Scheduler* scheduler_ = nullptr;
    std::coroutine_handle<> continuation_;
};

}  // namespace wl
