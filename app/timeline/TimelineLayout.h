#pragma once
// Turns a trace (through its TimelineModel) and a viewport into a TimelineScene: worker lanes with poll slices,
// task rows with their states, wake arrows, prints, a time axis, a title and a legend. When many slices fall in
// one pixel column they merge into one item that says how many it holds, so a million events cost about what
// the pixels do.
#include "TimelineModel.h"
#include "TimelineScene.h"
#include "TimelineTheme.h"

namespace wl {

enum class TimelineView { Workers, Tasks, Both };

struct LayoutOptions {
    QSizeF size{1600, 900};  // a height of 0 fits the height to the content
    TimelineView view = TimelineView::Both;
    std::int64_t from = 0;
    std::int64_t to = -1;  // -1: the end of the trace
    TimelineTheme theme = TimelineTheme::light();
};

TimelineScene layoutTimeline(const TimelineModel& model, const LayoutOptions& options);
// The height that shows every lane and task row at a comfortable size, and every printed line of the run at this
// width (for exports without a set height).
qreal naturalHeight(const TimelineModel& model, TimelineView view, qreal width = 1600);

// "0", "250 ms", "1.5 s": a time on the axis, in the unit that suits the tick step.
QString formatAxisTime(std::int64_t ns, std::int64_t step);

}  // namespace wl
