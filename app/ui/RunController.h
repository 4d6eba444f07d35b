#pragma once
// Runs the chosen scenario off the GUI thread and keeps the last recorded trace for the views. The run is a
// coroutine awaited with QCoro, so the window never blocks; a newer run supersedes an older one.
#include "TraceIndex.h"
#include "exec/RunControl.h"
#include "scenarios/Scenario.h"
#include "timeline/TimelineModel.h"

#include <QObject>
#include <QStringList>
#include <QVariantList>

#include <map>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace wl {

class RunController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString scenarioId READ scenarioId WRITE setScenarioId NOTIFY scenarioChanged)
    Q_PROPERTY(QString title READ title NOTIFY scenarioChanged)
    Q_PROPERTY(QString lesson READ lesson NOTIFY scenarioChanged)
    Q_PROPERTY(int defaultWorkers READ defaultWorkers NOTIFY scenarioChanged)
    Q_PROPERTY(int workers READ workers WRITE setWorkers NOTIFY optionsChanged)
    Q_PROPERTY(bool threaded READ threaded WRITE setThreaded NOTIFY optionsChanged)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY optionsChanged)
    // The scenario's own parameters: [{name, value, min, max, unit, help}], values as they will be used next run.
    Q_PROPERTY(QVariantList params READ params NOTIFY optionsChanged)
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)  // a trace file is being read
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    // While running: tasks finished so far; while loading: how much of the file is read.
    Q_PROPERTY(QString progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QStringList printedLines READ printedLines NOTIFY traceChanged)
    Q_PROPERTY(int runs READ runs NOTIFY traceChanged)
    Q_PROPERTY(QStringList codeLines READ codeLines NOTIFY traceChanged)
    // The timeline's axis: steps (each event a step, idle time a marked break; the default for simulated runs) or
    // time. Once chosen it stays for later runs.
    Q_PROPERTY(bool stepAxis READ stepAxis WRITE setStepAxis NOTIFY timelineChanged)
    // The run's hints (core/trace/Hints): {kind, text, time (ms), eventIndex, task} each, in time order.
    Q_PROPERTY(QVariantList hints READ hints NOTIFY traceChanged)
    // What the window must say about the trace on show beyond its title ("" for Wakeline's own runs).
    Q_PROPERTY(QString traceNote READ traceNote NOTIFY traceChanged)
    // The program in the editor: the scenario's, with the parameters written in, as edited. Run runs this text.
    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(bool edited READ edited NOTIFY sourceChanged)  // differs from the built-in program
    // What the front end finds in `source`: [{line, column, message, text}] (text: "file.rs:L:C: error: ...").
    Q_PROPERTY(QVariantList problems READ problems NOTIFY sourceChanged)
    Q_PROPERTY(bool exporting READ exporting NOTIFY exportingChanged)

public:
    explicit RunController(QObject* parent = nullptr);

    QString scenarioId() const { return scenarioId_; }
    void setScenarioId(const QString& id);
    QString title() const;
    QString lesson() const;
    int defaultWorkers() const;
    int workers() const { return workers_; }
    void setWorkers(int w);
    bool threaded() const { return threaded_; }
    void setThreaded(bool t);
    int seed() const { return seed_; }
    void setSeed(int s);
    bool running() const { return running_; }
    bool loading() const { return loading_; }
    QString status() const { return status_; }
    QString progress() const { return progress_; }
    bool exporting() const { return exporting_; }
    QStringList printedLines() const;
    QVariantList params() const;
    Q_INVOKABLE void setParam(const QString& name, double value);
    int runs() const { return runs_; }

    // The last trace drawn as a timeline (null before the first run), and its lookups.
    std::shared_ptr<const TimelineModel> timeline() const { return timeline_; }
    std::shared_ptr<const Trace> trace() const { return trace_; }
    std::shared_ptr<const TraceIndex> index() const { return index_; }
    // The Rust program of the scenario the current trace came from.
    QStringList codeLines() const;
    QString traceNote() const;
    QVariantList hints() const;
    bool stepAxis() const { return timeline_ && timeline_->steps; }
    void setStepAxis(bool on);

    QString source() const { return source_; }
    void setSource(const QString& text);
    bool edited() const;
    QVariantList problems() const { return problems_; }
    // Back to the built-in program (with the parameters as set), or to the opened or saved file.
    Q_INVOKABLE void revert();
    // A Rust file becomes the program (regular files of at most 1 MiB; a message names what is wrong otherwise,
    // and nothing changes); Save program as writes the editor's text.
    Q_INVOKABLE void openProgram(const QUrl& file);
    Q_INVOKABLE bool saveProgram(const QUrl& file);

    Q_INVOKABLE void run();
    // Stops the running run early (what it recorded so far is shown) or the file being read (nothing changes).
    Q_INVOKABLE void cancel();

    // Files. On failure each emits errorOccurred with a message naming the problem; what is open stays exactly
    // as it was. Opening reads and checks the file off the GUI thread (progress, cancel) and then emits
    // traceChanged; the window takes the run's workers, mode, seed and parameters from the file.
    Q_INVOKABLE void openTrace(const QUrl& file);
    // A real tokio run recorded by resources/tokio-capture (JSON lines), read off the GUI thread like a trace.
    Q_INVOKABLE void importTokioRun(const QUrl& file);
    Q_INVOKABLE bool saveTrace(const QUrl& file);
    Q_INVOKABLE bool exportChromeTrace(const QUrl& file);
    // view: 0 both, 1 workers, 2 tasks; height 0 fits the content. Runs off the GUI thread (a big trace takes a
    // while); fileWritten or errorOccurred says how it ended.
    Q_INVOKABLE void exportImage(const QUrl& file, int view, int width, int height, bool dark, double scale);

