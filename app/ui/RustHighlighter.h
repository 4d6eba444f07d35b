#pragma once
// Colours the Rust in the code editor: keywords, strings and chars, numbers, comments (doc comments apart),
// macros, attributes, and the lines with problems (a wavy red underline from the column the front end names).
#include <QColor>
#include <QPointer>
#include <QQuickTextDocument>
#include <QSyntaxHighlighter>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <map>

namespace wl {

class RustHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QQuickTextDocument* document READ quickDocument WRITE setQuickDocument NOTIFY documentChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    // [{line, column, message}] as RunController::problems gives them.
    Q_PROPERTY(QVariantList problems READ problems WRITE setProblems NOTIFY problemsChanged)

public:
    explicit RustHighlighter(QObject* parent = nullptr);

    QQuickTextDocument* quickDocument() const { return quickDocument_; }
    void setQuickDocument(QQuickTextDocument* document);
    bool dark() const { return dark_; }
    void setDark(bool dark);
    QVariantList problems() const { return problems_; }
    void setProblems(const QVariantList& problems);

signals:
    void documentChanged();
    void darkChanged();
    void problemsChanged();

protected:
    void highlightBlock(const QString& text) override;

private:
    QPointer<QQuickTextDocument> quickDocument_;
    bool dark_ = false;
    QVariantList problems_;
    std::map<int, int> problemColumns_;  // 1-based line -> first problem column
};

}  // namespace wl
