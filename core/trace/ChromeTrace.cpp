#include "ChromeTrace.h"

#include "JsonText.h"

#include <cstdio>
#include <unordered_map>
#include <vector>

namespace wl {
namespace {
constexpr int kPid = 1;
constexpr int kRuntimeTid = 0;  // events not on a lane: timers firing, shutdown

int tidOf(LaneId lane) { return lane == kNoLane ? kRuntimeTid : static_cast<int>(lane) + 1; }

std::string micros(std::int64_t ns)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ns) / 1000.0);
    return buf;
}

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}
    void add(const std::string& event)
    {
        out_ += first_ ? "\n  " : ",\n  ";
        out_ += event;
        first_ = false;
    }

private:
    std::string& out_;
    bool first_ = true;
};

std::string head(const char* ph, const std::string& name, const char* cat, int tid, std::int64_t ns)
{
    return std::string("{\"ph\": \"") + ph + "\", \"name\": " + jsonQuoted(name) + ", \"cat\": \"" + cat
        + "\", \"pid\": " + std::to_string(kPid) + ", \"tid\": " + std::to_string(tid) + ", \"ts\": " + micros(ns);
}
}  // namespace

std::string traceToChromeJson(const Trace& t)
{
    auto taskName = [&](TaskId id) {
        const TaskInfo* info = t.task(id);
        return info ? info->name : "task " + std::to_string(id);
    };
    auto resourceName = [&](ResourceId id) { return t.resourceName(id); };

    std::string out = "{\"displayTimeUnit\": \"ms\", \"otherData\": {\"scenario\": " + jsonQuoted(t.scenario)
        + ", \"mode\": \"" + std::string(modeName(t.mode)) + "\", \"workers\": " + std::to_string(t.workers)
        + ", \"seed\": \"" + std::to_string(t.seed) + "\"},\n\"traceEvents\": [";
    Writer w(out);
    w.add("{\"ph\": \"M\", \"name\": \"process_name\", \"pid\": 1, \"tid\": 0, \"args\": {\"name\": "
          + jsonQuoted("wakeline: " + t.scenario + " (" + std::string(modeName(t.mode)) + ", "
                       + std::to_string(t.workers) + " workers, seed " + std::to_string(t.seed) + ")")
          + "}}");
    w.add("{\"ph\": \"M\", \"name\": \"thread_name\", \"pid\": 1, \"tid\": 0, \"args\": {\"name\": \"runtime (timers)\"}}");
    for (size_t i = 0; i < t.lanes.size(); ++i) {
        const int tid = tidOf(static_cast<LaneId>(i));
        w.add("{\"ph\": \"M\", \"name\": \"thread_name\", \"pid\": 1, \"tid\": " + std::to_string(tid)
              + ", \"args\": {\"name\": " + jsonQuoted(t.lanes[i].name) + "}}");
        w.add("{\"ph\": \"M\", \"name\": \"thread_sort_index\", \"pid\": 1, \"tid\": " + std::to_string(tid)
              + ", \"args\": {\"sort_index\": " + std::to_string(tid) + "}}");
    }

    struct Open {
        TaskId task;
        std::int64_t start;
    };
    std::unordered_map<LaneId, std::vector<Open>> polls;
    std::unordered_map<TaskId, std::int64_t> blockingStart;
    std::unordered_map<TaskId, std::vector<std::uint64_t>> pendingFlows;  // wake flows waiting for their poll
    std::uint64_t nextFlow = 1;

    for (const Event& e : t.events) {
        const int tid = tidOf(e.worker);
        switch (e.kind) {
        case EventKind::PollStart: {
            polls[e.worker].push_back({e.task, e.time});
            auto it = pendingFlows.find(e.task);
            if (it != pendingFlows.end()) {
                for (auto id : it->second)
                    w.add(head("f", "wake", "wake", tid, e.time) + ", \"bp\": \"e\", \"id\": " + std::to_string(id)
                          + "}");
                pendingFlows.erase(it);
            }
            break;
        }
        case EventKind::PollEnd: {
            auto& stack = polls[e.worker];
            if (stack.empty() || stack.back().task != e.task)
                break;
            const auto start = stack.back().start;
            stack.pop_back();
            w.add(head("X", taskName(e.task), "poll", tid, start) + ", \"dur\": " + micros(e.time - start)
                  + ", \"args\": {\"task\": " + std::to_string(e.task) + ", \"result\": \""
                  + (e.detail == static_cast<std::uint8_t>(PollResult::Ready) ? "Ready" : "Pending")
                  + "\", \"line\": " + std::to_string(siteLine(e.site)) + ", \"column\": "
                  + std::to_string(siteColumn(e.site)) + "}}");
            break;
        }
        case EventKind::Wake: {
            const auto outcome = static_cast<WakeOutcome>(e.detail);
            const std::string source = e.peer ? taskName(e.peer) : e.resource ? resourceName(e.resource) : "outside";
            const std::string name = "wake " + taskName(e.task);
            if (e.worker == kNoLane)  // a flow must start inside a slice: give the runtime track one
                w.add(head("X", source, "runtime", tid, e.time) + ", \"dur\": 0.001}");
            w.add(head("i", name, "wake", tid, e.time) + ", \"s\": \"t\", \"args\": {\"source\": "
                  + jsonQuoted(source) + ", \"outcome\": \"" + std::string(wakeOutcomeName(outcome)) + "\"}}");
            if (outcome == WakeOutcome::Scheduled || outcome == WakeOutcome::WhileRunning) {
                const auto id = nextFlow++;
                w.add(head("s", "wake", "wake", tid, e.time) + ", \"id\": " + std::to_string(id) + "}");
                pendingFlows[e.task].push_back(id);
            }
            break;
        }
        case EventKind::BlockingStart: blockingStart[e.task] = e.time; break;
        case EventKind::BlockingEnd: {
            auto it = blockingStart.find(e.task);
            if (it != blockingStart.end())
                w.add(head("X", taskName(e.task), "blocking", tid, it->second) + ", \"dur\": "
                      + micros(e.time - it->second) + "}");
            break;
        }
        case EventKind::CpuWork:
            w.add(head("X", e.detail ? "thread sleep" : "cpu work", "work", tid, e.time) + ", \"dur\": " + micros(e.value) + "}");
            break;
        case EventKind::Print:
            w.add(head("i", e.value >= 0 && static_cast<size_t>(e.value) < t.strings.size()
                                ? t.strings[static_cast<size_t>(e.value)]
                                : std::string("print"),
                       "print", tid, e.time)
                  + ", \"s\": \"t\"}");
            break;
        case EventKind::TaskCancelled:
            w.add(head("i", "cancelled " + taskName(e.task), "lifecycle", tid, e.time) + ", \"s\": \"t\", \"args\": "
                  + "{\"reason\": \"" + std::string(cancelReasonName(static_cast<CancelReason>(e.detail))) + "\"}}");
            break;
        case EventKind::DriverPoll:  // timers fire inside it: their wakes' flows start in this slice
            w.add(head("X", "driver poll", "runtime", tid, e.time) + ", \"dur\": 0.001, \"args\": {\"timers fired\": "
                  + std::to_string(e.value) + "}}");
            break;
        case EventKind::TimerFired:
            w.add(head("i", "timer fired: " + resourceName(e.resource), "timer", tid, e.time) + ", \"s\": \"t\"}");
            break;
        default: break;
        }
    }
    out += "\n]}\n";
    return out;
}

}  // namespace wl
