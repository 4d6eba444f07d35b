// Golden stories of every scenario's simulated run (what a student should see: printed lines and their virtual
// times, who woke whom, what was cancelled), and the ties from events to the Rust source lines.
// Regenerate the goldens after a deliberate change with WAKELINE_UPDATE_GOLDEN=1, then read the diff.
#include "TraceQuery.h"
#include "TraceStory.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace wl;
using namespace wl::test;

namespace {
const char* kGoldenDir = WAKELINE_GOLDEN_DIR;

Trace simulated(const Scenario& s)
{
    RunOptions options;
    options.seed = 1;
    return runScenario(s, options);
}
}  // namespace

// The text from a 1-based column (in code points) over `width` code points (0: to the end of the line); the whole
// line when there is no column.
static std::string markedText(const std::string& line, std::uint32_t column, std::uint32_t width)
{
    if (column == 0)
        return line;
    size_t start = 0, points = 1;
    while (start < line.size() && points < column)
        points += (static_cast<unsigned char>(line[++start]) & 0xC0) != 0x80;
    size_t end = start;
    for (std::uint32_t n = 0; end < line.size() && (width == 0 || n < width);) {
        ++end;
        if (end >= line.size() || (static_cast<unsigned char>(line[end]) & 0xC0) != 0x80)
            ++n;
    }
    return line.substr(start, end - start);
}

class TstScenarios : public QObject {
    Q_OBJECT
private slots:
    void everyScenarioHasItsTeachingText()
    {
        QVERIFY(allScenarios().size() >= 15);
        for (const auto& s : allScenarios()) {
            QVERIFY2(!s.title.empty() && !s.summary.empty() && s.lesson.size() > 100, s.id.c_str());
            QVERIFY2(s.rustSource.find("#[tokio::main") != std::string::npos, s.id.c_str());
            QVERIFY(s.defaultWorkers >= 1);
            for (const auto& p : s.params)
                QVERIFY2(p.min <= p.defaultValue && p.defaultValue <= p.max, (s.id + "." + p.name).c_str());
        }
    }

    void goldenStory_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const auto& s : allScenarios())
            QTest::newRow(s.id.c_str()) << QString::fromStdString(s.id);
    }
    void goldenStory()
    {
        QFETCH(QString, scenario);
        const Scenario& s = *findScenario(scenario.toStdString());
        const Trace t = simulated(s);
        WL_REQUIRE_CLEAN(t);
        // Measured memory depends on the compiler and the system, not on scheduling: masked here, checked below.
        QString text = QString::fromStdString(story(t, s));
        text.replace(QRegularExpression("\\d+ bytes per task"), "N bytes per task");
        text.replace(QRegularExpression("\\d+ KiB of stack"), "N KiB of stack");
        const QByteArray actual = text.toUtf8();
        QFile golden(QString(kGoldenDir) + "/" + scenario + ".txt");
        if (qEnvironmentVariableIsSet("WAKELINE_UPDATE_GOLDEN")) {
            QVERIFY(golden.open(QIODevice::WriteOnly));
            golden.write(actual);
            return;
        }
        QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable("missing golden " + golden.fileName()));
        QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(golden.readAll()));
    }

    void manyTasksMeasuresBytesPerTaskAgainstAThreadStack()
    {
        const Trace t = simulated(*findScenario("many_tasks"));
        WL_REQUIRE_CLEAN(t);
        const auto lines = t.printedLines();
        QRegularExpression bytes("^10000 tasks parked: (\\d+) bytes per task$");
        QRegularExpression stack("^A thread reserves (\\d+) KiB of stack$");
        const auto b = bytes.match(QString::fromStdString(lines.at(0).second));
        const auto k = stack.match(QString::fromStdString(lines.at(1).second));
        QVERIFY(b.hasMatch() && k.hasMatch());
        const int perTask = b.captured(1).toInt();
        // frames (the interpreter's, a few KiB) + task record + join state: far below one stack
        QVERIFY2(perTask >= 64 && perTask <= 16384, qPrintable(b.captured(1)));
        QVERIFY(k.captured(1).toInt() >= 64);
        QCOMPARE(t.tasks.size(), size_t(10001));
        QCOMPARE(taskBytesInUse(), std::int64_t(0));  // everything the run allocated for tasks was freed
    }

    void printsAndParkingPointsAreTiedToTheirRustLines_data() { goldenStory_data(); }
    void printsAndParkingPointsAreTiedToTheirRustLines()
    {
        QFETCH(QString, scenario);
        const Scenario& s = *findScenario(scenario.toStdString());
        const Trace t = simulated(s);
        for (const auto& e : t.events) {
            const std::string line = s.rustLine(siteLine(e.site));
            // The expression the site marks, when it has a column (code points, as the code panel counts them).
            const std::string marked = markedText(line, siteColumn(e.site), siteWidth(e.site));
            if (e.kind == EventKind::Print)
                QVERIFY2(marked.rfind("println!", 0) == 0, ("print marks: " + marked).c_str());
            if (e.kind == EventKind::PollEnd && e.detail == std::uint8_t(PollResult::Pending) && siteColumn(e.site)) {
                const bool awaits = marked.size() >= 6 && marked.compare(marked.size() - 6, 6, ".await") == 0;
                QVERIFY2(awaits || marked.find("join!") != std::string::npos || marked.find("select!") != std::string::npos,
                         ("Pending marks: " + marked + " in " + line).c_str());
            }
            if (e.kind == EventKind::Print) {
                QVERIFY2(line.find("println!") != std::string::npos, line.c_str());
                // The printed text starts like the format string does.
                const std::string text = t.strings[size_t(e.value)];
                const auto quote = line.find('"');
                const std::string literal = line.substr(quote + 1, line.find_first_of("{\"", quote + 1) - quote - 1);
                QVERIFY2(text.rfind(literal, 0) == 0, (text + " vs " + line).c_str());
            }
            if (e.kind == EventKind::TaskSpawned && e.site != 0 && t.task(e.task)->kind == TaskKind::Task)
                QVERIFY2(line.find("spawn") != std::string::npos, ("spawn at: " + line).c_str());
            if (e.kind == EventKind::PollEnd && e.detail == std::uint8_t(PollResult::Pending)) {
                const bool parks = line.find(".await") != std::string::npos || line.find("join!") != std::string::npos
                    || line.find("select!") != std::string::npos || line.find("Poll::Pending") != std::string::npos;
                QVERIFY2(parks, ("Pending at line " + std::to_string(siteLine(e.site)) + ": " + line).c_str());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstScenarios)
#include "tst_scenarios.moc"
