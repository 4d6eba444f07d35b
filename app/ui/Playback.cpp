#include "Playback.h"

#include "CommandLine.h"
#include "scenarios/Scenario.h"

#include <algorithm>

namespace wl {

Playback::Playback(QObject* parent) : QObject(parent)
{
    timer_.setInterval(16);
    connect(&timer_, &QTimer::timeout, this, &Playback::tick);
}

void Playback::setController(RunController* c)
{
    if (followController(this, controller_, c, &Playback::onTraceChanged)) {
        if (controller_)
            connect(controller_, &RunController::timelineChanged, this, &Playback::onTimelineChanged);
        emit controllerChanged();
    }
}

void Playback::onTimelineChanged()
{
    if (!controller_ || controller_->timeline() == model_)
        return;
    model_ = controller_->timeline();  // the other axis: the same events stay shown
    emit traceChanged();
    moveToEvent(eventIndex_);
}

void Playback::onTraceChanged()
{
    trace_ = controller_ ? controller_->trace() : nullptr;
    index_ = controller_ ? controller_->index() : nullptr;
    model_ = controller_ ? controller_->timeline() : nullptr;
    emit traceChanged();
    // A new run plays from the start, so the first thing seen is the timeline moving.
    moveToEvent(0);
    if (trace_)
        play();
}

double Playback::duration() const { return trace_ ? double(trace_->duration) / 1e6 : 0.0; }
double Playback::end() const { return steps() ? double(steps()->end) / 1e6 : duration(); }

void Playback::setPosition(double at)
{
    const StepAxis* axis = steps();
    if (!axis)
        return setPlayhead(at);
    if (!trace_)
        return;
    position_ = std::clamp<std::int64_t>(std::int64_t(at * 1e6), 0, axis->end);
    eventIndex_ = int(axis->eventsUpTo(position_));
    playhead_ = axis->timeOfX(position_);
    emit playheadChanged();
}
int Playback::eventCount() const { return trace_ ? int(trace_->events.size()) : 0; }

void Playback::setPlayhead(double ms)
{
    if (!trace_)
        return;
    const auto t = std::clamp<std::int64_t>(std::int64_t(ms * 1e6), 0, trace_->duration);
    const auto& ev = trace_->events;
    // Every event at or before the playhead is shown.
    eventIndex_ = int(std::upper_bound(ev.begin(), ev.end(), t, [](std::int64_t x, const Event& e) { return x < e.time; })
                      - ev.begin());
    playhead_ = t;
    position_ = !steps() ? t : eventIndex_ > 0 ? steps()->xOfEvent(size_t(eventIndex_ - 1)) : 0;
    emit playheadChanged();
}

void Playback::moveToEvent(int index)
{
    if (!trace_) {
        playhead_ = 0;
        eventIndex_ = 0;
        emit playheadChanged();
        return;
    }
    eventIndex_ = std::clamp(index, 0, eventCount());
    playhead_ = eventIndex_ > 0 ? trace_->events[size_t(eventIndex_ - 1)].time : 0;
    position_ = !steps() ? playhead_ : eventIndex_ > 0 ? steps()->xOfEvent(size_t(eventIndex_ - 1)) : 0;
    emit playheadChanged();
}

void Playback::setSpeed(double s)
{
    s = std::clamp(s, 0.01, 100.0);
    if (s != speed_) {
        speed_ = s;
        emit speedChanged();
    }
}

void Playback::play()
{
    if (!trace_)
        return;
    if (position_ >= std::int64_t(end() * 1e6))
        moveToEvent(0);
    clock_.start();
    timer_.start();
    emit playingChanged();
}

void Playback::pause()
{
    timer_.stop();
    emit playingChanged();
}

void Playback::tick()
{
    const double elapsedNs = double(clock_.nsecsElapsed());
    clock_.restart();
    if (const StepAxis* axis = steps()) {
        const auto next = position_ + std::int64_t(elapsedNs / 1e9 * speed_ * kStepsPerSecond * double(StepAxis::kUnit));
        setPosition(double(std::min(next, axis->end)) / 1e6);
        if (next >= axis->end)
            pause();
        return;
    }
    const auto next = playhead_ + std::int64_t(elapsedNs * speed_);
    if (!trace_ || next >= trace_->duration) {
        setPlayhead(duration());
        pause();
        return;
    }
    setPlayhead(double(next) / 1e6);
}

void Playback::stepNext()
{
    pause();
    moveToEvent(eventIndex_ + 1);
}

void Playback::stepPrevious()
{
    pause();
    moveToEvent(eventIndex_ - 1);
}

void Playback::stepTaskPoll(int task, int direction)
{
    if (!trace_ || !index_ || task <= 0 || size_t(task) >= index_->eventsOf.size())
        return;
    pause();
    const auto& mine = index_->eventsOf[size_t(task)];
    if (direction > 0) {
        for (auto i : mine)
            if (int(i) >= eventIndex_ && trace_->events[i].kind == EventKind::PollStart) {
                moveToEvent(int(i) + 1);
                return;
            }
    } else {
        for (auto it = mine.rbegin(); it != mine.rend(); ++it)
            if (int(*it) < eventIndex_ - 1 && trace_->events[*it].kind == EventKind::PollStart) {
                moveToEvent(int(*it) + 1);
                return;
            }
    }
}

QStringList Playback::consoleLines() const
{
    QStringList lines;
    if (!trace_ || !index_)
        return lines;
    for (auto i : index_->prints) {
        if (int(i) >= eventIndex_)
            break;
        const Event& e = trace_->events[i];
        lines << QString::fromStdString(formatPrintedLine(e.time, std::string(trace_->text(e.value))));
    }
    return lines;
}

QString Playback::timeText() const
{
    if (const StepAxis* axis = steps())
        return QString("step %1 / %2 · %3 ms")
            .arg(position_ / StepAxis::kUnit)
            .arg(axis->end / StepAxis::kUnit)
            .arg(playhead(), 0, 'f', 3);
    return QString("%1 / %2 ms").arg(playhead(), 0, 'f', 3).arg(duration(), 0, 'f', 3);
}

QString Playback::eventText() const
{
    if (!trace_ || eventIndex_ == 0)
        return QStringLiteral("(start)");
    const Event& e = trace_->events[size_t(eventIndex_ - 1)];
    auto name = [&](TaskId id) {
        const TaskInfo* t = trace_->task(id);
        return t ? QString::fromStdString(t->name) : QString("task %1").arg(id);
    };
    const QString lane = QString::fromStdString(trace_->laneName(e.worker, "runtime"));
    switch (e.kind) {
    case EventKind::PollStart: return name(e.task) + " polled on " + lane;
    case EventKind::PollEnd:
        return name(e.task) + (e.detail == std::uint8_t(PollResult::Ready) ? " returned Ready" : " returned Pending");
    case EventKind::Wake: {
        const QString by = e.peer ? name(e.peer)
            : e.resource          ? QString::fromStdString(trace_->resourceName(e.resource))
                                  : QString("outside");
        return name(e.task) + " woken by " + by + " (" + QString::fromUtf8(wakeOutcomeName(WakeOutcome(e.detail)).data()) + ")";
    }
    case EventKind::TaskSpawned: return name(e.task) + " spawned";
    case EventKind::TaskCompleted: return name(e.task) + (e.detail ? " failed" : " completed");
    case EventKind::TaskCancelled:
        return name(e.task) + " cancelled (" + QString::fromUtf8(cancelReasonName(CancelReason(e.detail)).data()) + ")";
    case EventKind::Print: return name(e.task) + " printed \"" + QString::fromUtf8(trace_->text(e.value)) + "\"";
    case EventKind::TimerFired: return QString::fromStdString(trace_->resourceName(e.resource)) + " fired";
    case EventKind::TimerArmed: return name(e.task) + " armed " + QString::fromStdString(trace_->resourceName(e.resource));
    case EventKind::WorkerPark: return lane + " parked: nothing to do";
    case EventKind::WorkerUnpark: return lane + " unparked";
    case EventKind::FutureDropped:
        return name(e.task) + " dropped " + QString::fromUtf8(trace_->text(e.value)) + " without awaiting it: it never ran";
    case EventKind::Queued: {
        auto laneName = [&](std::int64_t l) { return QString::fromStdString(trace_->laneName(l, "a worker")); };
        switch (QueuePlace(e.detail)) {
        case QueuePlace::LifoSlot: return name(e.task) + " waits in " + lane + "'s LIFO slot: it runs next there";
        case QueuePlace::Local: return name(e.task) + " waits in " + lane + "'s local queue";
        case QueuePlace::Global: return name(e.task) + " waits in the global queue";
        case QueuePlace::Overflowed:
            return name(e.task) + " moved to the global queue: " + laneName(e.value) + "'s local queue was full";
        case QueuePlace::Stolen: return name(e.task) + " stolen by " + lane + " from " + laneName(e.value);
        }
        return name(e.task) + " queued";
    }
    case EventKind::DriverPoll:
        return lane + " polled the time driver: " + QString::number(e.value) + (e.value == 1 ? " timer fired" : " timers fired");
    case EventKind::Searching: return lane + (e.detail ? " is searching for work to steal" : " stopped searching");
    default: return QString::fromUtf8(eventKindName(e.kind).data()) + " " + name(e.task);
    }
}

std::uint32_t Playback::currentSite() const
{
    if (!trace_)
        return 0;
    for (int i = eventIndex_ - 1; i >= 0; --i)
        if (trace_->events[size_t(i)].site)
            return trace_->events[size_t(i)].site;
    return 0;
}

}  // namespace wl
