#pragma once
// What a command line asks for, parsed and checked without running a scenario or touching a file, so every check
// can be tested (and fuzzed: tests/fuzz/fuzz_command_line.cpp) apart from the work it guards.
#include "export/ImageExport.h"
#include "scenarios/Scenario.h"

#include <QStringList>

#include <string>

namespace wl {

struct CommandLineRequest {
    enum class Action {
        Reply,        // print `reply` and exit with `exitCode`: help, version, the scenario list, or a usage error
        RunScenario,  // run `scenario` with `run`, then write the outputs
        DrawTrace,    // read the trace at `inputPath`, then write the outputs
        CheckProgram, // lex, parse and resolve the program at `programPath`; report its errors
        RunProgram,   // run the program at `programPath` (workers and seed in `run`), then write the outputs
    };
    Action action = Action::Reply;
    int exitCode = 0;   // Reply: 0, or 2 for a usage error
    std::string reply;  // Reply: the text for stdout, or for a usage error the message for stderr

    const Scenario* scenario = nullptr;
    RunOptions run;  // parameters already checked against the scenario's ranges
    std::string inputPath;
    bool inputIsTokioCapture = false;  // DrawTrace: inputPath is a real tokio run (wakeline-capture's JSON lines)
    std::string programPath;

    bool print = false;  // the printed lines; also written when no file output is asked for
    bool hints = false;  // the hints (core/trace/Hints): what a student should look at in the run
    std::string tracePath;
    std::string chromeTracePath;
    std::string exportPath;  // its extension is a known image type
    ExportOptions exportOptions;
};

// args includes the program name first, as in argv.
CommandLineRequest parseCommandLine(const QStringList& args);

}  // namespace wl
