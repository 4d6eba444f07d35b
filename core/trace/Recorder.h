#pragma once
// Collects events from many threads without a shared lock: every recording thread appends to a buffer of its
// own (attached once, under a mutex); finish() merges the buffers by time.
#include "EventChunks.h"
#include "Trace.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace wl {

class Recorder {
public:
    explicit Recorder(bool enabled = true);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    bool enabled() const { return enabled_; }

    void record(const Event& e);
    // Computing that goes on where the last event this thread recorded (CpuWork of `future` on `lane`, ending at
    // `from`) ended lengthens that event by `more` instead of adding one; false when there is no such event.
    bool extendWork(TaskId future, LaneId lane, std::int64_t from, std::int64_t more);
    // Stores a line of text; the returned index goes in Event::value of a Print or an error completion and is
    // remapped to the merged string table by finish().
    std::int64_t addString(std::string text);
    // Task and resource metadata, kept only when recording: without events nothing reads them, and a million
    // tasks' names would cost more memory than their records.
    void addTask(TaskInfo info);
    void addResource(ResourceInfo info);

    // Merges every buffer into `out` (events sorted by time, ties in recording order). Call once, after every
    // recording thread has stopped.
    void finish(Trace& out);

private:
    struct Buffer {
        EventChunks events;
        std::vector<std::string> strings;
        std::vector<TaskInfo> tasks;
        std::vector<ResourceInfo> resources;
    };
    Buffer& local();

    const bool enabled_;
    const std::uint64_t generation_;  // tells this recorder's thread-local buffer apart from a dead one's
    std::mutex attachMutex_;
    std::vector<std::unique_ptr<Buffer>> buffers_;
};

}  // namespace wl
