#include "RunController.h"

#include "CommandLine.h"
#include "scenarios/Scenario.h"

#include <QtConcurrent/QtConcurrentRun>
#include <qcoro/qcorofuture.h>
#include <qcoro/qcorotask.h>

namespace wl {
namespace {
struct RunOutcome {
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const TimelineModel> timeline;
    std::shared_ptr<const TraceIndex> index;
    QString error;
};
}  // namespace

RunController::RunController(QObject* parent) : QObject(parent)
{
    setScenarioId(scenarioId_);
}

void RunController::setScenarioId(const QString& id)
{
    const Scenario* s = findScenario(id.toStdString());
    if (!s) {
        setStatus("Unknown scenario '" + id + "'");
        return;
    }
    scenarioId_ = id;
    workers_ = int(s->defaultWorkers);
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

QStringList RunController::printedLines() const
{
    QStringList lines;
    if (trace_)
        for (const auto& [time, text] : trace_->printedLines())
            lines << QString::fromStdString(formatPrintedLine(time, text));
    return lines;
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
    RunOptions options;
    options.mode = threaded_ ? Mode::Threaded : Mode::Simulated;
    options.workers = std::uint32_t(workers_);
    options.seed = std::uint64_t(seed_);
    const unsigned generation = ++generation_;
    running_ = true;
    emit runningChanged();
    setStatus("Running " + scenarioId_ + "…");

    // The coroutine owns what it needs; `this` outlives it (the controller lives as long as the window).
    auto task = [](RunController* self, const Scenario* scenario, RunOptions options, unsigned generation) -> QCoro::Task<> {
        RunOutcome outcome = co_await QtConcurrent::run([scenario, options]() -> RunOutcome {
            try {
                auto trace = std::make_shared<const Trace>(runScenario(*scenario, options));
                auto timeline = std::make_shared<const TimelineModel>(TimelineModel::build(*trace));
                auto index = std::make_shared<const TraceIndex>(TraceIndex::build(*trace));
                return {trace, timeline, index, {}};
            } catch (const std::exception& e) {
                return {nullptr, nullptr, nullptr, QString::fromUtf8(e.what())};
            }
        });
        if (generation != self->generation_)
            co_return;  // a newer run was started meanwhile; its result wins
        self->running_ = false;
        emit self->runningChanged();
        if (!outcome.trace) {
            self->setStatus("Run failed: " + outcome.error);
            co_return;
        }
        self->trace_ = std::move(outcome.trace);
        self->timeline_ = std::move(outcome.timeline);
        self->index_ = std::move(outcome.index);
        ++self->runs_;
        self->setStatus(QString("%1 · %2 events · %3 ms")
                            .arg(QString::fromStdString(self->timeline_->title()))
                            .arg(self->trace_->events.size())
                            .arg(double(self->trace_->duration) / 1e6, 0, 'f', 1));
        emit self->traceChanged();
    };
    task(this, scenario, options, generation);
}

}  // namespace wl
