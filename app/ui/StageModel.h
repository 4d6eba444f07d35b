#pragma once
// The stage: where every task is at the playhead. Places are the run queues (the global one, and per worker
// its LIFO slot and local queue), the workers and blocking threads (the task being polled), parked (grouped by what will wake it: a timer,
// a channel, a semaphore, another task), and done / cancelled / failed. Tokens move between places as the
// playhead moves; resources show their state (armed timers and their deadlines, buffered messages, permits).
#include "RunController.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace wl {

class StageModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(wl::RunController* controller READ controller WRITE setController NOTIFY placesChanged)
    Q_PROPERTY(int eventIndex READ eventIndex WRITE setEventIndex NOTIFY stageChanged)
    Q_PROPERTY(QVariantList places READ places NOTIFY placesChanged)  // [{key, title, group}]
    Q_PROPERTY(QStringList resources READ resources NOTIFY stageChanged)
    Q_PROPERTY(int hiddenTasks READ hiddenTasks NOTIFY placesChanged)
    Q_PROPERTY(QVariantMap counts READ counts NOTIFY stageChanged)  // place key -> tokens in it now

public:
    static constexpr int kMaxTokens = 200;
    enum Role { NameRole = Qt::UserRole + 1, TaskRole, ColorRole, PlaceRole, SlotRole, StolenFromRole };
    explicit StageModel(QObject* parent = nullptr);

    RunController* controller() const { return controller_; }
    void setController(RunController* c);
    int eventIndex() const { return eventIndex_; }
    void setEventIndex(int index);
    QVariantList places() const { return places_; }
    QStringList resources() const { return resources_; }
    QVariantMap counts() const { return counts_; }
    int hiddenTasks() const { return hidden_; }
    Q_INVOKABLE QString placeOf(int task) const;  // for tests and tooltips

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void placesChanged();
    void stageChanged();

private:
    void rebuild();
    void reset();            // every token back to "not spawned yet"
    void apply(size_t i);    // one event forward
    void assignSlots();
    QString queueOf(LaneId lane) const;

    RunController* controller_ = nullptr;
    std::shared_ptr<const Trace> trace_;
    std::vector<TaskId> tokens_;                  // the tasks shown, in row order
    std::vector<int> rowOfTask_;                  // task id -> row, -1 if not shown
    std::vector<QString> place_;                  // by row
    std::vector<int> slot_;                       // by row: position inside its place
    std::vector<int> stolenFrom_;                 // by row: the worker it was stolen from, while it waits there; -1
    std::vector<bool> notified_;                  // by row: woken while running
    std::vector<std::uint8_t> parkReason_;        // by event index (PollEnd Pending): what will wake it
    std::vector<std::int64_t> lastSync_;          // by resource id: value of its last Sync event
    struct ArmedTimer {
        ResourceId timer;
        TaskId owner;
        std::int64_t deadline;
    };
    std::vector<ArmedTimer> armed_;  // armed and not yet fired (nor dropped with their owner)
    QVariantList places_;
    QStringList resources_;
    QVariantMap counts_;
    int eventIndex_ = 0;
    size_t applied_ = 0;
    int hidden_ = 0;
    bool queued_ = false;  // the trace records where runnable tasks wait (Queued events)
};

}  // namespace wl
