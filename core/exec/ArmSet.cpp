#include "ArmSet.h"

#include "Scheduler.h"

namespace wl {
namespace {
std::optional<std::string> errorOf(detail::PromiseBase& p)
{
    if (!p.exception)
        return std::nullopt;
    try {
        std::rethrow_exception(p.exception);
    } catch (const std::exception& e) {
        return std::string(e.what());
    } catch (...) {
        return std::string("unknown exception");
    }
}
}  // namespace

ArmSet::~ArmSet()
{
    for (auto& arm : arms_)
        drop(arm);
}

void ArmSet::add(std::coroutine_handle<> frame, detail::PromiseBase* promise)
{
    Arm arm;
    arm.frame = frame;
    arm.promise = promise;
    arms_.push_back(arm);
}

void ArmSet::drop(Arm& arm)
{
    if (!arm.frame)
        return;
    if (!arm.done && scheduler_) {
        auto& c = currentContext();
        scheduler_->record(EventKind::TaskCancelled, scheduler_->stamp(task_), arm.branch.futureId, c.lane,
                           static_cast<std::uint8_t>(CancelReason::DroppedByCombinator), task_ ? task_->id : 0);
        PollContext inside = c;
        inside.branch = &arm.branch;
        ContextScope scope(inside);  // destructors inside the arm (timers, handles) act as the arm
        std::exchange(arm.frame, {}).destroy();
        return;
    }
    std::exchange(arm.frame, {}).destroy();
}

bool ArmSet::start(std::coroutine_handle<> awaiting)
{
    auto& c = currentContext();
    parent_ = c.branch;
    task_ = c.task;
    scheduler_ = c.scheduler;
    continuation_ = awaiting;
    int index = 1;
    for (auto& arm : arms_) {
        const char* label = arm.promise->name;
        std::string name = label ? label : (policy_ != Policy::First ? "join arm " : "select arm ") + std::to_string(index);
        arm.branch.futureId = scheduler_->registerFuture(std::move(name));
        arm.branch.site = parent_->site;
        arm.branch.resumePoint = arm.frame;
        ++index;
    }
    if (pollArms())
        return false;
    parent_->nested = this;
    return true;
}

void ArmSet::poll()
{
    if (!pollArms())
        return;
    parent_->nested = nullptr;
    // Resuming the awaiting coroutine ends the await and destroys this set: nothing may follow.
    continuation_.resume();
}

bool ArmSet::pollArms()
{
    auto& c = currentContext();
    const PollContext saved = c;
    for (size_t i = 0; i < arms_.size() && !winner_; ++i) {
        Arm& arm = arms_[i];
        if (arm.done)
            continue;
        c.branch = &arm.branch;
        const TaskId id = arm.branch.futureId;
        scheduler_->record(EventKind::PollStart, scheduler_->stamp(task_), id, c.lane);
        arm.branch.poll();
        arm.done = arm.frame.done();
        scheduler_->record(EventKind::PollEnd, scheduler_->stamp(task_), id, c.lane,
                           static_cast<std::uint8_t>(arm.done ? PollResult::Ready : PollResult::Pending), 0, 0, 0,
                           arm.branch.site);
        if (arm.done) {
            auto error = errorOf(*arm.promise);
            const std::int64_t text = error ? scheduler_->recorder().addString(*error) : 0;
            scheduler_->record(EventKind::TaskCompleted, scheduler_->stamp(task_), id, c.lane,
                               static_cast<std::uint8_t>(error ? Completion::Error : Completion::Ok), 0, 0, text);
            if (policy_ == Policy::First || (policy_ == Policy::AllUntilFailure && (error || (failed_ && failed_(i)))))
                winner_ = i;
        }
    }
    c = saved;
    bool complete = winner_.has_value();
    if (policy_ != Policy::First && !complete) {
        complete = true;
        for (const auto& arm : arms_)
            complete = complete && arm.done;
    } else if (complete) {
        for (size_t i = 0; i < arms_.size(); ++i)
            if (i != *winner_)
                drop(arms_[i]);
    }
    return complete;
}

}  // namespace wl
