#pragma once
// A trace told as the lines a student should see happen: prints with their times and source lines, who woke
// whom, what was cancelled and why, and how it ended. Golden files hold these stories for simulated runs.
#include "scenarios/Scenario.h"
#include "trace/Trace.h"

#include <string>
#include <vector>

namespace wl::test {

inline std::string msText(std::int64_t ns)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%8.3f ms", static_cast<double>(ns) / 1e6);
    return buf;
}

inline std::string trimmed(std::string s)
{
    const auto b = s.find_first_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b);
}

// Long stories (many_tasks) keep their first 100 and last 50 lines.
inline std::string abridged(const std::string& text)
{
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(text.substr(start, nl - start + 1));
    if (lines.size() <= 200)
        return text;
    std::string out;
    for (size_t i = 0; i < 100; ++i)
        out += lines[i];
    out += "... " + std::to_string(lines.size() - 150) + " lines left out ...\n";
    for (size_t i = lines.size() - 50; i < lines.size(); ++i)
        out += lines[i];
    return out;
}

inline std::string story(const Trace& t, const Scenario& scenario)
{
    auto name = [&](TaskId id) { return t.task(id) ? t.task(id)->name : "task " + std::to_string(id); };
    std::string out = "scenario " + t.scenario + ", " + std::to_string(t.workers) + " workers, seed "
        + std::to_string(t.seed) + "\n";
    for (const auto& e : t.events) {
        switch (e.kind) {
        case EventKind::Print:
            out += msText(e.time) + "  print  " + t.strings[size_t(e.value)] + "    [line " + std::to_string(siteLine(e.site))
                + ": " + trimmed(scenario.rustLine(siteLine(e.site))) + "]\n";
            break;
        case EventKind::Wake: {
            std::string source = e.peer ? name(e.peer) : e.resource ? t.resource(e.resource)->name : "outside";
            if (e.peer && e.resource)
                source += " via " + t.resource(e.resource)->name;
            out += msText(e.time) + "  wake   " + name(e.task) + (e.value ? " (" + name(TaskId(e.value)) + ")" : "")
                + " by " + source + ": " + std::string(wakeOutcomeName(WakeOutcome(e.detail))) + "\n";
            break;
        }
        case EventKind::TaskCancelled:
            out += msText(e.time) + "  cancel " + name(e.task) + ": " + std::string(cancelReasonName(CancelReason(e.detail)))
                + (e.peer ? " by " + name(e.peer) : "") + "\n";
            break;
        case EventKind::HandleDetached:
            out += msText(e.time) + "  detach " + name(e.task) + " by " + name(e.peer) + "\n";
            break;
        case EventKind::TaskCompleted:
            out += msText(e.time) + "  done   " + name(e.task)
                + (e.detail == std::uint8_t(Completion::Error) ? " with error: " + t.strings[size_t(e.value)] : "") + "\n";
            break;
        default: break;
        }
    }
    out += "ends at " + msText(t.duration) + "\n";
    return abridged(out);
}

}  // namespace wl::test
