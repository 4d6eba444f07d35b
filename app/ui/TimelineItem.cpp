#include "TimelineItem.h"

#include "timeline/SceneGeometry.h"

#include <QQuickWindow>
#include <QSGGeometryNode>
#include <QSGImageNode>
#include <QSGVertexColorMaterial>

#include <cmath>

namespace wl {

TimelineItem::TimelineItem(QQuickItem* parent) : QQuickItem(parent)
{
    setFlag(ItemHasContents, true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
}

namespace {
const TaskRow* rowOf(const TimelineModel& m, TaskId id)
{
    for (const auto& r : m.rows)
        if (r.id == id)
            return &r;
    return nullptr;
}

QString stateAt(const TaskRow& row, std::int64_t t)
{
    if (t < row.spawned)
        return "not spawned yet";
    if (t > row.ended && row.end != TaskEnd::StillAlive)
        return row.end == TaskEnd::Completed ? "completed" : QString::fromStdString(row.cause);
    auto it = std::upper_bound(row.segments.begin(), row.segments.end(), t,
                               [](std::int64_t x, const TaskSegment& s) { return x < s.start; });
    if (it == row.segments.begin())
        return "spawned";
    switch (std::prev(it)->state) {
    case TaskState::Running: return "running";
    case TaskState::Scheduled: return "woken, queued for a worker";
    case TaskState::Waiting: return "parked, waiting for a wake";
    }
    return {};
}

QString ms(std::int64_t ns) { return QString::number(double(ns) / 1e6, 'f', 3) + " ms"; }

// A point of the model's axis in words: "1.000 ms", or on the step axis "step 12 (1000.000 ms)".
QString at(const TimelineModel& m, std::int64_t x)
{
    if (!m.steps)
        return ms(x);
    return QString("step %1 (%2)").arg(x / StepAxis::kUnit).arg(ms(m.steps->timeOfX(x)));
}
}  // namespace

QString TimelineItem::describeAt(double x, double y) const
{
    const TimelineScene s = currentScene();
    for (const SceneFold& f : s.folds)  // "+N more" in the output lane: the lines it holds
        if (model_ && f.box.contains(QPointF(x, y))) {
            QStringList lines;
            for (size_t i = 0; i < f.lines.size() && i < 30; ++i)
                lines << f.lines[i];
            if (f.lines.size() > 30)
                lines << QString("… and %1 more").arg(f.lines.size() - 30);
            return lines.join('\n');
        }
    if (!model_ || !s.plot.contains(QPointF(x, std::clamp(y, s.plot.top(), s.plot.bottom()))) || x < s.plot.left())
        return {};
    const auto t = s.from + std::int64_t((x - s.plot.left()) / s.plot.width() * double(s.to - s.from));
    for (const auto& r : s.rects) {
        if (!r.rect.adjusted(-1, 0, 1, 0).contains(QPointF(x, y)))
            continue;
        if (r.role == SceneRect::Role::Merged)
            return QString("%1 polls in this column: zoom in (W or Ctrl+wheel) to tell them apart").arg(r.count);
        if (r.role == SceneRect::Role::Poll && model_->trace) {
            const TaskInfo* info = model_->trace->task(r.task);
            return QString("%1 polled here at %2").arg(info ? QString::fromStdString(info->name) : QString()).arg(at(*model_, t));
        }
    }
    if (const int task = taskAt(x, y)) {
        const TaskRow* row = rowOf(*model_, TaskId(task));
        if (row)
            return QString::fromStdString(row->name) + " at " + at(*model_, t) + ": " + stateAt(*row, t);
    }
    return {};
}

const WakeArrow* TimelineItem::expectedWake() const
{
    if (!model_ || !selectedTask_ || playhead_ < 0)
        return nullptr;
    const TaskRow* row = rowOf(*model_, TaskId(selectedTask_));
    const auto now = std::int64_t(playhead_ * 1e6);
    if (!row || stateAt(*row, now) != "parked, waiting for a wake")
        return nullptr;
    const auto& w = model_->wakes;
    auto it = std::upper_bound(w.begin(), w.end(), now, [](std::int64_t t, const WakeArrow& a) { return t < a.time; });
    for (int looked = 0; it != w.end() && looked < 100000; ++it, ++looked)
        if (it->target == TaskId(selectedTask_))
            return &*it;
    return nullptr;
}

void TimelineItem::hoverMoveEvent(QHoverEvent* event)
{
    hoverPoint_ = event->position();
    hoverText_ = describeAt(hoverPoint_.x(), hoverPoint_.y());
    emit hoverChanged();
}

void TimelineItem::hoverLeaveEvent(QHoverEvent*)
{
    hoverText_.clear();
    emit hoverChanged();
}

void TimelineItem::setController(RunController* c)
{
    if (followController(this, controller_, c, &TimelineItem::onTraceChanged)) {
        if (controller_)
            connect(controller_, &RunController::timelineChanged, this, &TimelineItem::onTimelineChanged);
        emit controllerChanged();
    }
}

void TimelineItem::onTimelineChanged()
{
    if (!controller_ || controller_->timeline() == model_)
        return;
    model_ = controller_->timeline();  // the same run on the other axis: the selection stays
    fitAll();
}

void TimelineItem::onTraceChanged()
{
    model_ = controller_ ? controller_->timeline() : nullptr;
    setSelectedTask(0);  // a new trace has other tasks
    fitAll();
}

void TimelineItem::setDark(bool d)
{
    if (d != dark_) {
        dark_ = d;
        emit lookChanged();
        update();
    }
}

void TimelineItem::setView(int v)
{
    if (v != view_ && v >= 0 && v <= 2) {
        view_ = v;
        emit lookChanged();
        update();
    }
}

void TimelineItem::setPlayhead(double ms)
{
    if (ms != playhead_) {
        playhead_ = ms;
        emit playheadChanged();
        update();
    }
}

void TimelineItem::setSelectedTask(int t)
{
    if (t != selectedTask_) {
        selectedTask_ = t;
        emit selectedTaskChanged();
        update();
    }
}

int TimelineItem::taskAt(double x, double y) const
{
    const TimelineScene s = currentScene();
    for (const auto& [task, row] : s.taskRows)
        if (y >= row.top() && y < row.bottom() && x >= 0 && x <= s.size.width())
            return int(task);
    return 0;
}

void TimelineItem::fitAll() { setRange(0, model_ ? std::max<std::int64_t>(model_->duration, 1) : 1); }

void TimelineItem::setRange(std::int64_t from, std::int64_t to)
{
    const std::int64_t end = model_ ? std::max<std::int64_t>(model_->duration, 1) : 1;
    const std::int64_t width = std::clamp<std::int64_t>(to - from, 1000, std::max<std::int64_t>(end, 1000));
    from = std::clamp<std::int64_t>(from, 0, std::max<std::int64_t>(0, end - width));
    from_ = from;
    to_ = from + width;
    emit rangeChanged();
    update();
}

void TimelineItem::zoomAround(double anchorFraction, double factor)
{
    const double width = double(to_ - from_);
    const double anchor = double(from_) + anchorFraction * width;
    const double newWidth = width * factor;
    setRange(std::int64_t(anchor - anchorFraction * newWidth), std::int64_t(anchor + (1 - anchorFraction) * newWidth));
}

void TimelineItem::panBy(double fraction)
{
    const auto delta = std::int64_t(double(to_ - from_) * fraction);
    setRange(from_ + delta, to_ + delta);
}

TimelineScene TimelineItem::currentScene() const
{
    if (!model_ || width() < 50 || height() < 50)
        return {};
    LayoutOptions o;
    o.size = QSizeF(width(), height());
    o.view = view_ == 1 ? TimelineView::Workers : view_ == 2 ? TimelineView::Tasks : TimelineView::Both;
    o.theme = dark_ ? TimelineTheme::dark() : TimelineTheme::light();
    o.from = from_;
    o.to = to_;
    return layoutTimeline(*model_, o);
}

QSGNode* TimelineItem::updatePaintNode(QSGNode* old, UpdatePaintNodeData*)
{
    delete old;  // rebuilt whole on every change: one layout pass, one upload
    TimelineScene scene = currentScene();
    if (scene.size.isEmpty())
        return nullptr;
    // "Why is it waiting?": a dashed arrow from the parked task, now, to whoever holds its waker, when it fires.
    if (const WakeArrow* next = expectedWake()) {
        const QRectF mine = scene.taskRow(TaskId(selectedTask_));
        const QRectF theirs = next->sourceTask ? scene.taskRow(next->sourceTask) : QRectF();
        const double x0 = scene.xOf(std::int64_t(playhead_ * 1e6)), x1 = scene.xOf(next->time);
        if (!mine.isNull())
            scene.lines.push_back({QLineF(x0, mine.center().y(), x1, (theirs.isNull() ? mine : theirs).center().y()),
                                   QColor(0xD55E00), 1.6, true, true});
    }

    const auto tri = sceneTriangles(scene, TaskId(selectedTask_), playhead_ >= 0 ? std::int64_t(playhead_ * 1e6) : -1);

    auto* shapes = new QSGGeometryNode;
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), int(tri.size()));
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    std::copy(tri.begin(), tri.end(), geometry->vertexDataAsColoredPoint2D());
    shapes->setGeometry(geometry);
    shapes->setFlag(QSGNode::OwnsGeometry);
    shapes->setMaterial(new QSGVertexColorMaterial);
    shapes->setFlag(QSGNode::OwnsMaterial);

