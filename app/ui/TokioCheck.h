#pragma once
// "Check against tokio": the program in the editor built and run on real tokio (the referee's rules,
// core/referee) and its printed lines set beside Wakeline's, differences marked. Building needs Debian's cargo and
// tokio crates; the first build compiles tokio (a minute or two), later ones only the program. All of it runs off
// the GUI thread.
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace wl {

class TokioCheck : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool available READ available CONSTANT)  // cargo and the tokio crates are installed
    Q_PROPERTY(bool running READ running NOTIFY changed)
    Q_PROPERTY(QString status READ status NOTIFY changed)  // what it is doing, or how it ended
    Q_PROPERTY(QString clock READ clock NOTIFY changed)    // "paused" or "real": how times compare
    // One row per printed line: {time, wakeline, tokio, agrees}; a line only one side printed has "" on the other.
    Q_PROPERTY(QVariantList rows READ rows NOTIFY changed)
    Q_PROPERTY(int differences READ differences NOTIFY changed)
    Q_PROPERTY(bool done READ done NOTIFY changed)  // a comparison is shown (not a failure to build or run)

public:
    explicit TokioCheck(QObject* parent = nullptr);

    static bool cargoAvailable();
    bool available() const { return available_; }
    bool running() const { return running_; }
    QString status() const { return status_; }
    QString clock() const { return clock_; }
    QVariantList rows() const { return rows_; }
    int differences() const { return differences_; }
    bool done() const { return done_; }

    // Builds and runs `source` on real tokio and on Wakeline; `name` names it in messages.
    Q_INVOKABLE void check(const QString& source, const QString& name);

signals:
    void changed();

private:
    bool available_ = false, running_ = false, done_ = false;
    QString status_, clock_;
    QVariantList rows_;
    int differences_ = 0;
    unsigned generation_ = 0;
};

}  // namespace wl
