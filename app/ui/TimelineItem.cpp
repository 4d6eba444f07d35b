#include "TimelineItem.h"

#include <QImage>
#include <QPainter>
#include <QQuickWindow>
#include <QSGFlatColorMaterial>
#include <QSGGeometryNode>
#include <QSGImageNode>
#include <QSGVertexColorMaterial>

#include <cmath>

namespace wl {
namespace {
using Vertex = QSGGeometry::ColoredPoint2D;

struct Triangles {
    std::vector<Vertex> v;
    void add(QPointF a, QPointF b, QPointF c, QColor col)
    {
        // QSGVertexColorMaterial takes premultiplied colours.
        const qreal alpha = col.alphaF();
        const auto r = uchar(col.red() * alpha), g = uchar(col.green() * alpha), bl = uchar(col.blue() * alpha),
                   al = uchar(col.alpha());
        for (QPointF p : {a, b, c}) {
            Vertex x;
            x.set(float(p.x()), float(p.y()), r, g, bl, al);
            v.push_back(x);
        }
    }
    void rect(const QRectF& q, QColor c)
    {
        add(q.topLeft(), q.topRight(), q.bottomRight(), c);
        add(q.topLeft(), q.bottomRight(), q.bottomLeft(), c);
    }
    void line(QLineF l, qreal width, QColor c)
    {
        const QPointF d = l.p2() - l.p1();
        const qreal len = std::hypot(d.x(), d.y());
        if (len <= 0)
            return;
        const QPointF n(-d.y() / len * width / 2, d.x() / len * width / 2);
        add(l.p1() + n, l.p2() + n, l.p2() - n, c);
        add(l.p1() + n, l.p2() - n, l.p1() - n, c);
    }
};

// Patterns (hatching) cannot be drawn with flat vertex colours: the screen shows them as a lighter tint.
QColor onScreen(const SceneRect& r, QColor background)
{
    if (r.brush == Qt::SolidPattern)
        return r.fill;
    QColor c = r.fill;
    const qreal mix = r.role == SceneRect::Role::Hold ? 0.45 : 0.6;
    return QColor::fromRgbF(c.redF() * mix + background.redF() * (1 - mix), c.greenF() * mix + background.greenF() * (1 - mix),
                            c.blueF() * mix + background.blueF() * (1 - mix));
}
}  // namespace

TimelineItem::TimelineItem(QQuickItem* parent) : QQuickItem(parent)
{
    setFlag(ItemHasContents, true);
    setAcceptedMouseButtons(Qt::LeftButton);
}

void TimelineItem::setController(RunController* c)
{
    if (c == controller_)
        return;
    if (controller_)
        disconnect(controller_, nullptr, this, nullptr);
    controller_ = c;
    if (controller_)
        connect(controller_, &RunController::traceChanged, this, &TimelineItem::onTraceChanged);
    onTraceChanged();
    emit controllerChanged();
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
    const TimelineScene scene = currentScene();
    if (scene.size.isEmpty())
        return nullptr;

    Triangles tri;
    tri.rect(QRectF(QPointF(0, 0), scene.size), scene.background);
    for (const auto& r : scene.rects)
        tri.rect(r.rect, onScreen(r, scene.background));
    for (const auto& l : scene.lines) {
        tri.line(l.line, l.width, l.color);
        if (l.arrowHead) {
            const double a = std::atan2(l.line.dy(), l.line.dx());
            const QPointF tip = l.line.p2();
            tri.add(tip, tip - QPointF(std::cos(a - 0.45) * 7, std::sin(a - 0.45) * 7),
                    tip - QPointF(std::cos(a + 0.45) * 7, std::sin(a + 0.45) * 7), l.color);
        }
    }
    // The selected task's row, then the playhead, over the shapes.
    const QColor ink = scene.background.lightnessF() > 0.5 ? QColor(0, 0, 0) : QColor(255, 255, 255);
    if (selectedTask_) {
        const QRectF row = scene.taskRow(TaskId(selectedTask_));
        if (!row.isNull()) {
            QColor glow = ink;
            glow.setAlphaF(0.10);
            tri.rect(QRectF(0, row.top(), scene.size.width(), row.height()), glow);
        }
    }
    if (playhead_ >= 0) {
        const double x = scene.xOf(std::int64_t(playhead_ * 1e6));
        if (x >= scene.plot.left() - 1 && x <= scene.plot.right() + 1) {
            QColor line = QColor(0xD55E00);
            tri.rect(QRectF(x - 1, scene.plot.top() - 18, 2, scene.plot.height() + 18), line);
            tri.add(QPointF(x - 6, scene.plot.top() - 18), QPointF(x + 6, scene.plot.top() - 18), QPointF(x, scene.plot.top() - 8), line);
        }
    }
    for (const auto& m : scene.markers) {
        const qreal r = m.size / 2;
        const QPointF c = m.at;
        switch (m.shape) {
        case SceneMarker::Shape::Print:
            tri.add(c + QPointF(-r, -r), c + QPointF(r, -r), c + QPointF(0, r), m.color);
            break;
        case SceneMarker::Shape::Failed:
            tri.line(QLineF(c + QPointF(-r, -r), c + QPointF(r, r)), 2.5, m.color);
            tri.line(QLineF(c + QPointF(-r, r), c + QPointF(r, -r)), 2.5, m.color);
            break;
        case SceneMarker::Shape::Completed:  // an octagon reads as a dot
            for (int i = 0; i < 8; ++i) {
                const double a0 = i * M_PI / 4, a1 = (i + 1) * M_PI / 4;
                tri.add(c, c + QPointF(std::cos(a0) * r, std::sin(a0) * r), c + QPointF(std::cos(a1) * r, std::sin(a1) * r),
                        m.color);
            }
            break;
        case SceneMarker::Shape::Cancelled:
            tri.rect(QRectF(c - QPointF(r, r), QSizeF(m.size, m.size)), m.color);
            break;
        case SceneMarker::Shape::Wake:
            tri.add(c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), m.color);
            tri.add(c + QPointF(0, -r), c + QPointF(0, r), c + QPointF(-r, 0), m.color);
            break;
        }
    }

