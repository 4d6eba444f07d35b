#pragma once
// Small lookups the tests use to ask questions of a trace.
#include "trace/InvariantChecker.h"
#include "trace/Trace.h"

#include <QTest>

#include <string>
#include <vector>

namespace wl::test {

inline TaskId taskNamed(const Trace& t, const std::string& name)
{
    for (const auto& info : t.tasks)
        if (info.name == name)
            return info.id;
    return 0;
}

inline std::vector<Event> eventsOf(const Trace& t, EventKind kind, TaskId task = 0)
{
    std::vector<Event> out;
    for (const auto& e : t.events)
        if (e.kind == kind && (task == 0 || e.task == task))
            out.push_back(e);
    return out;
}

inline size_t indexOf(const Trace& t, EventKind kind, TaskId task, size_t from = 0)
{
    for (size_t i = from; i < t.events.size(); ++i)
        if (t.events[i].kind == kind && t.events[i].task == task)
            return i;
    return SIZE_MAX;
}

}  // namespace wl::test

// Every test that produces a trace runs the invariant checker on it.
#define WL_REQUIRE_CLEAN(trace)                                                                                     \
    do {                                                                                                            \
        const auto wlViolations = wl::checkInvariants(trace);                                                      \
        QVERIFY2(wlViolations.empty(), wl::describe(wlViolations).c_str());                                        \
    } while (0)
