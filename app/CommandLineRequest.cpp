#include "CommandLineRequest.h"

#include "timeline/TimelineTheme.h"

#include <QCommandLineParser>
#include <QRegularExpression>

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

// "1.5s", "250ms", "300us", "42ns"; a bare number is milliseconds.
std::int64_t parseTime(const QString& text, const std::string& what)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        throw std::invalid_argument(what + ": expected a time such as 250ms, 1.5s or 300us, got '" + text.toStdString()
                                    + "'");
    const double v = m.captured(1).toDouble();
    const QString unit = m.captured(2).isEmpty() ? QStringLiteral("ms") : m.captured(2);
    const double scale = unit == "ns" ? 1 : unit == "s" ? 1e9 : unit == "ms" ? 1e6 : 1e3;
    if (v * scale > 9.0e18)
        throw std::invalid_argument(what + ": " + text.toStdString() + " is too far in time");
    return static_cast<std::int64_t>(v * scale);
}

QSizeF parseSize(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,5})x([0-9]{1,5})$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        throw std::invalid_argument("--size: expected WIDTHxHEIGHT such as 1920x1080, got '" + text.toStdString() + "'");
    const int w = m.captured(1).toInt(), h = m.captured(2).toInt();
    if (w < 200 || h < 150 || w > 20000 || h > 20000)
        throw std::invalid_argument("--size: expected from 200x150 to 20000x20000, got '" + text.toStdString() + "'");
    return QSizeF(w, h);
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

