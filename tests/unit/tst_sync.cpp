// Coordination primitives: semaphore, mpsc, broadcast and oneshot, with their edge cases (capacity 1, closing
// with parked waiters, cancelled waiters losing nothing, lag counts), on simulated and threaded runs.
#include "TraceQuery.h"
#include "exec/Executor.h"
#include "sync/Broadcast.h"
#include "sync/Mpsc.h"
#include "sync/Oneshot.h"
#include "sync/Semaphore.h"

#include <algorithm>
#include <QTest>

#include <atomic>
#include <thread>

using namespace wl;
using namespace wl::test;

namespace {
Trace runIt(Task<void> body, std::uint32_t workers = 1, Mode mode = Mode::Simulated)
{
    ExecutorConfig config;
    config.workers = workers;
    config.mode = mode;
    Executor ex(config);
    auto r = ex.block_on(std::move(body));
    if (!r.ok())
        qFatal("root failed: %s", r.error->describe().c_str());
    return ex.takeTrace();
}

std::vector<std::string> texts(const Trace& t)
{
    std::vector<std::string> out;
    for (const auto& l : t.printedLines())
        out.push_back(l.second);
    return out;
}
}  // namespace

class TstSync : public QObject {
    Q_OBJECT
private slots:
    void semaphoreKeepsAtMostNInFlightAndGrantsInOrder()
    {
        int inFlight = 0, most = 0;
        auto body = [&]() -> Task<void> {
            auto sem = Semaphore::create(2, "permits");
            auto request = [&](std::shared_ptr<Semaphore> s, int i) -> Task<void> {
                auto permit = co_await s->acquire();
                most = std::max(most, ++inFlight);
                print("start " + std::to_string(i));
                co_await sleep(100ms);
                --inFlight;
            };
            std::vector<JoinHandle<void>> hs;
            for (int i = 0; i < 5; ++i)
                hs.push_back(spawn(request(sem, i), "request " + std::to_string(i)));
            for (auto& h : hs)
                co_await h;
            print("left " + std::to_string(sem->available()));
        };
        const Trace t = runIt(body(), 2);
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(most, 2);
        // Permits go out in the order the requests asked: the order of their first polls (that order is the
        // scheduler's: the last task spawned sits in the LIFO slot and is polled first, as in tokio). The first two
        // take a permit at once; each release wakes the next waiter in that order. (Who prints "start" first among
        // two woken at one instant is the scheduler's again: the later wake sits in the LIFO slot.)
        std::vector<std::string> asked, woken;
        for (const auto& e : t.events) {
            const std::string who = t.task(e.task) ? t.task(e.task)->name : std::string();
            if (e.kind == EventKind::PollStart && who.rfind("request ", 0) == 0
                && std::find(asked.begin(), asked.end(), who) == asked.end())
                asked.push_back(who);
            if (e.kind == EventKind::Wake && e.resource && t.resource(e.resource)->kind == "semaphore")
                woken.push_back(who);
        }
        QCOMPARE(asked.size(), size_t(5));
        QCOMPARE(woken, std::vector<std::string>(asked.begin() + 2, asked.end()));
        auto printed = texts(t);
        QCOMPARE(printed.back(), std::string("left 2"));
        std::sort(printed.begin(), printed.end());
        QCOMPARE(printed, (std::vector<std::string>{"left 2", "start 0", "start 1", "start 2", "start 3", "start 4"}));
        QCOMPARE(t.printedLines()[4].first, std::int64_t(200'000'000));
        // The third to ask was woken by the semaphore release of a task that finished (task and resource both
        // named): one of the first two.
        const TaskId r2 = taskNamed(t, asked[2]);
        std::vector<Event> wakes;
        for (const auto& w : eventsOf(t, EventKind::Wake, r2))
            if (t.resource(w.resource)->kind == "semaphore")
                wakes.push_back(w);
        QCOMPARE(wakes.size(), size_t(1));  // (its other wake is its own sleep's timer)
        QVERIFY(wakes[0].peer == taskNamed(t, asked[0]) || wakes[0].peer == taskNamed(t, asked[1]));
        QCOMPARE(t.resource(wakes[0].resource)->kind, std::string("semaphore"));
    }

