#include "ResourceLanes.h"

#include <algorithm>

namespace wl {
namespace {
bool hasLane(const std::string& kind)
{
    return kind == "channel" || kind == "broadcast" || kind == "semaphore" || kind == "mutex";
}

// Whether an operation sets the level: every one on a channel or semaphore; on a broadcast channel only what
// changes its ring (a receive reports that receiver's lag, not the ring).
bool setsLevel(const ResourceLane& lane, SyncOp op)
{
    if (op == SyncOp::Created || op == SyncOp::Lagged)
        return false;
    if (lane.kind == "broadcast")
        return op == SyncOp::Send || op == SyncOp::Close;
    return true;
}
}  // namespace

std::vector<ResourceLane> buildResourceLanes(const Trace& t, const StepAxis* steps, std::int64_t end)
{
    std::vector<ResourceLane> lanes;
    std::vector<int> laneOf(t.resources.size() + 1, -1);
    for (size_t i = 0; i < t.events.size(); ++i) {
        const Event& e = t.events[i];
        if (e.kind != EventKind::Sync || e.resource == 0 || e.resource > t.resources.size())
            continue;
        const std::int64_t x = steps ? steps->xOfEvent(i) : e.time;
        const SyncOp op = SyncOp(e.detail);
        int& index = laneOf[e.resource];
        if (index < 0) {
            const ResourceInfo& info = t.resources[e.resource - 1];
            if (!hasLane(info.kind))
                continue;
            index = int(lanes.size());
            ResourceLane lane;
            lane.id = e.resource;
            lane.name = info.name;
            lane.kind = info.kind;
            lane.holds = info.kind == "semaphore" || info.kind == "mutex" ? ResourceLane::Holds::Permits
                                                                          : ResourceLane::Holds::Messages;
            lane.created = x;
            // A semaphore starts with all its permits free, a channel empty. A trace whose first record of it is
            // not its creation starts where that record leaves it.
            const bool created = op == SyncOp::Created;
            lane.capacity = created ? std::max<std::int64_t>(0, e.value) : 0;
            lane.scale = std::max<std::int64_t>(1, lane.capacity);
            lane.levels.push_back({x, lane.holds == ResourceLane::Holds::Permits ? lane.capacity : 0});
            lanes.push_back(std::move(lane));
        }
        ResourceLane& lane = lanes[size_t(index)];
        if (op != SyncOp::Created)
            lane.ticks.push_back({x, e.task, op});
        if (setsLevel(lane, op)) {
            const std::int64_t value = std::max<std::int64_t>(0, e.value);
            auto& levels = lane.levels;
            if (levels.back().time == x) {
                levels.back().value = value;  // several operations at one x: the last one stands,
                if (levels.size() > 1 && levels[levels.size() - 2].value == value)
                    levels.pop_back();        // and it may leave the level where it was
            } else if (levels.back().value != value) {
                levels.push_back({x, value});
            }
            lane.scale = std::max(lane.scale, value);
        }
    }
    for (auto& lane : lanes)
        lane.ended = end;
    return lanes;
}

std::string resourceLevelMeaning(const ResourceLane& lane)
{
    const std::string of = lane.capacity > 0 ? " (of " + std::to_string(lane.capacity) + ")"
                                             : " (at most " + std::to_string(lane.scale) + ")";
    if (lane.kind == "mutex")
        return "unlocked";
    if (lane.holds == ResourceLane::Holds::Permits)
        return "free permits" + of;
    return (lane.kind == "broadcast" ? "kept" : "buffered") + of;
}

}  // namespace wl
