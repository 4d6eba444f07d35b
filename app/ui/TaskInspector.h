#pragma once
// Everything about one task at the playhead: who it is, where it was spawned, its state, polls, busy and waiting
// time, who woke it and whom it woke (with the delay from each wake to the poll it caused), and, while it waits,
// why: the await it is parked at and who will wake it.
#include "RunController.h"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace wl {

class TaskInspector : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(wl::RunController* controller READ controller WRITE setController NOTIFY changed)
    Q_PROPERTY(int task READ task WRITE setTask NOTIFY changed)
    Q_PROPERTY(int eventIndex READ eventIndex WRITE setEventIndex NOTIFY changed)  // events shown: [0, eventIndex)
    Q_PROPERTY(double playhead READ playhead WRITE setPlayhead NOTIFY changed)  // ms: ongoing waits count up to it
    Q_PROPERTY(bool valid READ valid NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString kind READ kind NOTIFY changed)
    Q_PROPERTY(QString parent READ parent NOTIFY changed)
    Q_PROPERTY(int spawnLine READ spawnLine NOTIFY changed)
    Q_PROPERTY(QString state READ state NOTIFY changed)
    Q_PROPERTY(QString waitingFor READ waitingFor NOTIFY changed)
    Q_PROPERTY(int line READ line NOTIFY changed)  // the Rust line it is at
    Q_PROPERTY(int column READ column NOTIFY changed)  // and the expression there: its column (0: the whole line)
    Q_PROPERTY(int width READ width NOTIFY changed)    // and width in columns (0: to the end of the line)
    Q_PROPERTY(int polls READ polls NOTIFY changed)
    Q_PROPERTY(double busyMs READ busyMs NOTIFY changed)
    Q_PROPERTY(double waitingMs READ waitingMs NOTIFY changed)
    Q_PROPERTY(QVariantList wokenBy READ wokenBy NOTIFY changed)  // [{text, task, delayMs}]
    Q_PROPERTY(QVariantList woke READ woke NOTIFY changed)        // [{text, task}]

public:
    explicit TaskInspector(QObject* parent = nullptr);

    RunController* controller() const { return controller_; }
    void setController(RunController* c);
    int task() const { return task_; }
    void setTask(int t);
    int eventIndex() const { return eventIndex_; }
    void setEventIndex(int i);
    double playhead() const { return playhead_; }
    void setPlayhead(double ms);

    bool valid() const;
    QString name() const;
    QString kind() const;
    QString parent() const;
    int spawnLine() const;
    QString state() const { return state_; }
    QString waitingFor() const { return waitingFor_; }
    int line() const { return int(siteLine(site_)); }
    int column() const { return int(siteColumn(site_)); }
    int width() const { return int(siteWidth(site_)); }
    int polls() const { return polls_; }
    double busyMs() const { return busyMs_; }
    double waitingMs() const { return waitingMs_; }
    QVariantList wokenBy() const { return wokenBy_; }
    QVariantList woke() const { return woke_; }

signals:
    void changed();

private:
    void recompute();
    QString taskName(TaskId id) const;

    RunController* controller_ = nullptr;
    std::shared_ptr<const Trace> trace_;
    std::shared_ptr<const TraceIndex> index_;
    int task_ = 0;
    int eventIndex_ = 0;
    double playhead_ = 0;
    QString state_, waitingFor_;
    std::uint32_t site_ = 0;
    int polls_ = 0;
    double busyMs_ = 0, waitingMs_ = 0;
    QVariantList wokenBy_, woke_;
};

}  // namespace wl
