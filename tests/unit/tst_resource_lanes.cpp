// Resource lanes: a channel's buffered messages and a semaphore's free permits over the run, with a tick for each
// operation. A student must see the channel fill to its capacity and its sender park there, and the semaphore
// empty while requests wait for a permit; the picture must draw the level where the model says.
#include "lang/Interpreter.h"
#include "scenarios/Scenario.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelinePainter.h"
#include "timeline/TimelineModel.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace wl;

namespace {
Trace run(const char* id) { return runScenario(*findScenario(id), {}); }

// The level in force at time x (the last level at or before it).
std::int64_t levelAt(const ResourceLane& lane, std::int64_t x)
{
    std::int64_t v = -1;
    for (const ResourceLevel& l : lane.levels)
        if (l.time <= x)
            v = l.value;
    return v;
}

int count(const ResourceLane& lane, SyncOp op)
{
    return int(std::count_if(lane.ticks.begin(), lane.ticks.end(), [&](const ResourceTick& k) { return k.op == op; }));
}

const TaskRow& row(const TimelineModel& m, const std::string& name)
{
    for (const TaskRow& r : m.rows)
        if (r.name == name)
            return r;
    qFatal("no task %s", name.c_str());
}
}  // namespace

class TstResourceLanes : public QObject {
    Q_OBJECT
private slots:
    // mpsc_backpressure: a channel of 2; the producer sends 6 and parks whenever the buffer is full.
    void theChannelFillsAndItsSenderParksWhenFull()
    {
        const Trace t = run("mpsc_backpressure");
        // On the step axis each operation has its own x (on the time axis, those of one instant share theirs).
        const TimelineModel m = TimelineModel::build(t, TimelineAxis::Steps);
        QCOMPARE(m.resources.size(), size_t(1));  // the timers have no lane
        const ResourceLane& ch = m.resources[0];
        QCOMPARE(QString::fromStdString(ch.name), QString("mpsc::channel(2)"));
        QCOMPARE(ch.capacity, 2);
        QCOMPARE(ch.scale, 2);
        QCOMPARE(QString::fromStdString(resourceLevelMeaning(ch)), QString("buffered (of 2)"));
        QCOMPARE(ch.levels.front().value, 0);  // a channel starts empty
        QCOMPARE(count(ch, SyncOp::Send), 6);
        QCOMPARE(count(ch, SyncOp::Receive), 6);
        std::int64_t highest = 0;
        for (const ResourceLevel& l : ch.levels) {
            QVERIFY(l.value >= 0 && l.value <= 2);
            highest = std::max(highest, l.value);
        }
        QCOMPARE(highest, 2);
        // Each time the producer waits for room to send, the buffer is full when the wait begins.
        int sendWaits = 0;
        for (const TaskSegment& s : row(m, "async@23").segments)
            if (s.state == TaskState::Waiting && s.reason == WaitReason::Send) {
                ++sendWaits;
                QCOMPARE(levelAt(ch, s.start), 2);
            }
        QVERIFY(sendWaits >= 1);
        // Ticks carry who acted: sends by the producer, receives by main.
        for (const ResourceTick& k : ch.ticks) {
            const std::string who = t.task(k.task) ? t.task(k.task)->name : "";
            if (k.op == SyncOp::Send)
                QCOMPARE(QString::fromStdString(who), QString("async@23"));
            if (k.op == SyncOp::Receive)
                QCOMPARE(QString::fromStdString(who), QString("main"));
        }
    }

    // semaphore: 2 permits, 5 requests; a request waits on a permit only while none is free.
    void theSemaphoreEmptiesWhileRequestsWait()
    {
        const Trace t = run("semaphore");
        const TimelineModel m = TimelineModel::build(t, TimelineAxis::Steps);
        QCOMPARE(m.resources.size(), size_t(1));
        const ResourceLane& sem = m.resources[0];
        QCOMPARE(QString::fromStdString(resourceLevelMeaning(sem)), QString("free permits (of 2)"));
        QCOMPARE(sem.levels.front().value, 2);  // all permits free at creation
        QCOMPARE(count(sem, SyncOp::Acquire), 5);
        QCOMPARE(count(sem, SyncOp::Release), 5);
        QCOMPARE(sem.levels.back().value, 2);  // every permit back at the end
        int permitWaits = 0;
        for (const TaskRow& r : m.rows)
            for (const TaskSegment& s : r.segments)
                if (s.state == TaskState::Waiting && s.reason == WaitReason::Permit && s.end > s.start) {
                    ++permitWaits;
                    QCOMPARE(levelAt(sem, s.start), 0);
                }
        QCOMPARE(permitWaits, 3);  // requests 3, 4 and 5
    }

