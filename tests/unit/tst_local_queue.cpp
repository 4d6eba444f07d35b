// LocalQueue, the lock-free local run queue after tokio's queue.rs: FIFO order, room counted from the steal
// position, the older half taken on overflow, half (rounded up) stolen with the oldest returned, the simulated
// ready prefix; and, with threads, every task taken exactly once while the owner pushes and pops and three
// thieves steal (TSan runs this test).
#include "exec/LocalQueue.h"

#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace wl;

namespace {
struct Dummy final : TaskCore {
    explicit Dummy(TaskId i) { id = i; }
    JoinState<void> joinState;
    JoinCore& join() override { return joinState; }
    bool bodyDone() const override { return true; }
    std::optional<std::string> takeResult() override { return std::nullopt; }
    void destroyBody() override {}
};

LocalQueue::Entry entry(TaskId id, Instant readyAt = 0) { return {std::make_shared<Dummy>(id), readyAt}; }

TaskId popId(LocalQueue& q, Instant readyBy = LocalQueue::kAlways)
{
    auto t = q.pop(readyBy);
    return t ? t->id : 0;
}
}  // namespace

class TestLocalQueue : public QObject {
    Q_OBJECT
private slots:
    void fifoAndFullAndOverflowHalf()
    {
        auto q = std::make_unique<LocalQueue>();
        for (TaskId i = 1; i <= LocalQueue::kCapacity; ++i) {
            auto e = entry(i);
            QCOMPARE(q->tryPush(e), LocalQueue::Push::Pushed);
        }
        auto extra = entry(999);
        QCOMPARE(q->tryPush(extra), LocalQueue::Push::Full);
        QVERIFY(extra.task);  // not taken
        std::vector<LocalQueue::Entry> moved;
        QVERIFY(q->takeOlderHalf(moved));
        QCOMPARE(moved.size(), std::size_t(128));
        QCOMPARE(moved.front().task->id, TaskId(1));
        QCOMPARE(moved.back().task->id, TaskId(128));
        QCOMPARE(q->size(), 128u);
        QCOMPARE(popId(*q), TaskId(129));
        QCOMPARE(q->tryPush(extra), LocalQueue::Push::Pushed);
        QCOMPARE(q->size(), 128u);
    }

    void stealTakesHalfRoundedUpOldestFirst()
    {
        auto victim = std::make_unique<LocalQueue>(), thief = std::make_unique<LocalQueue>();
        for (TaskId i = 1; i <= 7; ++i) {
            auto e = entry(i);
            victim->tryPush(e);
        }
        LocalQueue::Entry first;
        std::vector<TaskId> arrived;
        const auto n = victim->stealInto(*thief, LocalQueue::kAlways, first, [&](LocalQueue::Entry& e) {
            arrived.push_back(e.task->id);
        });
        QCOMPARE(n, 4u);
        QCOMPARE(first.task->id, TaskId(1));
        QCOMPARE(arrived, (std::vector<TaskId>{1, 2, 3, 4}));
        QCOMPARE(thief->size(), 3u);
        QCOMPARE(popId(*thief), TaskId(2));
        QCOMPARE(popId(*victim), TaskId(5));
        QCOMPARE(victim->size(), 2u);
    }

    void simulatedModeTakesOnlyTheReadyPrefix()
    {
        auto victim = std::make_unique<LocalQueue>(), thief = std::make_unique<LocalQueue>();
        const Instant readyAt[] = {10, 10, 10, 50, 10};
        for (TaskId i = 1; i <= 5; ++i) {
            auto e = entry(i, readyAt[i - 1]);
            victim->tryPush(e);
        }
        QVERIFY(!victim->frontReady(5));
        QCOMPARE(popId(*victim, 5), TaskId(0));
        QVERIFY(victim->frontReady(10));
        LocalQueue::Entry first;
        // Ready by 20: the first three (the fourth is not, and the fifth is behind it). Half of 3, rounded up.
        QCOMPARE(victim->stealInto(*thief, 20, first, [](LocalQueue::Entry&) {}), 2u);
        QCOMPARE(popId(*victim, 20), TaskId(3));
        QCOMPARE(popId(*victim, 20), TaskId(0));
        QCOMPARE(popId(*victim, 50), TaskId(4));
    }

    void concurrentStealsTakeEveryTaskOnce()
    {
        constexpr TaskId kTasks = 200'000;
        constexpr int kThieves = 3;
        auto owner = std::make_unique<LocalQueue>();
        std::vector<std::unique_ptr<LocalQueue>> thieves;
        for (int i = 0; i < kThieves; ++i)
            thieves.push_back(std::make_unique<LocalQueue>());
        std::vector<std::atomic<int>> taken(kTasks + 1);
        std::atomic<bool> done{false};
        std::mutex overflowMutex;
        std::vector<TaskId> overflow;  // what went to the "global queue"
        const auto take = [&](TaskId id) { taken[id].fetch_add(1, std::memory_order_relaxed); };

        std::vector<std::thread> threads;
        for (int i = 0; i < kThieves; ++i)
            threads.emplace_back([&, i] {
                LocalQueue& mine = *thieves[i];
                while (!done.load() || !owner->empty()) {
                    LocalQueue::Entry first;
                    if (owner->stealInto(mine, LocalQueue::kAlways, first, [](LocalQueue::Entry&) {}) > 0)
                        take(first.task->id);
                    while (auto t = mine.pop(LocalQueue::kAlways))
                        take(t->id);
                }
            });
        for (TaskId id = 1; id <= kTasks; ++id) {
            auto e = entry(id);
            for (;;) {
                const auto r = owner->tryPush(e);
                if (r == LocalQueue::Push::Pushed)
                    break;
                std::vector<LocalQueue::Entry> moved;
                if (r == LocalQueue::Push::Full && !owner->takeOlderHalf(moved))
                    continue;
                std::lock_guard lock(overflowMutex);
                for (auto& m : moved)
                    overflow.push_back(m.task->id);
                overflow.push_back(e.task->id);
                break;
            }
            if (id % 3 == 0)
                if (auto t = owner->pop(LocalQueue::kAlways))
                    take(t->id);
        }
        done.store(true);
        for (auto& t : threads)
            t.join();
        while (auto t = owner->pop(LocalQueue::kAlways))
            take(t->id);
        for (TaskId id : overflow)
            take(id);
        for (TaskId id = 1; id <= kTasks; ++id)
            if (taken[id].load() != 1)
                QFAIL(qPrintable(QString("task %1 was taken %2 times").arg(id).arg(taken[id].load())));
    }
};

QTEST_GUILESS_MAIN(TestLocalQueue)
#include "tst_local_queue.moc"
