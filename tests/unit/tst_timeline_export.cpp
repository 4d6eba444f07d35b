// The timeline as pictures: the layout's shapes land as pixels where the layout says (PNG), as real shapes and
// text (SVG) and as a one-page document of the right size (PDF); many slices in a pixel merge; bad requests
// are refused with a message.
#include "TraceQuery.h"
#include "export/ImageExport.h"
#include "scenarios/Scenario.h"
#include "timeline/TimelinePainter.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>
#include <set>
#include <tuple>

using namespace wl;
using namespace wl::test;

namespace {
Trace simulated(const std::string& id)
{
    return runScenario(*findScenario(id), {});
}

QImage render(const TimelineScene& scene)
{
    QImage image(scene.size.toSize(), QImage::Format_ARGB32);
    QPainter p(&image);
    paintTimeline(p, scene);
    return image;
}

// Where a text's glyphs are: its width as drawn (at most its box), placed in its box as its flags say.
QRectF inkOf(const SceneText& t)
{
    QFont font;
    font.setPixelSize(int(t.pixelSize));
    font.setBold(t.bold);
    const qreal w = std::min(t.box.width(), QFontMetricsF(font).horizontalAdvance(t.text));
    const qreal h = std::min(t.box.height(), QFontMetricsF(font).height());
    const qreal x = t.flags & Qt::AlignRight ? t.box.right() - w : t.flags & Qt::AlignHCenter ? t.box.center().x() - w / 2 : t.box.left();
    return QRectF(x, t.box.center().y() - h / 2, w, h);
}

bool near(QColor a, QColor b, int tolerance = 24)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

QString describe(QColor c) { return c.name(); }
}  // namespace

