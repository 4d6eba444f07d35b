#pragma once
// The headless command line: list scenarios, run one, print its output, save its trace. Kept apart from main()
// so tests can call it with any arguments and read what it says.
#include <QStringList>

#include <string>

namespace wl {

struct CommandLineResult {
    int exitCode = 0;
    std::string out;
    std::string err;
};

// args includes the program name first, as in argv.
CommandLineResult runCommandLine(const QStringList& args);

// "1000 ms  Humidity fetched": a printed line with its time since the start of the run.
std::string formatPrintedLine(std::int64_t timeNs, const std::string& text);

}  // namespace wl