    auto* shapes = new QSGGeometryNode;
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), int(tri.v.size()));
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    std::copy(tri.v.begin(), tri.v.end(), geometry->vertexDataAsColoredPoint2D());
    shapes->setGeometry(geometry);
    shapes->setFlag(QSGNode::OwnsGeometry);
    shapes->setMaterial(new QSGVertexColorMaterial);
    shapes->setFlag(QSGNode::OwnsMaterial);

    // Text: painted with QPainter into a transparent texture at the screen's pixel density.
    const qreal dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    QImage labels((scene.size * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    labels.setDevicePixelRatio(dpr);
    labels.fill(Qt::transparent);
    {
        QPainter p(&labels);
        p.setRenderHint(QPainter::TextAntialiasing);
        QFont font = p.font();
        for (const auto& t : scene.texts) {
            font.setPixelSize(int(std::max(6.0, t.pixelSize)));
            font.setBold(t.bold);
            p.setFont(font);
            p.setPen(t.color);
            p.drawText(t.box, t.flags, QFontMetricsF(font).elidedText(t.text, Qt::ElideRight, t.box.width()));
        }
        for (const auto& r : scene.rects)
            if (!r.label.isEmpty() && r.rect.width() > 24 && r.rect.height() >= 10) {
                font.setPixelSize(int(std::min(12.0, r.rect.height() * 0.6)));
                font.setBold(false);
                p.setFont(font);
                p.setPen(r.labelColor);
                const QString shown = QFontMetricsF(font).elidedText(r.label, Qt::ElideRight, r.rect.width() - 6);
                if (shown.size() > 1)
                    p.drawText(r.rect.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter, shown);
            }
    }
    if (window()) {
        QSGImageNode* text = window()->createImageNode();
        text->setTexture(window()->createTextureFromImage(labels));
        text->setOwnsTexture(true);
        text->setRect(QRectF(QPointF(0, 0), scene.size));
        shapes->appendChildNode(text);
    }

    shapeCount_ = int(scene.rects.size() + scene.lines.size() + scene.markers.size());
    vertexCount_ = int(tri.v.size());
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
