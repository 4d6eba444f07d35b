#include "EventChunks.h"

#include "BlockPool.h"

#include <algorithm>
#include <new>
#include <type_traits>

namespace wl {

static_assert(std::is_trivially_copyable_v<Event>, "events are copied as bytes into uninitialised chunks");

EventChunks::~EventChunks()
{
    for (const Block& b : blocks_) {
        if (b.pooled)
            releaseBlock(b.data);
        else
            ::operator delete(b.data);
    }
}

void EventChunks::grow()
{
    Block b{};
    if (blocks_.empty()) {
        b = {static_cast<Event*>(::operator new(kFirstChunk * sizeof(Event))), kFirstChunk, false};
    } else {
        b = {static_cast<Event*>(acquireBlock()), kBlockBytes / sizeof(Event), true};
    }
    blocks_.push_back(b);
    end_ = b.data;
    limit_ = b.data + b.capacity;
}

std::vector<EventChunks::Chunk> EventChunks::chunks() const
{
    std::vector<Chunk> out;
    out.reserve(blocks_.size());
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
        Event* begin = blocks_[i].data;
        Event* filled = i + 1 == blocks_.size() ? end_ : begin + blocks_[i].capacity;
        if (filled != begin)
            out.push_back({begin, filled});
    }
    return out;
}

void EventChunks::sortByTime()
{
    if (sorted_)
        return;
    std::vector<Event> all;
    all.reserve(size_);
    for (const Chunk& c : chunks())
        all.insert(all.end(), c.begin, c.end);
    std::stable_sort(all.begin(), all.end(), [](const Event& a, const Event& b) { return a.time < b.time; });
    auto from = all.begin();
    for (const Chunk& c : chunks()) {
        std::copy(from, from + (c.end - c.begin), c.begin);
        from += c.end - c.begin;
    }
    sorted_ = true;
}

}  // namespace wl
