#include "StageModel.h"

#include "exec/Runtime.h"
#include "timeline/TimelineTheme.h"

#include <algorithm>

namespace wl {
namespace {
enum Reason : std::uint8_t { Unknown, Timer, Channel, Semaphore, Lock, Join, Outside };
const char* reasonKey(std::uint8_t r)
{
    switch (r) {
    case Timer: return "parked:timer";
    case Channel: return "parked:channel";
    case Semaphore: return "parked:semaphore";
    case Lock: return "parked:lock";
    case Join: return "parked:task";
    default: return "parked:other";
    }
}
}  // namespace

StageModel::StageModel(QObject* parent) : QAbstractListModel(parent) {}

void StageModel::setController(RunController* c)
{
    followController(this, controller_, c, &StageModel::rebuild);  // rebuild() signals the change
}

QString StageModel::queueOf(LaneId lane) const
{
    // An imported tokio run records no run queues: a woken task waits in one place until a worker polls it.
    return lane < trace_->workers && trace_->mode != Mode::Tokio ? QString("queue:%1").arg(lane)
                                                                 : QString("queue:global");
}

void StageModel::rebuild()
{
    beginResetModel();
    trace_ = controller_ ? controller_->trace() : nullptr;
    tokens_.clear();
    places_.clear();
    hidden_ = 0;
    if (trace_) {
        rowOfTask_.assign(trace_->tasks.size() + 1, -1);
        for (const auto& t : trace_->tasks) {
            if (t.kind == TaskKind::Future)
                continue;  // arms live inside their task's token
            if (int(tokens_.size()) >= kMaxTokens) {
                ++hidden_;
                continue;
            }
            rowOfTask_[t.id] = int(tokens_.size());
            tokens_.push_back(t.id);
        }
        // A run recorded with the tokio-like queues says where each runnable task waits (Queued events).
        queued_ = std::any_of(trace_->events.begin(), trace_->events.end(),
                              [](const Event& e) { return e.kind == EventKind::Queued; });
        // What each Pending poll end is waiting for is known from the recording: the source of the next wake.
        parkReason_.assign(trace_->events.size(), Unknown);
        std::vector<size_t> lastPending(trace_->tasks.size() + 1, SIZE_MAX);
        for (size_t i = 0; i < trace_->events.size(); ++i) {
            const Event& e = trace_->events[i];
            if (e.kind == EventKind::PollEnd && e.detail == std::uint8_t(PollResult::Pending))
                lastPending[e.task] = i;
            else if (e.kind == EventKind::Wake && lastPending[e.task] != SIZE_MAX) {
                std::uint8_t r = Outside;
                if (const ResourceInfo* resource = trace_->resource(e.resource)) {
                    const std::string& kind = resource->kind;
                    r = kind == "timer" || kind == "interval" ? Timer
                        : kind == "semaphore"                 ? Semaphore
                        : kind == "mutex" || kind == "notify" ? Lock
                                                              : Channel;
                } else if (e.peer) {
                    r = Join;
                }
                parkReason_[lastPending[e.task]] = r;
                lastPending[e.task] = SIZE_MAX;
            }
        }
        auto add = [&](const QString& key, const QString& title, const QString& group) {
            places_.append(QVariantMap{{"key", key}, {"title", title}, {"group", group}});
        };
        add("new", "not spawned yet", "queues");
        if (trace_->mode == Mode::Tokio) {
            add("queue:global", "woken, not yet polled (tokio records no queues)", "queues");
        } else {
            add("queue:global", "global queue", "queues");
            // A current_thread runtime (one worker) has no LIFO slot; older traces record no queues at all.
            const bool lifoSlots = queued_ && trace_->workers > 1;
            for (std::uint32_t w = 0; w < trace_->workers; ++w) {
                if (lifoSlots)
                    add(QString("lifo:%1").arg(w), QString("LIFO slot of worker %1").arg(w), "queues");
                add(QString("queue:%1").arg(w), QString("queue of worker %1").arg(w), "queues");
            }
        }
        for (size_t l = 0; l < trace_->lanes.size(); ++l)
            add(QString("lane:%1").arg(l), QString::fromStdString(trace_->lanes[l].name), "running");
        add("parked:timer", "parked on a timer", "parked");
        add("parked:channel", "parked on a channel", "parked");
        add("parked:semaphore", "parked on a semaphore", "parked");
        // Only where the program has one: the stage has room for a few places, not for every kind.
        if (std::any_of(trace_->resources.begin(), trace_->resources.end(),
                        [](const ResourceInfo& r) { return r.kind == "mutex" || r.kind == "notify"; }))
            add("parked:lock", "parked on a Mutex or Notify", "parked");
        add("parked:task", "parked on another task", "parked");
        add("parked:other", "parked (other)", "parked");
        add("done", "completed", "ended");
        add("failed", "failed", "ended");
        add("cancelled", "cancelled", "ended");
    }
    reset();
    endResetModel();
    emit placesChanged();
    eventIndex_ = -1;
    setEventIndex(0);
}

void StageModel::reset()
{
    place_.assign(tokens_.size(), "new");
    slot_.assign(tokens_.size(), 0);
    stolenFrom_.assign(tokens_.size(), -1);
    notified_.assign(tokens_.size(), false);
    lastSync_.assign(trace_ ? trace_->resources.size() + 1 : 0, -1);
    armed_.clear();
    applied_ = 0;
}

void StageModel::apply(size_t i)
{
    const Event& e = trace_->events[i];
    if (e.kind == EventKind::Sync && e.resource < lastSync_.size())
        lastSync_[e.resource] = e.value;
    if (e.kind == EventKind::TimerArmed)
        armed_.push_back({e.resource, e.task, e.value});
    if (e.kind == EventKind::TimerFired)
        armed_.erase(std::remove_if(armed_.begin(), armed_.end(), [&](const auto& a) { return a.timer == e.resource; }),
                     armed_.end());
    if (e.kind == EventKind::TaskCancelled || e.kind == EventKind::TaskCompleted)  // a dropped future disarms
        armed_.erase(std::remove_if(armed_.begin(), armed_.end(), [&](const auto& a) { return a.owner == e.task; }),
                     armed_.end());
    if (e.task >= rowOfTask_.size() || rowOfTask_[e.task] < 0)
        return;
    const auto row = size_t(rowOfTask_[e.task]);
    const QString before = place_[row];
    switch (e.kind) {
    case EventKind::Queued: {
        // A steal shows as a move from the victim's queue to the thief's (then on to the thief's lane), and the
        // token says where it came from while it waits there.
        const auto place = QueuePlace(e.detail);
        stolenFrom_[row] = place == QueuePlace::Stolen && e.value >= 0 ? int(e.value) : -1;
        place_[row] = e.worker == kNoLane          ? QString("queue:global")
            : place == QueuePlace::LifoSlot       ? QString("lifo:%1").arg(e.worker)
                                                  : QString("queue:%1").arg(e.worker);
        break;
    }
    case EventKind::TaskSpawned:
        if (queued_ && trace_->task(e.task)->kind != TaskKind::Blocking)
            break;  // its Queued event says where it waits
        place_[row] = trace_->task(e.task)->kind == TaskKind::Blocking ? "queue:global" : queueOf(e.worker);
        break;
    case EventKind::PollStart:
    case EventKind::BlockingStart:
        place_[row] = QString("lane:%1").arg(e.worker);
        notified_[row] = false;
        break;
    case EventKind::PollEnd:
        if (e.detail == std::uint8_t(PollResult::Pending) && !(notified_[row] && queued_))  // else: Queued next
            place_[row] = notified_[row] ? queueOf(e.worker) : QString(reasonKey(parkReason_[i]));
        break;
    case EventKind::Wake:
        if (e.detail == std::uint8_t(WakeOutcome::Scheduled) && !queued_)
            place_[row] = queueOf(e.worker);
        else if (e.detail == std::uint8_t(WakeOutcome::WhileRunning))
            notified_[row] = true;
        break;
    case EventKind::TaskCompleted: place_[row] = e.detail ? "failed" : "done"; break;
    case EventKind::TaskCancelled: place_[row] = "cancelled"; break;
    default: break;
    }
    if (e.kind != EventKind::Queued && place_[row] != before)
        stolenFrom_[row] = -1;
}

void StageModel::setEventIndex(int index)
{
    if (!trace_) {
        eventIndex_ = index;
        emit stageChanged();
        return;
    }
    index = std::clamp(index, 0, int(trace_->events.size()));
    if (index == eventIndex_)
        return;
    if (size_t(index) < applied_)
        reset();  // backwards: replay from the start (forward steps are incremental)
    while (applied_ < size_t(index))
        apply(applied_++);
    eventIndex_ = index;
    assignSlots();
    resources_.clear();
    for (const auto& r : trace_->resources) {
        const auto v = lastSync_[r.id];
        if (v < 0)
            continue;
        if (r.kind == "semaphore")
            resources_ << QString("%1: %2 permits free").arg(QString::fromStdString(r.name)).arg(v);
        else if (r.kind == "mutex")
            resources_ << QString("%1: %2").arg(QString::fromStdString(r.name), v > 0 ? "free" : "locked");
        else if (r.kind == "channel" || r.kind == "broadcast")
            resources_ << QString("%1: %2 buffered").arg(QString::fromStdString(r.name)).arg(v);
    }
    constexpr size_t kListed = 12;  // the stage has room for a few lines, not for 10,000 sleepers
    for (size_t i = 0; i < armed_.size() && i < kListed; ++i)
        resources_ << QString("%1: due at %2 ms").arg(QString::fromStdString(trace_->resourceName(armed_[i].timer)))
                          .arg(double(armed_[i].deadline) / 1e6, 0, 'f', 1);
    if (armed_.size() > kListed)
        resources_ << QString("… and %1 more timers").arg(armed_.size() - kListed);
    if (!tokens_.empty())
        emit dataChanged(this->index(0), this->index(int(tokens_.size()) - 1), {PlaceRole, SlotRole, StolenFromRole});
    emit stageChanged();
}

void StageModel::assignSlots()
{
    QHash<QString, int> used;
    for (size_t row = 0; row < tokens_.size(); ++row)
        slot_[row] = used[place_[row]]++;
    counts_.clear();
    for (auto it = used.begin(); it != used.end(); ++it)
        counts_.insert(it.key(), it.value());
}

QString StageModel::placeOf(int task) const
{
    if (!trace_ || task <= 0 || size_t(task) >= rowOfTask_.size() || rowOfTask_[size_t(task)] < 0)
        return {};
    return place_[size_t(rowOfTask_[size_t(task)])];
}

int StageModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(tokens_.size()); }

QVariant StageModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= tokens_.size())
        return {};
    const auto row = size_t(index.row());
    const TaskId id = tokens_[row];
    switch (role) {
    case NameRole: return QString::fromStdString(trace_->task(id)->name);
    case TaskRole: return int(id);
    case ColorRole: return TimelineTheme::light().taskColor(id);
    case PlaceRole: return place_[row];
    case SlotRole: return slot_[row];
    case StolenFromRole: return stolenFrom_[row];
    }
    return {};
}

QHash<int, QByteArray> StageModel::roleNames() const
{
    return {{NameRole, "name"}, {TaskRole, "task"}, {ColorRole, "tokenColor"}, {PlaceRole, "place"}, {SlotRole, "slot"},
            {StolenFromRole, "stolenFrom"}};
}

}  // namespace wl
