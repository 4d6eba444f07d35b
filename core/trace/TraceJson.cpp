#include "TraceJson.h"

#include "JsonText.h"

namespace wl {
namespace {
constexpr const char* kFormat = "wakeline-trace";
const char* laneKindName(LaneKind k) { return k == LaneKind::Worker ? "worker" : "blocking"; }
}  // namespace

std::string traceToJson(const Trace& t)
{
    std::string out;
    out.reserve(256 + t.events.size() * 48);
    out += "{\n\"format\": \"";
    out += kFormat;
    out += "\",\n\"version\": " + std::to_string(Trace::kFormatVersion);
    out += ",\n\"scenario\": " + jsonQuoted(t.scenario);
    out += ",\n\"mode\": \"" + std::string(modeName(t.mode)) + "\"";
    out += ",\n\"workers\": " + std::to_string(t.workers);
    out += ",\n\"seed\": \"" + std::to_string(t.seed) + "\"";
    out += ",\n\"duration_ns\": " + std::to_string(t.duration);
    out += ",\n\"params\": [";
    for (size_t i = 0; i < t.params.size(); ++i)
        out += (i ? ", [" : "[") + jsonQuoted(t.params[i].first) + ", " + jsonQuoted(t.params[i].second) + "]";
    out += "],\n\"lanes\": [";
    for (size_t i = 0; i < t.lanes.size(); ++i)
        out += std::string(i ? ",\n  " : "\n  ") + "{\"kind\": \"" + laneKindName(t.lanes[i].kind)
            + "\", \"name\": " + jsonQuoted(t.lanes[i].name) + "}";
    out += "],\n\"tasks\": [";
    for (size_t i = 0; i < t.tasks.size(); ++i) {
        const auto& k = t.tasks[i];
        out += std::string(i ? ",\n  " : "\n  ") + "{\"id\": " + std::to_string(k.id) + ", \"name\": "
            + jsonQuoted(k.name) + ", \"parent\": " + std::to_string(k.parent) + ", \"site\": "
            + std::to_string(k.site) + ", \"kind\": \"" + std::string(taskKindName(k.kind)) + "\"}";
    }
    out += "],\n\"resources\": [";
    for (size_t i = 0; i < t.resources.size(); ++i) {
        const auto& r = t.resources[i];
        out += std::string(i ? ",\n  " : "\n  ") + "{\"id\": " + std::to_string(r.id) + ", \"kind\": "
            + jsonQuoted(r.kind) + ", \"name\": " + jsonQuoted(r.name) + "}";
    }
    out += "],\n\"strings\": [";
    for (size_t i = 0; i < t.strings.size(); ++i)
        out += std::string(i ? ",\n  " : "\n  ") + jsonQuoted(t.strings[i]);
    out += "],\n\"events\": [";
    for (size_t i = 0; i < t.events.size(); ++i) {
        const Event& e = t.events[i];
        out += i ? ",\n  [" : "\n  [";
        out += std::to_string(e.time) + ", \"" + std::string(eventKindName(e.kind)) + "\", " + std::to_string(e.task)
            + ", " + (e.worker == kNoLane ? std::string("-1") : std::to_string(e.worker)) + ", "
            + std::to_string(e.detail) + ", " + std::to_string(e.peer) + ", " + std::to_string(e.resource) + ", "
            + std::to_string(e.value) + ", " + std::to_string(e.site) + "]";
    }
    out += "]\n}\n";
    return out;
}

bool saveTraceJson(const Trace& trace, const std::string& path, std::string* error)
{
    return writeFileAtomically(path, traceToJson(trace), error);
}

}  // namespace wl
