#pragma once
// Hints: what a student should look at in a run, found in its trace and said in one sentence each. After
// tokio-console's warnings, but explained: a poll that holds its worker long, a task woken but left waiting for a
// worker (starvation), a task that keeps waking itself, a task still parked at the end that nothing will wake, and
// a future made and dropped without being awaited (none of its code ran).
#include "Trace.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wl {

enum class HintKind : std::uint8_t { LongPoll, Starvation, SelfWake, LostWaker, UnawaitedFuture };
// "long poll", "starvation", "self-wake", "lost waker", "unawaited future"
std::string_view hintKindName(HintKind k);

struct Hint {
    HintKind kind = HintKind::LongPoll;
    TaskId task = 0;
    std::int64_t time = 0;        // where to look (ns): the poll's start, the wake, the last poll
    std::size_t eventIndex = 0;   // the event at that time
    std::string text;             // one sentence, for a student
};

// The thresholds: a poll of 10 ms or more holds its worker; a woken task that waits 10 ms or more for a worker
// starves; 5 or more wakes, most of them by the task itself, is spinning.
inline constexpr std::int64_t kLongPollNs = 10'000'000;
inline constexpr std::int64_t kStarvedNs = 10'000'000;
inline constexpr std::size_t kSelfWakes = 5;

// In time order; at most one hint of each kind per task (its worst case), at most 100 in all.
std::vector<Hint> findHints(const Trace& trace);

}  // namespace wl
