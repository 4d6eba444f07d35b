#include "TimelineModel.h"

#include <algorithm>
#include <unordered_map>

namespace wl {
namespace {
struct OpenPoll {
    TaskId task;
    std::int64_t start;
};
}  // namespace

std::string_view waitReasonName(WaitReason r)
{
    switch (r) {
    case WaitReason::Unknown: return "unknown";
    case WaitReason::Timer: return "timer";
    case WaitReason::Receive: return "receive";
    case WaitReason::Send: return "send";
    case WaitReason::Channel: return "channel";
    case WaitReason::Permit: return "permit";
    case WaitReason::Lock: return "lock";
    case WaitReason::Notify: return "notify";
    case WaitReason::Task: return "task";
    case WaitReason::Yield: return "yield";
    case WaitReason::Arms: return "arms";
    case WaitReason::Outside: return "outside";
    case WaitReason::NeverWoken: return "never woken";
    case WaitReason::NotPolled: return "not polled yet";
    }
    return "?";
}

TimelineAxis defaultAxis(const Trace& trace)
{
    return trace.mode == Mode::Simulated ? TimelineAxis::Steps : TimelineAxis::Time;
}

TimelineModel TimelineModel::build(const Trace& trace, TimelineAxis axis)
{
    return build(trace, axis == TimelineAxis::Steps ? std::make_shared<const StepAxis>(StepAxis::build(trace)) : nullptr);
}

TimelineModel TimelineModel::build(const Trace& t, std::shared_ptr<const StepAxis> steps)
{
    TimelineModel m;
    m.trace = &t;
    m.steps = std::move(steps);
    const StepAxis* axis = m.steps.get();
    // Where an event, or a time that is no event's (the end of CPU work, the end of the run), goes on the axis.
    auto at = [&](size_t i) { return axis ? axis->xOfEvent(i) : t.events[i].time; };
    auto atTime = [&](std::int64_t time) { return axis ? axis->xOfTime(time) : time; };
    m.duration = axis ? axis->end : t.duration;
    m.eventCount = t.events.size();
    for (const auto& l : t.lanes)
        m.lanes.push_back({l.name, l.kind, {}, {}, {}});

    // Rows: tasks by id, with their arms right after them.
    std::vector<std::vector<TaskId>> arms(t.tasks.size() + 1);
    for (const auto& info : t.tasks)
        if (info.kind == TaskKind::Future && info.parent)
            arms[info.parent].push_back(info.id);
    std::vector<int> rowOf(t.tasks.size() + 1, -1);
    std::vector<TaskId> order;
    order.reserve(t.tasks.size());
    std::vector<int> depth(t.tasks.size() + 1, 0);
    std::vector<TaskId> stack;
    for (const auto& info : t.tasks) {
        if (info.kind == TaskKind::Future && info.parent)
            continue;
        stack.push_back(info.id);
        while (!stack.empty()) {
            const TaskId id = stack.back();
            stack.pop_back();
            order.push_back(id);
            for (auto it = arms[id].rbegin(); it != arms[id].rend(); ++it) {
                depth[*it] = depth[id] + 1;
                stack.push_back(*it);
            }
        }
    }
    m.rows.reserve(order.size());
    for (TaskId id : order) {
        const TaskInfo& info = t.tasks[id - 1];
        rowOf[id] = static_cast<int>(m.rows.size());
        TaskRow row;
        row.id = id;
        row.name = info.name;
        row.kind = info.kind;
        row.depth = depth[id];
        m.rows.push_back(std::move(row));
    }

    std::unordered_map<LaneId, std::vector<OpenPoll>> open;
    std::unordered_map<TaskId, std::int64_t> blockingStart;
    std::vector<size_t> pendingWake(t.tasks.size() + 1, SIZE_MAX);  // a wake waiting for the poll it causes
    std::vector<std::int64_t> parkedSince(t.lanes.size(), -1);

    // The last channel or semaphore operation of each task: what a wake it sends right after means.
    std::vector<std::pair<ResourceId, SyncOp>> lastSync(t.tasks.size() + 1, {0, SyncOp::Created});
    // Names the waiting stretch a wake ends (the row's last segment, while it waits).
    auto explainWait = [&](TaskId id, WaitReason reason, std::uint32_t on) {
        if (id == 0 || id >= rowOf.size() || rowOf[id] < 0)
            return;
        auto& segs = m.rows[size_t(rowOf[id])].segments;
        if (!segs.empty() && segs.back().state == TaskState::Waiting) {  // a wake is the truth: it overrides a guess
            segs.back().reason = reason;
            segs.back().on = on;
        }
    };
    // The timer each task armed during its current poll: a stretch that follows waits on it until a wake says
    // otherwise (a branch dropped by select! is never woken, yet it waited on its sleep).
    std::vector<ResourceId> armedInPoll(t.tasks.size() + 1, 0);
    auto reasonOf = [&](const Event& e) -> std::pair<WaitReason, std::uint32_t> {
        if (const ResourceInfo* r = t.resource(e.resource)) {
            const std::string& k = r->kind;
            if (k == "timer" || k == "interval")
                return {WaitReason::Timer, e.resource};
            if (k == "semaphore")
                return {WaitReason::Permit, e.resource};
            if (k == "mutex")
                return {WaitReason::Lock, e.resource};
            if (k == "notify")
                return {WaitReason::Notify, e.resource};
            if (e.peer && e.peer < lastSync.size() && lastSync[e.peer].first == e.resource) {
                const SyncOp op = lastSync[e.peer].second;
                if (op == SyncOp::Send || op == SyncOp::Close)
                    return {WaitReason::Receive, e.resource};
                if (op == SyncOp::Receive)
                    return {WaitReason::Send, e.resource};
            }
            return {WaitReason::Channel, e.resource};
        }
        if (e.peer == e.task)
            return {WaitReason::Yield, e.task};
        if (e.peer)
            return {WaitReason::Task, e.peer};
        return {WaitReason::Outside, 0};
    };

    auto setState = [&](TaskId id, std::int64_t time, TaskState state) {
        if (id == 0 || id >= rowOf.size() || rowOf[id] < 0)
            return;
        auto& segs = m.rows[size_t(rowOf[id])].segments;
        if (!segs.empty()) {
            if (segs.back().state == state)
                return;
            segs.back().end = time;
        }
        segs.push_back({time, time, state});
    };

    size_t lastSteal = SIZE_MAX;
    for (size_t i = 0; i < t.events.size(); ++i) {
        Event e = t.events[i];
        const std::int64_t realTime = e.time;
        e.time = at(i);
        switch (e.kind) {
        case EventKind::TaskSpawned: {
            if (rowOf[e.task] < 0)
                break;
            auto& row = m.rows[size_t(rowOf[e.task])];
            row.spawned = e.time;
            setState(e.task, e.time, row.kind == TaskKind::Future ? TaskState::Waiting : TaskState::Scheduled);
            if (row.kind == TaskKind::Future && !row.segments.empty())
                row.segments.back().reason = WaitReason::NotPolled;
            break;
        }
        case EventKind::PollStart:
            if (e.task < armedInPoll.size())
                armedInPoll[e.task] = 0;
            if (e.worker < m.lanes.size())
                open[e.worker].push_back({e.task, e.time});
            setState(e.task, e.time, TaskState::Running);
            if (pendingWake[e.task] != SIZE_MAX) {
                auto& w = m.wakes[pendingWake[e.task]];
                w.pollStart = e.time;
                w.pollLane = e.worker;
                pendingWake[e.task] = SIZE_MAX;
            }
            break;
        case EventKind::PollEnd: {
            auto& stack = open[e.worker];
            if (stack.empty() || stack.back().task != e.task)
                break;
            const auto start = stack.back().start;
            stack.pop_back();
            const bool taskLevel = stack.empty();  // arms are polled inside their task's poll
            if (taskLevel && e.worker < m.lanes.size())
                m.lanes[e.worker].polls.push_back(
                    {start, e.time, e.task, e.detail == std::uint8_t(PollResult::Ready), false});
            if (e.detail == std::uint8_t(PollResult::Pending)) {
                const bool queuedAgain = pendingWake[e.task] != SIZE_MAX;  // woken while it ran
                setState(e.task, e.time, queuedAgain ? TaskState::Scheduled : TaskState::Waiting);
                if (!queuedAgain && rowOf[e.task] >= 0) {
                    auto& segs = m.rows[size_t(rowOf[e.task])].segments;
                    if (armedInPoll[e.task]) {
                        segs.back().reason = WaitReason::Timer;
                        segs.back().on = armedInPoll[e.task];
                    } else if (m.rows[size_t(rowOf[e.task])].kind == TaskKind::Future) {
                        // An arm polled again without being woken (its join or select was): it waits on as before.
                        for (auto it = std::next(segs.rbegin()); it != segs.rend(); ++it)
                            if (it->state == TaskState::Waiting) {
                                segs.back().reason = it->reason;
                                segs.back().on = it->on;
                                break;
                            }
                    }
                }
            }
            break;
        }
        case EventKind::Wake: {
            const auto outcome = WakeOutcome(e.detail);
            WakeArrow w{e.time, e.task, e.peer, e.resource, e.worker, -1, kNoLane};
            const bool arm = e.value != 0 && rowOf.size() > size_t(e.value) && rowOf[size_t(e.value)] >= 0;
            if (arm)
                w.target = TaskId(e.value);  // draw the arrow to the arm that registered the waker
            m.wakes.push_back(w);
            if (outcome != WakeOutcome::TaskFinished) {
                const auto [reason, on] = reasonOf(e);
                explainWait(w.target, reason, on);  // the arm's own wait, or the task's
                if (arm)
                    explainWait(e.task, WaitReason::Arms, std::uint32_t(e.value));
            }
            if (outcome == WakeOutcome::Scheduled || outcome == WakeOutcome::WhileRunning) {
                pendingWake[e.task] = m.wakes.size() - 1;
                if (outcome == WakeOutcome::Scheduled)
                    setState(e.task, e.time, TaskState::Scheduled);
            }
            break;
        }
        case EventKind::TaskCompleted:
        case EventKind::TaskCancelled: {
            if (rowOf[e.task] < 0)
                break;
            auto& row = m.rows[size_t(rowOf[e.task])];
            row.ended = e.time;
            if (!row.segments.empty())
                row.segments.back().end = e.time;
            if (e.kind == EventKind::TaskCancelled) {
                row.end = TaskEnd::Cancelled;
                row.cause = "cancelled: " + std::string(cancelReasonName(CancelReason(e.detail)));
            } else if (e.detail == std::uint8_t(Completion::Error)) {
                row.end = TaskEnd::Failed;
                row.cause = "failed: " + std::string(t.text(e.value));
            } else {
                row.end = TaskEnd::Completed;
            }
            break;
        }
        case EventKind::BlockingStart:
            blockingStart[e.task] = e.time;
            setState(e.task, e.time, TaskState::Running);
            break;
        case EventKind::BlockingEnd: {
            auto it = blockingStart.find(e.task);
            if (it != blockingStart.end() && e.worker < m.lanes.size())
                m.lanes[e.worker].polls.push_back({it->second, e.time, e.task, true, true});
            break;
        }
        case EventKind::CpuWork:
            if (e.worker < m.lanes.size())
                m.lanes[e.worker].holds.push_back(
                    {e.time, std::max(e.time, atTime(realTime + e.value)), e.task, e.detail == 0});
            break;
        case EventKind::WorkerPark:
            if (e.worker < parkedSince.size())
                parkedSince[e.worker] = e.time;
            break;
        case EventKind::WorkerUnpark:
            if (e.worker < parkedSince.size() && parkedSince[e.worker] >= 0) {
                m.lanes[e.worker].parked.push_back({parkedSince[e.worker], e.time});
                parkedSince[e.worker] = -1;
            }
            break;
        case EventKind::Queued:
            if (e.detail == std::uint8_t(QueuePlace::Stolen)) {
                const auto from = LaneId(e.value);
                // One steal takes several tasks at once: consecutive events, one arrow.
                if (!m.steals.empty() && lastSteal + 1 == i && m.steals.back().to == e.worker && m.steals.back().from == from)
                    ++m.steals.back().count;
                else
                    m.steals.push_back({e.time, from, e.worker, e.task, 1});
                lastSteal = i;
            }
            break;
        case EventKind::Print:
            m.prints.push_back({e.time, e.task, e.worker, std::string(t.text(e.value))});
            break;
        case EventKind::Sync:
            if (e.task && e.task < lastSync.size())
                lastSync[e.task] = {e.resource, SyncOp(e.detail)};
            break;
        case EventKind::TimerArmed:
            if (e.task && e.task < armedInPoll.size())
                armedInPoll[e.task] = e.resource;
            break;
        default:
            break;
        }
    }
    for (LaneId l = 0; l < parkedSince.size(); ++l)
        if (parkedSince[l] >= 0)
            m.lanes[l].parked.push_back({parkedSince[l], m.duration});
    m.resources = buildResourceLanes(t, axis, m.duration);
    for (const Hint& h : findHints(t))
        m.hints.push_back({at(h.eventIndex), h});
    for (auto& lane : m.lanes) {
        auto byStart = [](const auto& a, const auto& b) { return a.start < b.start; };
        std::sort(lane.polls.begin(), lane.polls.end(), byStart);
        std::sort(lane.holds.begin(), lane.holds.end(), byStart);
    }
    for (auto& row : m.rows) {
        if (row.end == TaskEnd::StillAlive) {
            row.ended = m.duration;
            if (!row.segments.empty())
                row.segments.back().end = m.duration;
            // Parked when the run ended and nothing woke it: nobody held its waker any more (or never will).
            if (!row.segments.empty() && row.segments.back().state == TaskState::Waiting
                && row.segments.back().reason == WaitReason::Unknown)
                row.segments.back().reason = WaitReason::NeverWoken;
        }
    }
    return m;
}

std::string TimelineModel::title() const
{
    if (!trace)
        return {};
    const auto& t = *trace;
    if (t.mode == Mode::Tokio)
        return (t.scenario.empty() ? std::string("tokio run") : t.scenario) + " · real tokio, imported · "
            + std::to_string(t.workers) + (t.workers == 1 ? " thread polling" : " threads polling");
    return (t.scenario.empty() ? std::string("trace") : t.scenario) + " · " + std::string(modeName(t.mode)) + " · "
        + std::to_string(t.workers) + (t.workers == 1 ? " worker" : " workers") + " · seed " + std::to_string(t.seed);
}

}  // namespace wl
