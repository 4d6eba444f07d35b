#pragma once
// What a program says about itself, for the picker and the parameter panel: its `//!` doc comment (title, summary,
// lesson, group) and its parameters, `const` items marked with a comment:
//
//     //! Join: two futures at once                      <- title (the first line)
//     //!
//     //! Both fetches run together: done after 2 s.      <- summary (the first paragraph after it)
//     //!
//     //! tokio::join! polls every future it is given ...  <- lesson (the paragraphs after that)
//     //!
//     //! Group: composition                              <- group (a line of its own, anywhere)
//     const TEMPERATURE_MS: u64 = 2000; // param 0..=600000 ms: how long fetch_temperature takes
//
// A parameter's name is the constant's in lower case (temperature_ms); its range is inclusive; "ms" after the
// range marks a duration. Setting a parameter rewrites the constant's value in the source, so the program shown is
// always exactly the program run.
#include "Source.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wl::lang {

struct ProgramParam {
    std::string name;  // the constant's name in lower case
    std::int64_t value = 0;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::string unit;  // "ms" or ""
    std::string help;
    Span literal;  // where the value is written in the source
};

struct ProgramInfo {
    std::string title, summary, lesson, group;
    std::vector<ProgramParam> params;
    std::vector<Diagnostic> problems;  // a malformed parameter comment, a value out of its range, a name used twice
};

ProgramInfo readProgramInfo(std::string_view source);

// `source` with each parameter in `values` set (written as a plain integer, with `_` between thousands when the
// original literal had them). Throws std::invalid_argument naming an unknown parameter (and the known ones) or a
// value outside its range.
std::string withParams(std::string_view source, const ProgramInfo& info, const std::map<std::string, std::int64_t>& values);

// `source` with its `#[tokio::main(...)]` attribute saying `workers`: `flavor = "current_thread"` for 1, else
// `flavor = "multi_thread", worker_threads = N` (start_paused kept). Unchanged when there is no such attribute.
std::string withWorkers(std::string_view source, std::uint32_t workers);

}  // namespace wl::lang