class TstTimelineExport : public QObject {
    Q_OBJECT
private slots:
    void joinArmsWaitAtTheSameTime()
    {
        const Trace t = simulated("join");
        const TimelineModel model = TimelineModel::build(t);
        LayoutOptions o;
        o.size = QSizeF(1200, 500);
        o.view = TimelineView::Tasks;
        const TimelineScene scene = layoutTimeline(model, o);
        const QImage image = render(scene);
        const QRectF temp = scene.taskRow(taskNamed(t, "fetch_temperature()"));
        const QRectF hum = scene.taskRow(taskNamed(t, "fetch_humidity()"));
        QVERIFY(!temp.isNull() && !hum.isNull());
        // At 0.5 s both arms are parked on their timers: the waiting line runs through both rows.
        const int x = int(scene.xOf(500'000'000));
        QVERIFY2(near(image.pixelColor(x, int(temp.center().y())), o.theme.waiting),
                 qPrintable(describe(image.pixelColor(x, int(temp.center().y())))));
        QVERIFY(near(image.pixelColor(x, int(hum.center().y())), o.theme.waiting));
        // At 1.5 s the humidity arm is done (its row is empty) while the temperature arm still waits.
        const int later = int(scene.xOf(1'500'000'000));
        QVERIFY(near(image.pixelColor(later, int(temp.center().y())), o.theme.waiting));
        QVERIFY(!near(image.pixelColor(later, int(hum.center().y())), o.theme.waiting));
        // The humidity arm ends with a completed marker at 1 s.
        QVERIFY(near(image.pixelColor(int(scene.xOf(1'000'000'000)), int(hum.center().y())), o.theme.completed, 40));
    }

    void selectLoserEndsInACancelledMarker()
    {
        for (const auto& theme : {TimelineTheme::light(), TimelineTheme::dark()}) {
            const Trace t = simulated("select");
            LayoutOptions o;
            o.size = QSizeF(1000, 400);
            o.theme = theme;
            o.to = 1'200'000'000;  // leave room after the end markers
            const TimelineScene scene = layoutTimeline(TimelineModel::build(t), o);
            const QImage image = render(scene);
            const QRectF loser = scene.taskRow(taskNamed(t, "slow_source()"));
            const QRectF winner = scene.taskRow(taskNamed(t, "fast_source()"));
            const int x = int(scene.xOf(1'000'000'000));
            QVERIFY2(near(image.pixelColor(x, int(loser.center().y())), theme.cancelled, 40),
                     qPrintable(theme.name + ": " + describe(image.pixelColor(x, int(loser.center().y())))));
            QVERIFY(near(image.pixelColor(x, int(winner.center().y())), theme.completed, 40));
            QVERIFY(near(image.pixelColor(2, 2), theme.background, 2));
            bool causeWritten = false;
            for (const auto& text : scene.texts)
                causeWritten = causeWritten || text.text == "cancelled: dropped by combinator";
            QVERIFY(causeWritten);
        }
    }

    void theTitleLineStatesTheRangeToATenthOfIt()
    {
        const Trace t = simulated("semaphore");  // 1.5 s of virtual time
        QCOMPARE(t.duration, std::int64_t(1'500'000'000));
        LayoutOptions o;
        o.size = QSizeF(1000, 400);
        const TimelineScene scene = layoutTimeline(TimelineModel::build(t), o);
        QStringList ranges;
        for (const auto& text : scene.texts)
            if (text.text.contains(" events"))
                ranges << text.text;
        QCOMPARE(ranges, QStringList{"0 – 1.5 s   " + QString::number(t.events.size()) + " events"});
    }

    void cpuWorkHoldsTheWorkerLane()
    {
        const Trace t = simulated("cpu_starvation");
        LayoutOptions o;
        o.size = QSizeF(1200, 500);
        o.view = TimelineView::Workers;
        const TimelineScene scene = layoutTimeline(TimelineModel::build(t), o);
        // main's poll on worker 0 spans 50..850 ms, with CPU work marked inside it.
        bool longPoll = false, work = false;
        for (const auto& r : scene.rects) {
            if (r.role == SceneRect::Role::Poll && r.task == taskNamed(t, "main")
                && std::abs(r.rect.left() - scene.xOf(50'000'000)) < 1 && std::abs(r.rect.right() - scene.xOf(850'000'000)) < 1)
                longPoll = true;
            if (r.role == SceneRect::Role::Hold && std::abs(r.rect.width() - (scene.xOf(850'000'000) - scene.xOf(50'000'000))) < 1)
                work = true;
        }
        QVERIFY(longPoll);
        QVERIFY(work);
        QCOMPARE(scene.laneRows.size(), size_t(2));  // worker 0 and the blocking thread
    }

    void svgHasOneShapePerPollSliceAndTheTaskNamesAsText_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<bool>("steps");
        QTest::addColumn<bool>("merges");
        QTest::newRow("sequential") << "sequential" << true << false;  // polls far apart: one shape each
        // Simultaneous polls share a merged shape on the time axis; on the step axis each has its own width.
        QTest::newRow("many_sleepers, time") << "many_sleepers" << false << true;
        QTest::newRow("many_sleepers, steps") << "many_sleepers" << true << false;
    }
    void svgHasOneShapePerPollSliceAndTheTaskNamesAsText()
    {
        QFETCH(QString, scenario);
        QFETCH(bool, steps);
        QFETCH(bool, merges);
        QTemporaryDir dir;
        const Trace t = simulated(scenario.toStdString());
        ExportOptions o;
        o.layout.size = QSizeF(1400, 700);
        o.layout.view = TimelineView::Both;
        o.axis = steps ? TimelineAxis::Steps : TimelineAxis::Time;
        const QString path = dir.filePath("ms.svg");
        QCOMPARE(exportTimeline(t, path.toStdString(), o), std::string());
        const TimelineScene scene = layoutTimeline(TimelineModel::build(t, *o.axis), o.layout);

        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        std::vector<QString> fills{QString()};
        std::multiset<std::tuple<int, int, int, QString>> svgRects;  // x, y, height, fill
        QStringList texts;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"g")
                fills.push_back(xml.attributes().hasAttribute("fill") ? xml.attributes().value("fill").toString()
                                                                      : fills.back());
            else if (xml.isEndElement() && xml.name() == u"g")
                fills.pop_back();
            else if (xml.isStartElement() && xml.name() == u"rect") {
                const auto a = xml.attributes();
                svgRects.insert({qRound(a.value("x").toDouble()), qRound(a.value("y").toDouble()),
                                 qRound(a.value("height").toDouble()), fills.back()});
            } else if (xml.isStartElement() && xml.name() == u"text")
                texts << xml.readElementText().trimmed();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        size_t polls = 0, merged = 0;
        for (const auto& r : scene.rects) {
            const bool onWorkerLane = std::any_of(scene.laneRows.begin(), scene.laneRows.end(),
                                                  [&](const QRectF& lane) { return lane.contains(r.rect.center()); });
            if ((r.role != SceneRect::Role::Poll && r.role != SceneRect::Role::Merged) || !onWorkerLane)
                continue;
            polls += size_t(r.count);
            merged += r.role == SceneRect::Role::Merged;
            QVERIFY2(svgRects.count({qRound(r.rect.x()), qRound(r.rect.y()), qRound(r.rect.height()), r.fill.name()}) >= 1,
                     qPrintable(QString("no SVG rect for the poll slice of task %1").arg(r.task)));
        }
        // Every task-level poll in the trace is in exactly one shape.
        size_t taskPolls = 0;
        for (const auto& e : eventsOf(t, EventKind::PollStart))
            taskPolls += t.task(e.task)->kind == TaskKind::Task;
        QCOMPARE(polls, taskPolls);
        QCOMPARE(merged > 0, merges);
        QVERIFY(texts.contains("worker 0"));
        QVERIFY(texts.contains(QString::fromStdString(t.printedLines().front().second)));
        for (const auto& row : t.tasks)  // every task's name, as real text
            QVERIFY2(texts.filter(QString::fromStdString(row.name)).size() >= 1, row.name.c_str());
    }

    // Every scenario, on both axes, in both views, 1600 and 900 px wide: no text overlaps another or a marker, and
    // none is cut off by the picture's edge.
    void theLegendExplainsTheStealArrowWhereStealsAreDrawn()
    {
        const auto legendSays = [](const Trace& t, TimelineView view, const QString& word) {
            LayoutOptions o;
            o.size = QSizeF(1600, 0);
            o.view = view;
            const TimelineScene scene = layoutTimeline(TimelineModel::build(t), o);
            bool arrow = false;
            for (const auto& l : scene.lines)
                arrow = arrow || (l.arrowHead && l.style == Qt::DashLine && l.line.dy() == 0);  // the swatch
            return arrow && std::any_of(scene.texts.begin(), scene.texts.end(),
                                        [&](const SceneText& x) { return x.text == word; });
        };
        const Trace stealing = simulated("work_stealing");
        QVERIFY(legendSays(stealing, TimelineView::Workers, "steal"));
        QVERIFY(legendSays(stealing, TimelineView::Both, "steal"));
        QVERIFY(!legendSays(stealing, TimelineView::Tasks, "steal"));  // no worker lanes, no steal arrows
        QVERIFY(!legendSays(simulated("cpu_starvation"), TimelineView::Workers, "steal"));  // one worker
    }

    void noTextOverlapsAnotherInAnyScenario()
    {
        for (const Scenario& scenario : allScenarios()) {
            const Trace t = simulated(scenario.id);
            for (TimelineAxis axis : {TimelineAxis::Steps, TimelineAxis::Time})
                for (TimelineView view : {TimelineView::Both, TimelineView::Tasks})
                for (qreal width : {1600.0, 900.0}) {
                    LayoutOptions o;
                    o.size = QSizeF(width, 0);
                    o.view = view;
                    const TimelineScene scene = layoutTimeline(TimelineModel::build(t, axis), o);
                    std::vector<QRectF> ink;
                    std::vector<QString> words;
                    for (const SceneText& text : scene.texts)
                        if (!text.text.trimmed().isEmpty()) {
                            ink.push_back(inkOf(text).adjusted(0.5, 0.5, -0.5, -0.5));
                            words.push_back(text.text);
                        }
                    QVERIFY(ink.size() > 10);
                    const QString where = QString("%1 (%2, %3, %4 px)").arg(QString::fromStdString(scenario.id))
                                              .arg(axis == TimelineAxis::Steps ? "steps" : "time")
                                              .arg(view == TimelineView::Both ? "both" : "tasks").arg(width);
                    const QRectF picture(QPointF(0, 0), scene.size);
                    for (size_t a = 0; a < ink.size(); ++a) {
                        QVERIFY2(picture.contains(ink[a]), qPrintable(where + ": \"" + words[a] + "\" is cut off"));
                        for (size_t b = a + 1; b < ink.size(); ++b)
                            QVERIFY2(!ink[a].intersects(ink[b]), qPrintable(where + QString(": \"%1\" overlaps \"%2\"")
                                                                                .arg(words[a], words[b])));
                        for (const SceneMarker& m : scene.markers) {
                            const QRectF mark(m.at.x() - m.size / 2, m.at.y() - m.size / 2, m.size, m.size);
                            QVERIFY2(!ink[a].intersects(mark.adjusted(1, 1, -1, -1)),
                                     qPrintable(where + QString(": \"%1\" overlaps a marker at %2,%3")
                                                            .arg(words[a]).arg(m.at.x()).arg(m.at.y())));
                        }
                    }
                }
        }
    }

    // The output lane shows every line: tasks_vs_threads' ten lines of one instant each get a row of their own
    // text; twenty lines at one instant fill 8 rows and fold the other 12 behind "+12 more".
    void theOutputLaneDropsNoLine()
    {
        const Trace t = simulated("tasks_vs_threads");
        LayoutOptions o;
        o.size = QSizeF(1600, 0);
        const TimelineScene scene = layoutTimeline(TimelineModel::build(t, TimelineAxis::Steps), o);
        for (const auto& [time, line] : t.printedLines())
            QVERIFY2(std::any_of(scene.texts.begin(), scene.texts.end(),
                                 [&](const SceneText& x) { return x.text == QString::fromStdString(line); }),
                     line.c_str());
        QCOMPARE(t.printedLines().size(), size_t(10));
        QVERIFY(scene.folds.empty());

        Trace crowded;
        crowded.lanes.push_back({LaneKind::Worker, "worker 0"});
        crowded.duration = 1'000'000;
        for (int i = 0; i < 20; ++i) {
            crowded.strings.push_back("line number " + std::to_string(i) + " of twenty, all at once");
            crowded.events.push_back({.time = 500'000, .value = i, .kind = EventKind::Print});
        }
        const TimelineScene many = layoutTimeline(TimelineModel::build(crowded, TimelineAxis::Time), o);
        int shown = 0;
        for (const SceneText& x : many.texts)
            shown += x.text.startsWith("line number ");
        QCOMPARE(shown, 8);
        QCOMPARE(many.folds.size(), size_t(1));
        QCOMPARE(many.folds[0].lines.size(), size_t(12));
        QCOMPARE(many.folds[0].lines.back(), QString("line number 19 of twenty, all at once"));
        QVERIFY(std::any_of(many.texts.begin(), many.texts.end(), [](const SceneText& x) { return x.text == "+12 more"; }));
        size_t markers = 0;
        for (const SceneMarker& m : many.markers)
            markers += m.shape == SceneMarker::Shape::Print;
        QCOMPARE(markers, size_t(20 + 1));  // every line keeps its marker (and the legend shows one)
    }

    // A task's colour never reads as a state: every colour of the task palette is far (RGB distance 70 or more)
    // from the colours of completed, failed, cancelled, scheduled, waiting and a wake, in both themes.
    void taskColoursAreNotStateColours()
    {
        for (const TimelineTheme& theme : {TimelineTheme::light(), TimelineTheme::dark()})
            for (std::uint32_t task = 0; task < 16; ++task)
                for (const QColor& state : {theme.completed, theme.failed, theme.cancelled, theme.scheduled,
                                            theme.waiting, theme.wake}) {
                    const QColor c = theme.taskColor(task);
                    const double d = std::hypot(c.red() - state.red(), c.green() - state.green(), c.blue() - state.blue());
                    QVERIFY2(d >= 70, qPrintable(QString("%1: task colour %2 is %3 from state colour %4")
                                                     .arg(theme.name, c.name()).arg(d).arg(state.name())));
                }
    }

    void pdfIsOnePageOfThePictureSize()
    {
        QTemporaryDir dir;
        ExportOptions o;
        o.layout.size = QSizeF(1200, 400);
        const QString path = dir.filePath("join.pdf");
        QCOMPARE(exportTimeline(simulated("join"), path.toStdString(), o), std::string());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pdf = f.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page "), 1);
        const auto box = QRegularExpression("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]").match(QString::fromLatin1(pdf));
        QVERIFY(box.hasMatch());
        QCOMPARE(qRound(box.captured(1).toDouble()), 1200);
        QCOMPARE(qRound(box.captured(2).toDouble()), 400);
    }

    void pngScaleGivesHighDpiPixels()
    {
        QTemporaryDir dir;
        ExportOptions o;
        o.layout.size = QSizeF(800, 300);
        o.scale = 2;
        const QString path = dir.filePath("x.png");
        QCOMPARE(exportTimeline(simulated("timeout"), path.toStdString(), o), std::string());
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1600, 600));
    }

    void manySlicesInAPixelMergeIntoOneItemThatCountsThem()
    {
        Trace t;
        t.workers = 1;
        t.lanes = {{LaneKind::Worker, "worker 0"}};
        t.tasks = {{1, "busy", 0, 0, TaskKind::Task}};
        t.events.push_back({0, 0, 1, 0, 0, 0, 0, EventKind::TaskSpawned, 0});
        constexpr int kPolls = 100'000;
        for (int i = 0; i < kPolls; ++i) {
            const std::int64_t at = std::int64_t(i) * 10'000;  // a poll every 10 µs over one second
            t.events.push_back({at, 0, 1, 0, 0, 0, 0, EventKind::PollStart, 0});
            t.events.push_back({at + 2'000, 0, 1, 0, 0, 0, 0, EventKind::PollEnd,
                                std::uint8_t(i + 1 == kPolls ? PollResult::Ready : PollResult::Pending)});
        }
        t.events.push_back({std::int64_t(kPolls) * 10'000, 0, 1, 0, 0, 0, 0, EventKind::TaskCompleted, 0});
        t.duration = std::int64_t(kPolls) * 10'000;
        LayoutOptions o;
        o.size = QSizeF(1000, 300);
        o.view = TimelineView::Workers;
        const TimelineScene scene = layoutTimeline(TimelineModel::build(t), o);
        size_t items = 0, counted = 0;
        for (const auto& r : scene.rects)
            if (r.role == SceneRect::Role::Poll || r.role == SceneRect::Role::Merged) {
                ++items;
                counted += size_t(r.count);
                if (r.role == SceneRect::Role::Merged)
                    QCOMPARE(r.label, QString("×%1").arg(r.count));
            }
        QCOMPARE(counted, size_t(kPolls));        // nothing lost
        QVERIFY2(items < 1000, qPrintable(QString::number(items)));  // bounded by the pixels, not the events
        // Zoomed in on 100 µs, the ten slices there are drawn one by one.
        o.from = 500'000'000;
        o.to = 500'100'000;
        const TimelineScene zoomed = layoutTimeline(TimelineModel::build(t), o);
        size_t single = 0;
        for (const auto& r : zoomed.rects)
            single += r.role == SceneRect::Role::Poll;
        QVERIFY(single >= 10 && single <= 11);
    }

    void axisTimesUseSensibleUnits()
    {
        QCOMPARE(formatAxisTime(0, 1'000'000), QString("0"));
        QCOMPARE(formatAxisTime(250'000'000, 50'000'000), QString("250 ms"));
        QCOMPARE(formatAxisTime(1'500'000'000, 500'000'000), QString("1.5 s"));
        QCOMPARE(formatAxisTime(2'000, 500), QString("2.0 µs"));
        QCOMPARE(formatAxisTime(40, 10), QString("40 ns"));
    }

    void badExportsAreRefusedWithAMessage()
    {
        const Trace t = simulated("join");
        ExportOptions o;
        QCOMPARE(exportTimeline(t, "/tmp/x.gif", o), std::string("cannot export /tmp/x.gif: unknown image type (use .png, .svg or .pdf)"));
        o.layout.size = QSizeF(10, 10);
        QCOMPARE(exportTimeline(t, "/tmp/x.png", o), std::string("cannot export /tmp/x.png: size must be from 200x150 to 20000x20000"));
        o.layout.size = QSizeF(800, 300);
        const std::string err = exportTimeline(t, "/nonexistent-dir/x.png", o);
        QVERIFY2(err.rfind("cannot write /nonexistent-dir/x.png", 0) == 0, err.c_str());
        QVERIFY(!QFile::exists("/nonexistent-dir/x.png"));
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    TstTimelineExport test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_timeline_export.moc"
