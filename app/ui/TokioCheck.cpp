#include "TokioCheck.h"

#include "referee/Referee.h"

#include <QCoroTask>
#include <QCoroFuture>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace wl {
namespace {
// The application is closing: a check still building or running stops its process instead of holding the exit.
std::atomic<bool> g_quitting{false};

// Waits for the process up to `ms`, or until the application closes; a process cut short is killed.
bool finished(QProcess& p, int ms)
{
    QElapsedTimer waited;
    waited.start();
    while (!p.waitForFinished(100)) {
        if (p.state() == QProcess::NotRunning)
            return false;  // it did not start
        if (g_quitting.load() || waited.elapsed() > ms) {
            p.kill();
            p.waitForFinished(1000);
            return false;
        }
    }
    return true;
}

struct Outcome {
    QString error;  // the build or the run failed: what it said
    bool realClock = false;
    referee::Comparison comparison;
};

// The referee crate (resources/referee, embedded) in a directory of its own; the tokio build is shared through
// the target directory. WAKELINE_REFEREE_WORKDIR / WAKELINE_REFEREE_TARGET choose them (the tests point them into
// the build tree), else the user's cache.
QString workDir()
{
    const QString dir = qEnvironmentVariable("WAKELINE_REFEREE_WORKDIR");
    return dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/referee" : dir;
}
QString targetDir()
{
    const QString dir = qEnvironmentVariable("WAKELINE_REFEREE_TARGET");
    return dir.isEmpty() ? workDir() + "/target" : dir;
}

bool writeIfChanged(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (f.open(QIODevice::ReadOnly) && f.readAll() == bytes)
        return true;
    f.close();
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

Outcome checkNow(const std::string& source, const std::string& name)
{
    Outcome out;
    out.realClock = referee::needsRealClock(source);
    const QString dir = workDir();
    for (QDirIterator it(":/referee", QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
        const QString file = it.next();
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly) || !writeIfChanged(dir + file.mid(QString(":/referee").size()), in.readAll())) {
            out.error = "cannot write the referee's project in " + dir;
            return out;
        }
    }
    if (!writeIfChanged(dir + "/src/bin/check.rs",
                        QByteArray::fromStdString(referee::tokioSource(source, out.realClock, name)))) {
        out.error = "cannot write " + dir + "/src/bin/check.rs";
        return out;
    }
    auto env = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : referee::cargoEnvironment(dir.toStdString(), targetDir().toStdString()))
        env.insert(QString::fromStdString(name), QString::fromStdString(value));
    QProcess cargo;
    cargo.setWorkingDirectory(dir);
    cargo.setProcessEnvironment(env);
    cargo.setProcessChannelMode(QProcess::MergedChannels);
    cargo.start(referee::kCargo, {"build", "--offline", "--quiet", "--bin", "check"});
    if (!finished(cargo, 30 * 60 * 1000) || cargo.exitCode() != 0) {
        out.error = "real tokio could not build it:\n" + QString::fromUtf8(cargo.readAll()).right(3000);
        return out;
    }
    QTemporaryDir own;  // the program's own directory (referee::programEnvironment)
    QProcess run;
    run.setWorkingDirectory(own.path());
    auto runEnv = QProcessEnvironment::systemEnvironment();
    for (const auto& [name, value] : referee::programEnvironment(own.path().toStdString()))
        runEnv.insert(QString::fromStdString(name), QString::fromStdString(value));
    run.setProcessEnvironment(runEnv);
    run.start(targetDir() + "/debug/check", {});
    if (!finished(run, 60'000)) {
        out.error = "the real tokio run did not end within 60 s";
        return out;
    }
    const lang::ProgramRun ours = lang::runProgram(source, referee::wakelineOptions(out.realClock, name));
    if (!ours.checked) {
        out.error = QString::fromStdString(ours.error);
        return out;
    }
    out.comparison = referee::compare(referee::printedLines(ours.trace),
                                      referee::stampedLines(run.readAllStandardOutput().toStdString()), out.realClock);
    return out;
}
}  // namespace

TokioCheck::TokioCheck(QObject* parent) : QObject(parent), available_(cargoAvailable())
{
    if (auto* app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, [] { g_quitting = true; });
}

bool TokioCheck::cargoAvailable()
{
    return referee::toolchainInstalled();
}

void TokioCheck::check(const QString& source, const QString& name)
{
    if (!available_) {
        status_ = "Real tokio is not installed: scripts/setup-deps installs cargo, librust-tokio-dev and "
                  "librust-futures-dev.";
        emit changed();
        return;
    }
    const unsigned generation = ++generation_;
    running_ = true;
    done_ = false;
    rows_.clear();
    differences_ = 0;
    status_ = "Building " + name + " with real tokio (the first time compiles tokio: a minute or two)…";
    emit changed();
    auto task = [](TokioCheck* self, std::string source, std::string name, unsigned generation) -> QCoro::Task<> {
        QFuture<Outcome> work = QtConcurrent::run(checkNow, source, name);
        Outcome outcome = co_await work;
        if (generation != self->generation_)
            co_return;  // another check started meanwhile
        self->running_ = false;
        self->clock_ = outcome.realClock ? "real" : "paused";
        if (!outcome.error.isEmpty()) {
            self->status_ = outcome.error;
            emit self->changed();
            co_return;
        }
        for (const auto& r : outcome.comparison.rows) {
            const bool agrees = r.wakeline && r.tokio;
            self->differences_ += agrees ? 0 : 1;
            const double ms = r.wakeline ? r.wakeline->ms : r.tokio->ms;
            self->rows_.append(QVariantMap{{"time", ms},
                                           {"wakeline", r.wakeline ? QString::fromStdString(r.wakeline->text) : QString()},
                                           {"tokio", r.tokio ? QString::fromStdString(r.tokio->text) : QString()},
                                           {"tokioTime", r.tokio ? r.tokio->ms : -1.0},
                                           {"agrees", agrees}});
        }
        self->done_ = true;
        self->status_ = self->differences_ == 0
            ? QString("Real tokio printed the same %1 lines at the same times (%2 clock).")
                  .arg(self->rows_.size()).arg(self->clock_)
            : QString("%1 of %2 lines differ (%3 clock): marked below.")
                  .arg(self->differences_).arg(self->rows_.size()).arg(self->clock_);
        emit self->changed();
    };
    task(this, source.toStdString(), name.toStdString(), generation);
}

}  // namespace wl
