#include "CommandLine.h"

#include "scenarios/Scenario.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceJson.h"

#include <QCommandLineParser>

#include <cstdio>
#include <map>
#include <stdexcept>

namespace wl {
namespace {
constexpr const char* kDefaultScenario = "join";

std::string scenarioIds()
{
    std::string ids;
    for (const auto& s : allScenarios())
        ids += (ids.empty() ? "" : ", ") + s.id;
    return ids;
}

// Parses a whole decimal number in [min, max]; throws std::invalid_argument naming the option otherwise.
std::int64_t parseNumber(const QString& text, const std::string& what, std::int64_t min, std::int64_t max)
{
    bool ok = false;
    const qlonglong v = text.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max)
        throw std::invalid_argument(what + ": expected a whole number from " + std::to_string(min) + " to "
                                    + std::to_string(max) + ", got '" + text.toStdString() + "'");
    return v;
}

std::uint64_t parseSeed(const QString& text)
{
    bool ok = false;
    const qulonglong v = text.trimmed().toULongLong(&ok);
    if (!ok || text.trimmed().startsWith(u'-'))
        throw std::invalid_argument("--seed: expected a whole number from 0 to 18446744073709551615, got '"
                                    + text.toStdString() + "'");
    return v;
}

std::string listScenarios(bool verbose)
{
    std::string out;
    for (const auto& s : allScenarios()) {
        out += s.id + "\t" + s.title + " - " + s.summary + "\n";
        if (!verbose)
            continue;
        out += "    default workers: " + std::to_string(s.defaultWorkers) + "\n";
        for (const auto& p : s.params)
            out += "    --param " + p.name + "=" + std::to_string(p.defaultValue) + (p.unit.empty() ? "" : " " + p.unit)
                + "  (" + std::to_string(p.min) + ".." + std::to_string(p.max) + ") " + p.help + "\n";
    }
    return out;
}
}  // namespace

std::string formatPrintedLine(std::int64_t timeNs, const std::string& text)
{
    char buf[64];
    if (timeNs % 1'000'000 == 0)
        std::snprintf(buf, sizeof buf, "%lld ms", static_cast<long long>(timeNs / 1'000'000));
    else
        std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(timeNs) / 1e6);
    return std::string(buf) + "  " + text;
}

CommandLineResult runCommandLine(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Wakeline shows how async tasks are scheduled: futures polled, parked, woken and completed on workers.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption list("list-scenarios", "List the scenarios, one a line, id first.");
    const QCommandLineOption verbose("verbose", "With --list-scenarios: show parameters, defaults and ranges.");
    const QCommandLineOption scenario("scenario", "Run scenario <name>.", "name");
    const QCommandLineOption workers("workers", "Number of workers (1-64; default: the scenario's).", "n");
    const QCommandLineOption mode("mode", "simulated (deterministic, virtual time; default) or threaded.", "mode");
    const QCommandLineOption seed("seed", "Seed of the simulated scheduler (default 1).", "n");
    const QCommandLineOption param("param", "Set a scenario parameter, e.g. --param sleep_ms=200.", "name=value");
    const QCommandLineOption print("print", "Print the scenario's output lines as '<time> ms  <text>'.");
    const QCommandLineOption trace("trace", "Save the recorded trace as Wakeline JSON.", "file.json");
    const QCommandLineOption chrome("chrome-trace", "Save the trace in Chrome Trace Event format (Perfetto).",
                                    "file.json");
    parser.addOptions({list, verbose, scenario, workers, mode, seed, param, print, trace, chrome});

    CommandLineResult r;
    auto usageError = [&](const std::string& message) {
        r.exitCode = 2;
        r.err = "wakeline: " + message + "\n(see wakeline --help)\n";
        return r;
    };
    if (!parser.parse(args))
        return usageError(parser.errorText().toStdString());
    if (parser.isSet("help")) {
        r.out = parser.helpText().toStdString();
        return r;
    }
    if (parser.isSet("version")) {
        r.out = "wakeline " WAKELINE_VERSION "\n";
        return r;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError("unexpected argument '" + parser.positionalArguments().first().toStdString() + "'");
    if (parser.isSet(list)) {
        r.out = listScenarios(parser.isSet(verbose));
        return r;
    }

    const bool headlessOnly = parser.isSet(workers) || parser.isSet(mode) || parser.isSet(seed) || parser.isSet(param)
        || parser.isSet(print) || parser.isSet(trace) || parser.isSet(chrome);
    if (!parser.isSet(scenario) && headlessOnly)
        return usageError("--workers, --mode, --seed, --param, --print, --trace and --chrome-trace need --scenario");

    const std::string id = parser.isSet(scenario) ? parser.value(scenario).toStdString() : kDefaultScenario;
    const Scenario* chosen = findScenario(id);
    if (!chosen)
        return usageError("unknown scenario '" + id + "'; valid: " + scenarioIds());

    RunOptions options;
    try {
        if (parser.isSet(workers))
            options.workers = static_cast<std::uint32_t>(parseNumber(parser.value(workers), "--workers", 1, 64));
        if (parser.isSet(mode)) {
            const QString m = parser.value(mode);
            if (m == "simulated")
                options.mode = Mode::Simulated;
            else if (m == "threaded")
                options.mode = Mode::Threaded;
            else
                throw std::invalid_argument("--mode: expected simulated or threaded, got '" + m.toStdString() + "'");
        }
        if (parser.isSet(seed))
            options.seed = parseSeed(parser.value(seed));
        for (const QString& p : parser.values(param)) {
            const auto eq = p.indexOf(u'=');
            if (eq <= 0)
                throw std::invalid_argument("--param: expected name=value, got '" + p.toStdString() + "'");
            const std::string name = p.left(eq).toStdString();
            options.params[name] = parseNumber(p.mid(eq + 1), "--param " + name, INT64_MIN / 2, INT64_MAX / 2);
        }
    } catch (const std::invalid_argument& e) {
        return usageError(e.what());
    }

    Trace recorded;
    try {
        recorded = runScenario(*chosen, options);
    } catch (const std::invalid_argument& e) {
        return usageError(e.what());
    }

    const bool quiet = parser.isSet(trace) || parser.isSet(chrome);
    if (parser.isSet(print) || !quiet) {
        for (const auto& [time, text] : recorded.printedLines())
            r.out += formatPrintedLine(time, text) + "\n";
    }
    std::string error;
    if (parser.isSet(trace) && !saveTraceJson(recorded, parser.value(trace).toStdString(), &error)) {
        r.exitCode = 1;
        r.err += "wakeline: --trace: " + error + "\n";
    }
    if (parser.isSet(chrome)
        && !writeFileAtomically(parser.value(chrome).toStdString(), traceToChromeJson(recorded), &error)) {
        r.exitCode = 1;
        r.err += "wakeline: --chrome-trace: " + error + "\n";
    }
    return r;
}

}  // namespace wl
