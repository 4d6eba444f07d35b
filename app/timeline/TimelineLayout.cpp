#include "TimelineLayout.h"

#include "trace/TokioCapture.h"

#include <QFont>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <optional>

namespace wl {
namespace {
constexpr qreal kMargin = 12;
constexpr qreal kTitleHeight = 26;
constexpr qreal kAxisHeight = 22;
constexpr qreal kLegendRowHeight = 18;
constexpr qreal kLabelWidth = 170;
constexpr qreal kSectionGap = 10;
constexpr int kMaxPrintRows = 8;  // the output lane grows to this many rows; lines beyond fold behind "+N"
constexpr qreal kPrintRowHeight = 16;
// The most of the picture the output lane takes: a short window folds more lines behind "+N" (its Output tab lists
// them all) and keeps its task rows; an export is made tall enough for every line.
constexpr qreal kPrintShare = 0.16;
constexpr qreal kPrintMarkerStrip = 8;  // the output lane's markers sit above its text rows, clear of them
constexpr qreal kMinSliceWidth = 2;   // a zero-length poll still shows
constexpr qreal kMaxLaneHeight = 34;
constexpr qreal kMaxRowHeight = 26;
constexpr qreal kSectionLabel = 18;
constexpr qreal kMaxResourceLaneHeight = 24;
constexpr qreal kMinResourceLaneHeight = 14;
constexpr size_t kMaxArrows = 400;    // beyond this in view, arrows are a smear: say how many instead
constexpr size_t kMaxPrints = 300;

QString qs(const std::string& s) { return QString::fromStdString(s); }

// Accumulates slices left to right; narrow neighbours within a pixel of each other become one merged item.
class SliceMerger {
public:
    SliceMerger(std::vector<SceneRect>& out, const TimelineTheme& theme, QRectF band)
        : out_(out), theme_(theme), band_(band) {}

    void add(qreal x0, qreal x1, TaskId task, SceneRect::Role role, QColor color, const QString& label, int count = 1)
    {
        const bool narrow = x1 - x0 < kMinSliceWidth || count > 1;
        if (narrow)  // a slice at the very end keeps its minimum width inside the plot
            x0 = std::min(x0, band_.right() - kMinSliceWidth);
        if (open_ && narrow && pendingNarrow_ && x0 <= pending_.rect.right() + 1.0) {
            pending_.rect.setRight(std::max(pending_.rect.right(), std::max(x1, x0 + 1.0)));
            pending_.count += count;
            return;
        }
        flush();
        pending_ = SceneRect{};
        pending_.rect = QRectF(x0, band_.top(), std::max(x1 - x0, narrow ? kMinSliceWidth : 0.0), band_.height());
        pending_.fill = color;
        pending_.role = role;
        pending_.task = task;
        pending_.label = label;
        pending_.count = count;
        pendingNarrow_ = narrow;
        open_ = true;
    }
    void flush()
    {
        if (!open_)
            return;
        if (pending_.count > 1) {
            pending_.role = SceneRect::Role::Merged;
            pending_.fill = theme_.merged;
            pending_.task = 0;
            pending_.label = QString("×%1").arg(pending_.count);
        }
        pending_.labelColor = labelColorOn(pending_.fill);
        out_.push_back(pending_);
        open_ = false;
    }
    static QColor labelColorOn(const QColor& fill) { return fill.lightnessF() > 0.55 ? QColor(0x111111) : QColor(0xFFFFFF); }

private:
    std::vector<SceneRect>& out_;
    const TimelineTheme& theme_;
    QRectF band_;
    SceneRect pending_;
    bool pendingNarrow_ = false;
    bool open_ = false;
};

std::int64_t niceStep(std::int64_t range, int targetTicks)
{
    const double raw = std::max(1.0, double(range) / targetTicks);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag)
            return std::max<std::int64_t>(1, std::llround(m * mag));
    return std::llround(10 * mag);
}

template <class V>
auto firstEndingAfter(const V& v, std::int64_t from)
{
    // Slices are sorted by start and do not overlap on a lane, so their ends are sorted too.
    return std::lower_bound(v.begin(), v.end(), from, [](const auto& s, std::int64_t t) { return s.end < t; });
}

// Where the printed lines in view go: each in the first row of the output lane where it overlaps no other text;
// a line that finds no row among kMaxPrintRows folds into a "+N" in a row of its own below.
struct PrintPlacement {
    struct Line {
        qreal x = 0;      // its marker
        QRectF box;       // its text (y: the row's offset from the lane's top)
        bool leftOfMarker = false;
        const PrintMark* mark = nullptr;
    };
    struct Fold {
        qreal x = 0;
        std::vector<const PrintMark*> marks;
    };
    std::vector<Line> lines;
    std::vector<Fold> folds;
    int rows = 1;  // rows the lane needs, the fold row included
    size_t total = 0;  // printed lines in view
};

PrintPlacement placePrints(const TimelineModel& m, std::int64_t from, std::int64_t to, qreal left, qreal width,
                           int maxRows = kMaxPrintRows)
{
    PrintPlacement out;
    auto first = std::lower_bound(m.prints.begin(), m.prints.end(), from,
                                  [](const PrintMark& p, std::int64_t t) { return p.time < t; });
    auto last = std::upper_bound(first, m.prints.end(), to, [](std::int64_t t, const PrintMark& p) { return t < p.time; });
    out.total = size_t(last - first);
    if (out.total > kMaxPrints)
        return out;  // one line says how many
    QFont font;
    font.setPixelSize(11);
    const QFontMetricsF fm(font);
    const qreal right = left + width;
    std::vector<qreal> rowEnd;
    int used = 0;
    for (auto it = first; it != last; ++it) {
        const qreal x = left + double(it->time - from) / double(to - from) * width;
        const qreal wanted = fm.horizontalAdvance(qs(it->text)) + 14;  // room for the task's colour bar
        const bool leftOfMarker = x + wanted > right;  // near the right edge the text goes left of its marker
        const qreal start = leftOfMarker ? x - wanted : x;
        int row = 0;
        while (row < int(rowEnd.size()) && rowEnd[size_t(row)] > start)
            ++row;
        if (row >= maxRows) {
            if (out.folds.empty() || x - out.folds.back().x > 48)
                out.folds.push_back({x, {}});
            out.folds.back().marks.push_back(&*it);
            continue;
        }
        if (row == int(rowEnd.size()))
            rowEnd.push_back(-1e9);
        rowEnd[size_t(row)] = std::max(start + wanted, x + 8);
        used = std::max(used, row + 1);
        out.lines.push_back({x, QRectF(leftOfMarker ? x - wanted : x + 4, row * kPrintRowHeight, wanted - 4, kPrintRowHeight),
                             leftOfMarker, &*it});
    }
    out.rows = std::max(1, used + (out.folds.empty() ? 0 : 1));
    return out;
}

struct LegendItem {
    QString label;
    QColor color;
    Qt::BrushStyle brush;
    int kind;  // 0 rect, 1 line, 2 marker, 3 dotted line, 4 dashed line, 5 dash-dot line, 6 dashed arrow
    SceneMarker::Shape shape;
};

// What the legend explains, in its order; the resource lanes' fill only when they are drawn, the steal arrow only
// when the worker lanes show steals.
std::vector<LegendItem> legendItems(const TimelineTheme& theme, bool resources, bool steals)
{
    std::vector<LegendItem> items = {
        {"running", theme.taskColor(1), Qt::SolidPattern, 0, {}},
        {"scheduled", theme.scheduled, Qt::SolidPattern, 0, {}},
        {"waits: on a task", theme.waiting, Qt::SolidPattern, 1, {}},
        {"timer", theme.waiting, Qt::SolidPattern, 3, {}},
        {"channel", theme.waiting, Qt::SolidPattern, 4, {}},
        {"permit/lock", theme.waiting, Qt::SolidPattern, 5, {}},
        {"worker parked", theme.parked, Qt::Dense6Pattern, 0, {}},
        {"CPU work", theme.cpuWork, Qt::BDiagPattern, 0, {}},
        {"merged", theme.merged, Qt::SolidPattern, 0, {}},
        {"wake", theme.wake, Qt::SolidPattern, 1, {}},
        {"completed", theme.completed, Qt::SolidPattern, 2, SceneMarker::Shape::Completed},
        {"failed", theme.failed, Qt::SolidPattern, 2, SceneMarker::Shape::Failed},
        {"cancelled", theme.cancelled, Qt::SolidPattern, 2, SceneMarker::Shape::Cancelled},
        {"print", theme.print, Qt::SolidPattern, 2, SceneMarker::Shape::Print},
        {"hint", theme.hint, Qt::SolidPattern, 2, SceneMarker::Shape::Hint},
    };
    if (steals)  // beside the wake: the other arrow between lanes
        items.insert(items.begin() + 10, {"steal", theme.mutedText, Qt::SolidPattern, 6, {}});
    if (resources)  // right after the ways of waiting: what the channels and semaphores hold
        items.insert(items.begin() + 6, {"buffered / free", theme.resourceFill, Qt::SolidPattern, 0, {}});
    return items;
}

// Steal arrows are drawn on the worker lanes (every view but the tasks-only one).
bool showsSteals(const TimelineModel& model, TimelineView view)
{
    return !model.steals.empty() && view != TimelineView::Tasks;
}

// The legend's height at this width: one row when every item fits in it, else two.
qreal legendHeight(qreal width, bool resources, bool steals)
{
    QFont font;
    font.setPixelSize(11);
    const QFontMetricsF fm(font);
    qreal needed = 0;
    for (const LegendItem& item : legendItems(TimelineTheme::light(), resources, steals))
        needed += 22 + fm.horizontalAdvance(item.label) + 6 + 12;
    const int rows = needed - 12 <= width - 2 * kMargin ? 1 : 2;
    return rows * kLegendRowHeight + 6;
}

class Builder {
public:
    Builder(const TimelineModel& m, const LayoutOptions& o) : m_(m), o_(o), theme_(o.theme) {}

