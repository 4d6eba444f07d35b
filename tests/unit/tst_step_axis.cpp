// The step axis (app/timeline/StepAxis): each event of an instant takes one step in order, an idle stretch is one
// break step that says how long it was, and times, steps and playback positions map back and forth.
#include "scenarios/Scenario.h"
#include "timeline/StepAxis.h"
#include "timeline/TimelineModel.h"

#include <QTest>

using namespace wl;

namespace {
Trace run(const char* id) { return runScenario(*findScenario(id), {}); }
constexpr std::int64_t U = StepAxis::kUnit;
}  // namespace

class TstStepAxis : public QObject {
    Q_OBJECT
private slots:
    // join: events at 0, 1 s and 2 s. Each instant spans as many steps as it has events, in their order; the two
    // idle seconds are two breaks of one step each, labelled "1 s".
    void anInstantSpansOneStepPerEventAndAnIdleSecondIsOneBreak()
    {
        const Trace t = run("join");
        const StepAxis a = StepAxis::build(t);
        QCOMPARE(a.instants.size(), size_t(3));
        QCOMPARE(a.breaks.size(), size_t(2));
        std::int64_t x = 0;
        for (size_t k = 0; k < a.instants.size(); ++k) {
            const auto& in = a.instants[k];
            size_t n = 0;
            for (const Event& e : t.events)
                n += e.time == in.time;
            QCOMPARE(size_t(in.events), n);
            if (k > 0) {
                QCOMPARE(a.breaks[k - 1].x, x);  // the break comes right before the instant
                QCOMPARE(a.breaks[k - 1].length, std::int64_t(1'000'000'000));
                QCOMPARE(QString::fromStdString(formatBreakLength(a.breaks[k - 1].length)), QString("1 s"));
                x += U;
            }
            QCOMPARE(in.x, x);
            for (size_t i = 0; i < in.events; ++i)
                QCOMPARE(a.xOfEvent(in.firstEvent + i), in.x + std::int64_t(i) * U);
            x += std::int64_t(in.events) * U;
        }
        QCOMPARE(a.end, x);  // the run ends at its last event: no break after it
        QCOMPARE(std::int64_t(t.events.size()) + 2, a.end / U);
    }

    void timesAndStepsMapBothWays()
    {
        const Trace t = run("join");
        const StepAxis a = StepAxis::build(t);
        for (const auto& in : a.instants) {
            QCOMPARE(a.xOfTime(in.time), in.x);
            QCOMPARE(a.timeOfX(in.x), in.time);
            QCOMPARE(a.timeOfX(in.x + U / 2), in.time);  // inside the instant's steps
        }
        const auto& b = a.breaks[0];
        QCOMPARE(a.xOfTime(b.from + b.length / 4), b.x + U / 4);  // a quarter into the idle second
        QCOMPARE(a.timeOfX(b.x + U / 2), b.from + b.length / 2);
        QCOMPARE(a.xOfTime(-5), std::int64_t(0));
    }

    // Playback on the step axis: the playhead at an event's step shows that event and all before it.
    void eventsUpToAStep()
    {
        const Trace t = run("select");
        const StepAxis a = StepAxis::build(t);
        QCOMPARE(a.eventsUpTo(-1), size_t(0));
        for (size_t i = 0; i < t.events.size(); ++i) {
            QCOMPARE(a.eventsUpTo(a.xOfEvent(i)), i + 1);
            QCOMPARE(a.eventsUpTo(a.xOfEvent(i) + U - 1), i + 1);
        }
        QCOMPARE(a.eventsUpTo(a.end), t.events.size());
    }

    void breakLengthsReadAsAPersonWritesThem()
    {
        QCOMPARE(QString::fromStdString(formatBreakLength(1'000'000'000)), QString("1 s"));
        QCOMPARE(QString::fromStdString(formatBreakLength(1'500'000'000)), QString("1.5 s"));
        QCOMPARE(QString::fromStdString(formatBreakLength(250'000'000)), QString("250 ms"));
        QCOMPARE(QString::fromStdString(formatBreakLength(12'345)), QString("12.3 µs"));
        QCOMPARE(QString::fromStdString(formatBreakLength(3'600'000'000'000)), QString("3600 s"));
        QCOMPARE(QString::fromStdString(formatBreakLength(7)), QString("7 ns"));
    }

    // A model on the step axis: a poll that took no time on the clock has width, and polls of one instant are
    // drawn left to right in the order they ran.
    void aPollHasWidthOnTheStepAxis()
    {
        const Trace t = run("many_sleepers");
        const auto axis = std::make_shared<const StepAxis>(StepAxis::build(t));
        const TimelineModel m = TimelineModel::build(t, axis);
        QCOMPARE(m.duration, axis->end);
        std::int64_t previousEnd = -1;
        size_t polls = 0;
        for (const auto& lane : m.lanes)
            for (const PollSlice& p : lane.polls) {
                QVERIFY(p.end - p.start >= U);
                QVERIFY(p.start >= previousEnd || &lane != &m.lanes[0]);
                previousEnd = p.end;
                ++polls;
            }
        QVERIFY(polls > 10);
        const TimelineModel onTime = TimelineModel::build(t);
        QCOMPARE(onTime.duration, t.duration);
    }
};

QTEST_MAIN(TstStepAxis)
#include "tst_step_axis.moc"
