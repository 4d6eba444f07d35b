#include "TaskInspector.h"

#include "scenarios/Scenario.h"

namespace wl {

TaskInspector::TaskInspector(QObject* parent) : QObject(parent) {}

void TaskInspector::setController(RunController* c)
{
    followController(this, controller_, c, &TaskInspector::recompute);  // recompute() signals the change
}

void TaskInspector::setTask(int t)
{
    if (t != task_) {
        task_ = t;
        recompute();
    }
}

void TaskInspector::setEventIndex(int i)
{
    if (i != eventIndex_) {
        eventIndex_ = i;
        recompute();
    }
}

void TaskInspector::setPlayhead(double ms)
{
    if (ms != playhead_) {
        playhead_ = ms;
        recompute();
    }
}

bool TaskInspector::valid() const { return trace_ && trace_->task(TaskId(task_)); }

QString TaskInspector::taskName(TaskId id) const
{
    const TaskInfo* t = trace_ ? trace_->task(id) : nullptr;
    return t ? QString::fromStdString(t->name) : QString("task %1").arg(id);
}

QString TaskInspector::name() const { return valid() ? taskName(TaskId(task_)) : QString(); }

QString TaskInspector::kind() const
{
    if (!valid())
        return {};
    switch (trace_->task(TaskId(task_))->kind) {
    case TaskKind::Task: return "task";
    case TaskKind::Future: return "future (an arm of a join/select inside its task)";
    case TaskKind::Blocking: return "blocking job (spawn_blocking)";
    }
    return {};
}

QString TaskInspector::parent() const
{
    if (!valid())
        return {};
    const TaskId p = trace_->task(TaskId(task_))->parent;
    return p ? taskName(p) : QString("the runtime (block_on)");
}

int TaskInspector::spawnLine() const { return valid() ? int(siteLine(trace_->task(TaskId(task_))->site)) : 0; }

void TaskInspector::recompute()
{
    trace_ = controller_ ? controller_->trace() : nullptr;
    index_ = controller_ ? controller_->index() : nullptr;
    state_.clear();
    waitingFor_.clear();
    site_ = 0;
    polls_ = 0;
    busyMs_ = waitingMs_ = 0;
    wokenBy_.clear();
    woke_.clear();
    if (!valid() || !index_) {
        emit changed();
        return;
    }
    const TaskId id = TaskId(task_);
    const auto& events = trace_->events;
    const Scenario* scenario = findScenario(trace_->scenario);
    auto sourceOf = [&](const Event& w) {
        return w.peer ? taskName(w.peer) : w.resource ? QString::fromStdString(trace_->resourceName(w.resource)) : QString("outside");
    };

    enum { NotSpawned, Queued, Running, Waiting, Done } st = NotSpawned;
    std::int64_t since = 0, pollStart = 0;
    QString doneText;
    std::vector<std::pair<std::int64_t, QString>> pendingWakes;  // wakes waiting for the poll they cause
    QString queueText;  // where it waits, from its last Queued event (runs recorded with run queues)
    for (auto i : index_->eventsOf[id]) {
        if (int(i) >= eventIndex_)
            break;
        const Event& e = events[i];
        const bool aboutMe = e.task == id;
        if (e.site && aboutMe)
            site_ = e.site;
        switch (e.kind) {
        case EventKind::TaskSpawned:
            st = trace_->task(id)->kind == TaskKind::Future ? Waiting : Queued;
            since = e.time;
            break;
        case EventKind::PollStart:
        case EventKind::BlockingStart:
            if (st == Waiting)
                waitingMs_ += double(e.time - since) / 1e6;
            st = Running;
            pollStart = e.time;
            ++polls_;
            for (const auto& [at, text] : pendingWakes)
                wokenBy_.append(QVariantMap{{"text", text}, {"delayMs", double(e.time - at) / 1e6}});
            pendingWakes.clear();
            break;
        case EventKind::PollEnd:
        case EventKind::BlockingEnd:
            busyMs_ += double(e.time - pollStart) / 1e6;
            st = e.kind == EventKind::PollEnd && e.detail == std::uint8_t(PollResult::Pending) ? Waiting : st;
            since = e.time;
            break;
        case EventKind::Wake:
            if (e.detail == std::uint8_t(WakeOutcome::Scheduled) || e.detail == std::uint8_t(WakeOutcome::WhileRunning)) {
                pendingWakes.emplace_back(e.time, QString("%1 ms by %2").arg(double(e.time) / 1e6, 0, 'f', 3).arg(sourceOf(e)));
                if (st == Waiting && e.detail == std::uint8_t(WakeOutcome::Scheduled) && e.task == id) {
                    waitingMs_ += double(e.time - since) / 1e6;
                    st = Queued;
                }
            }
            break;
        case EventKind::Queued:
            if (aboutMe) {
                const auto place = QueuePlace(e.detail);
                const QString worker = QString::fromStdString(trace_->laneName(e.worker, ""));
                queueText = e.worker == kNoLane     ? QString("the global queue")
                    : place == QueuePlace::LifoSlot ? "the LIFO slot of " + worker + " (it runs next there)"
                    : place == QueuePlace::Stolen
                        ? "the local queue of " + worker + " (stolen from "
                              + QString::fromStdString(trace_->laneName(e.value, "another worker")) + ")"
                        : "the local queue of " + worker;
            }
            break;
        case EventKind::TaskCompleted:
            st = Done;
            doneText = e.detail ? "failed: " + QString::fromUtf8(trace_->text(e.value)) : "completed";
            break;
        case EventKind::TaskCancelled:
            st = Done;
            doneText = "cancelled (" + QString::fromUtf8(cancelReasonName(CancelReason(e.detail)).data()) + ")";
            break;
        default: break;
        }
    }
    // A wait or a poll still going on at the playhead counts up to it.
    const std::int64_t now = std::int64_t(playhead_ * 1e6);
    if (st == Waiting && now > since)
        waitingMs_ += double(now - since) / 1e6;
    if (st == Running && now > pollStart)
        busyMs_ += double(now - pollStart) / 1e6;
    for (auto i : index_->wakesBy[id]) {
        if (int(i) >= eventIndex_)
            break;
        const Event& e = events[i];
        woke_.append(QVariantMap{{"text", QString("%1 ms: %2").arg(double(e.time) / 1e6, 0, 'f', 3).arg(taskName(e.task))},
                                 {"task", int(e.task)}});
    }
    switch (st) {
    case NotSpawned: state_ = "not spawned yet"; break;
    case Queued:
        state_ = queueText.isEmpty() ? QString("scheduled: in a run queue, waiting for a worker")
                                     : "scheduled: in " + queueText + ", waiting for a worker";
        break;
    case Running: state_ = "running: being polled"; break;
    case Waiting: {
        state_ = "parked: returned Pending, waiting for a wake";
        const QString code = scenario ? QString::fromStdString(scenario->rustLine(siteLine(site_))).trimmed() : QString();
        waitingFor_ = QString("at line %1: %2").arg(siteLine(site_)).arg(code);
        // The recording knows the future: who will wake it next is who holds its waker now.
        for (auto i : index_->eventsOf[id])
            if (int(i) >= eventIndex_ && events[i].kind == EventKind::Wake) {
                waitingFor_ += "\nits waker is held by " + sourceOf(events[i]) + QString(" (it fires at %1 ms)").arg(double(events[i].time) / 1e6, 0, 'f', 3);
                break;
            }
        break;
    }
    case Done: state_ = doneText; break;
    }
    emit changed();
}

}  // namespace wl
