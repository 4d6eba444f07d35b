#include "Recorder.h"

#include <algorithm>
#include <atomic>

namespace wl {
namespace {
std::atomic<std::uint64_t> g_nextGeneration{1};
thread_local void* t_buffer = nullptr;
thread_local std::uint64_t t_generation = 0;

bool valueIsString(const Event& e)
{
    return e.kind == EventKind::Print
        || (e.kind == EventKind::TaskCompleted && e.detail == static_cast<std::uint8_t>(Completion::Error));
}
}  // namespace

Recorder::Recorder(bool enabled) : enabled_(enabled), generation_(g_nextGeneration.fetch_add(1)) {}
Recorder::~Recorder() = default;

Recorder::Buffer& Recorder::local()
{
    if (t_generation != generation_) {
        std::lock_guard lock(attachMutex_);
        buffers_.push_back(std::make_unique<Buffer>());
        t_buffer = buffers_.back().get();
        t_generation = generation_;
    }
    return *static_cast<Buffer*>(t_buffer);
}

void Recorder::record(const Event& e)
{
    if (enabled_)
        local().events.push(e);
}

bool Recorder::extendWork(TaskId future, LaneId lane, std::int64_t from, std::int64_t more)
{
    if (!enabled_)
        return true;  // nothing to extend, nothing to record
    auto& events = local().events;
    if (events.empty())
        return false;
    Event& last = events.back();
    if (last.kind != EventKind::CpuWork || last.detail != 0 || last.task != future || last.worker != lane
        || last.time + last.value != from)
        return false;
    last.value += more;
    return true;
}

std::int64_t Recorder::addString(std::string text)
{
    if (!enabled_)
        return 0;
    auto& strings = local().strings;
    strings.push_back(std::move(text));
    return static_cast<std::int64_t>(strings.size() - 1);
}

void Recorder::addTask(TaskInfo info) { local().tasks.push_back(std::move(info)); }
void Recorder::addResource(ResourceInfo info) { local().resources.push_back(std::move(info)); }

void Recorder::finish(Trace& out)
{
    std::lock_guard lock(attachMutex_);
    size_t total = 0;
    for (auto& b : buffers_)
        total += b->events.size();
    out.events.clear();
    out.events.reserve(total);
    out.strings.clear();
    out.tasks.clear();
    out.resources.clear();
    auto byTime = [](const Event& a, const Event& b) { return a.time < b.time; };
    for (auto& b : buffers_) {
        const auto offset = static_cast<std::int64_t>(out.strings.size());
        auto& events = b->events;
        bool sorted = true;
        for (size_t i = 0; i < events.size(); ++i) {
            if (valueIsString(events[i]))
                events[i].value += offset;
            if (i > 0 && events[i].time < events[i - 1].time)
                sorted = false;
        }
        // A thread's own events are nearly always in time order already; sorting is the exception.
        if (!sorted) {
            std::vector<Event> all(events.size());
            for (size_t i = 0; i < all.size(); ++i)
                all[i] = events[i];
            std::stable_sort(all.begin(), all.end(), byTime);
            for (size_t i = 0; i < all.size(); ++i)
                events[i] = all[i];
        }
        std::move(b->strings.begin(), b->strings.end(), std::back_inserter(out.strings));
        std::move(b->tasks.begin(), b->tasks.end(), std::back_inserter(out.tasks));
        std::move(b->resources.begin(), b->resources.end(), std::back_inserter(out.resources));
    }
    // k-way merge by time; ties go to the earlier buffer, as a stable sort of the concatenation would. With one
    // buffer (a simulated run) it is a plain copy.
    std::vector<size_t> next(buffers_.size(), 0);
    if (buffers_.size() == 1) {
        auto& events = buffers_[0]->events;
        for (size_t i = 0; i < events.size(); ++i)
            out.events.push_back(events[i]);
    }
    while (buffers_.size() > 1) {
        size_t pick = buffers_.size();
        for (size_t i = 0; i < buffers_.size(); ++i) {
            if (next[i] == buffers_[i]->events.size())
                continue;
            if (pick == buffers_.size() || buffers_[i]->events[next[i]].time < buffers_[pick]->events[next[pick]].time)
                pick = i;
        }
        if (pick == buffers_.size())
            break;
        out.events.push_back(buffers_[pick]->events[next[pick]++]);
    }
    buffers_.clear();
    std::sort(out.tasks.begin(), out.tasks.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::sort(out.resources.begin(), out.resources.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
}

}  // namespace wl
