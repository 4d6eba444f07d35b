#include "RunController.h"

#include "CommandLine.h"
#include "export/ImageExport.h"
#include "scenarios/Scenario.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceJson.h"

#include <QFileInfo>

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
};
}  // namespace

RunController::RunController(QObject* parent) : QObject(parent)
{
    workers_ = defaultWorkers();
    progressTimer_.setInterval(100);
    connect(&progressTimer_, &QTimer::timeout, this, [this] {
        if (!control_)
            return;
        progress_ = QString("%1 of %2 tasks finished").arg(control_->ended.load()).arg(control_->spawned.load());
        emit progressChanged();
    });
}

void RunController::cancel()
{
    if (control_ && running_)
        control_->stop = true;
}

void RunController::setScenarioId(const QString& id)
{
    const Scenario* s = findScenario(id.toStdString());
    if (!s) {
        setStatus("Unknown scenario '" + id + "'");
        return;
    }
    if (id == scenarioId_)
        return;  // the same scenario keeps the workers and parameters the user set
    scenarioId_ = id;
    workers_ = int(s->defaultWorkers);
    params_.clear();
    emit scenarioChanged();
    emit optionsChanged();
}

QString RunController::title() const
{
    const Scenario* s = findScenario(scenarioId_.toStdString());
    return s ? QString::fromStdString(s->title) : QString();
}

QString RunController::lesson() const
{
    const Scenario* s = findScenario(scenarioId_.toStdString());
    return s ? QString::fromStdString(s->lesson) : QString();
}

int RunController::defaultWorkers() const
{
    const Scenario* s = findScenario(scenarioId_.toStdString());
    return s ? int(s->defaultWorkers) : 1;
}

void RunController::setWorkers(int w)
{
    w = std::clamp(w, 1, 64);
    if (w != workers_) {
        workers_ = w;
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
    const Scenario* s = findScenario(scenarioId_.toStdString());
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
    const Scenario* s = findScenario(scenarioId_.toStdString());
    if (!s)
        return;
    for (const auto& p : s->params)
        if (QString::fromStdString(p.name) == name) {
            params_[p.name] = std::clamp<std::int64_t>(std::int64_t(value), p.min, p.max);
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
}

bool RunController::fail(const QString& message)
{
    emit errorOccurred(message);
    return false;
}

bool RunController::openTrace(const QUrl& file)
{
    const QString path = localPath(file);
    auto loaded = loadTraceJson(path.toStdString());
    if (!loaded.trace)
        return fail(QString::fromStdString(loaded.error));
    auto trace = std::make_shared<const Trace>(std::move(*loaded.trace));
    if (findScenario(trace->scenario) && QString::fromStdString(trace->scenario) != scenarioId_) {
        scenarioId_ = QString::fromStdString(trace->scenario);
        emit scenarioChanged();
    }
    auto timeline = std::make_shared<const TimelineModel>(TimelineModel::build(*trace));
    auto index = std::make_shared<const TraceIndex>(TraceIndex::build(*trace));
    adopt(std::move(trace), std::move(timeline), std::move(index), QFileInfo(path).fileName());
    return true;
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

QStringList RunController::codeLines() const
{
    const Scenario* s = trace_ ? findScenario(trace_->scenario) : nullptr;
    return s ? QString::fromStdString(s->rustSource).split('\n') : QStringList();
}

void RunController::setStatus(const QString& s)
{
    status_ = s;
    emit statusChanged();
}

void RunController::run()
{
    const Scenario* scenario = findScenario(scenarioId_.toStdString());
    if (!scenario)
        return;
    if (control_)
        control_->stop = true;  // a newer run supersedes the one in progress
    control_ = std::make_shared<RunControl>();
    RunOptions options;
    options.control = control_;
    options.mode = threaded_ ? Mode::Threaded : Mode::Simulated;
    options.workers = std::uint32_t(workers_);
    options.seed = std::uint64_t(seed_);
    options.params = params_;
    const unsigned generation = ++generation_;
    running_ = true;
    emit runningChanged();
    setStatus("Running " + scenarioId_ + "…");
    progress_.clear();
    emit progressChanged();
    progressTimer_.start();

    // The coroutine owns what it needs; `this` outlives it (the controller lives as long as the window).
    auto task = [](RunController* self, const Scenario* scenario, RunOptions options, unsigned generation) -> QCoro::Task<> {
        // Named, not a temporary inside the co_await: g++ 12 destroys such temporaries twice.
        QFuture<RunOutcome> work = QtConcurrent::run([scenario, options]() -> RunOutcome {
            try {
                auto trace = std::make_shared<const Trace>(runScenario(*scenario, options));
                auto timeline = std::make_shared<const TimelineModel>(TimelineModel::build(*trace));
                auto index = std::make_shared<const TraceIndex>(TraceIndex::build(*trace));
                return {trace, timeline, index, {}};
            } catch (const std::exception& e) {
                return {nullptr, nullptr, nullptr, QString::fromUtf8(e.what())};
            }
        });
        RunOutcome outcome = co_await work;
        if (generation != self->generation_)
            co_return;  // a newer run was started meanwhile; its result wins
        const bool stopped = self->control_ && self->control_->stop.load();
        self->progressTimer_.stop();
        self->progress_.clear();
        emit self->progressChanged();
        self->running_ = false;
        emit self->runningChanged();
        if (!outcome.trace) {
            self->setStatus("Run failed: " + outcome.error);
            co_return;
        }
        ++self->runs_;
        self->adopt(std::move(outcome.trace), std::move(outcome.timeline), std::move(outcome.index),
                    stopped ? QString("cancelled") : QString());
    };
    task(this, scenario, options, generation);
}

}  // namespace wl
