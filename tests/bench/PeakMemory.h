#pragma once
// The process's peak resident memory so far, in KiB: benchmarks read it before and after the work they measure.
#include <sys/resource.h>

inline long peakKiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}
