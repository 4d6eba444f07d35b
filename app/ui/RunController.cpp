#include "RunController.h"

#include "trace/TokioCapture.h"

#include "CommandLine.h"
#include "export/ImageExport.h"
#include "lang/ProgramInfo.h"
#include "lang/Resolver.h"
#include "lang/SourceFile.h"
#include "trace/FileAccess.h"
#include "scenarios/Scenario.h"
#include "trace/ChromeTrace.h"
#include "trace/TokioCapture.h"
#include "trace/TraceJson.h"

#include <QFileInfo>

#include <cstdlib>
#include <limits>

#include <QtConcurrent/QtConcurrentRun>
#include <qcoro/qcorofuture.h>
#include <qcoro/qcorotask.h>

namespace wl {
namespace {
QString localPath(const QUrl& file) { return file.isLocalFile() ? file.toLocalFile() : file.toString(); }

struct RunOutcome {
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const TimelineModel> timeline;
    std::shared_ptr<const TraceIndex> index;
    QString error;
    QString stopped;  // the program stopped early (a panic in main, a limit): why, with its position
};
}  // namespace

RunController::RunController(QObject* parent) : QObject(parent)
{
    workers_ = defaultWorkers();
    loadSource(builtinSource());
    progressTimer_.setInterval(100);
    connect(&progressTimer_, &QTimer::timeout, this, [this] {
        if (!progressText_)
            return;
        progress_ = progressText_();
        emit progressChanged();
    });
}

void RunController::cancel()
{
    if (control_ && running_)
        control_->stop = true;
    if (loadCancel_ && loading_)
        loadCancel_->store(true);
}

unsigned RunController::supersede()
{
    if (control_)
        control_->stop = true;
    if (loadCancel_)
        loadCancel_->store(true);
    if (running_) {
        running_ = false;
        emit runningChanged();
    }
    if (loading_) {
        loading_ = false;
        emit loadingChanged();
    }
    stopProgress();
    return ++generation_;
}

void RunController::startProgress(std::function<QString()> text)
{
    progressText_ = std::move(text);  // shown from the first tick on: a quick run or read never flickers
    progressTimer_.start();
}

void RunController::stopProgress()
{
    progressTimer_.stop();
    progressText_ = nullptr;
    progress_.clear();
    emit progressChanged();
}

const Scenario* RunController::currentScenario() const
{
    return userProgram_ ? &*userProgram_ : findScenario(scenarioId_.toStdString());
}

void RunController::setScenarioId(const QString& id)
{
    const Scenario* s = findScenario(id.toStdString());
    if (!s) {
        setStatus("Unknown scenario '" + id + "'");
        return;
    }
    if (id == scenarioId_ && !userProgram_)
        return;  // the same scenario keeps the workers and parameters the user set
    userProgram_.reset();
    scenarioId_ = id;
    workers_ = int(s->defaultWorkers);
    params_.clear();
    loadSource(builtinSource());  // (the window asks before it discards an edit)
    emit scenarioChanged();
    emit optionsChanged();
}

QString RunController::title() const
{
    const Scenario* s = currentScenario();
    return s ? QString::fromStdString(s->title) : QString();
}

QString RunController::lesson() const
{
    const Scenario* s = currentScenario();
    return s ? QString::fromStdString(s->lesson) : QString();
}

int RunController::defaultWorkers() const
{
    const Scenario* s = currentScenario();
    return s ? int(s->defaultWorkers) : 1;
}

void RunController::setWorkers(int w)
{
    w = std::clamp(w, 1, 64);
    if (w != workers_) {
        workers_ = w;
        loadSource(QString::fromStdString(lang::withWorkers(source_.toStdString(), std::uint32_t(w))));
        emit optionsChanged();
    }
}

void RunController::setThreaded(bool t)
{
    if (t != threaded_) {
        threaded_ = t;
        emit optionsChanged();
    }
}

void RunController::setSeed(int s)
{
    if (s != seed_ && s >= 0) {
        seed_ = s;
        emit optionsChanged();
    }
}

QVariantList RunController::params() const
{
    QVariantList out;
    const Scenario* s = currentScenario();
    if (!s)
        return out;
    for (const auto& p : s->params) {
        const auto it = params_.find(p.name);
        out.append(QVariantMap{{"name", QString::fromStdString(p.name)},
                               {"value", double(it == params_.end() ? p.defaultValue : it->second)},
                               {"min", double(p.min)},
                               {"max", double(p.max)},
                               {"unit", QString::fromStdString(p.unit)},
                               {"help", QString::fromStdString(p.help)}});
    }
    return out;
}

void RunController::setParam(const QString& name, double value)
{
    const Scenario* s = currentScenario();
    if (!s)
        return;
    for (const auto& p : s->params)
        if (QString::fromStdString(p.name) == name) {
            params_[p.name] = std::clamp<std::int64_t>(std::int64_t(value), p.min, p.max);
            // The constant is rewritten in the editor's text too, keeping every other edit.
            const lang::ProgramInfo info = lang::readProgramInfo(source_.toStdString());
            for (const auto& q : info.params)
                if (q.name == p.name && q.min <= params_[p.name] && params_[p.name] <= q.max)
                    loadSource(QString::fromStdString(lang::withParams(source_.toStdString(), info, {{p.name, params_[p.name]}})));
            emit optionsChanged();
            return;
        }
}

QStringList RunController::printedLines() const
{
    QStringList lines;
    if (trace_)
        for (const auto& [time, text] : trace_->printedLines())
            lines << QString::fromStdString(formatPrintedLine(time, text));
    return lines;
}

void RunController::adopt(std::shared_ptr<const Trace> trace, std::shared_ptr<const TimelineModel> timeline,
                          std::shared_ptr<const TraceIndex> index, const QString& origin)
{
    trace_ = std::move(trace);
    timeline_ = std::move(timeline);
    index_ = std::move(index);
    setStatus(QString("%1%2 · %3 events · %4 ms")
                  .arg(origin.isEmpty() ? QString() : origin + " · ")
                  .arg(QString::fromStdString(timeline_->title()))
                  .arg(trace_->events.size())
                  .arg(double(trace_->duration) / 1e6, 0, 'f', 1));
    emit traceChanged();
    emit timelineChanged();
}

void RunController::setStepAxis(bool on)
{
    axisChoice_ = on ? TimelineAxis::Steps : TimelineAxis::Time;
    if (!trace_ || stepAxis() == on)
        return;
    // The same trace on the other axis: built here, it takes about as long as a frame per 100,000 events.
    timeline_ = std::make_shared<const TimelineModel>(TimelineModel::build(*trace_, *axisChoice_));
    emit timelineChanged();
}

bool RunController::fail(const QString& message)
{
    emit errorOccurred(message);
    return false;
}

void RunController::openTrace(const QUrl& file) { openFile(file, false); }
void RunController::importTokioRun(const QUrl& file) { openFile(file, true); }

void RunController::openFile(const QUrl& file, bool tokioCapture)
{
    const QString path = localPath(file);
    const unsigned generation = supersede();
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    auto done = std::make_shared<std::atomic<std::uint64_t>>(0);
    auto total = std::make_shared<std::atomic<std::uint64_t>>(0);
    loadCancel_ = cancelled;
    loading_ = true;
    emit loadingChanged();
    const QString name = QFileInfo(path).fileName();
    startProgress([name, done, total] {
        const auto t = total->load();
        return t ? QString("Reading %1: %2 %").arg(name).arg(int(100.0 * double(done->load()) / double(t)))
                 : QString("Reading %1…").arg(name);
    });

    auto task = [](RunController* self, QString path, unsigned generation, std::shared_ptr<std::atomic<bool>> cancelled,
                   std::shared_ptr<std::atomic<std::uint64_t>> done,
                   std::shared_ptr<std::atomic<std::uint64_t>> total, bool tokioCapture,
                   std::optional<TimelineAxis> axis) -> QCoro::Task<> {
        QFuture<RunOutcome> work = QtConcurrent::run([path, cancelled, done, total, tokioCapture, axis]() -> RunOutcome {
            TraceReadOptions options;
            options.cancel = cancelled.get();
            options.progress = [done, total](std::uint64_t d, std::uint64_t t) {
                done->store(d);
                total->store(t);
            };
            auto loaded = tokioCapture ? loadTokioCapture(path.toStdString(), options)
                                       : loadTraceJson(path.toStdString(), options);
            if (!loaded.trace)
                return {nullptr, nullptr, nullptr, QString::fromStdString(loaded.error), {}};
            auto trace = std::make_shared<const Trace>(std::move(*loaded.trace));
            auto timeline =
                std::make_shared<const TimelineModel>(TimelineModel::build(*trace, axis.value_or(defaultAxis(*trace))));
            auto index = std::make_shared<const TraceIndex>(TraceIndex::build(*trace));
            return {trace, timeline, index, {}, {}};
        });
        RunOutcome outcome = co_await work;
        if (generation != self->generation_)
            co_return;  // a run or another file was started meanwhile; it wins
        self->loading_ = false;
        emit self->loadingChanged();
        self->stopProgress();
        if (!outcome.trace) {
            if (outcome.error != QLatin1String(kReadCancelled))
                self->fail(outcome.error);
            co_return;
        }
        self->takeOptionsFrom(*outcome.trace);
        self->traceSource_.clear();  // an opened trace shows its scenario's program
        self->adopt(std::move(outcome.trace), std::move(outcome.timeline), std::move(outcome.index),
                    QFileInfo(path).fileName());
    };
    task(this, path, generation, cancelled, done, total, tokioCapture, axisChoice_);
}

void RunController::takeOptionsFrom(const Trace& trace)
{
    const bool wasEdited = edited();  // an edit stays in the editor; an unedited program follows the trace
    const Scenario* scenario = findScenario(trace.scenario);
    if (scenario) {
        scenarioId_ = QString::fromStdString(trace.scenario);
        if (!wasEdited)
            userProgram_.reset();  // a built-in scenario's trace: its program, unless an edit is kept
    }
    workers_ = int(trace.workers);
    threaded_ = trace.mode == Mode::Threaded;
    seed_ = int(std::min<std::uint64_t>(trace.seed, std::uint64_t(std::numeric_limits<int>::max())));
    params_.clear();
    const auto& known = scenario ? scenario->params : std::vector<ScenarioParam>{};
    for (const auto& [name, value] : trace.params)
        for (const auto& p : known)
            if (p.name == name) {
                char* end = nullptr;
                const long long v = std::strtoll(value.c_str(), &end, 10);
                if (end && *end == '\0' && !value.empty())
                    params_[p.name] = std::clamp<std::int64_t>(v, p.min, p.max);
            }
    if (!wasEdited)
        loadSource(builtinSource());
    emit scenarioChanged();
    emit optionsChanged();
}

bool RunController::saveTrace(const QUrl& file)
{
    if (!trace_)
        return fail("Nothing to save yet: run a scenario first.");
    const QString path = localPath(file);
    std::string error;
    if (!saveTraceJson(*trace_, path.toStdString(), &error))
        return fail(QString::fromStdString(error));
    setStatus("Wrote " + path);
    emit fileWritten(path);
    return true;
}

bool RunController::exportChromeTrace(const QUrl& file)
{
    if (!trace_)
        return fail("Nothing to export yet: run a scenario first.");
    const QString path = localPath(file);
    std::string error;
    if (!writeFileAtomically(path.toStdString(), traceToChromeJson(*trace_), &error))
        return fail(QString::fromStdString(error));
    setStatus("Wrote " + path);
    emit fileWritten(path);
    return true;
}

void RunController::exportImage(const QUrl& file, int view, int width, int height, bool dark, double scale)
{
    if (!timeline_) {
        fail("Nothing to export yet: run a scenario first.");
        return;
    }
    ExportOptions o;
    o.layout.size = QSizeF(width, height);
    o.layout.view = view == 1 ? TimelineView::Workers : view == 2 ? TimelineView::Tasks : TimelineView::Both;
    o.layout.theme = dark ? TimelineTheme::dark() : TimelineTheme::light();
    o.scale = scale;
    exporting_ = true;
    emit exportingChanged();
    // The model is shared and immutable, so the worker thread can paint it while the window goes on.
    auto task = [](RunController* self, std::shared_ptr<const TimelineModel> model, QString path,
                   ExportOptions o) -> QCoro::Task<> {
        QFuture<QString> work = QtConcurrent::run([model, path, o]() {
            return QString::fromStdString(exportTimeline(*model, path.toStdString(), o));
        });
        const QString error = co_await work;
        self->exporting_ = false;
        emit self->exportingChanged();
        if (error.isEmpty()) {
            self->setStatus("Wrote " + path);
            emit self->fileWritten(path);
        } else {
            self->fail(error);
        }
    };
    task(this, timeline_, localPath(file), o);
}

QString RunController::builtinSource() const
{
    const Scenario* s = currentScenario();
    if (!s)
        return {};
    // The attribute says the worker count the run will have, so the program shown is the program run.
    return QString::fromStdString(lang::withWorkers(s->sourceWith(resolveParams(*s, params_)), std::uint32_t(workers_)));
}

void RunController::loadSource(const QString& text)
{
    source_ = text;
    problems_.clear();
    const std::string file = scenarioId_.toStdString() + ".rs";
    // The front end's problems, then the parameter comments'.
    std::vector<lang::Diagnostic> all = lang::check(text.toStdString());
    for (auto& d : lang::readProgramInfo(text.toStdString()).problems)
        all.push_back(std::move(d));
    for (const auto& d : all)
        problems_.append(QVariantMap{{"line", int(d.span.line)},
                                     {"column", int(d.span.column)},
                                     {"message", QString::fromStdString(d.message)},
                                     {"text", QString::fromStdString(lang::formatDiagnostic(file, d))}});
    emit sourceChanged();
}

void RunController::setSource(const QString& text)
{
    if (text != source_)
        loadSource(text);
}

bool RunController::edited() const { return source_ != builtinSource(); }

void RunController::revert() { loadSource(builtinSource()); }

void RunController::openProgram(const QUrl& file)
{
    const QString path = localPath(file);
    std::string text, error;
    if (!lang::readSourceFile(path.toStdString(), &text, &error)) {
        fail(QString::fromStdString(error));
        return;
    }
    // The opened file is the program from now on: its doc comment names it, its constants are its parameters,
    // and Revert goes back to it as it was read.
    userProgram_ = scenarioFromProgram(QFileInfo(path).completeBaseName().toStdString(), text);
    scenarioId_ = QString::fromStdString(userProgram_->id);
    workers_ = int(userProgram_->defaultWorkers);
    params_.clear();
    loadSource(QString::fromStdString(text));
    setStatus("Opened " + path + (problems_.isEmpty() ? QString() : QString(" (%1 problems)").arg(problems_.size())));
    emit scenarioChanged();
    emit optionsChanged();
}

bool RunController::saveProgram(const QUrl& file)
{
    const QString path = localPath(file);
    std::string error;
    if (!writeFileAtomically(path.toStdString(), source_.toStdString(), &error))
        return fail(QString::fromStdString(error));
    // What was saved is the program now: Revert comes back to it, and it no longer counts as edited.
    userProgram_ = scenarioFromProgram(currentScenario() ? currentScenario()->id : "program", source_.toStdString());
    loadSource(source_);
    setStatus("Wrote " + path);
    return true;
}

QVariantList RunController::hints() const
{
    QVariantList out;
    if (!timeline_)
        return out;
    for (const HintMark& mark : timeline_->hints) {  // found once, with the timeline
        const Hint& h = mark.hint;
        out.append(QVariantMap{{"kind", QString::fromUtf8(hintKindName(h.kind).data())},
                               {"text", QString::fromStdString(h.text)},
                               {"time", double(h.time) / 1e6},
                               {"eventIndex", qlonglong(h.eventIndex)},
                               {"task", int(h.task)}});
    }
    return out;
}

QString RunController::traceNote() const
{
    if (!trace_ || trace_->mode != Mode::Tokio)
        return {};
    return QString("A real tokio run, imported from a capture: the program on the right is not what ran (Run runs "
                   "it instead). %1, and %2.")
        .arg(QString(kTokioUnrecorded).replace(0, 1, QString(kTokioUnrecorded).at(0).toUpper()), kTokioInferences);
}

QStringList RunController::codeLines() const
{
    if (!traceSource_.isEmpty())
        return traceSource_.split('\n');
    const Scenario* s = trace_ ? findScenario(trace_->scenario) : nullptr;
    if (!s)
        return {};
    // The program exactly as it ran: the trace's parameter values written into its constants.
    std::map<std::string, std::int64_t> values;
    try {
        for (const auto& [name, value] : trace_->params)
            values[name] = std::stoll(value);
        return QString::fromStdString(s->sourceWith(resolveParams(*s, values))).split('\n');
    } catch (const std::exception&) {
        return QString::fromStdString(s->rustSource).split('\n');  // a trace from elsewhere with odd parameters
    }
}

void RunController::setStatus(const QString& s)
{
    status_ = s;
    emit statusChanged();
}

void RunController::run()
{
    if (!currentScenario())
        return;
    if (!problems_.isEmpty()) {
        setStatus(QString("Not run: the program has %1 problem%2 (first: %3)")
                      .arg(problems_.size())
                      .arg(problems_.size() == 1 ? "" : "s")
                      .arg(problems_.first().toMap().value("text").toString()));
        return;
    }
    // The editor's text is what runs: the scenario made from it (its constants are the parameters' values).
    Scenario scenario = scenarioFromProgram(currentScenario()->id, source_.toStdString());
    const QString ranSource = source_;
    const unsigned generation = supersede();  // a newer run supersedes the run or read in progress
    control_ = std::make_shared<RunControl>();
    RunOptions options;
    options.control = control_;
    options.mode = threaded_ ? Mode::Threaded : Mode::Simulated;
    options.workers = std::uint32_t(workers_);
    options.seed = std::uint64_t(seed_);
    running_ = true;
    emit runningChanged();
    setStatus("Running " + scenarioId_ + "…");
    startProgress([control = control_] {
        return QString("%1 of %2 tasks finished").arg(control->ended.load()).arg(control->spawned.load());
    });

    // The coroutine owns what it needs; `this` outlives it (the controller lives as long as the window).
    auto task = [](RunController* self, Scenario scenario, RunOptions options, unsigned generation,
                   QString ranSource, std::optional<TimelineAxis> axis) -> QCoro::Task<> {
        // Named, not a temporary inside the co_await: g++ 12 destroys such temporaries twice.
        QFuture<RunOutcome> work = QtConcurrent::run([scenario, options, axis]() -> RunOutcome {
            try {
                std::string stopped;
                auto trace = std::make_shared<const Trace>(runScenario(scenario, options, &stopped));
                auto timeline = std::make_shared<const TimelineModel>(
                    TimelineModel::build(*trace, axis.value_or(defaultAxis(*trace))));
                auto index = std::make_shared<const TraceIndex>(TraceIndex::build(*trace));
                return {trace, timeline, index, {}, QString::fromStdString(stopped)};
            } catch (const std::exception& e) {
                return {nullptr, nullptr, nullptr, QString::fromUtf8(e.what()), {}};
            }
        });
        RunOutcome outcome = co_await work;
        if (generation != self->generation_)
            co_return;  // a newer run was started meanwhile; its result wins
        const bool stopped = self->control_ && self->control_->stop.load();
        self->stopProgress();
        self->running_ = false;
        emit self->runningChanged();
        if (!outcome.trace) {
            self->setStatus("Run failed: " + outcome.error);
            co_return;
        }
        ++self->runs_;
        self->traceSource_ = ranSource;
        self->adopt(std::move(outcome.trace), std::move(outcome.timeline), std::move(outcome.index),
                    stopped ? QString("cancelled") : QString());
        if (!outcome.stopped.isEmpty() && !stopped)
            self->setStatus("Stopped: " + outcome.stopped.section('\n', 0, 0) + " " + outcome.stopped.section('\n', 1)
                            + " · " + self->status_);
    };
    task(this, std::move(scenario), options, generation, ranSource, axisChoice_);
}

}  // namespace wl
