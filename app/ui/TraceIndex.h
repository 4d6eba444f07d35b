#pragma once
// Per-task lookups into a trace, built once per run so the inspector and the playback answer at frame rate:
// each task's own events, the wakes it caused, and where the printed lines are.
#include "trace/Trace.h"

#include <cstdint>
#include <vector>

namespace wl {

struct TraceIndex {
    std::vector<std::vector<std::uint32_t>> eventsOf;  // by task id: indices of events about it
    std::vector<std::vector<std::uint32_t>> wakesBy;   // by task id: indices of wakes it caused
    std::vector<std::uint32_t> prints;                 // indices of print events

    static TraceIndex build(const Trace& t)
    {
        TraceIndex x;
        x.eventsOf.resize(t.tasks.size() + 1);
        x.wakesBy.resize(t.tasks.size() + 1);
        for (std::uint32_t i = 0; i < t.events.size(); ++i) {
            const Event& e = t.events[i];
            if (e.task && e.task < x.eventsOf.size())
                x.eventsOf[e.task].push_back(i);
            if (e.kind == EventKind::Wake && e.peer && e.peer < x.wakesBy.size())
                x.wakesBy[e.peer].push_back(i);
            // A join/select arm's wakes are listed on the arm too.
            if (e.kind == EventKind::Wake && e.value > 0 && std::size_t(e.value) < x.eventsOf.size())
                x.eventsOf[std::size_t(e.value)].push_back(i);
            if (e.kind == EventKind::Print)
                x.prints.push_back(i);
        }
        return x;
    }
};

}  // namespace wl
