// libFuzzer target: the native trace reader. Any input must be either rejected with a message or read into a
// trace that writes back to the same bytes it reads again (and that the invariant checker can walk).
#include "trace/InvariantChecker.h"
#include "trace/TraceJson.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const auto read = wl::traceFromJson(bytes);
    if (!read.trace) {
        if (read.error.empty())
            std::abort();  // a rejection must say why
        return 0;
    }
    (void)wl::checkInvariants(*read.trace);
    const std::string written = wl::traceToJson(*read.trace);
    const auto again = wl::traceFromJson(written);
    if (!again.trace || !(*again.trace == *read.trace))
        std::abort();  // what we write, we read back losslessly
    return 0;
}
