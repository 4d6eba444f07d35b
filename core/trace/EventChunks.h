#pragma once
// One recording thread's events, in chunks that never move: a growing vector would copy everything it holds at
// every doubling, and the merge would copy it again. The first chunk is small (most runs are short, and a
// threaded run has a buffer per thread); later ones are 2 MiB blocks from the BlockPool, which a long run
// leaves for the next one.
#include "Event.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wl {

class EventChunks {
public:
    static constexpr std::size_t kFirstChunk = std::size_t(1) << 14;  // 16,384 events, 640 KiB

    EventChunks() = default;
    ~EventChunks();
    EventChunks(const EventChunks&) = delete;
    EventChunks& operator=(const EventChunks&) = delete;

    void push(const Event& e)
    {
        if (end_ == limit_)
            grow();
        sorted_ = sorted_ && e.time >= lastTime_;
        lastTime_ = e.time;
        *end_++ = e;
        ++size_;
    }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    Event& back() { return end_[-1]; }
    // Whether the events were pushed in time order (a thread's own nearly always are).
    bool sorted() const { return sorted_; }

    struct Chunk {
        Event* begin;
        Event* end;  // what is filled
    };
    std::vector<Chunk> chunks() const;
    // Reorders the events by time, keeping the push order of equal times.
    void sortByTime();

private:
    struct Block {
        Event* data;
        std::size_t capacity;
        bool pooled;
    };
    void grow();

    std::vector<Block> blocks_;
    Event* end_ = nullptr;    // next free slot in the last block
    Event* limit_ = nullptr;  // end of the last block
    std::size_t size_ = 0;
    std::int64_t lastTime_ = INT64_MIN;
    bool sorted_ = true;
};

}  // namespace wl
