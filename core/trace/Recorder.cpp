#include "Recorder.h"

#include "PagePrefault.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <iterator>

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

void Recorder::addTask(TaskInfo info)
{
    if (enabled_)
        local().tasks.push_back(std::move(info));
}
void Recorder::addResource(ResourceInfo info)
{
    if (enabled_)
        local().resources.push_back(std::move(info));
}

namespace {
// Where the merge stands in one buffer: its next event, walking its chunks in order.
struct Cursor {
    std::vector<EventChunks::Chunk> chunks;
    std::size_t chunk = 0;
    const Event* next = nullptr;
    const Event* end = nullptr;
    std::int64_t stringOffset = 0;  // where this buffer's strings start in the merged table

    bool done() const { return next == end; }
    void advance()
    {
        if (++next == end && ++chunk < chunks.size()) {
            next = chunks[chunk].begin;
            end = chunks[chunk].end;
        }
    }
};
}  // namespace

void Recorder::finish(Trace& out)
{
    std::lock_guard lock(attachMutex_);
    size_t total = 0;
    for (auto& b : buffers_)
        total += b->events.size();
    out.events.clear();
    out.events.shrink_to_fit();
    out.events.reserve(total);
    const PagePrefault prefault(out.events.data(), total * sizeof(Event));
    out.strings.clear();
    out.tasks.clear();
    out.resources.clear();
    std::vector<Cursor> cursors;
    for (auto& b : buffers_) {
        // A thread's own events are nearly always in time order already; sorting is the exception.
        b->events.sortByTime();
        Cursor c;
        c.chunks = b->events.chunks();
        c.stringOffset = static_cast<std::int64_t>(out.strings.size());
        if (!c.chunks.empty()) {
            c.next = c.chunks[0].begin;
            c.end = c.chunks[0].end;
            cursors.push_back(std::move(c));
        }
        std::move(b->strings.begin(), b->strings.end(), std::back_inserter(out.strings));
        std::move(b->tasks.begin(), b->tasks.end(), std::back_inserter(out.tasks));
        std::move(b->resources.begin(), b->resources.end(), std::back_inserter(out.resources));
    }
    // k-way merge by time; ties go to the earlier buffer, as a stable sort of the concatenation would. It copies
    // runs: from the buffer with the earliest event, everything before the others' earliest, in one go. Each event
    // is copied once, and its string index moved to the merged table on the way.
    const auto copy = [&out](const Cursor& c) {
        Event e = *c.next;
        if (c.stringOffset != 0 && valueIsString(e))
            e.value += c.stringOffset;
        out.events.push_back(e);
    };
    // Each buffer's next time, side by side (INT64_MAX once it is spent): the scan for the earliest reads one line.
    std::vector<std::int64_t> heads(cursors.size());
    for (std::size_t i = 0; i < cursors.size(); ++i)
        heads[i] = cursors[i].next->time;
    const std::size_t k = cursors.size();
    for (;;) {
        std::size_t pick = 0;
        for (std::size_t i = 1; i < k; ++i)
            if (heads[i] < heads[pick])
                pick = i;
        if (k == 0 || heads[pick] == INT64_MAX)
            break;
        // The bound: the earliest head among the others; a tie with an earlier buffer stops the run there.
        std::int64_t bound = INT64_MAX;
        bool boundIsEarlier = false;
        for (std::size_t i = 0; i < k; ++i) {
            if (i != pick && heads[i] < bound) {
                bound = heads[i];
                boundIsEarlier = i < pick;
            }
        }
        Cursor& c = cursors[pick];
        do {
            copy(c);
            c.advance();
        } while (!c.done() && (c.next->time < bound || (c.next->time == bound && !boundIsEarlier)));
        heads[pick] = c.done() ? INT64_MAX : c.next->time;
    }
    buffers_.clear();
    std::sort(out.tasks.begin(), out.tasks.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::sort(out.resources.begin(), out.resources.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
}

}  // namespace wl