    // Text: painted with QPainter into a transparent texture at the screen's pixel density.
    const qreal dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    const QImage labels = sceneLabels(scene, dpr);
    if (window()) {
        QSGImageNode* text = window()->createImageNode();
        text->setTexture(window()->createTextureFromImage(labels));
        text->setOwnsTexture(true);
        text->setRect(QRectF(QPointF(0, 0), scene.size));
        shapes->appendChildNode(text);
    }

    shapeCount_ = int(scene.rects.size() + scene.lines.size() + scene.markers.size());
    vertexCount_ = int(tri.size());
    shownTaskRows_ = int(scene.taskRows.size());
    taskRowHeight_ = scene.taskRows.empty() ? 0 : scene.taskRows.front().second.height();
    QMetaObject::invokeMethod(this, &TimelineItem::laidOut, Qt::QueuedConnection);  // from the render thread
    return shapes;
}

void TimelineItem::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry)
{
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    update();
}

void TimelineItem::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier) {
        const TimelineScene s = currentScene();
        const double anchor = s.plot.width() > 0 ? std::clamp((event->position().x() - s.plot.left()) / s.plot.width(), 0.0, 1.0) : 0.5;
        zoomAround(anchor, std::pow(1.25, -steps));
    } else {
        panBy(-steps * 0.1);
    }
    event->accept();
}

void TimelineItem::mousePressEvent(QMouseEvent* event)
{
    dragged_ = false;
    dragStartX_ = event->position().x();
    dragStartFrom_ = from_;
    event->accept();
}

void TimelineItem::mouseMoveEvent(QMouseEvent* event)
{
    const TimelineScene s = currentScene();
    if (s.plot.width() <= 0)
        return;
    const double dx = event->position().x() - dragStartX_;
    if (std::abs(dx) < 3 && !dragged_)
        return;
    dragged_ = true;
    const auto delta = std::int64_t(-dx / s.plot.width() * double(to_ - from_));
    setRange(dragStartFrom_ + delta, dragStartFrom_ + delta + (to_ - from_));
}

void TimelineItem::mouseReleaseEvent(QMouseEvent* event)
{
    if (!dragged_) {  // a click, not a drag: select the task under it
        const int task = taskAt(event->position().x(), event->position().y());
        setSelectedTask(task);
        emit taskClicked(task);
    }
    event->accept();
}

}  // namespace wl
