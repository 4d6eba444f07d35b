#pragma once
// The native trace file: versioned JSON, written and read back losslessly. The reader validates everything and
// says what is wrong, where, what was expected and what was found; it never crashes on bad input.
#include "Trace.h"

#include <optional>
#include <string>

namespace wl {

std::string traceToJson(const Trace& trace);

struct TraceReadResult {
    std::optional<Trace> trace;
    std::string error;  // set when trace is empty
};
TraceReadResult traceFromJson(const std::string& bytes);

// File helpers: saving writes a temporary file and renames it, so a failure leaves any old file untouched.
bool saveTraceJson(const Trace& trace, const std::string& path, std::string* error);
TraceReadResult loadTraceJson(const std::string& path);

// Writes bytes to path atomically (QSaveFile); false and a message naming the path on failure.
bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string* error);

}  // namespace wl