    TimelineScene build()
    {
        s_.size = o_.size;
        s_.background = theme_.background;
        s_.from = std::max<std::int64_t>(0, o_.from);
        s_.to = o_.to < 0 ? std::max<std::int64_t>(m_.duration, 1) : o_.to;
        if (s_.to <= s_.from)
            s_.to = s_.from + 1;
        const qreal w = o_.size.width(), h = o_.size.height();
        const qreal top = kMargin + kTitleHeight + kAxisHeight;
        const qreal plotWidth = std::max(10.0, w - 2 * kMargin - kLabelWidth);
        // The output lane's height first: as many rows as its lines need, up to kPrintShare of the picture (a short
        // window folds the rest behind "+N"; an export is tall enough for all of them).
        const int rowsCap = std::clamp(int(h * kPrintShare / kPrintRowHeight) - 1, 1, kMaxPrintRows);
        printed_ = placePrints(m_, s_.from, s_.to, kMargin + kLabelWidth, plotWidth, rowsCap);
        const qreal printsHeight = kPrintMarkerStrip + printed_.rows * kPrintRowHeight;
        legendHeight_ = legendHeight(w, !m_.resources.empty() && o_.view != TimelineView::Workers,
                                     showsSteals(m_, o_.view));
        const qreal bottom = h - kMargin - legendHeight_ - printsHeight - kSectionGap;
        s_.plot = QRectF(kMargin + kLabelWidth, top, plotWidth, std::max(10.0, bottom - top));
        title();
        axis();
        const bool workers = o_.view != TimelineView::Tasks;
        const bool tasks = o_.view != TimelineView::Workers;
        qreal y = s_.plot.top();
        // Each section wants its lanes and rows at a comfortable height. When the plot is shorter than all of
        // that, each gets the same share of what it wants, within its bounds: worker lanes at most 40% of the plot,
        // resource lanes (under the task rows: they tell what the tasks wait on) at most a fifth; the task rows
        // take the rest. So a short window shrinks every section a little instead of hiding task rows.
        const qreal workersWanted = workers ? qreal(m_.lanes.size()) * kMaxLaneHeight + kSectionLabel : 0;
        const qreal tasksWanted = tasks ? kSectionLabel + qreal(std::min<size_t>(m_.rows.size(), 60)) * kMaxRowHeight : 0;
        const qreal resourcesWanted = tasks ? resourceSectionHeight(1e9) : 0;
        const qreal gaps = (workers && tasks ? kSectionGap : 0) + (resourcesWanted > 0 ? kSectionGap : 0);
        const qreal wanted = workersWanted + tasksWanted + resourcesWanted;
        const qreal share = wanted > s_.plot.height() - gaps ? std::max(0.0, s_.plot.height() - gaps) / wanted : 1.0;
        const qreal resourcesCap = tasks ? resourceSectionHeight(s_.plot.height()) : 0;  // 0: not one lane fits
        const qreal resourcesHeight =
            resourcesCap > 0 ? std::clamp(resourcesWanted * share, kSectionLabel + kMinResourceLaneHeight, resourcesCap) : 0;
        const qreal tasksBottom = s_.plot.bottom() - (resourcesHeight > 0 ? resourcesHeight + kSectionGap : 0);
        if (workers && tasks) {
            const qreal workersFloor = std::min(workersWanted, qreal(m_.lanes.size()) * 14 + kSectionLabel);
            const qreal workersHeight = std::min(std::max(workersWanted * share, workersFloor), s_.plot.height() * 0.4);
            workerLanes(QRectF(s_.plot.left(), y, s_.plot.width(), workersHeight));
            y += workersHeight + kSectionGap;
            y = taskRows(QRectF(s_.plot.left(), y, s_.plot.width(), tasksBottom - y));
        } else if (workers) {
            workerLanes(s_.plot);
        } else {
            y = taskRows(QRectF(s_.plot.left(), y, s_.plot.width(), tasksBottom - y));
        }
        if (resourcesHeight > 0)  // right under the rows drawn
            resourceLanes(QRectF(s_.plot.left(), y + kSectionGap, s_.plot.width(), resourcesHeight));
        if (m_.steps)
            breakBands();
        wakeArrows(tasks);
        if (workers)
            stealArrows();
        if (tasks)
            hintMarks();
        prints(QRectF(s_.plot.left(), s_.plot.bottom() + kSectionGap / 2, s_.plot.width(), printsHeight));
        legend(QRectF(kMargin, h - kMargin - legendHeight_, w - 2 * kMargin, legendHeight_));
        return std::move(s_);
    }

private:
    void text(QRectF box, const QString& t, QColor c, int flags = Qt::AlignLeft | Qt::AlignVCenter, qreal px = 12,
              bool bold = false)
    {
        s_.texts.push_back({box, t, c, flags, px, bold});
    }

