#include "Hints.h"

#include <algorithm>
#include <unordered_map>
#include <cstdio>

namespace wl {
namespace {
// "800 ms", "1.2 s", "250 µs": a length as a person says it.
std::string length(std::int64_t ns)
{
    char buf[32];
    if (ns >= 1'000'000'000)
        std::snprintf(buf, sizeof buf, "%.3g s", double(ns) / 1e9);
    else if (ns >= 1'000'000)
        std::snprintf(buf, sizeof buf, "%.3g ms", double(ns) / 1e6);
    else
        std::snprintf(buf, sizeof buf, "%.3g µs", double(ns) / 1e3);
    return buf;
}

struct TaskWatch {
    std::int64_t pollStart = -1;
    std::int64_t longest = 0, longestStart = 0;
    std::size_t longestIndex = SIZE_MAX;
    LaneId longestLane = kNoLane;
    std::int64_t wokenAt = -1;
    std::size_t wokenIndex = 0;
    std::int64_t worstWait = 0, worstWokenAt = 0;
    std::size_t worstWaitIndex = SIZE_MAX;
    std::size_t wakes = 0, selfWakes = 0, firstSelfWake = SIZE_MAX;
    bool parked = false, timerSet = false, ended = false, wokenInPoll = false;
    std::int64_t parkedAt = 0;
    std::size_t parkedIndex = 0;
    std::size_t unawaited = 0, firstUnawaited = SIZE_MAX;  // futures it dropped without polling them
};
}  // namespace

std::string_view hintKindName(HintKind k)
{
    switch (k) {
    case HintKind::LongPoll: return "long poll";
    case HintKind::Starvation: return "starvation";
    case HintKind::SelfWake: return "self-wake";
    case HintKind::LostWaker: return "lost waker";
    case HintKind::UnawaitedFuture: return "unawaited future";
    }
    return "?";
}

std::vector<Hint> findHints(const Trace& t)
{
    std::vector<TaskWatch> w(t.tasks.size() + 1);
    std::unordered_map<ResourceId, std::int64_t> deadline;  // per timer: when its last arming was due
    // A join/select arm's timers and wakes are its task's: the task is what a student sees parked.
    auto owner = [&](TaskId id) {
        for (int guard = 0; guard < 64; ++guard) {
            const TaskInfo* info = t.task(id);
            if (!info || info->kind != TaskKind::Future || !info->parent)
                return id;
            id = info->parent;
        }
        return id;
    };
    auto isTask = [&](TaskId id) {
        const TaskInfo* info = t.task(id);
        return info && info->kind == TaskKind::Task;
    };
    for (std::size_t i = 0; i < t.events.size(); ++i) {
        const Event& e = t.events[i];
        if (e.task == 0 || e.task >= w.size())
            continue;
        TaskWatch& me = w[e.task];
        switch (e.kind) {
        case EventKind::PollStart:
            if (!isTask(e.task))
                break;
            me.pollStart = e.time;
            me.timerSet = false;
            me.wokenInPoll = false;
            if (me.wokenAt >= 0 && e.time - me.wokenAt > me.worstWait) {
                me.worstWait = e.time - me.wokenAt;
                me.worstWokenAt = me.wokenAt;
                me.worstWaitIndex = me.wokenIndex;
            }
            me.wokenAt = -1;
            break;
        case EventKind::PollEnd:
            if (!isTask(e.task) || me.pollStart < 0)
                break;
            if (e.time - me.pollStart > me.longest) {
                me.longest = e.time - me.pollStart;
                me.longestStart = me.pollStart;
                me.longestLane = e.worker;
                me.longestIndex = i;
            }
            me.pollStart = -1;
            me.parked = e.detail == std::uint8_t(PollResult::Pending) && me.wokenAt < 0 && !me.wokenInPoll;
            me.parkedAt = e.time;
            me.parkedIndex = i;
            break;
        case EventKind::Wake: {
            if (e.detail == std::uint8_t(WakeOutcome::TaskFinished))
                break;
            TaskWatch& target = w[owner(e.task)];
            ++target.wakes;
            if (e.peer == e.task) {
                ++target.selfWakes;
                target.firstSelfWake = std::min(target.firstSelfWake, i);
            }
            target.parked = false;
            if (target.pollStart >= 0)
                target.wokenInPoll = true;
            if (e.detail == std::uint8_t(WakeOutcome::Scheduled) && target.wokenAt < 0) {
                // A timer's wake is due at its deadline: when every worker is busy, nobody polls the driver and
                // the timer fires late. The wait counts from the deadline.
                const auto due = deadline.find(e.resource);
                target.wokenAt = e.resource && due != deadline.end() ? std::min(e.time, due->second) : e.time;
                target.wokenIndex = i;
            }
            break;
        }
        case EventKind::TimerArmed:
            w[owner(e.task)].timerSet = true;
            deadline[e.resource] = e.value;
            break;
        case EventKind::FutureDropped: {
            TaskWatch& dropper = w[owner(e.task)];
            if (dropper.unawaited++ == 0)
                dropper.firstUnawaited = i;
            break;
        }
        case EventKind::TaskCompleted:
            me.ended = true;
            me.parked = false;
            break;
        case EventKind::TaskCancelled:
            me.ended = true;
            if (e.detail != std::uint8_t(CancelReason::Shutdown))
                me.parked = false;  // aborted or dropped on purpose: not lost
            break;
        default:
            break;
        }
    }

    std::vector<Hint> out;
    auto name = [&](TaskId id) { return t.task(id) ? t.task(id)->name : "task " + std::to_string(id); };
    for (TaskId id = 1; id < w.size(); ++id) {
        const TaskWatch& me = w[id];
        if (!isTask(id))
            continue;
        if (me.longest >= kLongPollNs) {
            const std::string lane = t.laneName(me.longestLane, "its worker");
            out.push_back({HintKind::LongPoll, id, me.longestStart, me.longestIndex,
                           name(id) + " held " + lane + " for " + length(me.longest)
                               + " in one poll: nothing else can run on that worker meanwhile (CPU work belongs in "
                                 "spawn_blocking)."});
        }
        if (me.worstWait >= kStarvedNs)
            out.push_back({HintKind::Starvation, id, me.worstWokenAt, me.worstWaitIndex,
                           name(id) + " was due to run but waited " + length(me.worstWait)
                               + " before a worker polled it: every worker was busy with other polls."});
        if (me.selfWakes >= kSelfWakes && me.selfWakes * 2 > me.wakes)
            out.push_back({HintKind::SelfWake, id, t.events[me.firstSelfWake].time, me.firstSelfWake,
                           name(id) + " woke itself " + std::to_string(me.selfWakes) + " of its "
                               + std::to_string(me.wakes)
                               + " wakes: it keeps asking to be polled again instead of waiting for something."});
        if (me.unawaited > 0) {
            const Event& e = t.events[me.firstUnawaited];
            const std::string where = siteLine(e.site) ? " at line " + std::to_string(siteLine(e.site)) : "";
            const std::string more = me.unawaited > 1 ? " (" + std::to_string(me.unawaited) + " such futures in all)" : "";
            out.push_back({HintKind::UnawaitedFuture, id, e.time, me.firstUnawaited,
                           name(id) + " made " + std::string(t.text(e.value)) + where
                               + " and dropped it without awaiting it: a future does nothing until it is polled, so "
                                 "none of its code ran (add .await, or hand it to tokio::spawn)" + more + "."});
        }
        if (me.parked && !me.timerSet)
            out.push_back({HintKind::LostWaker, id, me.parkedAt, me.parkedIndex,
                           name(id) + " was still parked when the run ended: nothing woke it after its last poll, "
                                      "and no timer was set to; if what it waits on never happens, its waker is lost."});
    }
    std::stable_sort(out.begin(), out.end(), [](const Hint& a, const Hint& b) { return a.time < b.time; });
    if (out.size() > 100)
        out.resize(100);
    return out;
}

}  // namespace wl
