#include "TimelinePainter.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace wl {
namespace {
void paintArrowHead(QPainter& p, const QLineF& line, const QColor& color, qreal size)
{
    const double angle = std::atan2(line.dy(), line.dx());
    const QPointF tip = line.p2();
    QPolygonF head;
    head << tip << tip - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size)
         << tip - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPolygon(head);
}

void paintMarker(QPainter& p, const SceneMarker& m)
{
    const qreal r = m.size / 2;
    p.setPen(QPen(m.color, 1.5));
    switch (m.shape) {
    case SceneMarker::Shape::Completed:
        p.setBrush(m.color);
        p.drawEllipse(m.at, r, r);
        break;
    case SceneMarker::Shape::Failed:
        p.setPen(QPen(m.color, 2.5));
        p.drawLine(m.at + QPointF(-r, -r), m.at + QPointF(r, r));
        p.drawLine(m.at + QPointF(-r, r), m.at + QPointF(r, -r));
        break;
    case SceneMarker::Shape::Cancelled:
        p.setBrush(m.color);
        p.drawRect(QRectF(m.at - QPointF(r, r), QSizeF(m.size, m.size)));
        break;
    case SceneMarker::Shape::Print: {
        QPolygonF tri;
        tri << m.at + QPointF(-r, -r) << m.at + QPointF(r, -r) << m.at + QPointF(0, r);
        p.setPen(Qt::NoPen);
        p.setBrush(m.color);
        p.drawPolygon(tri);
        break;
    }
    case SceneMarker::Shape::Wake: {
        QPolygonF diamond;
        diamond << m.at + QPointF(0, -r) << m.at + QPointF(r, 0) << m.at + QPointF(0, r) << m.at + QPointF(-r, 0);
        p.setBrush(m.color);
        p.drawPolygon(diamond);
        break;
    }
    case SceneMarker::Shape::Hint: {
        QPolygonF warning;
        warning << m.at + QPointF(0, -r) << m.at + QPointF(r, r) << m.at + QPointF(-r, r);
        p.setPen(Qt::NoPen);
        p.setBrush(m.color);
        p.drawPolygon(warning);
        break;
    }
    }
}
}  // namespace

void paintTimeline(QPainter& p, const TimelineScene& s)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.fillRect(QRectF(QPointF(0, 0), s.size), s.background);

    QFont font = p.font();
    for (const SceneRect& r : s.rects) {
        p.setPen(Qt::NoPen);
        p.setBrush(QBrush(r.fill, r.brush));
        p.drawRect(r.rect);
        if (!r.label.isEmpty() && r.rect.width() > 24 && r.rect.height() >= 10) {
            font.setPixelSize(int(std::min(12.0, r.rect.height() * 0.6)));
            p.setFont(font);
            const QFontMetricsF fm(font);
            const QString shown = fm.elidedText(r.label, Qt::ElideRight, r.rect.width() - 6);
            if (shown.size() > 1) {
                p.setPen(r.labelColor);
                p.drawText(r.rect.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter, shown);
            }
        }
    }
    for (const SceneLine& l : s.lines) {
        QPen pen(l.color, l.width);
        pen.setCapStyle(Qt::FlatCap);
        if (l.dashed)
            pen.setStyle(Qt::DashLine);
        else if (l.style != Qt::SolidLine)
            pen.setStyle(l.style);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawLine(l.line);
        if (l.arrowHead)
            paintArrowHead(p, l.line, l.color, 7);
    }
    for (const SceneMarker& m : s.markers)
        paintMarker(p, m);
    for (const SceneText& t : s.texts) {
        font.setPixelSize(int(std::max(6.0, t.pixelSize)));
        font.setBold(t.bold);
        p.setFont(font);
        p.setPen(t.color);
        const QFontMetricsF fm(font);
        p.drawText(t.box, t.flags, fm.elidedText(t.text, Qt::ElideRight, t.box.width()));
    }
    p.restore();
}

}  // namespace wl
