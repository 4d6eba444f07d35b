#pragma once
// The bad-trace corpus (tests/traces/bad): each file with the message the reader must give for it, from
// expected.tsv. Replayed through the command line (tst_command_line) and File > Open (tst_window).
#include <QFile>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

inline std::vector<std::pair<QString, QString>> badTraces()
{
    std::vector<std::pair<QString, QString>> out;
    QFile manifest(QStringLiteral(WAKELINE_BAD_TRACES_DIR "/expected.tsv"));
    if (!manifest.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray& raw : manifest.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QString message = line.section('\t', 1);
        message.replace(QLatin1String("\\n"), QLatin1String("\n")).replace(QLatin1String("\\\\"), QLatin1String("\\"));
        out.emplace_back(QStringLiteral(WAKELINE_BAD_TRACES_DIR "/") + line.section('\t', 0, 0), message);
    }
    return out;
}
