#include "SceneGeometry.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>

namespace wl {
namespace {

struct Triangles {
    std::vector<SceneVertex> v;
    void add(QPointF a, QPointF b, QPointF c, QColor col)
    {
        // QSGVertexColorMaterial takes premultiplied colours.
        const qreal alpha = col.alphaF();
        const auto r = uchar(col.red() * alpha), g = uchar(col.green() * alpha), bl = uchar(col.blue() * alpha),
                   al = uchar(col.alpha());
        for (QPointF p : {a, b, c}) {
            SceneVertex x;
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

std::vector<SceneVertex> sceneTriangles(const TimelineScene& scene, TaskId selectedTask, std::int64_t playheadNs)
{
    Triangles tri;
    tri.rect(QRectF(QPointF(0, 0), scene.size), scene.background);
    for (const auto& r : scene.rects)
        tri.rect(r.rect, onScreen(r, scene.background));
    for (const auto& l : scene.lines) {
        const Qt::PenStyle style = l.dashed ? Qt::DashLine : l.style;
        if (style != Qt::SolidLine) {  // dashes: 6 on 4 off; dots: 2 on 3 off; dash-dot: 6 on 3 off 2 on 3 off
            const std::vector<qreal> pattern = style == Qt::DotLine ? std::vector<qreal>{2, 3}
                : style == Qt::DashDotLine                         ? std::vector<qreal>{6, 3, 2, 3}
                                                                    : std::vector<qreal>{6, 4};
            const qreal length = l.line.length();
            size_t k = 0;
            for (qreal at = 0; at < length; at += pattern[k] + pattern[k + 1], k = (k + 2) % pattern.size())
                tri.line(QLineF(l.line.pointAt(at / length), l.line.pointAt(std::min(at + pattern[k], length) / length)),
                         l.width, l.color);
        } else {
            tri.line(l.line, l.width, l.color);
        }
        if (l.arrowHead) {
            const double a = std::atan2(l.line.dy(), l.line.dx());
            const QPointF tip = l.line.p2();
            tri.add(tip, tip - QPointF(std::cos(a - 0.45) * 7, std::sin(a - 0.45) * 7),
                    tip - QPointF(std::cos(a + 0.45) * 7, std::sin(a + 0.45) * 7), l.color);
        }
    }
    // The selected task's row, then the playhead, over the shapes.
    const QColor ink = scene.background.lightnessF() > 0.5 ? QColor(0, 0, 0) : QColor(255, 255, 255);
    if (selectedTask) {
        const QRectF row = scene.taskRow(TaskId(selectedTask));
        if (!row.isNull()) {
            QColor glow = ink;
            glow.setAlphaF(0.10);
            tri.rect(QRectF(0, row.top(), scene.size.width(), row.height()), glow);
        }
    }
    if (playheadNs >= 0) {
        const double x = scene.xOf(playheadNs);
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
        case SceneMarker::Shape::Hint:  // a warning sign: a triangle pointing up
            tri.add(c + QPointF(0, -r), c + QPointF(r, r), c + QPointF(-r, r), m.color);
            break;
        }
    }

    return std::move(tri.v);
}

QImage sceneLabels(const TimelineScene& scene, qreal dpr)
{
    QImage labels((scene.size * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    labels.setDevicePixelRatio(dpr);
    labels.fill(Qt::transparent);
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
    return labels;
}

}  // namespace wl
