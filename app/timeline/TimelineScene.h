#pragma once
// The drawn timeline as plain shapes in pixel coordinates: what TimelineLayout produces and both painters (the
// screen's scene-graph item and the QPainter exporter) draw, so the exported picture is what the window shows.
#include "trace/Event.h"

#include <QColor>
#include <QLineF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <cstdint>
#include <vector>

namespace wl {

struct SceneRect {
    enum class Role : std::uint8_t { Background, Poll, Merged, Hold, Parked, Scheduled, Running, Swatch };
    QRectF rect;
    QColor fill;
    Qt::BrushStyle brush = Qt::SolidPattern;
    Role role = Role::Background;
    TaskId task = 0;
    int count = 1;  // slices merged into this one
    QString label;  // drawn inside when it fits
    QColor labelColor;
};

struct SceneLine {
    QLineF line;
    QColor color;
    qreal width = 1.0;
    bool dashed = false;
    bool arrowHead = false;
    Qt::PenStyle style = Qt::SolidLine;  // also DotLine, DashLine, DashDotLine (dashed is DashLine too)
};

struct SceneMarker {
    enum class Shape : std::uint8_t { Completed, Failed, Cancelled, Print, Wake, Hint };
    QPointF at;
    Shape shape = Shape::Print;
    QColor color;
    qreal size = 8.0;
    TaskId task = 0;
};

struct SceneText {
    QRectF box;
    QString text;
    QColor color;
    int flags = Qt::AlignLeft | Qt::AlignVCenter;
    qreal pixelSize = 12.0;
    bool bold = false;
};

// Printed lines that did not fit the output lane, behind a visible "+N" (the window lists them on hover).
struct SceneFold {
    QRectF box;
    std::vector<QString> lines;
};

struct TimelineScene {
    QSizeF size;
    QColor background;
    QRectF plot;  // where time runs, left to right
    std::int64_t from = 0, to = 1;
    std::vector<SceneRect> rects;
    std::vector<SceneLine> lines;
    std::vector<SceneMarker> markers;
    std::vector<SceneText> texts;
    std::vector<SceneFold> folds;
    // Where each lane and each shown task row is, for hit tests and for tests that look at pixels.
    std::vector<QRectF> laneRows;
    std::vector<std::pair<TaskId, QRectF>> taskRows;
    std::vector<std::pair<ResourceId, QRectF>> resourceRows;

    double xOf(std::int64_t t) const
    {
        return plot.left() + (double(t - from) / double(to - from)) * plot.width();
    }
    QRectF taskRow(TaskId id) const
    {
        for (const auto& [task, r] : taskRows)
            if (task == id)
                return r;
        return {};
    }
    size_t shapeCount() const { return rects.size() + lines.size() + markers.size() + texts.size(); }
};

}  // namespace wl
