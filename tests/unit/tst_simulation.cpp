// Simulated mode: same inputs and seed give byte-identical traces; seeds change interleavings where order may
// vary; virtual time makes the lessons' timings exact.
#include "QuickParams.h"
#include "TraceQuery.h"
#include "scenarios/Scenario.h"
#include "trace/TraceJson.h"

#include <QTest>

#include <set>

using namespace wl;
using namespace wl::test;

namespace {
Trace run(const std::string& id, std::uint32_t workers, std::uint64_t seed)
{
    RunOptions options;
    options.workers = workers;
    options.seed = seed;
    options.params = quickParams(id);  // busy loops shortened: determinism does not need a second of computing
    return runScenario(*findScenario(id), options);
}

// Which worker polled which task, in order: the interleaving a seed chose.
std::string interleaving(const Trace& t)
{
    std::string s;
    for (const auto& e : t.events)
        if (e.kind == EventKind::PollStart)
            s += std::to_string(e.task) + "@" + std::to_string(e.worker) + " ";
    return s;
}
}  // namespace

class TstSimulation : public QObject {
    Q_OBJECT
private slots:
    void sameSeedGivesIdenticalBytes_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("workers");
        for (const auto& s : allScenarios())
            for (int w : {1, 4})
                QTest::addRow("%s/%d", s.id.c_str(), w) << QString::fromStdString(s.id) << w;
    }
    void sameSeedGivesIdenticalBytes()
    {
        QFETCH(QString, scenario);
        QFETCH(int, workers);
        for (std::uint64_t seed : {1ull, 7ull, 123456789ull}) {
            const Trace a = run(scenario.toStdString(), std::uint32_t(workers), seed);
            const Trace b = run(scenario.toStdString(), std::uint32_t(workers), seed);
            WL_REQUIRE_CLEAN(a);
            QVERIFY(!a.events.empty());
            QCOMPARE(traceToJson(a), traceToJson(b));
        }
    }

    // The full schedule sweep (every scenario, 1/2/4/8 workers, 200 seeds) is tests/sweep, run by CTest.

    void differentSeedsGiveDifferentInterleavingsOnFourWorkers()
    {
        std::set<std::string> seen;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            const Trace t = run("many_sleepers", 4, seed);
            WL_REQUIRE_CLEAN(t);
            seen.insert(interleaving(t));
        }
        QVERIFY2(seen.size() > 5, ("only " + std::to_string(seen.size()) + " interleavings in 20 seeds").c_str());
    }

    void oneWorkerLeavesNothingToChoose()
    {
        // With one worker there is only ever one candidate: the seed cannot change what happens.
        QCOMPARE(interleaving(run("many_sleepers", 1, 1)), interleaving(run("many_sleepers", 1, 99)));
    }

    void virtualTimeMakesTheLessonsExact()
    {
        QCOMPARE(run("sequential", 1, 1).duration, std::int64_t(3'000'000'000));
        QCOMPARE(run("join", 1, 1).duration, std::int64_t(2'000'000'000));
        QCOMPARE(run("select", 1, 1).duration, std::int64_t(1'000'000'000));
        QCOMPARE(run("timeout", 1, 1).duration, std::int64_t(1'000'000'000));
        QCOMPARE(run("many_sleepers", 4, 1).duration, std::int64_t(100'000'000));
        QCOMPARE(run("many_sleepers", 1, 1).duration, std::int64_t(100'000'000));
    }

    void parametersChangeTheRun()
    {
        RunOptions options;
        options.params = {{"temperature_ms", 500}, {"humidity_ms", 1500}};
        const Trace t = runScenario(*findScenario("join"), options);
        WL_REQUIRE_CLEAN(t);
        QCOMPARE(t.duration, std::int64_t(1'500'000'000));
        QCOMPARE(t.printedLines()[0].second, std::string("Temperature fetched"));
        QCOMPARE(t.params, (std::vector<std::pair<std::string, std::string>>{{"humidity_ms", "1500"},
                                                                              {"temperature_ms", "500"}}));
    }

    void badParametersAreRejectedWithWhatIsValid()
    {
        RunOptions unknown;
        unknown.params = {{"nope", 1}};
        try {
            runScenario(*findScenario("join"), unknown);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("scenario 'join' has no parameter 'nope'; valid: temperature_ms, humidity_ms"));
        }
        RunOptions outOfRange;
        outOfRange.params = {{"tasks", 0}};
        try {
            runScenario(*findScenario("many_sleepers"), outOfRange);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()), std::string("parameter 'tasks' must be between 1 and 10000, got 0"));
        }
    }
};

QTEST_GUILESS_MAIN(TstSimulation)
#include "tst_simulation.moc"
