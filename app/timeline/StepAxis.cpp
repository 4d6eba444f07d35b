#include "StepAxis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace wl {

StepAxis StepAxis::build(const Trace& t)
{
    StepAxis a;
    std::int64_t x = 0, previous = 0;
    auto idle = [&](std::int64_t until) {
        if (until > previous) {
            a.breaks.push_back({x, previous, until - previous});
            x += kUnit;
        }
    };
    for (std::size_t i = 0; i < t.events.size();) {
        const std::int64_t time = t.events[i].time;
        std::size_t j = i;
        while (j < t.events.size() && t.events[j].time == time)
            ++j;
        idle(time);
        a.instants.push_back({time, x, i, std::uint32_t(j - i)});
        x += std::int64_t(j - i) * kUnit;
        previous = time;
        i = j;
    }
    idle(t.duration);
    a.end = x;
    return a;
}

std::int64_t StepAxis::xOfEvent(std::size_t index) const
{
    auto it = std::upper_bound(instants.begin(), instants.end(), index,
                               [](std::size_t i, const Instant& in) { return i < in.firstEvent; });
    if (it == instants.begin())
        return 0;
    --it;
    return it->x + std::int64_t(index - it->firstEvent) * kUnit;
}

std::int64_t StepAxis::xOfTime(std::int64_t time) const
{
    auto in = std::lower_bound(instants.begin(), instants.end(), time,
                               [](const Instant& i, std::int64_t t) { return i.time < t; });
    if (in != instants.end() && in->time == time)
        return in->x;
    // Inside an idle stretch: its break.
    auto br = std::upper_bound(breaks.begin(), breaks.end(), time,
                               [](std::int64_t t, const Break& b) { return t < b.from; });
    if (br != breaks.begin()) {
        --br;
        if (time <= br->from + br->length)
            return br->x + std::int64_t(double(time - br->from) / double(br->length) * double(kUnit));
    }
    if (time <= 0)
        return 0;
    return in == instants.end() ? end : in->x;
}

std::int64_t StepAxis::timeOfX(std::int64_t x) const
{
    auto br = std::upper_bound(breaks.begin(), breaks.end(), x, [](std::int64_t v, const Break& b) { return v < b.x; });
    auto in = std::upper_bound(instants.begin(), instants.end(), x, [](std::int64_t v, const Instant& i) { return v < i.x; });
    const Break* b = br == breaks.begin() ? nullptr : &*std::prev(br);
    const Instant* i = in == instants.begin() ? nullptr : &*std::prev(in);
    if (b && (!i || b->x > i->x) && x < b->x + kUnit)  // x is inside this break
        return b->from + std::int64_t(double(x - b->x) / double(kUnit) * double(b->length));
    if (i)
        return i->time;
    return b ? b->from + b->length : 0;
}

std::size_t StepAxis::eventsUpTo(std::int64_t x) const
{
    auto in = std::upper_bound(instants.begin(), instants.end(), x, [](std::int64_t v, const Instant& i) { return v < i.x; });
    if (in == instants.begin())
        return 0;
    --in;
    const std::int64_t steps = std::min<std::int64_t>(in->events, (x - in->x) / kUnit + 1);
    return in->firstEvent + std::size_t(steps);
}

std::string formatBreakLength(std::int64_t ns)
{
    char buf[32];
    auto fmt = [&](double v, const char* unit) {
        // Three significant digits at most, without trailing zeros: "1 s", "1.5 s", "250 ms", "12.3 µs".
        std::snprintf(buf, sizeof buf, v >= 100 ? "%.0f %s" : "%.3g %s", v, unit);
        return std::string(buf);
    };
    if (ns >= 1'000'000'000)
        return fmt(double(ns) / 1e9, "s");
    if (ns >= 1'000'000)
        return fmt(double(ns) / 1e6, "ms");
    if (ns >= 1'000)
        return fmt(double(ns) / 1e3, "µs");
    return fmt(double(ns), "ns");
}

}  // namespace wl
