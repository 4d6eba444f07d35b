// Reading a trace file: a 5,000,000-event trace against a 50,000-event one, written alike, read by the same
// streaming reader (parse, reference checks, invariant checker). Prints the time of each, the ratio (ideal: the
// ratio of their sizes, 100), the time per event, and the peak memory the big read added per event (goal: 5 s
// and 150 bytes per event at most; an Event itself is 40 bytes).
// Usage: bench_trace_read [big events, default 5000000]
#include "trace/TraceReader.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "PeakMemory.h"

using namespace wl;

namespace {

// Streams a valid trace of about `events` events to path without holding it in memory: 1000 tasks on 4 workers,
// each polled again and again after a timer wakes it, then completed.
void writeTrace(const std::string& path, long events)
{
    constexpr int kTasks = 1000;
    FILE* f = std::fopen(path.c_str(), "w");
    if (!f) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::fprintf(f, "{\n\"format\": \"wakeline-trace\",\n\"version\": 1,\n\"scenario\": \"bench\",\n\"mode\": "
                    "\"simulated\",\n\"workers\": 4,\n\"seed\": \"1\",\n\"duration_ns\": %ld,\n\"params\": [],\n"
                    "\"lanes\": [\n", events * 10);
    for (int w = 0; w < 4; ++w)
        std::fprintf(f, "  {\"kind\": \"worker\", \"name\": \"worker %d\"}%s\n", w, w < 3 ? "," : "");
    std::fprintf(f, "],\n\"tasks\": [\n");
    for (int t = 1; t <= kTasks; ++t)
        std::fprintf(f, "  {\"id\": %d, \"name\": \"task %d\", \"parent\": 0, \"site\": 0, \"kind\": \"task\"}%s\n", t,
                     t, t < kTasks ? "," : "");
    std::fprintf(f, "],\n\"resources\": [\n  {\"id\": 1, \"kind\": \"timer\", \"name\": \"tick\"}],\n\"strings\": [],\n"
                    "\"events\": [\n");
    long written = 0, time = 0;
    auto event = [&](const char* kind, int task, int lane, int detail, int resource) {
        std::fprintf(f, "%s  [%ld, \"%s\", %d, %d, %d, 0, %d, 0, 0]", written ? ",\n" : "", time, kind, task, lane,
                     detail, resource);
        ++written;
        time += 10;
    };
    for (int t = 1; t <= kTasks; ++t)
        event("spawned", t, -1, 0, 0);
    const long steps = std::max(0L, (events - 5L * kTasks) / 3);  // a small trace still ends every task
    for (long s = 0; s < steps + kTasks; ++s) {
        const int task = int(s % kTasks) + 1, lane = int(s % 4);
        const bool last = s >= steps;
        if (s >= kTasks)
            event("wake", task, -1, 0, 1);  // scheduled by the timer
        event("poll_start", task, lane, 0, 0);
        event("poll_end", task, lane, last ? 1 : 0, 0);
        if (last)
            event("completed", task, lane, 0, 0);
    }
    std::fprintf(f, "]\n}\n");
    std::fclose(f);
}

double readSeconds(const std::string& path, size_t* events)
{
    const auto start = std::chrono::steady_clock::now();
    const auto result = loadTraceJson(path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result.trace) {
        std::fprintf(stderr, "bench_trace_read: %s\n", result.error.c_str());
        std::exit(1);
    }
    *events = result.trace->events.size();
    return seconds;
}
}  // namespace

int main(int argc, char** argv)
{
    const long big = argc > 1 ? std::atol(argv[1]) : 5'000'000;
    const long small = big / 100;
    const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    const std::string smallPath = dir + "/bench_trace_read_small." + std::to_string(getpid()) + ".json";
    const std::string bigPath = dir + "/bench_trace_read_big." + std::to_string(getpid()) + ".json";
    writeTrace(smallPath, small);
    writeTrace(bigPath, big);
    size_t smallEvents = 0, bigEvents = 0;
    double smallBest = 1e9;
    for (int i = 0; i < 5; ++i)
        smallBest = std::min(smallBest, readSeconds(smallPath, &smallEvents));
    const long before = peakKiB();
    const double bigSeconds = readSeconds(bigPath, &bigEvents);
    const long after = peakKiB();
    std::remove(smallPath.c_str());
    std::remove(bigPath.c_str());

    std::printf("read %zu events in %.3f s (best of 5), %zu events in %.3f s\n", smallEvents, smallBest, bigEvents,
                bigSeconds);
    std::printf("time ratio big/small: %.1f for %.1fx the events (1.0x per event would be %.1f)\n",
                bigSeconds / smallBest, double(bigEvents) / double(smallEvents), double(bigEvents) / double(smallEvents));
    std::printf("per event: %.0f ns; peak memory added by the big read: %.1f bytes per event (an Event is %zu)\n",
                bigSeconds * 1e9 / double(bigEvents), double(after - before) * 1024.0 / double(bigEvents),
                sizeof(Event));
    return 0;
}
