#pragma once
// What a timeline draws, derived once from a trace: poll slices per lane, CPU work, parked spans, each task's
// states over time, wakes with the poll each one caused, prints and how each task ended. Layout then only
// looks up the visible window (everything is sorted by time). Built on the time axis or on the step axis.
#include "ResourceLanes.h"
#include "StepAxis.h"
#include "trace/Hints.h"
#include "trace/Trace.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wl {

struct PollSlice {
    std::int64_t start = 0, end = 0;
    TaskId task = 0;
    bool ready = false;
    bool blocking = false;  // a spawn_blocking job's run rather than a poll
};

struct HoldSlice {  // work() or thread_sleep() inside a poll or job
    std::int64_t start = 0, end = 0;
    TaskId task = 0;
    bool busy = true;
};

struct Span {
    std::int64_t start = 0, end = 0;
};

struct LaneModel {
    std::string name;
    LaneKind kind = LaneKind::Worker;
    std::vector<PollSlice> polls;  // sorted by start, non-overlapping (task polls only; arms are inside)
    std::vector<HoldSlice> holds;
    std::vector<Span> parked;
};

enum class TaskState : std::uint8_t { Scheduled, Running, Waiting };
enum class TaskEnd : std::uint8_t { StillAlive, Completed, Failed, Cancelled };

// What a waiting stretch waits on, known from the wake that ends it (and, for a channel, from what the waking task
// did on it just before: its send ends a wait to receive, its receive a wait for room to send).
enum class WaitReason : std::uint8_t {
    Unknown,     // it ended without a wake (cancelled, or the run ended)
    Timer,       // on = the timer
    Receive,     // on = the channel
    Send,        // on = the channel: full, waiting for room
    Channel,     // on = the channel, which way unknown
    Permit,      // on = the semaphore
    Lock,        // on = the Mutex
    Notify,      // on = the Notify
    Task,        // on = the task that woke it (a JoinHandle, or a waker it was handed)
    Yield,       // it woke itself (yield_now)
    Arms,        // a join!/select!: one of its arms was woken
    Outside,     // woken from outside the runtime
    NeverWoken,  // still waiting when the run ended, with nobody to wake it
    NotPolled,   // a join!/select! arm made but not polled yet
};
std::string_view waitReasonName(WaitReason r);

struct TaskSegment {
    std::int64_t start = 0, end = 0;
    TaskState state = TaskState::Waiting;
    WaitReason reason = WaitReason::Unknown;  // Waiting only
    std::uint32_t on = 0;                     // the resource or task it waits on (see WaitReason)
};

struct TaskRow {
    TaskId id = 0;
    std::string name;
    TaskKind kind = TaskKind::Task;
    int depth = 0;  // 1 for a join/select arm, shown under its task
    std::int64_t spawned = 0, ended = 0;
    TaskEnd end = TaskEnd::StillAlive;
    std::string cause;  // "dropped by combinator", "failed: ...", ...
    std::vector<TaskSegment> segments;  // sorted, contiguous from spawned to ended
};

struct WakeArrow {
    std::int64_t time = 0;
    TaskId target = 0;
    TaskId sourceTask = 0;   // 0 when a resource (timer, channel) or the outside woke it
    ResourceId resource = 0;
    LaneId sourceLane = kNoLane;
    std::int64_t pollStart = -1;  // the poll this wake caused, if any
    LaneId pollLane = kNoLane;
};

// Tasks a worker stole from another's local queue at one moment: drawn as an arrow from victim to thief.
struct StealMark {
    std::int64_t time = 0;
    LaneId from = kNoLane, to = kNoLane;
    TaskId firstTask = 0;
    int count = 0;
};

struct PrintMark {
    std::int64_t time = 0;
    TaskId task = 0;
    LaneId lane = kNoLane;
    std::string text;
};

enum class TimelineAxis : std::uint8_t { Time, Steps };
// Simulated runs read best on the step axis (their polls take no virtual time); real runs on the time axis.
TimelineAxis defaultAxis(const Trace& trace);

struct HintMark {
    std::int64_t time = 0;  // where it points, on the model's axis
    Hint hint;              // what core/trace/Hints found (its time in ns, its sentence)
};

struct TimelineModel {
    const Trace* trace = nullptr;
    // Set on the step axis: then every time below is an x on it (StepAxis::kUnit per step), not ns.
    std::shared_ptr<const StepAxis> steps;
    std::vector<LaneModel> lanes;
    std::vector<TaskRow> rows;       // display order: tasks by id, each followed by its arms
    std::vector<WakeArrow> wakes;    // sorted by time
    std::vector<PrintMark> prints;   // sorted by time
    std::vector<StealMark> steals;   // sorted by time
    std::vector<HintMark> hints;     // sorted by time (core/trace/Hints)
    std::vector<ResourceLane> resources;  // channels, semaphores and mutexes, in the order they were created
    std::int64_t duration = 0;
    size_t eventCount = 0;

    static TimelineModel build(const Trace& trace, std::shared_ptr<const StepAxis> steps = nullptr);
    static TimelineModel build(const Trace& trace, TimelineAxis axis);
    // A time of the run (ns) as this model's x, and back.
    std::int64_t xOfTime(std::int64_t ns) const { return steps ? steps->xOfTime(ns) : ns; }
    std::int64_t timeOfX(std::int64_t x) const { return steps ? steps->timeOfX(x) : x; }
    std::string title() const;  // "join · simulated · 1 worker · seed 1"
};

}  // namespace wl
