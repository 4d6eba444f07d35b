#include "RustHighlighter.h"

#include <QRegularExpression>
#include <QTextCharFormat>
#include <QTextDocument>

namespace wl {
namespace {

QTextCharFormat colour(const QColor& c, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(c);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

// Colours a reader tells apart in both themes (Okabe-Ito, brightened for the dark one).
struct Palette {
    QColor keyword, string, number, comment, doc, macro, attribute;
};
Palette paletteFor(bool dark)
{
    if (dark)
        return {QColor("#56b4e9"), QColor("#e69f00"), QColor("#f0e442"), QColor("#9a9a9a"), QColor("#8fd3a8"),
                QColor("#cc79a7"), QColor("#b0b0ff")};
    return {QColor("#0057a0"), QColor("#a35a00"), QColor("#7a5d00"), QColor("#6b6b6b"), QColor("#1a7a4a"),
            QColor("#9c3d7a"), QColor("#5050b0")};
}

}  // namespace

RustHighlighter::RustHighlighter(QObject* parent) : QSyntaxHighlighter(parent) {}

void RustHighlighter::setQuickDocument(QQuickTextDocument* document)
{
    if (document == quickDocument_)
        return;
    quickDocument_ = document;
    setDocument(document ? document->textDocument() : nullptr);
    emit documentChanged();
}

void RustHighlighter::setDark(bool dark)
{
    if (dark == dark_)
        return;
    dark_ = dark;
    rehighlight();
    emit darkChanged();
}

void RustHighlighter::setProblems(const QVariantList& problems)
{
    problems_ = problems;
    problemColumns_.clear();
    for (const QVariant& p : problems) {
        const QVariantMap m = p.toMap();
        const int line = m.value("line").toInt();
        const int column = m.value("column").toInt();
        const auto it = problemColumns_.find(line);
        if (it == problemColumns_.end() || column < it->second)
            problemColumns_[line] = column;
    }
    rehighlight();
    emit problemsChanged();
}

void RustHighlighter::highlightBlock(const QString& text)
{
    static const QRegularExpression keyword(
        "\\b(as|async|await|break|const|continue|crate|dyn|else|enum|false|fn|for|if|impl|in|let|loop|match|mod|"
        "move|mut|pub|ref|return|self|Self|static|struct|super|trait|true|type|unsafe|use|where|while)\\b");
    static const QRegularExpression number("\\b[0-9][0-9_]*(\\.[0-9_]+)?([eE][+-]?[0-9]+)?([iuf](8|16|32|64|128|size))?\\b");
    static const QRegularExpression macro("\\b[a-z_][a-z0-9_]*!");
    static const QRegularExpression attribute("#!?\\[[^\\]]*\\]");
    static const QRegularExpression string("\"(\\\\.|[^\"\\\\])*\"?|'(\\\\.|[^'\\\\])'");
    const Palette p = paletteFor(dark_);

    const std::pair<const QRegularExpression*, QTextCharFormat> rules[] = {
        {&keyword, colour(p.keyword, true)}, {&number, colour(p.number)},
        {&macro, colour(p.macro, true)},     {&attribute, colour(p.attribute)},
    };
    for (const auto& [pattern, format] : rules)
        for (auto it = pattern->globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), format);
        }
    // Strings and comments last: what is inside them is neither a keyword nor a number. A `//` inside a string
    // does not start a comment.
    int commentAt = -1;
    for (auto it = string.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const int slash = int(text.indexOf("//"));
        if (slash >= 0 && slash < m.capturedStart() && commentAt < 0)
            commentAt = slash;
        if (commentAt >= 0 && m.capturedStart() > commentAt)
            break;
        setFormat(int(m.capturedStart()), int(m.capturedLength()), colour(p.string));
    }
    if (commentAt < 0) {
        // The first `//` outside every string.
        bool inString = false;
        for (int i = 0; i + 1 < text.size(); ++i) {
            if (text[i] == '\\' && inString) {
                ++i;
                continue;
            }
            if (text[i] == '"')
                inString = !inString;
            if (!inString && text[i] == '/' && text[i + 1] == '/') {
                commentAt = i;
                break;
            }
        }
    }
    if (commentAt >= 0) {
        const bool doc = text.mid(commentAt, 3) == "//!" || text.mid(commentAt, 3) == "///";
        setFormat(commentAt, int(text.size()) - commentAt, colour(doc ? p.doc : p.comment, false, !doc));
    }
    // A problem: a red wavy underline from its column to the end of the line.
    const auto problem = problemColumns_.find(currentBlock().blockNumber() + 1);
    if (problem != problemColumns_.end()) {
        const int from = std::clamp(problem->second - 1, 0, std::max(0, int(text.size()) - 1));
        for (int i = from; i < std::max(from + 1, int(text.size())); ++i) {
            QTextCharFormat f = format(i);
            f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            f.setUnderlineColor(QColor("#d55e00"));
            setFormat(i, 1, f);
        }
    }
}

}  // namespace wl