    void title()
    {
        QString t = qs(m_.title());
        if (m_.trace && m_.trace->mode == Mode::Simulated)
            t += "  (virtual time)";
        else if (m_.trace && m_.trace->mode == Mode::Tokio)
            t += "  (" + qs(kTokioUnrecorded) + "; poll results inferred)";
        // A tenth of the range as the precision: a 1.5 s run reads "0 – 1.5 s", not "0 – 2 s".
        QString range = formatAxisTime(s_.from, (s_.to - s_.from) / 10) + " – "
            + formatAxisTime(s_.to, (s_.to - s_.from) / 10) + "   " + QString::number(m_.eventCount) + " events";
        if (m_.steps) {  // on the step axis: the steps in view, and the time they span
            const StepAxis& a = *m_.steps;
            range = "steps " + QString::number(s_.from / StepAxis::kUnit) + " – "
                + QString::number((s_.to + StepAxis::kUnit - 1) / StepAxis::kUnit) + " · "
                + instantLabel(a.timeOfX(s_.from)) + " – " + instantLabel(a.timeOfX(s_.to)) + "   "
                + QString::number(m_.eventCount) + " events";
        }
        QFont small;
        small.setPixelSize(12);
        const qreal rangeWidth = QFontMetricsF(small).horizontalAdvance(range) + 16;
        // The title gets what the range leaves, and is shortened (…) rather than written over it.
        text(QRectF(kMargin, kMargin, std::max<qreal>(0, o_.size.width() - 2 * kMargin - rangeWidth), kTitleHeight), t,
             theme_.text, Qt::AlignLeft | Qt::AlignVCenter, 15, true);
        text(QRectF(kMargin, kMargin, o_.size.width() - 2 * kMargin, kTitleHeight), range, theme_.mutedText,
             Qt::AlignRight | Qt::AlignVCenter, 12);
    }

    // "0", "1 s", "1.5 s", "250 ms": a moment of the run on the step axis.
    static QString instantLabel(std::int64_t ns) { return ns == 0 ? QString("0") : qs(formatBreakLength(ns)); }

    // Each break of the step axis as a light band over the lanes, once a step is 2 px or wider; where breaks crowd
    // one pixel, the first stands for them (the work follows the pixels).
    void breakBands()
    {
        const StepAxis& a = *m_.steps;
        constexpr std::int64_t U = StepAxis::kUnit;
        if (s_.plot.width() * double(U) / double(s_.to - s_.from) < 2)
            return;  // steps narrower than 2 px: bands would only wash the picture grey
        auto br = std::lower_bound(a.breaks.begin(), a.breaks.end(), s_.from - U,
                                   [](const StepAxis::Break& b, std::int64_t v) { return b.x < v; });
        while (br != a.breaks.end() && br->x <= s_.to) {
            const qreal x0 = s_.xOf(std::max(br->x, s_.from)), x1 = s_.xOf(std::min(br->x + U, s_.to));
            s_.rects.push_back({QRectF(x0, s_.plot.top(), std::max<qreal>(1.0, x1 - x0), s_.plot.height()),
                                theme_.breakBand});
            br = std::lower_bound(br + 1, a.breaks.end(), timeAt(std::max(x1, x0 + 1.0)),
                                  [](const StepAxis::Break& b, std::int64_t v) { return b.x < v; });
        }
    }

    // The step axis: each break is a shaded step with the idle time it stands for written on the axis; each instant
    // is labelled with its time where the label fits. Labels never overlap: one left-to-right pass places them,
    // jumping over what would not fit, so the work follows the pixels, not the events.
    void stepAxis()
    {
        const StepAxis& a = *m_.steps;
        constexpr std::int64_t U = StepAxis::kUnit;
        const qreal axisY = s_.plot.top() - kAxisHeight;
        QFont font;
        font.setPixelSize(11);
        const QFontMetricsF fm(font);
        // Labels, left to right: a break's idle time ("⋯ 1 s ⋯"), then the time of the instant after it, at the
        // instant's first step or as far right as its steps allow.
        qreal free = s_.plot.left() - 1e9;
        auto place = [&](qreal at, qreal latest, const QString& label, QColor colour) {
            const qreal w = fm.horizontalAdvance(label) + 10;
            const qreal left = std::max({at - w / 2, free, s_.plot.left() - 30});
            if (left > latest - w / 2 || left + w > s_.plot.right() + kMargin)
                return false;
            text(QRectF(left, axisY, w, kAxisHeight - 6), label, colour, Qt::AlignHCenter | Qt::AlignVCenter, 11);
            free = left + w + 4;
            return true;
        };
        auto in = std::lower_bound(a.instants.begin(), a.instants.end(), s_.from,
                                   [](const StepAxis::Instant& i, std::int64_t v) { return i.x < v; });
        while (in != a.instants.end() && in->x <= s_.to) {
            const qreal ix = s_.xOf(in->x);
            // The break right before this instant, if the clock moved on to it.
            const auto b = std::lower_bound(a.breaks.begin(), a.breaks.end(), in->x - U,
                                            [](const StepAxis::Break& k, std::int64_t v) { return k.x < v; });
            if (b != a.breaks.end() && b->x == in->x - U && b->x >= s_.from) {
                const qreal bx = s_.xOf(b->x + U / 2);
                place(bx, bx, "⋯ " + qs(formatBreakLength(b->length)) + " ⋯", theme_.mutedText);
            }
            const qreal last = s_.xOf(std::min(s_.to, in->x + std::int64_t(in->events) * U));
            if (place(ix, std::max(ix, last), instantLabel(in->time), theme_.text))
                s_.lines.push_back({QLineF(ix, axisY + kAxisHeight - 6, ix, s_.plot.bottom()), theme_.grid, 1.0});
            // The next instant whose label could fit.
            in = std::lower_bound(in + 1, a.instants.end(), timeAt(std::max(free, ix + 1.0)),
                                  [](const StepAxis::Instant& i, std::int64_t v) { return i.x < v; });
        }
        s_.lines.push_back({QLineF(s_.plot.left(), axisY + kAxisHeight - 2, s_.plot.right(), axisY + kAxisHeight - 2),
                            theme_.mutedText, 1.0});
    }

