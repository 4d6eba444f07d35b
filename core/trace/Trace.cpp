#include "Trace.h"

namespace wl {

std::string_view modeName(Mode m)
{
    switch (m) {
    case Mode::Simulated: return "simulated";
    case Mode::Threaded: return "threaded";
    case Mode::Tokio: return "tokio";
    }
    return "?";
}

std::string_view taskKindName(TaskKind k)
{
    switch (k) {
    case TaskKind::Task: return "task";
    case TaskKind::Future: return "future";
    case TaskKind::Blocking: return "blocking";
    }
    return "?";
}

std::string Trace::resourceName(ResourceId id) const
{
    const ResourceInfo* r = resource(id);
    return r ? r->name : "resource " + std::to_string(id);
}

std::string Trace::laneName(std::int64_t lane, std::string_view otherwise) const
{
    return lane >= 0 && static_cast<size_t>(lane) < lanes.size() ? lanes[size_t(lane)].name : std::string(otherwise);
}

std::string_view Trace::text(std::int64_t index) const
{
    return index >= 0 && static_cast<size_t>(index) < strings.size() ? std::string_view(strings[size_t(index)])
                                                                     : std::string_view();
}

std::vector<std::pair<std::int64_t, std::string>> Trace::printedLines() const
{
    std::vector<std::pair<std::int64_t, std::string>> lines;
    for (const Event& e : events)
        if (e.kind == EventKind::Print && e.value >= 0 && static_cast<size_t>(e.value) < strings.size())
            lines.emplace_back(e.time, strings[static_cast<size_t>(e.value)]);
    return lines;
}

}  // namespace wl
