#pragma once
// The bad-input corpora: each file with the message its reader must give for it, from the folder's expected.tsv.
// tests/traces/bad (native traces) is replayed through the command line (tst_command_line) and File > Open
// (tst_window); tests/traces/tokio-bad (tokio captures) through the importer (tst_tokio_import), --import-tokio and
// File > Import tokio run.
#include <QFile>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

inline std::vector<std::pair<QString, QString>> badFiles(const QString& dir)
{
    std::vector<std::pair<QString, QString>> out;
    QFile manifest(dir + QStringLiteral("/expected.tsv"));
    if (!manifest.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray& raw : manifest.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QString message = line.section('\t', 1);
        message.replace(QLatin1String("\\n"), QLatin1String("\n")).replace(QLatin1String("\\\\"), QLatin1String("\\"));
        out.emplace_back(dir + '/' + line.section('\t', 0, 0), message);
    }
    return out;
}

#ifdef WAKELINE_BAD_TRACES_DIR
inline std::vector<std::pair<QString, QString>> badTraces() { return badFiles(QStringLiteral(WAKELINE_BAD_TRACES_DIR)); }
#endif
inline std::vector<std::pair<QString, QString>> badTokioCaptures()
{
    return badFiles(QStringLiteral(WAKELINE_TOKIO_TRACES_DIR "-bad"));
}