signals:
    void scenarioChanged();
    void optionsChanged();
    void runningChanged();
    void loadingChanged();
    void statusChanged();
    void progressChanged();
    void exportingChanged();
    void traceChanged();
    void timelineChanged();  // the same trace on another axis (also sent with every traceChanged)
    void sourceChanged();
    void errorOccurred(const QString& message);
    void fileWritten(const QString& path);

private:
    void setStatus(const QString& s);
    // Makes this the trace every view shows; origin names where it came from ("" for a run).
    void adopt(std::shared_ptr<const Trace> trace, std::shared_ptr<const TimelineModel> timeline,
               std::shared_ptr<const TraceIndex> index, const QString& origin);
    bool fail(const QString& message);
    // Stops whatever run or read is in progress (its result will be dropped) and returns the new generation.
    unsigned supersede();
    void startProgress(std::function<QString()> text);
    void stopProgress();
    // Takes the scenario, workers, mode, seed and parameters the opened trace was recorded with.
    void takeOptionsFrom(const Trace& trace);
    void openFile(const QUrl& file, bool tokioCapture);
    // The built-in program of the scenario with the parameters as set now.
    QString builtinSource() const;
    // The scenario the editor's program belongs to: an opened or saved file's, else the built-in one chosen.
    const Scenario* currentScenario() const;
    // Sets the editor's text and what the front end finds in it.
    void loadSource(const QString& text);

    QString scenarioId_ = "join";
    int workers_ = 1;
    bool threaded_ = false;
    int seed_ = 1;
    std::map<std::string, std::int64_t> params_;  // overrides of the scenario's defaults
    bool running_ = false;
    bool loading_ = false;
    std::shared_ptr<std::atomic<bool>> loadCancel_;  // of the read in progress
    std::function<QString()> progressText_;
    QString status_;
    QString progress_;
    bool exporting_ = false;
    std::shared_ptr<RunControl> control_;  // of the run in progress
    QTimer progressTimer_;
    int runs_ = 0;
    unsigned generation_ = 0;
    std::optional<Scenario> userProgram_;  // a program opened from a file (or saved to one)
    QString source_;
    QVariantList problems_;
    QString traceSource_;  // the program the current trace ran ("" for an opened trace: its scenario's)
    std::shared_ptr<const Trace> trace_;
    std::shared_ptr<const TimelineModel> timeline_;
    std::optional<TimelineAxis> axisChoice_;  // unset: each trace's default
    std::shared_ptr<const TraceIndex> index_;
};

// For the views that follow a controller: points `slot` at `next` and calls `onTrace` now and after every new
// trace. Returns false (and does nothing) when `next` is already followed.
template <class View>
bool followController(View* view, RunController*& slot, RunController* next, void (View::*onTrace)())
{
    if (next == slot)
        return false;
    if (slot)
        QObject::disconnect(slot, nullptr, view, nullptr);
    slot = next;
    if (slot)
        QObject::connect(slot, &RunController::traceChanged, view, onTrace);
    (view->*onTrace)();
    return true;
}

}  // namespace wl