    // Regression (found by the TSan suite as a rare hang): a permit released between an acquirer's first look and
    // its queuing was left free while the acquirer parked, and nobody was left to wake it. Three tasks on real
    // threads pass one permit around tens of thousands of times; a run that stalls is stopped, then fails.
    void contendedPermitsNeverStrandAWaiter()
    {
        constexpr int kTasks = 3, kRounds = 20000;
        std::atomic<int> done{0};
        auto body = [&]() -> Task<void> {
            auto sem = Semaphore::create(1, "one");
            std::vector<JoinHandle<void>> hs;
            for (int i = 0; i < kTasks; ++i)
                hs.push_back(spawn([](std::shared_ptr<Semaphore> s, std::atomic<int>& done) -> Task<void> {
                    for (int r = 0; r < kRounds; ++r) {
                        auto permit = co_await s->acquire();
                        done.fetch_add(1);
                    }
                }(sem, done), "contender"));
            for (auto& h : hs)
                co_await h;
        };
        ExecutorConfig config;
        config.workers = 2;
        config.mode = Mode::Threaded;
        config.control = std::make_shared<RunControl>();
        auto control = config.control;
        std::thread stallWatch([control, &done] {
            // Stop the run if no permit changed hands for two seconds.
            int last = -1, still = 0;
            while (!control->stop.load()) {
                std::this_thread::sleep_for(50ms);
                const int now = done.load();
                still = now == last ? still + 1 : 0;
                last = now;
                if (still == 40)
                    control->stop.store(true);
            }
        });
        Executor ex(config);
        ex.block_on(body());
        control->stop.store(true);
        stallWatch.join();
        WL_REQUIRE_CLEAN(ex.trace());
        QCOMPARE(done.load(), kTasks * kRounds);
    }

    void cancelledAcquirersLoseNoPermit()
    {
        auto body = []() -> Task<void> {
            auto sem = Semaphore::create(1, "one");
            auto held = co_await sem->acquire();
            // A waiting acquire that times out leaves the queue.
            auto gaveUp = co_await timeout(10ms, sem->acquire());
            print(gaveUp ? "got it" : "timed out");
            print("waiting " + std::to_string(sem->waiting()));
            // An acquire granted by a release but dropped before it ran hands its permit on.
            auto a = sem->acquire();
            auto racer = spawn([](std::shared_ptr<Semaphore> s) -> Task<void> {
                auto p = co_await s->acquire();
                print("racer got it");
            }(sem), "racer");
            auto loser = spawn([](std::shared_ptr<Semaphore> s) -> Task<void> {
                auto p = co_await s->acquire();
                print("loser got it");
            }(sem), "loser");
            co_await yield_now();  // both park, racer first
            loser.abort();         // loser is cancelled while queued
            held = SemaphorePermit();  // release: racer is granted the permit
            co_await racer;
            print("available " + std::to_string(sem->available()));
        };
        const Trace t = runIt(body());
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(texts(t), (std::vector<std::string>{"timed out", "waiting 0", "racer got it", "available 1"}));
    }

    void grantedButDroppedAcquireHandsThePermitOn()
    {
        auto body = []() -> Task<void> {
            auto sem = Semaphore::create(1, "one");
            auto held = co_await sem->acquire();
            auto first = spawn([](std::shared_ptr<Semaphore> s) -> Task<void> {
                auto p = co_await s->acquire();
                print("first got it");
            }(sem), "first");
            auto second = spawn([](std::shared_ptr<Semaphore> s) -> Task<void> {
                auto p = co_await s->acquire();
                print("second got it");
            }(sem), "second");
            co_await yield_now();        // both queue up
            held = SemaphorePermit();    // first is granted (woken, not yet polled)
            first.abort();               // ...and dropped before it runs
            co_await second;
            print("available " + std::to_string(sem->available()));
        };
        const Trace t = runIt(body());
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(texts(t), (std::vector<std::string>{"second got it", "available 1"}));
    }

