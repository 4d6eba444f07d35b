#pragma once
// The native trace reader: streams the JSON through a SAX parser (RapidJSON) straight into a Trace, without a
// document tree, so memory stays near the 40 bytes an event costs. Every rejection names the spot (a JSON path such
// as events[12][3], or line:column for broken JSON). Its last step is the invariant checker: a trace that describes
// an impossible run is refused, never drawn.
#include "Trace.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace wl {

// The documented bounds of what a reader accepts (README, "Limits of the readers").
inline constexpr std::uint64_t kMaxTraceFileBytes = 1ull << 30;  // 1 GiB of JSON (about 20 million events)
inline constexpr std::size_t kMaxTraceStringBytes = 1u << 16;     // any one name or printed line: 64 KiB

struct TraceReadResult {
    std::optional<Trace> trace;
    std::string error;  // set when trace is empty
};

struct TraceReadOptions {
    std::uint64_t maxBytes = kMaxTraceFileBytes;
    // Called now and then with the bytes read so far and the total (0 when unknown), off the caller's thread if
    // the caller reads off its thread. Reading stops with the error "cancelled" once `cancel` is set.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

inline constexpr const char* kReadCancelled = "cancelled";

TraceReadResult traceFromJson(const std::string& bytes, const TraceReadOptions& options = {});
// Reads a regular file only (a device, FIFO or directory is refused before a byte is read), at most
// options.maxBytes of it; errors start with the path.
TraceReadResult loadTraceJson(const std::string& path, const TraceReadOptions& options = {});

}  // namespace wl
