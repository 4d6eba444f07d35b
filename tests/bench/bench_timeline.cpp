// Timeline benchmark, printed as ratios measured in one run (never asserted as timings):
//  layout + paint of a 1,000,000-event trace against a 10,000-event one at the same image size (goal: < 3x),
//  the time to export a 4K PNG of the big trace, and the window's frame work (layout, triangles for the
//  scene graph, the text texture) while panning and zooming, big against small (goal: < 2x, big < 16 ms), on the
//  time axis and on the step axis.
// Usage: bench_timeline [--quick | --save DIR]
#include "exec/Executor.h"
#include "export/ImageExport.h"
#include "timeline/SceneGeometry.h"
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

struct FrameTimes {
    double mean = 0, worst = 0;
};

// What the window does per frame while the user pans and zooms: a layout of the visible range, the triangles
// for the scene graph and the text texture (the GPU upload itself is not measured).
FrameTimes panAndZoom(const TimelineModel& model, QSize size, int frames)
{
    FrameTimes f;
    const std::int64_t end = model.duration;
    std::int64_t from = 0, width = end;
    for (int i = 0; i < frames; ++i) {
        // Zoom in over the first half of the frames, pan across in the second half.
        if (i < frames / 2)
            width = std::max<std::int64_t>(end / 50, std::int64_t(double(width) * 0.93));
        else
            from = std::min(end - width, from + end / frames);
        const auto start = Clock::now();
        LayoutOptions o;
        o.size = QSizeF(size);
        o.from = from;
        o.to = from + width;
        const TimelineScene scene = layoutTimeline(model, o);
        const auto triangles = sceneTriangles(scene, 0, from + width / 2);
        const QImage labels = sceneLabels(scene, 1.0);
        const double t = ms(Clock::now() - start);
        f.mean += t / frames;
        f.worst = std::max(f.worst, t);
        if (triangles.empty() || labels.isNull())
            std::abort();
    }
    return f;
}

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
    const int frames = quick ? 10 : 120;
    const QSize area(1400, 600);
    const FrameTimes smallFrames = panAndZoom(smallModel, area, frames);
    const FrameTimes bigFrames = panAndZoom(bigModel, area, frames);
    std::printf("window frames while zooming and panning (%d frames at 1400x600): small mean %.1f ms (worst %.1f), "
                "big mean %.1f ms (worst %.1f)\n", frames, smallFrames.mean, smallFrames.worst, bigFrames.mean,
                bigFrames.worst);
    std::printf("ratio big / small (frame, goal < 2): %.2f\n", bigFrames.mean / smallFrames.mean);
    // The same on the step axis (each event a step; a simulated run's default).
    t0 = Clock::now();
    const TimelineModel smallSteps = TimelineModel::build(small, TimelineAxis::Steps);
    const TimelineModel bigSteps = TimelineModel::build(big, TimelineAxis::Steps);
    const double stepBuild = ms(Clock::now() - t0);
    const FrameTimes smallStepFrames = panAndZoom(smallSteps, area, frames);
    const FrameTimes bigStepFrames = panAndZoom(bigSteps, area, frames);
    std::printf("step axis (models built in %.0f ms): small mean %.1f ms (worst %.1f), big mean %.1f ms (worst %.1f)\n",
                stepBuild, smallStepFrames.mean, smallStepFrames.worst, bigStepFrames.mean, bigStepFrames.worst);
    std::printf("ratio big / small on the step axis (frame, goal < 2, big worst < 16 ms): %.2f\n",
                bigStepFrames.mean / smallStepFrames.mean);
    return error.empty() ? 0 : 1;
}
