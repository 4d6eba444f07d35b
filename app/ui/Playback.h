#pragma once
// The playhead over the current run: play/pause at a speed (how much run time one real second shows, or on the
// step axis how many steps), step event by event or from poll to poll of one task, scrub. The console shows what was printed up to it.
#include "RunController.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace wl {

class Playback : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(wl::RunController* controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(double playhead READ playhead WRITE setPlayhead NOTIFY playheadChanged)  // ms of the run
    Q_PROPERTY(double duration READ duration NOTIFY traceChanged)                       // ms
    // The playhead on the timeline's axis: ms on the time axis, steps on the step axis (where play moves a steady
    // number of steps a second, so every event of one instant is seen in turn).
    Q_PROPERTY(double position READ position WRITE setPosition NOTIFY playheadChanged)
    Q_PROPERTY(double end READ end NOTIFY traceChanged)
    Q_PROPERTY(int eventIndex READ eventIndex NOTIFY playheadChanged)  // events shown: [0, eventIndex)
    Q_PROPERTY(int eventCount READ eventCount NOTIFY traceChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playingChanged)
    Q_PROPERTY(double speed READ speed WRITE setSpeed NOTIFY speedChanged)
    Q_PROPERTY(QStringList consoleLines READ consoleLines NOTIFY playheadChanged)
    Q_PROPERTY(QString timeText READ timeText NOTIFY playheadChanged)
    Q_PROPERTY(QString eventText READ eventText NOTIFY playheadChanged)  // the last event shown, in words
    Q_PROPERTY(int currentLine READ currentLine NOTIFY playheadChanged)  // its Rust source line
    Q_PROPERTY(int currentColumn READ currentColumn NOTIFY playheadChanged)  // the expression's column (0: whole line)
    Q_PROPERTY(int currentWidth READ currentWidth NOTIFY playheadChanged)    // its width (0: to the end of the line)

public:
    explicit Playback(QObject* parent = nullptr);

    RunController* controller() const { return controller_; }
    void setController(RunController* c);
    double playhead() const { return double(playhead_) / 1e6; }
    void setPlayhead(double ms);
    double duration() const;
    double position() const { return double(position_) / 1e6; }
    void setPosition(double at);
    double end() const;
    static constexpr double kStepsPerSecond = 4;  // at speed 1
    int eventIndex() const { return eventIndex_; }
    int eventCount() const;
    bool playing() const { return timer_.isActive(); }
    double speed() const { return speed_; }
    void setSpeed(double s);
    QStringList consoleLines() const;
    QString timeText() const;
    QString eventText() const;
    int currentLine() const { return int(siteLine(currentSite())); }
    int currentColumn() const { return int(siteColumn(currentSite())); }
    int currentWidth() const { return int(siteWidth(currentSite())); }
    std::uint32_t currentSite() const;  // of the last event shown that has one

    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void toggle() { playing() ? pause() : play(); }
    Q_INVOKABLE void stepNext();
    Q_INVOKABLE void stepPrevious();
    Q_INVOKABLE void stepTaskPoll(int task, int direction);  // to the task's next (+1) or previous (-1) poll
    Q_INVOKABLE void toStart() { moveToEvent(0); }
    // Pauses with the event at `index` the last one shown (a hint's, say).
    Q_INVOKABLE void showEvent(int index)
    {
        pause();
        moveToEvent(index + 1);
    }
    Q_INVOKABLE void toEnd() { moveToEvent(eventCount()); }

signals:
    void controllerChanged();
    void playheadChanged();
    void traceChanged();
    void playingChanged();
    void speedChanged();

private:
    void onTraceChanged();
    void onTimelineChanged();
    void tick();
    const StepAxis* steps() const { return model_ ? model_->steps.get() : nullptr; }
    void moveToEvent(int index);  // shows events [0, index); the playhead goes to the last one's time

    RunController* controller_ = nullptr;
    std::shared_ptr<const Trace> trace_;
    std::shared_ptr<const TraceIndex> index_;
    std::shared_ptr<const TimelineModel> model_;
    std::int64_t playhead_ = 0;  // ns of the run
    std::int64_t position_ = 0;  // x on the model's axis
    int eventIndex_ = 0;
    double speed_ = 1.0;
    QTimer timer_;
    QElapsedTimer clock_;
};

}  // namespace wl
