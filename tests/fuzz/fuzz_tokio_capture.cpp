// libFuzzer target: the tokio capture importer (--import-tokio, File > Import tokio run). Any input must be either
// refused with a message that names its line (or says the capture is empty or has no task), or read into a trace
// the invariant checker accepts and the native format writes and reads back unchanged.
#include "trace/InvariantChecker.h"
#include "trace/TokioCapture.h"
#include "trace/TraceJson.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto read = wl::traceFromTokioCapture(bytes);
    if (!read.trace) {
        const std::string& e = read.error;
        if (e.rfind("line ", 0) != 0 && e.rfind("no ", 0) != 0 && e.rfind("more than", 0) != 0
            && e.rfind("the capture describes", 0) != 0)
            std::abort();  // a refusal says where, or why the whole capture is refused
        return 0;
    }
    if (!wl::checkInvariants(*read.trace).empty())
        std::abort();  // the importer runs the checker: a trace it returns is a possible run
    const auto again = wl::traceFromJson(wl::traceToJson(*read.trace));
    if (!again.trace || !(*again.trace == *read.trace))
        std::abort();
    return 0;
}
