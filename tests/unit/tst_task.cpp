// Task<T> is lazy and awaiting one is a plain await inside the current task.
#include "TraceQuery.h"
#include "exec/Executor.h"

#include <QTest>

using namespace wl;
using namespace wl::test;

namespace {
Task<int> touch(int* counter)
{
    ++*counter;
    co_return 7;
}

Task<int> addLater(int a, int b)
{
    co_await sleep(10ms);
    co_return a + b;
}

// How deep the thread's stack is where the probe runs (a plain function: a coroutine's locals live in its frame).
[[gnu::noinline]] std::uintptr_t stackDepthHere()
{
    return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
}

// Awaiting this from a loop must not run it deeper on the stack each time.
Task<std::uintptr_t> stackDepthProbe()
{
    co_return stackDepthHere();
}

Task<void> throwing()
{
    co_await yield_now();
    throw std::runtime_error("inner failure");
}
}  // namespace

class TstTask : public QObject {
    Q_OBJECT
private slots:
    void creatingATaskRunsNothing()
    {
        int counter = 0;
        {
            auto t = touch(&counter);
            QVERIFY(t.valid());
            QCOMPARE(counter, 0);
        }  // dropped without ever being awaited: its body never ran
        QCOMPARE(counter, 0);
    }

    // Regression (found by ASan): a child that finishes at once used to resume its parent from inside its own
    // final suspend. That is a tail call only when the compiler optimises it so, never under sanitizers, and a
    // loop of such awaits overflowed the stack. Now the parent continues by returning: the depth stays flat.
    void awaitingTasksThatFinishAtOnceDoesNotGrowTheStack()
    {
        Executor ex({});
        std::uintptr_t lowest = UINTPTR_MAX, highest = 0;
        auto body = [&]() -> Task<void> {
            for (int i = 0; i < 200'000; ++i) {
                const std::uintptr_t at = co_await stackDepthProbe();
                lowest = std::min(lowest, at);
                highest = std::max(highest, at);
            }
        };
        ex.block_on(body());
        WL_REQUIRE_CLEAN(ex.trace());
        QVERIFY2(highest - lowest < 4096, qPrintable(QString("the stack grew by %1 bytes").arg(highest - lowest)));
    }

    void creatingATaskInsideARunRecordsNothing()
    {
        int counter = 0;
        Executor ex({});
        auto body = [&]() -> Task<void> {
            auto lazy = touch(&counter);
            print("created");
            co_await sleep(1s);
            print(std::to_string(counter));
            const int v = co_await std::move(lazy);
            print(std::to_string(counter) + " " + std::to_string(v));
        };
        ex.block_on(body());
        const Trace& t = ex.trace();
        WL_REQUIRE_CLEAN(t);
        const auto lines = t.printedLines();
        QCOMPARE(lines.size(), size_t(3));
        QCOMPARE(lines[1].second, std::string("0"));    // still nothing ran after a second
        QCOMPARE(lines[2].second, std::string("1 7"));  // ran once, when awaited
        QCOMPARE(t.tasks.size(), size_t(1));            // awaiting is not spawning
    }

    void awaitingIsAPlainAwaitNotANewTask()
    {
        Executor ex({});
        auto r = ex.block_on(addLater(2, 3));
        QVERIFY(r.ok());
        QCOMPARE(*r.value, 5);
        const Trace& t = ex.trace();
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(t.tasks.size(), size_t(1));
        QCOMPARE(eventsOf(t, EventKind::TaskSpawned).size(), size_t(1));
        QCOMPARE(t.duration, std::int64_t(10'000'000));
    }

    void exceptionsPropagateThroughPlainAwaits()
    {
        Executor ex({});
        auto body = []() -> Task<std::string> {
            try {
                co_await throwing();
            } catch (const std::runtime_error& e) {
                co_return std::string("caught: ") + e.what();
            }
            co_return std::string("not thrown");
        };
        auto r = ex.block_on(body());
        QVERIFY(r.ok());
        QCOMPARE(*r.value, std::string("caught: inner failure"));
        WL_REQUIRE_CLEAN(ex.trace());
    }
};

QTEST_GUILESS_MAIN(TstTask)
#include "tst_task.moc"
