#pragma once
// The step axis: x advances with each event, so a poll has width and the events of one instant read left to right
// in the order they happened; an idle stretch between two instants collapses into one break step that states how
// long it was ("1 s"). A timeline model built on it keeps its times in x units (kUnit per step, so that a time
// inside a break still has a place), and everything that draws or plays it works as on the time axis.
#include "trace/Trace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wl {

struct StepAxis {
    static constexpr std::int64_t kUnit = 1'000'000;  // x units per step: a step reads as "1 ms" to time-based code

    struct Instant {
        std::int64_t time = 0;    // ns
        std::int64_t x = 0;       // where its first event is
        std::size_t firstEvent = 0;
        std::uint32_t events = 0;  // it spans this many steps
    };
    struct Break {
        std::int64_t x = 0;                  // where the break step starts
        std::int64_t from = 0, length = 0;   // the idle time it stands for (ns)
    };

    std::vector<Instant> instants;  // sorted by time and by x
    std::vector<Break> breaks;      // sorted by x
    std::int64_t end = 0;           // x of the run's end

    static StepAxis build(const Trace& trace);

    std::int64_t xOfEvent(std::size_t index) const;
    // A time's place: an instant's first step; inside an idle stretch, in proportion across its break.
    std::int64_t xOfTime(std::int64_t time) const;
    // The time at x: the instant whose steps hold x; inside a break, in proportion across the idle stretch.
    std::int64_t timeOfX(std::int64_t x) const;
    // The events shown once the playhead is at x: those whose step starts at or before it.
    std::size_t eventsUpTo(std::int64_t x) const;
};

// "1 s", "250 ms", "2.5 µs": the length of an idle stretch on its break.
std::string formatBreakLength(std::int64_t ns);

}  // namespace wl