    void axis()
    {
        if (m_.steps)
            return stepAxis();
        const std::int64_t range = s_.to - s_.from;
        const int target = std::max(2, int(s_.plot.width() / 110));
        const std::int64_t step = niceStep(range, target);
        const qreal axisY = s_.plot.top() - kAxisHeight;
        QFont font;
        font.setPixelSize(11);
        const QFontMetricsF fm(font);
        // Overflow-safe: a range may reach the end of int64 nanoseconds (--to 9000000000s), where t + step wraps.
        std::int64_t t = s_.from / step * step;
        if (t < s_.from && __builtin_add_overflow(t, step, &t))
            return;
        for (; t <= s_.to; ) {
            const qreal x = s_.xOf(t);
            s_.lines.push_back({QLineF(x, axisY + kAxisHeight - 6, x, s_.plot.bottom()), theme_.grid, 1.0});
            // Centred on its tick, unless that would cut the last label off at the picture's edge.
            const QString label = formatAxisTime(t, step);
            const qreal half = fm.horizontalAdvance(label) / 2 + 1, limit = o_.size.width() - 2;
            if (x + half <= limit)
                text(QRectF(x - 60, axisY, 120, kAxisHeight - 6), label, theme_.mutedText, Qt::AlignHCenter | Qt::AlignVCenter, 11);
            else
                text(QRectF(limit - 120, axisY, 120, kAxisHeight - 6), label, theme_.mutedText, Qt::AlignRight | Qt::AlignVCenter, 11);
            if (__builtin_add_overflow(t, step, &t))
                break;
        }
        s_.lines.push_back({QLineF(s_.plot.left(), axisY + kAxisHeight - 2, s_.plot.right(), axisY + kAxisHeight - 2),
                            theme_.mutedText, 1.0});
    }

    std::int64_t timeAt(qreal x) const
    {
        return s_.from + std::int64_t((x - s_.plot.left()) / s_.plot.width() * double(s_.to - s_.from));
    }

    void sectionLabel(qreal y, const QString& label)
    {
        text(QRectF(kMargin, y, kLabelWidth - 8, 16), label, theme_.mutedText, Qt::AlignLeft | Qt::AlignVCenter, 11,
             true);
    }

    void workerLanes(QRectF area)
    {
        sectionLabel(area.top(), "WORKERS");
        const qreal top = area.top() + 18;
        const size_t n = std::max<size_t>(1, m_.lanes.size());
        const qreal laneH = std::clamp((area.bottom() - top) / qreal(n), 8.0, kMaxLaneHeight);
        for (size_t i = 0; i < m_.lanes.size(); ++i) {
            const LaneModel& lane = m_.lanes[i];
            const QRectF row(area.left(), top + qreal(i) * laneH, area.width(), laneH);
            if (row.bottom() > area.bottom() + 0.5)
                break;
            s_.laneRows.push_back(row);
            s_.rects.push_back({row, i % 2 ? theme_.laneAlternate : theme_.laneBackground});
            text(QRectF(kMargin, row.top(), kLabelWidth - 8, laneH), qs(lane.name), theme_.text,
                 Qt::AlignLeft | Qt::AlignVCenter, nameSize(laneH));
            const QRectF band = row.adjusted(0, laneH * 0.12, 0, -laneH * 0.12);
            for (auto it = firstEndingAfter(lane.parked, s_.from); it != lane.parked.end() && it->start <= s_.to; ++it)
                s_.rects.push_back({QRectF(QPointF(s_.xOf(std::max(it->start, s_.from)), band.top()),
                                           QPointF(s_.xOf(std::min(it->end, s_.to)), band.bottom())),
                                    theme_.parked, Qt::Dense6Pattern, SceneRect::Role::Parked});
            SliceMerger merger(s_.rects, theme_, band);
            const auto end = lane.polls.end();
            for (auto it = firstEndingAfter(lane.polls, s_.from); it != end && it->start <= s_.to;) {
                const qreal x0 = s_.xOf(std::max(it->start, s_.from)), x1 = s_.xOf(std::min(it->end, s_.to));
                if (x1 - x0 < kMinSliceWidth) {
                    // Every slice starting within this pixel column merges: find them with one search instead of
                    // visiting each, so the cost follows the pixels, not the events.
                    const auto column = std::lower_bound(it, end, timeAt(x0 + 1.0),
                                                         [](const PollSlice& p, std::int64_t t) { return p.start < t; });
                    if (column - it > 1) {
                        const auto last = std::prev(column);
                        merger.add(x0, std::max(x0 + 1.0, s_.xOf(std::min(last->end, s_.to))), 0,
                                   SceneRect::Role::Merged, theme_.merged, QString(), int(column - it));
                        it = column;
                        continue;
                    }
                }
                const TaskInfo* info = m_.trace ? m_.trace->task(it->task) : nullptr;
                merger.add(x0, x1, it->task, SceneRect::Role::Poll, theme_.taskColor(it->task),
                           info ? qs(info->name) : QString());
                ++it;
            }
            merger.flush();
            const QRectF holdBand(band.left(), band.bottom() - band.height() * 0.35, band.width(), band.height() * 0.35);
            for (auto it = firstEndingAfter(lane.holds, s_.from); it != lane.holds.end() && it->start <= s_.to; ++it) {
                const qreal x0 = s_.xOf(std::max(it->start, s_.from)), x1 = s_.xOf(std::min(it->end, s_.to));
                if (x1 - x0 < 1)
                    continue;
                s_.rects.push_back({QRectF(x0, holdBand.top(), x1 - x0, holdBand.height()), theme_.cpuWork,
                                    it->busy ? Qt::BDiagPattern : Qt::Dense7Pattern, SceneRect::Role::Hold, it->task});
            }
        }
    }

    // Returns where the rows drawn end.
    qreal taskRows(QRectF area)
    {
        sectionLabel(area.top(), "TASKS");
        const qreal top = area.top() + 18;
        const qreal available = area.bottom() - top;
        const size_t capacity = std::max<size_t>(1, size_t(available / 12.0));
        const bool truncated = m_.rows.size() > capacity;
        const size_t shown = truncated ? capacity - 1 : m_.rows.size();
        const qreal rowH = std::min(kMaxRowHeight, available / qreal(std::max<size_t>(1, truncated ? capacity : shown)));
        for (size_t i = 0; i < shown; ++i) {
            const TaskRow& r = m_.rows[i];
            const QRectF row(area.left(), top + qreal(i) * rowH, area.width(), rowH);
            s_.taskRows.emplace_back(r.id, row);
            s_.rects.push_back({row, i % 2 ? theme_.laneAlternate : theme_.laneBackground});
            const QString name = QString(r.depth * 2, ' ') + (r.depth ? "↳ " : "") + qs(r.name)
                + (r.kind == TaskKind::Blocking ? "  (blocking)" : "");
            text(QRectF(kMargin, row.top(), kLabelWidth - 8, rowH), name, theme_.text,
                 Qt::AlignLeft | Qt::AlignVCenter, nameSize(rowH));
            taskRow(r, row);
        }
        if (truncated && shown == 0)  // no room for a single row: say so beside the section's name
            text(QRectF(area.left(), area.top(), area.width(), 16),
                 QString("%1 tasks: no room for their rows (make the timeline taller, or export the tasks view)")
                     .arg(m_.rows.size()),
                 theme_.mutedText, Qt::AlignLeft | Qt::AlignVCenter, 11);
        else if (truncated)
            text(QRectF(kMargin, top + qreal(shown) * rowH, area.right() - kMargin, rowH),
                 QString("+%1 more tasks not shown (zoom in on a time range or export the tasks view larger)")
                     .arg(m_.rows.size() - shown),
                 theme_.mutedText, Qt::AlignLeft | Qt::AlignVCenter, 11);
        return truncated ? area.bottom() : top + qreal(shown) * rowH;
    }

