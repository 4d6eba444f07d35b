#pragma once
// The timeline on screen: a scene-graph item that paints the same TimelineLayout as the exporter. Shapes go into
// one vertex-coloured geometry node (fast for any number of them); text is painted into a texture on top.
// Zoom (Ctrl+wheel, zoomIn/zoomOut), pan (drag, wheel, panBy) and fitAll change the visible time range.
#include "RunController.h"
#include "timeline/TimelineLayout.h"

#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

namespace wl {

class TimelineItem : public QQuickItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(wl::RunController* controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY lookChanged)
    Q_PROPERTY(int view READ view WRITE setView NOTIFY lookChanged)  // 0 both, 1 workers, 2 tasks
    Q_PROPERTY(double from READ from NOTIFY rangeChanged)            // ms
    Q_PROPERTY(double to READ to NOTIFY rangeChanged)                // ms
    // Where the playhead is on the model's axis (Playback.position: ms, or steps on the step axis); < 0 hides it.
    Q_PROPERTY(double playhead READ playhead WRITE setPlayhead NOTIFY playheadChanged)
    Q_PROPERTY(int selectedTask READ selectedTask WRITE setSelectedTask NOTIFY selectedTaskChanged)
    Q_PROPERTY(QString hoverText READ hoverText NOTIFY hoverChanged)  // what is under the mouse, in words
    Q_PROPERTY(QPointF hoverPoint READ hoverPoint NOTIFY hoverChanged)
    Q_PROPERTY(int shapeCount READ shapeCount NOTIFY laidOut)
    Q_PROPERTY(int vertexCount READ vertexCount NOTIFY laidOut)
    // Task rows: how many the run has, how many are drawn, and how tall (a short window must keep them readable).
    Q_PROPERTY(int taskRowCount READ taskRowCount NOTIFY laidOut)
    Q_PROPERTY(int shownTaskRows READ shownTaskRows NOTIFY laidOut)
    Q_PROPERTY(double taskRowHeight READ taskRowHeight NOTIFY laidOut)

public:
    explicit TimelineItem(QQuickItem* parent = nullptr);

    RunController* controller() const { return controller_; }
    void setController(RunController* c);
    bool dark() const { return dark_; }
    void setDark(bool d);
    int view() const { return view_; }
    void setView(int v);
    double from() const { return double(from_) / 1e6; }
    double to() const { return double(to_) / 1e6; }
    double playhead() const { return playhead_; }
    void setPlayhead(double ms);
    int selectedTask() const { return selectedTask_; }
    void setSelectedTask(int t);
    int shapeCount() const { return shapeCount_; }
    // The task whose row is at this point (0 if none).
    Q_INVOKABLE int taskAt(double x, double y) const;
    // What is at this point, in words ("" for nothing): a poll slice, merged slices, or a task's state then.
    Q_INVOKABLE QString describeAt(double x, double y) const;
    QString hoverText() const { return hoverText_; }
    QPointF hoverPoint() const { return hoverPoint_; }
    // While the selected task is parked at the playhead: the wake that will end it (null if none or not parked).
    const WakeArrow* expectedWake() const;
    // Its time in ms (where the dashed arrow points), or -1.
    Q_INVOKABLE double expectedWakeTime() const
    {
        const WakeArrow* w = expectedWake();
        return w ? double(w->time) / 1e6 : -1.0;
    }
    int vertexCount() const { return vertexCount_; }
    int taskRowCount() const { return model_ ? int(model_->rows.size()) : 0; }
    int shownTaskRows() const { return shownTaskRows_; }
    double taskRowHeight() const { return taskRowHeight_; }

    Q_INVOKABLE void zoomIn() { zoomAround(0.5, 1.0 / 1.5); }
    Q_INVOKABLE void zoomOut() { zoomAround(0.5, 1.5); }
    Q_INVOKABLE void panBy(double fraction);  // of the visible range; negative = earlier
    Q_INVOKABLE void fitAll();
    // The scene laid out for the current size and range (what the next frame shows).
    TimelineScene currentScene() const;

signals:
    void controllerChanged();
    void lookChanged();
    void rangeChanged();
    void laidOut();
    void playheadChanged();
    void selectedTaskChanged();
    void taskClicked(int task);
    void hoverChanged();

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void hoverMoveEvent(QHoverEvent* event) override;
    void hoverLeaveEvent(QHoverEvent* event) override;

private:
    void zoomAround(double anchorFraction, double factor);
    void setRange(std::int64_t from, std::int64_t to);
    void onTraceChanged();
    void onTimelineChanged();

    RunController* controller_ = nullptr;
    std::shared_ptr<const TimelineModel> model_;
    bool dark_ = false;
    int view_ = 0;
    std::int64_t from_ = 0, to_ = 0;
    double playhead_ = -1;
    int selectedTask_ = 0;
    double dragStartX_ = 0;
    bool dragged_ = false;
    QString hoverText_;
    QPointF hoverPoint_;
    std::int64_t dragStartFrom_ = 0;
    int shapeCount_ = 0, vertexCount_ = 0;
    int shownTaskRows_ = 0;
    double taskRowHeight_ = 0;
};

}  // namespace wl
