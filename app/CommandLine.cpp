#include "CommandLine.h"

#include "CommandLineRequest.h"
#include "lang/Interpreter.h"
#include "lang/Resolver.h"
#include "lang/SourceFile.h"
#include "trace/ChromeTrace.h"
#include "trace/Hints.h"
#include "trace/TokioCapture.h"
#include "trace/TraceJson.h"

#include <cstdio>

namespace wl {

std::string formatPrintedLine(std::int64_t timeNs, const std::string& text)
{
    char buf[64];
    if (timeNs % 1'000'000 == 0)
        std::snprintf(buf, sizeof buf, "%lld ms", static_cast<long long>(timeNs / 1'000'000));
    else
        std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(timeNs) / 1e6);
    return std::string(buf) + "  " + text;
}

namespace {
// Everything a run (or a loaded trace) can be turned into: printed lines, trace files, an image.
CommandLineResult writeOutputs(const Trace& recorded, const CommandLineRequest& request)
{
    CommandLineResult r;
    const bool quiet = !request.tracePath.empty() || !request.chromeTracePath.empty() || !request.exportPath.empty()
        || request.hints;
    if (request.print || !quiet) {
        for (const auto& [time, text] : recorded.printedLines())
            r.out += formatPrintedLine(time, text) + "\n";
    }
    if (request.hints) {  // "50 ms  hint (long poll): main held worker 0 for 800 ms in one poll: …"
        const auto hints = findHints(recorded);
        for (const Hint& h : hints)
            r.out += formatPrintedLine(h.time, "hint (" + std::string(hintKindName(h.kind)) + "): " + h.text) + "\n";
        if (hints.empty())
            r.out += "no hints: nothing held a worker long, starved, spun or was left parked\n";
    }
    std::string error;
    if (!request.tracePath.empty() && !saveTraceJson(recorded, request.tracePath, &error)) {
        r.exitCode = 1;
        r.err += "wakeline: --trace: " + error + "\n";
    }
    if (!request.chromeTracePath.empty()
        && !writeFileAtomically(request.chromeTracePath, traceToChromeJson(recorded), &error)) {
        r.exitCode = 1;
        r.err += "wakeline: --chrome-trace: " + error + "\n";
    }
    if (!request.exportPath.empty()) {
        error = exportTimeline(recorded, request.exportPath, request.exportOptions);
        if (!error.empty()) {
            r.exitCode = 1;
            r.err += "wakeline: --export: " + error + "\n";
        }
    }
    return r;
}
}  // namespace

CommandLineResult runCommandLine(const QStringList& args)
{
    const CommandLineRequest request = parseCommandLine(args);
    switch (request.action) {
    case CommandLineRequest::Action::Reply: {
        CommandLineResult r;
        r.exitCode = request.exitCode;
        (request.exitCode == 0 ? r.out : r.err) = request.reply;
        return r;
    }
    case CommandLineRequest::Action::DrawTrace: {
        auto loaded = request.inputIsTokioCapture ? loadTokioCapture(request.inputPath) : loadTraceJson(request.inputPath);
        if (!loaded.trace)
            return {1, {}, std::string("wakeline: ") + (request.inputIsTokioCapture ? "--import-tokio: " : "--input: ")
                               + loaded.error + "\n"};
        return writeOutputs(*loaded.trace, request);
    }
    case CommandLineRequest::Action::CheckProgram: {
        std::string text, error;
        if (!lang::readSourceFile(request.programPath, &text, &error))
            return {1, {}, "wakeline: --check: " + error + "\n"};
        CommandLineResult r;
        for (const auto& d : lang::check(text))
            r.err += lang::formatDiagnostic(request.programPath, d) + "\n";
        r.exitCode = r.err.empty() ? 0 : 1;
        if (r.err.empty())
            r.out = request.programPath + ": no problems found\n";
        return r;
    }
    case CommandLineRequest::Action::RunProgram: {
        std::string text, error;
        if (!lang::readSourceFile(request.programPath, &text, &error))
            return {1, {}, "wakeline: --program: " + error + "\n"};
        lang::ProgramOptions options;
        options.file = request.programPath;
        options.workers = request.run.workers;
        options.seed = request.run.seed;
        options.mode = request.run.mode;
        if (request.run.maxSteps)
            options.maxSteps = *request.run.maxSteps;
        if (request.run.maxTasks)
            options.maxTasks = *request.run.maxTasks;
        lang::ProgramRun run = lang::runProgram(text, options);
        if (!run.checked)
            return {1, {}, run.error + "\n"};
        CommandLineResult r = writeOutputs(run.trace, request);
        if (!run.error.empty()) {
            r.exitCode = 1;  // what ran is still printed and written
            r.err += run.error + "\n";
        }
        return r;
    }
    case CommandLineRequest::Action::RunScenario:
        break;
    }
    Trace recorded;
    std::string stopped;  // a limit or a panic in main: what ran is still written
    try {
        recorded = runScenario(*request.scenario, request.run, &stopped);
    } catch (const std::invalid_argument& e) {
        return {2, {}, "wakeline: " + std::string(e.what()) + "\n(see wakeline --help)\n"};
    }
    CommandLineResult r = writeOutputs(recorded, request);
    if (!stopped.empty()) {
        r.exitCode = 1;
        r.err += stopped + "\n";
    }
    return r;
}

}  // namespace wl
