// Timeline benchmark, printed as ratios measured in one run (never asserted as timings):
//  layout + paint of a 1,000,000-event trace against a 10,000-event one at the same image size (goal: < 3x),
//  and the time to export a 4K PNG of the big trace.
// Usage: bench_timeline [--quick | --save DIR]
#include "exec/Executor.h"
#include "export/ImageExport.h"
#include "timeline/TimelinePainter.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstring>

using namespace wl;
using Clock = std::chrono::steady_clock;

namespace {
Task<void> worker(int yields)
{
    for (int i = 0; i < yields; ++i) {
        work(50us);
        co_await yield_now();
    }
}

Task<void> spawnAll(int tasks, int yields)
{
    std::vector<JoinHandle<void>> handles;
    for (int i = 0; i < tasks; ++i)
        handles.push_back(spawn(worker(yields), "task " + std::to_string(i)));
    for (auto& h : handles)
        co_await h;
}

Trace makeTrace(int tasks, int yields)
{
    ExecutorConfig config;
    config.workers = 4;
    config.scenario = "bench";
    Executor ex(config);
    ex.block_on(spawnAll(tasks, yields));
    return ex.takeTrace();
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double layoutAndPaint(const TimelineModel& model, QSize size, int repeats)
{
    double best = 1e300;
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        LayoutOptions o;
        o.size = QSizeF(size);
        const TimelineScene scene = layoutTimeline(model, o);
        QPainter p(&image);
        paintTimeline(p, scene);
        p.end();
        best = std::min(best, ms(Clock::now() - start));
    }
    return best;
}
}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const int yields = 24;
    const int bigTasks = quick ? 1'000 : 10'000;  // ~100 events per task
    const int repeats = quick ? 1 : 5;

    auto t0 = Clock::now();
    const Trace small = makeTrace(bigTasks / 100, yields);
    const Trace big = makeTrace(bigTasks, yields);
    const double simulate = ms(Clock::now() - t0);
    t0 = Clock::now();
    const TimelineModel smallModel = TimelineModel::build(small);
    const TimelineModel bigModel = TimelineModel::build(big);
    const double modelBuild = ms(Clock::now() - t0);

    const QSize hd(1920, 1080);
    const double smallMs = layoutAndPaint(smallModel, hd, repeats);
    const double bigMs = layoutAndPaint(bigModel, hd, repeats);

    QTemporaryDir dir;
    if (argc > 2 && std::strcmp(argv[1], "--save") == 0) {  // --save DIR: keep both pictures to look at
        ExportOptions hdOptions;
        hdOptions.layout.size = QSizeF(hd);
        exportTimeline(smallModel, std::string(argv[2]) + "/bench_small.png", hdOptions);
        exportTimeline(bigModel, std::string(argv[2]) + "/bench_big.png", hdOptions);
    }
    ExportOptions four;
    four.layout.size = QSizeF(3840, 2160);
    t0 = Clock::now();
    const std::string error = exportTimeline(bigModel, dir.filePath("big.png").toStdString(), four);
    const double exportMs = ms(Clock::now() - t0);

    std::printf("traces: %zu and %zu events (simulated in %.0f ms; timeline models built in %.0f ms)\n",
                small.events.size(), big.events.size(), simulate, modelBuild);
    std::printf("layout + paint at 1920x1080, best of %d: small %.1f ms, big %.1f ms\n", repeats, smallMs, bigMs);
    std::printf("ratio big / small (layout + paint, goal < 3): %.2f\n", bigMs / smallMs);
    std::printf("export 3840x2160 PNG of the big trace: %.0f ms%s\n", exportMs, error.empty() ? "" : (" FAILED: " + error).c_str());
    return error.empty() ? 0 : 1;
}