    // Names beside lanes and rows: up to 12 px, and not below 10 px while the row has room for it.
    static qreal nameSize(qreal rowHeight) { return std::clamp(rowHeight * 0.62, std::min(10.0, rowHeight * 0.8), 12.0); }

    void taskRow(const TaskRow& r, QRectF row)
    {
        if (r.ended < s_.from || r.spawned > s_.to)
            return;
        const qreal cy = row.center().y();
        const qreal xs = s_.xOf(std::max(r.spawned, s_.from)), xe = s_.xOf(std::min(r.ended, s_.to));
        // Waiting is the background of a task's life: a thin line; scheduled and running are drawn over it. A
        // waiting stretch wide enough to tell is drawn in the style of what it waits on, with a word when it fits;
        // the narrow rest joins one plain line.
        const qreal lineWidth = std::max(1.5, row.height() * 0.1);
        // Where the cause of its end will be written (see below): wait words keep clear of it.
        const std::optional<CauseText> cause = causeText(r, row, xe);
        const qreal causeLeft = cause ? cause->inkLeft : 1e9, causeRight = cause ? cause->inkRight : -1e9;
        qreal plainFrom = xs, plainTo = xs;
        auto flushPlain = [&] {
            if (plainTo > plainFrom)
                s_.lines.push_back({QLineF(plainFrom, cy, plainTo, cy), theme_.waiting, lineWidth});
        };
        for (auto w = std::lower_bound(r.segments.begin(), r.segments.end(), s_.from,
                                       [](const TaskSegment& s, std::int64_t t) { return s.end < t; });
             w != r.segments.end() && w->start <= s_.to; ++w) {
            const qreal x0 = s_.xOf(std::max(w->start, s_.from)), x1 = s_.xOf(std::min(w->end, s_.to));
            if (w->state != TaskState::Waiting || x1 - x0 < 6) {
                plainTo = std::max(plainTo, x1);
                continue;
            }
            flushPlain();
            plainFrom = plainTo = x1;
            const QColor colour = w->reason == WaitReason::NeverWoken ? theme_.failed : theme_.waiting;
            s_.lines.push_back({QLineF(x0, cy, x1, cy), colour, lineWidth, false, false, waitStyle(w->reason)});
            const QString word = waitWord(*w);
            if (row.height() >= 20 && !word.isEmpty()) {  // on a short row the words would crowd the row above
                QFont font;
                font.setPixelSize(9);
                const qreal need = QFontMetricsF(font).horizontalAdvance(word) + 8;
                const bool clear = x0 + need <= causeLeft || x0 >= causeRight;
                if (x1 - x0 >= need && clear)  // above the line, inside the stretch: it overlaps nothing
                    text(QRectF(x0 + 4, row.top() + 1, x1 - x0 - 8, cy - row.top() - 2), word, theme_.mutedText,
                         Qt::AlignLeft | Qt::AlignBottom, 9);
            }
        }
        plainTo = std::max(plainTo, std::max(xe, xs + 1));
        flushPlain();
        const QRectF runBand = row.adjusted(0, row.height() * 0.18, 0, -row.height() * 0.18);
        const QRectF queuedBand = row.adjusted(0, row.height() * 0.34, 0, -row.height() * 0.34);
        SliceMerger running(s_.rects, theme_, runBand);
        auto it = std::lower_bound(r.segments.begin(), r.segments.end(), s_.from,
                                   [](const TaskSegment& s, std::int64_t t) { return s.end < t; });
        for (; it != r.segments.end() && it->start <= s_.to; ++it) {
            const qreal x0 = s_.xOf(std::max(it->start, s_.from)), x1 = s_.xOf(std::min(it->end, s_.to));
            if (it->state == TaskState::Running)
                running.add(x0, x1, r.id, SceneRect::Role::Running, theme_.taskColor(r.id), QString());
            else if (it->state == TaskState::Scheduled && x1 - x0 >= 1)
                s_.rects.push_back({QRectF(x0, queuedBand.top(), x1 - x0, queuedBand.height()), theme_.scheduled,
                                    Qt::SolidPattern, SceneRect::Role::Scheduled, r.id});
        }
        running.flush();
        if (r.end == TaskEnd::StillAlive || r.ended > s_.to)
            return;
        const qreal size = std::clamp(row.height() * 0.55, 6.0, 12.0);
        const auto shape = r.end == TaskEnd::Completed ? SceneMarker::Shape::Completed
            : r.end == TaskEnd::Failed                 ? SceneMarker::Shape::Failed
                                                       : SceneMarker::Shape::Cancelled;
        const QColor color = r.end == TaskEnd::Completed ? theme_.completed
            : r.end == TaskEnd::Failed                   ? theme_.failed
                                                         : theme_.cancelled;
        s_.markers.push_back({QPointF(xe, cy), shape, color, size, r.id});
        if (cause)
            text(cause->box, qs(r.cause), color, (cause->before ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                 cause->pixelSize);
    }

    // The height of the resource section: a comfortable lane for each channel, semaphore and mutex, within a fifth of
    // the plot; 0 when there are none or not even one lane fits.
    qreal resourceSectionHeight(qreal plotHeight) const
    {
        if (m_.resources.empty())
            return 0;
        const qreal wanted = kSectionLabel + qreal(m_.resources.size()) * kMaxResourceLaneHeight;
        const qreal allowed = plotHeight * 0.2;
        if (allowed < kSectionLabel + kMinResourceLaneHeight)
            return 0;
        return std::min(wanted, allowed);
    }

    // One lane per channel, semaphore and mutex: its level (messages buffered, permits free) as a filled step line
    // scaled to its capacity, the level written where a step is wide enough, and a tick in the acting task's colour
    // for each operation: from the top for what puts in (send, release), from the bottom for what takes out
    // (receive, acquire), full height for a close or a lag. The work follows the pixels: levels and ticks that
    // crowd one pixel column are looked up, not visited.
    void resourceLanes(QRectF area)
    {
        sectionLabel(area.top(), "RESOURCES");
        const qreal top = area.top() + kSectionLabel;
        const size_t n = m_.resources.size();
        const qreal laneH = std::clamp((area.bottom() - top) / qreal(n), kMinResourceLaneHeight, kMaxResourceLaneHeight);
        const size_t fits = std::max<size_t>(1, size_t((area.bottom() - top + 0.5) / laneH));
        const size_t shown = fits >= n ? n : fits - 1;
        QFont small;
        small.setPixelSize(9);
        const QFontMetricsF fm(small);
        for (size_t i = 0; i < shown; ++i) {
            const ResourceLane& lane = m_.resources[i];
            const QRectF row(area.left(), top + qreal(i) * laneH, area.width(), laneH);
            s_.resourceRows.emplace_back(lane.id, row);
            s_.rects.push_back({row, i % 2 ? theme_.laneAlternate : theme_.laneBackground});
            const bool twoLines = laneH >= 22;
            const QRectF label(kMargin, row.top(), kLabelWidth - 8, twoLines ? laneH * 0.55 : laneH);
            text(label, qs(lane.name), theme_.text, Qt::AlignLeft | (twoLines ? Qt::AlignBottom : Qt::AlignVCenter),
                 std::min(11.0, nameSize(laneH)));
            if (twoLines)
                text(QRectF(kMargin, label.bottom(), kLabelWidth - 8, laneH - label.height()),
                     qs(resourceLevelMeaning(lane)), theme_.mutedText, Qt::AlignLeft | Qt::AlignTop, 9);
            if (lane.ended < s_.from || lane.created > s_.to)
                continue;
            resourceLevels(lane, row.adjusted(0, 2, 0, -2), fm);
            resourceTicks(lane, row);
        }
        if (shown < n)
            text(QRectF(kMargin, top + qreal(shown) * laneH, area.right() - kMargin, laneH),
                 QString("+%1 more channels and semaphores not shown (export the tasks view taller to see them)")
                     .arg(n - shown),
                 theme_.mutedText, Qt::AlignLeft | Qt::AlignVCenter, 11);
    }

    void resourceLevels(const ResourceLane& lane, QRectF band, const QFontMetricsF& fm)
    {
        const auto& lv = lane.levels;
        auto it = std::upper_bound(lv.begin(), lv.end(), s_.from,
                                   [](std::int64_t t, const ResourceLevel& l) { return t < l.time; });
        if (it != lv.begin())
            --it;
        const qreal yScale = band.height() / qreal(lane.scale);
        qreal numberFree = band.left() - 1e9;  // where the last written level ends
        qreal lastTop = -1;
        while (it != lv.end() && it->time <= s_.to) {
            const qreal x0 = s_.xOf(std::max(it->time, s_.from));
            // The level in force at the end of this pixel column stands for the column.
            auto next = std::upper_bound(it + 1, lv.end(), std::max(it->time, timeAt(x0 + 1.0)),
                                         [](std::int64_t t, const ResourceLevel& l) { return t < l.time; });
            const ResourceLevel& shownLevel = *std::prev(next);
            const std::int64_t until = next == lv.end() ? lane.ended : next->time;
            const qreal x1 = s_.xOf(std::clamp(until, s_.from, s_.to));
            const qreal h = qreal(std::min(shownLevel.value, lane.scale)) * yScale;
            const qreal y = band.bottom() - h;
            if (h > 0 && x1 > x0)
                s_.rects.push_back({QRectF(x0, y, x1 - x0, h), theme_.resourceFill});
            if (x1 > x0)
                s_.lines.push_back({QLineF(x0, y, x1, y), theme_.resourceLine, 1.5});
            if (lastTop >= 0 && lastTop != y)  // the riser from the previous level
                s_.lines.push_back({QLineF(x0, lastTop, x0, y), theme_.resourceLine, 1.5});
            lastTop = y;
            const QString number = QString::number(shownLevel.value);
            const qreal w = fm.horizontalAdvance(number) + 4;
            if (band.height() >= 12 && x1 - x0 >= w + 6 && x0 + 3 >= numberFree) {
                // Above the fill when there is room, else inside it.
                const bool above = y - band.top() >= 10;
                text(QRectF(x0 + 3, above ? y - 10 : y, w, 10), number, theme_.resourceLine,
                     Qt::AlignLeft | Qt::AlignVCenter, 9);
                numberFree = x0 + 3 + w + 2;
            }
            it = next;
        }
    }

    void resourceTicks(const ResourceLane& lane, QRectF row)
    {
        const auto& ticks = lane.ticks;
        auto it = std::lower_bound(ticks.begin(), ticks.end(), s_.from,
                                   [](const ResourceTick& k, std::int64_t t) { return k.time < t; });
        const qreal h = std::max(4.0, row.height() * 0.3);
        while (it != ticks.end() && it->time <= s_.to) {
            const qreal x = s_.xOf(it->time);
            const bool puts = it->op == SyncOp::Send || it->op == SyncOp::Release;
            const bool takes = it->op == SyncOp::Receive || it->op == SyncOp::Acquire;
            const QLineF line = puts ? QLineF(x, row.top(), x, row.top() + h)
                : takes              ? QLineF(x, row.bottom() - h, x, row.bottom())
                                     : QLineF(x, row.top(), x, row.bottom());
            s_.lines.push_back({line, puts || takes ? theme_.taskColor(it->task) : theme_.mutedText, 2.0});
            // Ticks closer than a pixel are one tick: jump to the next pixel column.
            it = std::lower_bound(it + 1, ticks.end(), timeAt(x + 1.0),
                                  [](const ResourceTick& k, std::int64_t t) { return k.time < t; });
        }
    }

    // The cause of a task's end ("cancelled: aborted"), written after its end marker, or before it when the row
    // ends at the right edge; with where its glyphs are. None when there is nothing to write or no room.
    struct CauseText {
        QRectF box;
        bool before = false;
        qreal pixelSize = 11;
        qreal inkLeft = 0, inkRight = 0;
    };
    std::optional<CauseText> causeText(const TaskRow& r, QRectF row, qreal xe) const
    {
        if (r.cause.empty() || r.end == TaskEnd::StillAlive || r.ended > s_.to || row.height() < 10)
            return std::nullopt;
        constexpr qreal width = 360;
        const qreal marker = std::clamp(row.height() * 0.55, 6.0, 12.0);  // the end marker's size
        CauseText c;
        c.pixelSize = std::min(11.0, row.height() * 0.6);
        c.before = xe + marker + width > s_.plot.right() + kMargin;
        c.box = QRectF(c.before ? xe - marker - width : xe + marker, row.top(), width, row.height());
        QFont font;
        font.setPixelSize(int(c.pixelSize));
        const qreal ink = QFontMetricsF(font).horizontalAdvance(qs(r.cause));
        c.inkLeft = c.before ? xe - marker - ink - 2 : xe + marker - 2;
        c.inkRight = c.before ? xe - marker + 2 : xe + marker + ink + 2;
        return c;
    }

    // Each hint as a warning sign at the bottom of its task's row, where it points (the window lists them).
    void hintMarks()
    {
        for (const HintMark& h : m_.hints) {
            if (h.time < s_.from || h.time > s_.to)
                continue;
            const QRectF row = s_.taskRow(h.hint.task);
            if (row.isNull() || row.height() < 8)
                continue;
            const qreal size = std::clamp(row.height() * 0.4, 6.0, 10.0);
            s_.markers.push_back({QPointF(s_.xOf(h.time), row.bottom() - size / 2 - 1), SceneMarker::Shape::Hint,
                                  theme_.hint, size, h.hint.task});
        }
    }

    static Qt::PenStyle waitStyle(WaitReason r)
    {
        switch (r) {
        case WaitReason::Timer: return Qt::DotLine;
        case WaitReason::Receive:
        case WaitReason::Send:
        case WaitReason::Channel: return Qt::DashLine;
        case WaitReason::Permit:
        case WaitReason::Lock:
        case WaitReason::Notify: return Qt::DashDotLine;
        default: return Qt::SolidLine;
        }
    }

    // A few words on what a waiting stretch waits on: "sleep 2 s", "recv on mpsc", "task 3", "join/select".
    QString waitWord(const TaskSegment& w) const
    {
        const Trace* t = m_.trace;
        auto resource = [&] { return t ? qs(t->resourceName(ResourceId(w.on))) : QString(); };
        switch (w.reason) {
        case WaitReason::Timer: return resource();
        case WaitReason::Receive: return "recv on " + resource();
        case WaitReason::Send: return "send on " + resource() + " (full)";
        case WaitReason::Channel: return resource();
        case WaitReason::Permit: return "permit of " + resource();
        case WaitReason::Lock: return "lock " + resource();
        case WaitReason::Notify: return "notified " + resource();
        case WaitReason::Task: {
            const TaskInfo* info = t ? t->task(TaskId(w.on)) : nullptr;
            return "task " + (info ? qs(info->name) : QString::number(w.on));
        }
        case WaitReason::Yield: return "yield";
        case WaitReason::Arms: return "join/select";
        case WaitReason::Outside: return "outside";
        case WaitReason::NeverWoken: return "never woken";
        case WaitReason::NotPolled:
        case WaitReason::Unknown: return {};
        }
        return {};
    }

    QPointF anchorForTask(TaskId id, std::int64_t t, bool tasksView) const
    {
        if (!tasksView)
            return {};
        const QRectF r = s_.taskRow(id);
        return r.isNull() ? QPointF() : QPointF(s_.xOf(t), r.center().y());
    }
    QPointF anchorForLane(LaneId lane, std::int64_t t) const
    {
        if (lane >= s_.laneRows.size())
            return {};
        return QPointF(s_.xOf(t), s_.laneRows[lane].center().y());
    }

    // A steal: a dashed arrow in the first stolen task's colour from the victim's lane to the thief's, with the
    // number of tasks taken beside it when more than one.
    void stealArrows()
    {
        auto first = std::lower_bound(m_.steals.begin(), m_.steals.end(), s_.from,
                                      [](const StealMark& m, std::int64_t t) { return m.time < t; });
        for (auto it = first; it != m_.steals.end() && it->time <= s_.to; ++it) {
            const QPointF from = anchorForLane(it->from, it->time), to = anchorForLane(it->to, it->time);
            if (from.isNull() || to.isNull())
                continue;
            const QColor color = theme_.taskColor(it->firstTask).darker(150);
            s_.lines.push_back({QLineF(from, to), color, 1.6, true, true, Qt::DashLine});
            if (it->count < 2)
                continue;
            // The count beside the arrow, where it overlaps no other text (steals at one moment stack up).
            const QString label = QString::number(it->count);
            QFont small;
            small.setPixelSize(10);
            const QRectF box(to.x() + 3, (from.y() + to.y()) / 2 - 7, QFontMetricsF(small).horizontalAdvance(label) + 2, 14);
            const bool free = std::none_of(s_.texts.begin(), s_.texts.end(),
                                           [&](const SceneText& t) { return t.box.intersects(box); });
            if (free)
                text(box, label, color, Qt::AlignLeft | Qt::AlignVCenter, 10);
        }
    }

    void wakeArrows(bool tasksView)
    {
        auto first = std::lower_bound(m_.wakes.begin(), m_.wakes.end(), s_.from,
                                      [](const WakeArrow& w, std::int64_t t) { return w.time < t; });
        auto last = std::upper_bound(first, m_.wakes.end(), s_.to,
                                     [](std::int64_t t, const WakeArrow& w) { return t < w.time; });
        const size_t inView = size_t(last - first);
        if (inView > kMaxArrows) {
            // Said in the legend row, at the right (the legend leaves it room).
            legendNote_ = QString("%1 wakes in view: arrows are drawn below %2 (zoom in)").arg(inView).arg(kMaxArrows);
            return;
        }
        for (auto it = first; it != last; ++it) {
            const WakeArrow& w = *it;
            QPointF from, to;
            if (tasksView) {
                from = w.sourceTask ? anchorForTask(w.sourceTask, w.time, true) : QPointF();
                if (w.pollStart >= 0)
                    to = anchorForTask(w.target, w.pollStart, true);
            } else {
                from = anchorForLane(w.sourceLane, w.time);
                if (w.pollStart >= 0)
                    to = anchorForLane(w.pollLane, w.pollStart);
            }
            const QPointF at = tasksView ? anchorForTask(w.target, w.time, true) : to;
            if (from.isNull() && !at.isNull()) {
                // Woken by a timer, a channel or the outside: a diamond on the wakee's row where it happened,
                // above the row's middle so an end marker at the same moment stays visible.
                const QRectF row = tasksView ? s_.taskRow(w.target) : QRectF();
                const QPointF bell = row.isNull() ? at : QPointF(at.x(), row.top() + 4.5);
                s_.markers.push_back({bell, SceneMarker::Shape::Wake, theme_.wake, 7, w.target});
                from = bell;
            }
            if (!from.isNull() && !to.isNull() && from != to)
                s_.lines.push_back({QLineF(from, to), theme_.wake, 1.3, false, true});
        }
    }

    // The output lane: every printed line in view, its marker and a bar in the colour of the task that printed it;
    // what did not fit folds behind "+N" (hover lists the lines).
    void prints(QRectF area)
    {
        text(QRectF(kMargin, area.top() + kPrintMarkerStrip, kLabelWidth - 8, kPrintRowHeight), "OUTPUT",
             theme_.mutedText, Qt::AlignLeft | Qt::AlignVCenter, 11, true);
        if (printed_.total > kMaxPrints) {
            text(QRectF(area.left(), area.top() + kPrintMarkerStrip, area.width(), kPrintRowHeight),
                 QString("%1 printed lines in view (zoom in to read them)").arg(printed_.total), theme_.mutedText);
            return;
        }
        for (const auto& line : printed_.lines) {
            const QColor who = line.mark->task ? theme_.taskColor(line.mark->task) : theme_.print;
            s_.markers.push_back({QPointF(line.x, area.top() + 3), SceneMarker::Shape::Print, who, 6, line.mark->task});
            const QRectF box = line.box.translated(0, area.top() + kPrintMarkerStrip);
            s_.lines.push_back({QLineF(line.x, area.top() + 3, line.x, box.center().y()), theme_.grid, 1.0});
            const QRectF bar(line.leftOfMarker ? box.right() - 3 : box.left(), box.top() + 3, 3, box.height() - 6);
            s_.rects.push_back({bar, who});
            text(line.leftOfMarker ? box.adjusted(0, 0, -6, 0) : box.adjusted(6, 0, 0, 0), qs(line.mark->text),
                 theme_.print, (line.leftOfMarker ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter, 11);
        }
        const qreal foldY = area.top() + kPrintMarkerStrip + (printed_.rows - 1) * kPrintRowHeight;
        qreal free = area.left() - 1e9;
        for (const auto& fold : printed_.folds) {
            for (const PrintMark* p : fold.marks) {
                const qreal x = s_.xOf(p->time);
                s_.markers.push_back({QPointF(x, area.top() + 3), SceneMarker::Shape::Print,
                                      p->task ? theme_.taskColor(p->task) : theme_.print, 6, p->task});
            }
            const QString label = QString("+%1 more").arg(fold.marks.size());
            const qreal wBox = 64;
            const qreal left = std::clamp(std::max(fold.x - wBox / 2, free), area.left(), area.right() - wBox);
            const QRectF box(left, foldY, wBox, kPrintRowHeight);
            text(box, label, theme_.mutedText, Qt::AlignHCenter | Qt::AlignVCenter, 11, true);
            SceneFold f{box, {}};
            for (const PrintMark* p : fold.marks)
                f.lines.push_back(qs(p->text));
            s_.folds.push_back(std::move(f));
            free = left + wBox + 4;
        }
    }

    // The legend, in as many rows as its area has (see legendRows): items fill a row left to right and go on in
    // the next; the note, if any, sits at the right of the last row, and items that still do not fit are left out.
    void legend(QRectF area)
    {
        const std::vector<LegendItem> items = legendItems(theme_, !s_.resourceRows.empty(), showsSteals(m_, o_.view));
        QFont font;
        font.setPixelSize(11);
        const QFontMetricsF fm(font);
        const int rows = std::max(1, int(std::lround((area.height() - 6) / kLegendRowHeight)));
        const qreal noteWidth = legendNote_.isEmpty() ? 0 : std::min(area.width(), fm.horizontalAdvance(legendNote_) + 8);
        int row = 0;
        qreal x = area.left();
        auto rowBox = [&](int r) { return QRectF(area.left(), area.top() + 3 + r * kLegendRowHeight, area.width(), kLegendRowHeight); };
        if (noteWidth > 0) {
            const QRectF last = rowBox(rows - 1);
            text(QRectF(last.right() - noteWidth, last.top(), noteWidth, last.height()), legendNote_, theme_.mutedText,
                 Qt::AlignRight | Qt::AlignVCenter, 11);
        }
        for (const auto& item : items) {
            const qreal w = fm.horizontalAdvance(item.label) + 6;
            auto right = [&] { return area.right() - (row == rows - 1 && noteWidth > 0 ? noteWidth + 12 : 0); };
            if (x + 22 + w > right() && row + 1 < rows) {
                ++row;
                x = area.left();
            }
            if (x + 22 + w > right())
                break;  // a narrow picture keeps the legend items that fit
            const QRectF box = rowBox(row);
            const qreal cy = box.center().y();
            const QRectF swatch(x, cy - 6, 18, 12);
            if (item.kind == 0)
                s_.rects.push_back({swatch, item.color, item.brush, SceneRect::Role::Swatch});
            else if (item.kind == 1)
                s_.lines.push_back({QLineF(swatch.left(), cy, swatch.right(), cy), item.color, 2.0, false,
                                    item.label == "wake"});
            else if (item.kind == 6)
                s_.lines.push_back({QLineF(swatch.left(), cy, swatch.right(), cy), item.color, 1.6, true, true,
                                    Qt::DashLine});
            else if (item.kind >= 3)
                s_.lines.push_back({QLineF(swatch.left(), cy, swatch.right(), cy), item.color, 2.0, false, false,
                                    item.kind == 3 ? Qt::DotLine : item.kind == 4 ? Qt::DashLine : Qt::DashDotLine});
            else
                s_.markers.push_back({swatch.center(), item.shape, item.color, 9});
            text(QRectF(swatch.right() + 4, box.top(), w, box.height()), item.label, theme_.mutedText,
                 Qt::AlignLeft | Qt::AlignVCenter, 11);
            x = swatch.right() + 4 + w + 12;
        }
    }

    const TimelineModel& m_;
    const LayoutOptions& o_;
    const TimelineTheme& theme_;
    TimelineScene s_;
    PrintPlacement printed_;
    QString legendNote_;  // said at the right of the legend's last row
    qreal legendHeight_ = 0;
};
}  // namespace

QString formatAxisTime(std::int64_t ns, std::int64_t step)
{
    if (ns == 0)
        return "0";
    struct Unit {
        double scale;
        const char* name;
    };
    const Unit unit = step >= 100'000'000 ? Unit{1e9, "s"}
        : step >= 100'000                 ? Unit{1e6, "ms"}
        : step >= 100                     ? Unit{1e3, "µs"}
                                          : Unit{1, "ns"};
    const double v = double(ns) / unit.scale;
    // As many decimals as the step needs, no more.
    const double stepInUnit = double(step) / unit.scale;
    const int decimals = stepInUnit >= 1 ? 0 : stepInUnit >= 0.1 ? 1 : 2;
    return QString::number(v, 'f', decimals) + " " + QString::fromUtf8(unit.name);
}

qreal naturalHeight(const TimelineModel& model, TimelineView view, qreal width)
{
    qreal content = 0;
    if (view != TimelineView::Tasks)
        content += kSectionLabel + qreal(model.lanes.size()) * kMaxLaneHeight;
    if (view == TimelineView::Both)
        content += kSectionGap;
    if (view != TimelineView::Workers) {
        content += kSectionLabel + qreal(std::min<size_t>(model.rows.size(), 60)) * kMaxRowHeight;
        // Resource lanes get at most a fifth of the plot: make the plot tall enough for all of them.
        const qreal resources = model.resources.empty() ? 0
            : kSectionLabel + qreal(std::min<size_t>(model.resources.size(), 12)) * kMaxResourceLaneHeight;
        content = std::max(content + resources + kSectionGap, 5 * resources);
    }
    // The output lane as tall as the lines of the whole run need at this width.
    const qreal printRows = placePrints(model, 0, std::max<std::int64_t>(model.duration, 1), kMargin + kLabelWidth,
                                        std::max(10.0, width - 2 * kMargin - kLabelWidth)).rows;
    const qreal chrome = 2 * kMargin + kTitleHeight + kAxisHeight
        + legendHeight(width, !model.resources.empty() && view != TimelineView::Workers, showsSteals(model, view))
        + kPrintMarkerStrip
        + printRows * kPrintRowHeight + kSectionGap;
    // A picture at most 20000 px tall (the exporter's bound): beyond it, a thousand lanes share the height.
    // Tall enough that the output lane's share of the picture holds every row it needs.
    const qreal forPrints = (printRows + 1) * kPrintRowHeight / kPrintShare;
    return std::clamp<qreal>(std::ceil(std::max(content + chrome + 4, forPrints)), 300, 20000);
}

TimelineScene layoutTimeline(const TimelineModel& model, const LayoutOptions& options)
{
    if (options.size.height() > 0)
        return Builder(model, options).build();
    LayoutOptions fitted = options;
    fitted.size.setHeight(naturalHeight(model, options.view, options.size.width()));
    return Builder(model, fitted).build();
}

}  // namespace wl
