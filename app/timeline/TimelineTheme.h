#pragma once
// Colours of the timeline, light and dark. Task colours come from the Okabe-Ito palette, which stays
// distinguishable for colour-blind readers; states differ in shape and pattern too, never in red/green alone.
#include <QColor>
#include <QString>

#include <optional>

namespace wl {

struct TimelineTheme {
    QString name;
    QColor background, text, mutedText, grid, laneBackground, laneAlternate;
    QColor parked;     // a worker with nothing to do
    QColor waiting;    // a task parked, waiting for a wake
    QColor scheduled;  // woken, in a run queue, not running yet
    QColor merged;     // many slices in one pixel column
    QColor cpuWork;    // work()/thread_sleep() hatch
    QColor wake, print, completed, failed, cancelled;
    QColor breakBand;  // an idle stretch collapsed into one step on the step axis
    QColor hint;       // a hint's warning sign
    QColor resourceFill, resourceLine;  // what a channel or semaphore holds, on its resource lane

    QColor taskColor(std::uint32_t taskId) const;

    static TimelineTheme light();
    static TimelineTheme dark();
    static std::optional<TimelineTheme> named(const QString& name);  // "light" or "dark"
};

}  // namespace wl
