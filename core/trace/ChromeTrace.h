#pragma once
// Export to the Chrome Trace Event format, so a run opens in Perfetto UI or chrome://tracing: a track per lane
// (plus one for the runtime's timers), a slice per poll named after its task, and for every wake an instant
// where it happened plus a flow arrow (with its own id) to the poll it caused.
#include "Trace.h"

#include <string>

namespace wl {
std::string traceToChromeJson(const Trace& trace);
}
