#pragma once
// A recorded run: the events in time order plus what they refer to (tasks, lanes, resources, strings).
#include "Event.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace wl {

enum class Mode : std::uint8_t { Simulated, Threaded, Tokio };  // Tokio: a real tokio run, imported
std::string_view modeName(Mode m);

enum class TaskKind : std::uint8_t {
    Task,      // spawned with spawn() (or the root passed to block_on)
    Future,    // a branch polled inside a task by join/select
    Blocking,  // a spawn_blocking job
};
std::string_view taskKindName(TaskKind k);

struct TaskInfo {
    TaskId id = 0;
    std::string name;
    TaskId parent = 0;
    std::uint32_t site = 0;
    TaskKind kind = TaskKind::Task;
    bool operator==(const TaskInfo&) const = default;
};

enum class LaneKind : std::uint8_t { Worker, Blocking };
struct LaneInfo {
    LaneKind kind = LaneKind::Worker;
    std::string name;
    bool operator==(const LaneInfo&) const = default;
};

struct ResourceInfo {
    ResourceId id = 0;
    std::string kind;  // "timer", "interval", "channel", ...
    std::string name;
    bool operator==(const ResourceInfo&) const = default;
};

struct Trace {
    static constexpr int kFormatVersion = 1;

    std::string scenario;
    std::vector<std::pair<std::string, std::string>> params;
    Mode mode = Mode::Simulated;
    std::uint32_t workers = 1;
    std::uint64_t seed = 0;
    std::int64_t duration = 0;  // ns from start to shutdown

    std::vector<LaneInfo> lanes;          // index = LaneId
    std::vector<TaskInfo> tasks;          // sorted by id; ids are 1..n
    std::vector<ResourceInfo> resources;  // sorted by id; ids are 1..n
    std::vector<std::string> strings;     // printed lines and error texts, referenced by index
    std::vector<Event> events;            // sorted by time

    const TaskInfo* task(TaskId id) const { return id >= 1 && id <= tasks.size() ? &tasks[id - 1] : nullptr; }
    const ResourceInfo* resource(ResourceId id) const
    {
        return id >= 1 && id <= resources.size() ? &resources[id - 1] : nullptr;
    }
    // Names and texts for display, safe for any id or index: "resource 7" / "" where there is none.
    std::string resourceName(ResourceId id) const;
    // A lane's name, or `otherwise` for an index that is no lane (kNoLane; -1, "none", in a Queued event's value).
    std::string laneName(std::int64_t lane, std::string_view otherwise) const;
    std::string_view text(std::int64_t index) const;
    // The printed lines in order, with their times.
    std::vector<std::pair<std::int64_t, std::string>> printedLines() const;

    bool operator==(const Trace&) const = default;
};

}  // namespace wl