CommandLineRequest parseCommandLine(const QStringList& args)
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
    const QCommandLineOption hints("hints", "Print the run's hints: long polls, starved tasks, tasks that wake "
                                            "themselves, tasks left parked.");
    const QCommandLineOption trace("trace", "Save the recorded trace as Wakeline JSON.", "file.json");
    const QCommandLineOption chrome("chrome-trace", "Save the trace in Chrome Trace Event format (Perfetto).",
                                    "file.json");
    const QCommandLineOption input("input", "Read a saved trace instead of running a scenario.", "trace.json");
    const QCommandLineOption importTokio("import-tokio", "Read a real tokio run recorded by wakeline-capture "
                                                         "(resources/tokio-capture) instead of running a scenario.",
                                         "run.jsonl");
    const QCommandLineOption exportImage("export", "Export the timeline as an image (.png, .svg or .pdf).", "file");
    const QCommandLineOption view("view", "With --export: workers, tasks or both (default).", "view");
    const QCommandLineOption size("size", "With --export: the picture's size in pixels (default: 1600 wide, as tall as the content).", "WxH");
    const QCommandLineOption scale("scale", "With --export to PNG: device pixels per pixel (default 1; 2 for high-DPI).",
                                   "factor");
    const QCommandLineOption theme("theme", "With --export: light (default) or dark.", "theme");
    const QCommandLineOption axis("axis", "With --export: steps (each event a step, idle time a marked break; the "
                                          "default for simulated runs) or time.", "axis");
    const QCommandLineOption from("from", "With --export: start of the time range (e.g. 500ms).", "time");
    const QCommandLineOption to("to", "With --export: end of the time range (e.g. 1.5s).", "time");
    const QCommandLineOption check("check", "Check a Rust program (.rs): print its errors as file:line:col and "
                                            "exit 1 when there are any.", "file.rs");
    const QCommandLineOption program("program", "Run a Rust program (.rs) on the executor (simulated mode).", "file.rs");
    const QCommandLineOption maxSteps("max-steps", "Stop a program after <n> evaluation steps (default 50000000).", "n");
    const QCommandLineOption maxTasks("max-tasks", "Stop a program that spawns more than <n> tasks (default 100000).",
                                      "n");
    parser.addOptions({list, verbose, scenario, workers, mode, seed, param, print, hints, trace, chrome, input, importTokio, exportImage,
                       view, size, scale, theme, axis, from, to, check, program, maxSteps, maxTasks});

    CommandLineRequest r;
    auto usageError = [&](const std::string& message) {
        r.exitCode = 2;
        r.reply = "wakeline: " + message + "\n(see wakeline --help)\n";
        return r;
    };
    if (!parser.parse(args))
        return usageError(parser.errorText().toStdString());
    if (parser.isSet("help")) {
        r.reply = parser.helpText().toStdString();
        return r;
    }
    if (parser.isSet("version")) {
        r.reply = "wakeline " WAKELINE_VERSION "\n";
        return r;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError("unexpected argument '" + parser.positionalArguments().first().toStdString() + "'");
    if (parser.isSet(list)) {
        r.reply = listScenarios(parser.isSet(verbose));
        return r;
    }

    for (const QCommandLineOption* file : {&trace, &chrome, &input, &importTokio, &exportImage, &check, &program})
        if (parser.isSet(*file) && parser.value(*file).trimmed().isEmpty())
            return usageError("--" + file->names().constFirst().toStdString() + ": expected a file name, got '"
                              + parser.value(*file).toStdString() + "'");

    const bool runOptions = parser.isSet(workers) || parser.isSet(mode) || parser.isSet(seed) || parser.isSet(param)
        || parser.isSet(maxSteps) || parser.isSet(maxTasks);
    const bool outputs = parser.isSet(print) || parser.isSet(hints) || parser.isSet(trace) || parser.isSet(chrome)
        || parser.isSet(exportImage);
    if (parser.isSet(check)) {
        if (parser.isSet(scenario) || parser.isSet(input) || parser.isSet(importTokio) || runOptions || outputs)
            return usageError("--check only checks a program: it cannot be combined with other options");
        r.action = CommandLineRequest::Action::CheckProgram;
        r.programPath = parser.value(check).toStdString();
        return r;
    }
    if (parser.isSet(importTokio) && (parser.isSet(scenario) || parser.isSet(input) || parser.isSet(program) || runOptions))
        return usageError("--import-tokio reads a real tokio run: it cannot be combined with --scenario, --input, "
                          "--program, --workers, --mode, --seed, --param, --max-steps or --max-tasks");
    if (parser.isSet(program) && (parser.isSet(scenario) || parser.isSet(input) || parser.isSet(param)))
        return usageError("--program runs a program: it cannot be combined with --scenario, --input or --param "
                          "(parameters are the program's own constants)");
    if (parser.isSet(input) && (parser.isSet(scenario) || runOptions))
        return usageError("--input reads a recorded trace: it cannot be combined with --scenario, --workers, --mode, "
                          "--seed or --param");
    if (!parser.isSet(scenario) && !parser.isSet(input) && !parser.isSet(program) && !parser.isSet(importTokio)
        && (runOptions || outputs))
        return usageError("--workers, --mode, --seed, --param, --max-steps, --max-tasks, --print, --trace, "
                          "--chrome-trace and --export need --scenario, --program (or --input, --import-tokio)");
    const bool exportOptions = parser.isSet(view) || parser.isSet(size) || parser.isSet(scale) || parser.isSet(theme)
        || parser.isSet(axis) || parser.isSet(from) || parser.isSet(to);
    if (exportOptions && !parser.isSet(exportImage))
        return usageError("--view, --size, --scale, --theme, --axis, --from and --to need --export");

    r.print = parser.isSet(print);
    r.hints = parser.isSet(hints);
    r.tracePath = parser.value(trace).toStdString();
    r.chromeTracePath = parser.value(chrome).toStdString();
    r.exportPath = parser.value(exportImage).toStdString();
    ExportOptions& exportOpts = r.exportOptions;
    exportOpts.layout.size = QSizeF(1600, 0);  // the height fits the content unless --size says otherwise
    if (parser.isSet(exportImage)) {
        const std::string path = parser.value(exportImage).toStdString();
        if (!imageFormatForPath(path))
            return usageError("--export: unknown image type for '" + path + "'; use .png, .svg or .pdf");
        try {
            if (parser.isSet(view)) {
                const QString v = parser.value(view);
                if (v == "workers")
                    exportOpts.layout.view = TimelineView::Workers;
                else if (v == "tasks")
                    exportOpts.layout.view = TimelineView::Tasks;
                else if (v == "both")
                    exportOpts.layout.view = TimelineView::Both;
                else
                    throw std::invalid_argument("--view: expected workers, tasks or both, got '" + v.toStdString() + "'");
            }
            if (parser.isSet(size))
                exportOpts.layout.size = parseSize(parser.value(size));
            if (parser.isSet(scale)) {
                bool ok = false;
                exportOpts.scale = parser.value(scale).toDouble(&ok);
                if (!ok || !(exportOpts.scale > 0 && exportOpts.scale <= 8))  // also refuses nan
                    throw std::invalid_argument("--scale: expected a number above 0 and at most 8, got '"
                                                + parser.value(scale).toStdString() + "'");
            }
            if (parser.isSet(theme)) {
                const auto t = TimelineTheme::named(parser.value(theme));
                if (!t)
                    throw std::invalid_argument("--theme: expected light or dark, got '"
                                                + parser.value(theme).toStdString() + "'");
                exportOpts.layout.theme = *t;
            }
            if (parser.isSet(axis)) {
                const QString a = parser.value(axis);
                if (a == "steps")
                    exportOpts.axis = TimelineAxis::Steps;
                else if (a == "time")
                    exportOpts.axis = TimelineAxis::Time;
                else
                    throw std::invalid_argument("--axis: expected steps or time, got '" + a.toStdString() + "'");
            }
            if (parser.isSet(from))
                exportOpts.layout.from = parseTime(parser.value(from), "--from");
            if (parser.isSet(to))
                exportOpts.layout.to = parseTime(parser.value(to), "--to");
            if (parser.isSet(to) && exportOpts.layout.to <= exportOpts.layout.from)
                throw std::invalid_argument(parser.isSet(from) ? "--to must be later than --from"
                                                               : "--to must be later than 0, the start of the run");
        } catch (const std::invalid_argument& e) {
            return usageError(e.what());
        }
    }

    if (parser.isSet(input) || parser.isSet(importTokio)) {
        r.action = CommandLineRequest::Action::DrawTrace;
        r.inputIsTokioCapture = parser.isSet(importTokio);
        r.inputPath = parser.value(r.inputIsTokioCapture ? importTokio : input).toStdString();
        return r;
    }

    // What a program's run and a scenario's share: workers, mode, seed and the interpreter's limits.
    auto readRunOptions = [&](RunOptions& options) {
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
        if (parser.isSet(maxSteps))
            options.maxSteps = std::uint64_t(parseNumber(parser.value(maxSteps), "--max-steps", 1, 10'000'000'000LL));
        if (parser.isSet(maxTasks))
            options.maxTasks = std::uint64_t(parseNumber(parser.value(maxTasks), "--max-tasks", 1, 10'000'000));
    };

    if (parser.isSet(program)) {
        try {
            readRunOptions(r.run);
        } catch (const std::invalid_argument& e) {
            return usageError(e.what());
        }
        r.action = CommandLineRequest::Action::RunProgram;
        r.programPath = parser.value(program).toStdString();
        return r;
    }

    const std::string id = parser.isSet(scenario) ? parser.value(scenario).toStdString() : kDefaultScenario;
    const Scenario* chosen = findScenario(id);
    if (!chosen)
        return usageError("unknown scenario '" + id + "'; valid: " + scenarioIds());

    RunOptions& options = r.run;
    try {
        readRunOptions(options);
        for (const QString& p : parser.values(param)) {
            const auto eq = p.indexOf(u'=');
            if (eq <= 0)
                throw std::invalid_argument("--param: expected name=value, got '" + p.toStdString() + "'");
            const std::string name = p.left(eq).toStdString();
            options.params[name] = parseNumber(p.mid(eq + 1), "--param " + name, INT64_MIN / 2, INT64_MAX / 2);
        }
        resolveParams(*chosen, options.params);  // names and ranges, checked before anything runs
    } catch (const std::invalid_argument& e) {
        return usageError(e.what());
    }

    r.action = CommandLineRequest::Action::RunScenario;
    r.scenario = chosen;
    return r;
}

}  // namespace wl
