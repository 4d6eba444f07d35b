// libFuzzer target: programs that pass the front end are run on the executor under a small step budget. Whatever
// they do, the run must end (the budget, a panic or main returning), its trace must satisfy the invariant checker,
// and a run that did not finish must say why.
#include "lang/Interpreter.h"
#include "trace/InvariantChecker.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size > 4096)
        return 0;  // lessons are short; long inputs only slow the search down
    wl::lang::ProgramOptions o;
    o.file = "fuzz.rs";
    o.maxSteps = 20000;
    o.maxDepth = 50;
    o.workers = 2;
    const wl::lang::ProgramRun r = wl::lang::runProgram(std::string(reinterpret_cast<const char*>(data), size), o);
    if (!r.checked)
        return r.error.empty() ? (std::abort(), 0) : 0;
    if (!wl::checkInvariants(r.trace).empty())
        std::abort();
    return 0;
}