    // Only views with task rows have resource lanes, placed between the task rows and the output lane; the level
    // is drawn in the lane: the fill is there while the channel holds messages and absent while it is empty.
    void theLaneIsDrawnWhereTheModelSays()
    {
        const Trace t = run("mpsc_backpressure");
        const TimelineModel m = TimelineModel::build(t, TimelineAxis::Time);
        LayoutOptions o;
        o.size = QSizeF(1600, 700);
        o.view = TimelineView::Workers;
        QVERIFY(layoutTimeline(m, o).resourceRows.empty());
        o.view = TimelineView::Both;
        const TimelineScene s = layoutTimeline(m, o);
        QCOMPARE(s.resourceRows.size(), size_t(1));
        const QRectF lane = s.resourceRows[0].second;
        QVERIFY(lane.top() > s.taskRows.back().second.bottom());
        QVERIFY(lane.bottom() <= s.plot.bottom() + 0.5);
        QImage image(s.size.toSize(), QImage::Format_ARGB32);
        QPainter p(&image);
        paintTimeline(p, s);
        p.end();
        const ResourceLane& ch = m.resources[0];
        int full = 0, empty = 0;
        for (size_t i = 0; i < ch.levels.size(); ++i) {
            const std::int64_t until = i + 1 < ch.levels.size() ? ch.levels[i + 1].time : ch.ended;
            // Just after the level starts: its middle may fall on a grid line of the time axis.
            const double x = s.xOf(ch.levels[i].time) + 5;
            if (s.xOf(until) - s.xOf(ch.levels[i].time) < 12)
                continue;  // too narrow to probe
            const QColor c = image.pixelColor(int(x), int(lane.bottom() - 4));
            if (ch.levels[i].value == 2) {
                ++full;
                QCOMPARE(c, o.theme.resourceFill);
            } else if (ch.levels[i].value == 0) {
                ++empty;
                QVERIFY(c != o.theme.resourceFill);
            }
        }
        QVERIFY(full >= 1);
        QVERIFY(empty >= 1);
    }

    // Scenarios without channels, semaphores or mutexes have no resource section; many lanes fold into "+N more".
    void onlyWhatHasALevelGetsALane()
    {
        for (const char* id : {"join", "select", "tasks_vs_threads"}) {
            const Trace t = run(id);
            QVERIFY2(TimelineModel::build(t).resources.empty(), id);
        }
        const Trace t = run("broadcast");
        const TimelineModel m = TimelineModel::build(t);
        QCOMPARE(m.resources.size(), size_t(1));
        QCOMPARE(QString::fromStdString(m.resources[0].kind), QString("broadcast"));
        QCOMPARE(QString::fromStdString(resourceLevelMeaning(m.resources[0])), QString("kept (of 16)"));
    }

    // A program with a dozen channels and a mutex: the lanes that fit are drawn, the rest are counted, and an
    // unbounded channel is scaled to the most it held.
    void manyLanesFoldIntoACount()
    {
        const std::string source = R"(use tokio::sync::{mpsc, Mutex};
#[tokio::main]
async fn main() {
    let lock = Mutex::new(0);
    let mut guard = lock.lock().await;
    *guard += 1;
    drop(guard);
    let (utx, mut urx) = mpsc::unbounded_channel();
    for i in 0..3 { utx.send(i).unwrap(); }
    for _ in 0..3 { println!("{}", urx.recv().await.unwrap()); }
    for i in 0..11 {
        let (tx, mut rx) = mpsc::channel(4);
        tx.send(i).await.unwrap();
        rx.recv().await;
    }
}
)";
        lang::ProgramOptions options;
        const lang::ProgramRun r = lang::runProgram(source, options);
        QVERIFY2(r.error.empty(), r.error.c_str());
        const TimelineModel m = TimelineModel::build(r.trace);
        QCOMPARE(m.resources.size(), size_t(13));
        QCOMPARE(QString::fromStdString(resourceLevelMeaning(m.resources[0])), QString("unlocked"));
        QCOMPARE(QString::fromStdString(resourceLevelMeaning(m.resources[1])), QString("buffered (at most 3)"));
        LayoutOptions o;
        o.size = QSizeF(1600, 600);
        const TimelineScene s = layoutTimeline(m, o);
        QVERIFY(!s.resourceRows.empty());
        QVERIFY(s.resourceRows.size() < 13);
        const QString more = QString("+%1 more channels and semaphores").arg(13 - s.resourceRows.size());
        QVERIFY(std::any_of(s.texts.begin(), s.texts.end(), [&](const SceneText& x) { return x.text.startsWith(more); }));
        // Exported without a set height, the picture is tall enough for every lane.
        o.size = QSizeF(1600, 0);
        QCOMPARE(layoutTimeline(m, o).resourceRows.size(), size_t(13));
    }
};

QTEST_MAIN(TstResourceLanes)
#include "tst_resource_lanes.moc"