    void closingASemaphoreWakesWaitersEmptyHanded()
    {
        auto body = []() -> Task<void> {
            auto sem = Semaphore::create(0, "none");
            auto w = spawn([](std::shared_ptr<Semaphore> s) -> Task<void> {
                auto p = co_await s->acquire();
                print(p ? "got" : "closed");
            }(sem), "waiter");
            co_await yield_now();
            sem->close();
            co_await w;
        };
        QCOMPARE(texts(runIt(body())), (std::vector<std::string>{"closed"}));
    }

    void mpscSenderParksWhenFullAndTheReceiverWakesIt()
    {
        auto body = []() -> Task<void> {
            auto [tx, rx] = mpsc_channel<int>(1, "queue");
            auto producer = spawn([](MpscSender<int> tx) -> Task<void> {
                for (int i = 0; i < 3; ++i) {
                    co_await tx.send(i);
                    print("sent " + std::to_string(i));
                }
            }(std::move(tx)), "producer");
            co_await sleep(10ms);  // the producer fills the single slot and parks
            while (auto v = co_await rx.recv())
                print("got " + std::to_string(*v));
            print("closed");
            co_await producer;
        };
        const Trace t = runIt(body());
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(texts(t), (std::vector<std::string>{"sent 0", "got 0", "sent 1", "got 1", "sent 2", "got 2", "closed"}));
        const TaskId producer = taskNamed(t, "producer");
        const TaskId main = taskNamed(t, "main");
        const auto wakes = eventsOf(t, EventKind::Wake, producer);
        QVERIFY(!wakes.empty());
        QCOMPARE(wakes[0].peer, main);  // the receiver freed a slot
        QCOMPARE(t.resource(wakes[0].resource)->kind, std::string("channel"));
        QCOMPARE(wakes[0].time, std::int64_t(10'000'000));
        // Capacity 1: never more than one message buffered.
        for (const auto& e : eventsOf(t, EventKind::Sync))
            if (e.detail == std::uint8_t(SyncOp::Send))
                QCOMPARE(e.value, std::int64_t(1));
    }

    void cancelledSendersAndReceiversLoseNothing()
    {
        auto body = []() -> Task<void> {
            auto [tx, rx] = mpsc_channel<int>(1, "queue");
            co_await tx.send(1);
            auto blocked = co_await timeout(5ms, tx.send(2));  // full: times out, 2 is never sent
            print(blocked ? "sent 2" : "send timed out");
            auto first = co_await rx.recv();
            auto nothing = co_await timeout(5ms, rx.recv());  // empty: times out
            print(nothing ? "got more" : "recv timed out");
            co_await tx.send(3);  // the slot of the cancelled send is not lost
            auto third = co_await rx.recv();
            print(std::to_string(*first) + " " + std::to_string(*third));
        };
        QCOMPARE(texts(runIt(body())), (std::vector<std::string>{"send timed out", "recv timed out", "1 3"}));
    }

    void sendingToADroppedReceiverGivesTheValueBack()
    {
        auto body = []() -> Task<void> {
            auto [tx, rx] = mpsc_channel<std::string>(1, "queue");
            co_await tx.send("a");
            auto parked = spawn([](MpscSender<std::string> tx) -> Task<void> {
                auto back = co_await tx.send("b");  // parks: the channel is full
                print(back ? "returned " + *back : "sent");
            }(tx), "sender");
            co_await yield_now();
            { auto gone = std::move(rx); }  // dropping the receiver closes the channel
            co_await parked;
        };
        QCOMPARE(texts(runIt(body())), (std::vector<std::string>{"returned b"}));
    }

