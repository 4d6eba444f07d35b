#pragma once
// Checks that a trace describes a possible run of a correct executor. Every test that produces a trace runs it.
#include "Trace.h"

#include <string>
#include <vector>

namespace wl {

struct Violation {
    size_t eventIndex = 0;  // the event where the rule broke (events.size() for "never happened" rules)
    std::string message;
};

// Rules: events are in time order; a task is spawned before anything else happens to it, and once; a poll starts
// and ends on the same lane, properly nested; a task is polled on at most one lane at a time; never after it
// completed or was cancelled; a task (not a join/select arm) that returned Pending is polled again only after a
// wake (or its own yield); it ends exactly once; every spawned task ends; once ended, nothing more happens to it
// but wakes that find it finished, its handle's drop and its channels closing. Each event carries what its kind
// needs: a lane for polls, CPU work, blocking jobs and parking; a resource for timers and channel operations; a
// task for everything a task does; CPU work and deadlines are not negative.
std::vector<Violation> checkInvariants(const Trace& trace);
std::string describe(const std::vector<Violation>& violations, size_t max = 10);

}  // namespace wl
