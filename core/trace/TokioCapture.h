#pragma once
// Reads a real tokio run, captured by resources/tokio-capture (a tracing Layer writing one JSON line per span new /
// enter / exit / close / record and per event), into a Trace that Wakeline draws like its own.
//
// What is mapped: worker lanes per runtime thread (worker order from tokio's per-worker blocking spans; a thread
// that runs block_on gets a lane of its own, blocking-pool threads blocking lanes); tasks from `runtime.spawn` spans
// (name, spawn location, kind); polls from entering and leaving a task's span; wakes from `tokio::task::waker`
// events (wake and wake_by_ref), the source being the task entered on the waking thread, else the timer that the
// target's next poll finds elapsed, else a task that just finished on that thread (its JoinHandle), else "outside";
// timers and semaphores from `runtime.resource` spans and their state updates.
//
// What tokio does not record is not invented: there are no park or steal events and no printed lines. Poll results
// and how a task ended are inferred and say so (kTokioInferences): a task whose span closes right after a poll on the
// same thread completed in that poll (Ready), every other poll was Pending; a task dropped any other way was
// cancelled. block_on's future is woken through the blocked thread, which tokio does not trace: its polls after the
// first are preceded by a wake from outside.
#include "TraceReader.h"

#include <string>
#include <string_view>

namespace wl {

inline constexpr const char* kTokioUnrecorded = "tokio records no parking, stealing, printed lines or panics";
inline constexpr const char* kTokioInferences =
    "poll results are inferred: a task's last poll before its span closes is Ready, the others Pending";

// Reads a capture from memory. Every rejection names the line and what was expected there ("line 12: ...").
TraceReadResult traceFromTokioCapture(std::string_view bytes, const TraceReadOptions& options = {});
// Reads a regular file only, at most options.maxBytes of it; errors start with the path. The trace's scenario is
// the file's name without its extension.
TraceReadResult loadTokioCapture(const std::string& path, const TraceReadOptions& options = {});

}  // namespace wl
