#pragma once
// Collects events from many threads without a shared lock: every recording thread appends to a buffer of its
// own (attached once, under a mutex); finish() merges the buffers by time.
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
    void addTask(TaskInfo info);          // task metadata (always kept, even with recording off)
    void addResource(ResourceInfo info);  // resource metadata

    // Merges every buffer into `out` (events sorted by time, ties in recording order). Call once, after every
    // recording thread has stopped.
    void finish(Trace& out);

private:
    // A thread's events in fixed chunks: recording never moves what it recorded (a growing vector copies it all at
    // every doubling), and finish() copies each event once, into the merged trace.
    class EventChunks {
    public:
        static constexpr std::size_t kChunk = std::size_t(1) << 14;  // 16,384 events, 640 KiB
        void push(const Event& e)
        {
            if (used_ == kChunk) {
                chunks_.push_back(std::make_unique_for_overwrite<Event[]>(kChunk));
                used_ = 0;
            }
            chunks_.back()[used_++] = e;
            ++size_;
        }
        std::size_t size() const { return size_; }
        bool empty() const { return size_ == 0; }
        Event& back() { return chunks_.back()[used_ - 1]; }
        Event& operator[](std::size_t i) { return chunks_[i / kChunk][i % kChunk]; }

    private:
        std::vector<std::unique_ptr<Event[]>> chunks_;
        std::size_t used_ = kChunk;  // in the last chunk
        std::size_t size_ = 0;
    };
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
