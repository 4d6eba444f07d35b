#pragma once
// Smaller values for the parameters of the scenarios that compute (busy loops): the interpreter charges each step
// 100 ns of virtual CPU, so a second of computing is ten million interpreted steps, and under a sanitizer each
// step is several times dearer. Tests that check determinism, invariants or interleavings run these scenarios with
// a few tens of milliseconds of computing instead: the same code paths and the same shape of run, in a fraction of
// the time. Golden stories and the lessons' own numbers use the defaults.
#include "scenarios/Scenario.h"

#include <map>
#include <string>

namespace wl::test {

inline std::map<std::string, std::int64_t> quickParams(const std::string& scenario)
{
    if (scenario == "cpu_starvation")
        return {{"crunch_ms", 40}};
    if (scenario == "runtime_flavors")
        return {{"cpu_ms", 20}};
    return {};
}

}  // namespace wl::test
