#pragma once
// The native trace file: versioned JSON, written here and read back losslessly by TraceReader (a streaming
// reader that validates everything and says what is wrong, where, what was expected and what was found).
#include "FileAccess.h"
#include "Trace.h"
#include "TraceReader.h"

#include <string>

namespace wl {

std::string traceToJson(const Trace& trace);

// Saving writes a temporary file and renames it, so a failure leaves any old file untouched.
bool saveTraceJson(const Trace& trace, const std::string& path, std::string* error);

}  // namespace wl