    void mpscUnderRealThreadsKeepsEveryMessageInOrder()
    {
        constexpr int kProducers = 4, kMessages = 1000;
        std::vector<int> lastSeen(kProducers, -1);
        int received = 0;
        bool ordered = true;
        auto body = [&]() -> Task<void> {
            auto [tx, rx] = mpsc_channel<std::pair<int, int>>(4, "queue");
            std::vector<JoinHandle<void>> hs;
            for (int p = 0; p < kProducers; ++p)
                hs.push_back(spawn([](MpscSender<std::pair<int, int>> tx, int p) -> Task<void> {
                    for (int i = 0; i < kMessages; ++i)
                        co_await tx.send({p, i});
                }(tx, p), "producer"));
            { auto dropOurs = std::move(tx); }
            while (auto m = co_await rx.recv()) {
                ordered = ordered && m->second == lastSeen[size_t(m->first)] + 1;
                lastSeen[size_t(m->first)] = m->second;
                ++received;
            }
            for (auto& h : hs)
                co_await h;
        };
        const Trace t = runIt(body(), 4, Mode::Threaded);
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(received, kProducers * kMessages);
        QVERIFY(ordered);
    }

    void broadcastReachesEveryReceiverAndSlowOnesLag()
    {
        auto body = []() -> Task<void> {
            auto [tx, rx0] = broadcast_channel<int>(2, "news");
            auto listener = [](BroadcastReceiver<int> rx, std::string name, Duration pause) -> Task<void> {
                for (;;) {
                    co_await sleep(pause);
                    auto r = co_await rx.recv();
                    if (auto* v = std::get_if<0>(&r))
                        print(name + " got " + std::to_string(*v));
                    else if (auto* l = std::get_if<1>(&r))
                        print(name + " lagged by " + std::to_string(l->missed));
                    else
                        break;
                }
                print(name + " closed");
            };
            auto fast = spawn(listener(tx.subscribe(), "fast", 0ms), "fast");
            auto slow = spawn(listener(std::move(rx0), "slow", 100ms), "slow");
            co_await yield_now();
            for (int i = 0; i < 5; ++i) {
                tx.send(i);
                co_await sleep(10ms);
            }
            { auto done = std::move(tx); }
            co_await fast;
            co_await slow;
        };
        const Trace t = runIt(body());
        WL_REQUIRE_CLEAN(t);
        std::vector<std::string> fast, slow;
        for (const auto& s : texts(t))
            (s.rfind("fast", 0) == 0 ? fast : slow).push_back(s);
        QCOMPARE(fast, (std::vector<std::string>{"fast got 0", "fast got 1", "fast got 2", "fast got 3", "fast got 4",
                                                 "fast closed"}));
        QCOMPARE(slow, (std::vector<std::string>{"slow lagged by 3", "slow got 3", "slow got 4", "slow closed"}));
        bool lagRecorded = false;
        for (const auto& e : eventsOf(t, EventKind::Sync))
            lagRecorded = lagRecorded || (e.detail == std::uint8_t(SyncOp::Lagged) && e.value == 3);
        QVERIFY(lagRecorded);
    }

    void oneshotDeliversOnceOrReportsADroppedSender()
    {
        auto body = []() -> Task<void> {
            auto [tx, rx] = oneshot_channel<int>("answer");
            auto s = spawn([](OneshotSender<int> tx) -> Task<void> {
                co_await sleep(5ms);
                std::move(tx).send(42);
            }(std::move(tx)), "sender");
            auto v = co_await rx.recv();
            print("got " + std::to_string(*v));
            auto [tx2, rx2] = oneshot_channel<int>("never");
            { auto gone = std::move(tx2); }
            auto none = co_await rx2.recv();
            print(none ? "value" : "sender dropped");
            co_await s;
        };
        QCOMPARE(texts(runIt(body())), (std::vector<std::string>{"got 42", "sender dropped"}));
    }

    void capacityZeroIsRefused()
    {
        auto body = []() -> Task<void> {
            bool threw = false;
            try {
                auto c = mpsc_channel<int>(0);
            } catch (const std::invalid_argument&) {
                threw = true;
            }
            print(threw ? "refused" : "accepted");
            co_return;
        };
        QCOMPARE(texts(runIt(body())), (std::vector<std::string>{"refused"}));
    }
};

QTEST_GUILESS_MAIN(TstSync)
#include "tst_sync.moc"
