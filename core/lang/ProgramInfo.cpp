#include "ProgramInfo.h"

#include <cctype>
#include <charconv>
#include <stdexcept>

namespace wl::lang {
namespace {

struct Line {
    std::string_view text;
    std::uint32_t offset = 0;  // of its first byte in the source
    std::uint32_t number = 1;
};

std::vector<Line> linesOf(std::string_view source)
{
    std::vector<Line> lines;
    std::uint32_t start = 0, number = 1;
    while (start <= source.size()) {
        size_t end = source.find('\n', start);
        if (end == std::string_view::npos)
            end = source.size();
        std::string_view text = source.substr(start, end - start);
        if (!text.empty() && text.back() == '\r')
            text.remove_suffix(1);
        lines.push_back({text, start, number++});
        if (end == source.size())
            break;
        start = std::uint32_t(end + 1);
    }
    return lines;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

// A span at byte `at` of `line`, its column counted in code points as rustc counts.
Span spanAt(const Line& line, size_t at, size_t length)
{
    std::uint32_t column = 1;
    for (size_t i = 0; i < at && i < line.text.size(); ++i)
        if ((static_cast<unsigned char>(line.text[i]) & 0xC0) != 0x80)
            ++column;
    return {std::uint32_t(line.offset + at), std::uint32_t(length), line.number, column};
}

bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// An integer literal as Rust writes it (digits and `_`, an optional leading `-`); false for anything else.
bool parseInteger(std::string_view text, std::int64_t* out)
{
    std::string digits;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_' && !digits.empty() && digits != "-")
            continue;
        if (c == '-' && i == 0) {
            digits += c;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return false;
        digits += c;
    }
    if (digits.empty() || digits == "-")
        return false;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), *out);
    return r.ec == std::errc() && r.ptr == digits.data() + digits.size();
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

constexpr const char* kParamForm = "write it as `// param MIN..=MAX: what it sets` (or `// param MIN..=MAX ms: ...` "
                                   "for a duration in milliseconds)";

// One `const NAME: TYPE = VALUE; // param MIN..=MAX [ms]: help` line; adds a problem when the marker is there but
// the rest is not as it should be.
void readParamLine(const Line& line, ProgramInfo& info)
{
    const std::string_view text = line.text;
    const size_t marker = text.find("// param");
    if (marker == std::string_view::npos)
        return;
    const size_t afterMarker = marker + 8;
    if (afterMarker < text.size() && isIdentChar(text[afterMarker]))
        return;  // "// parameters of ...": an ordinary comment
    const std::string_view code = text.substr(0, marker);
    size_t at = code.find_first_not_of(" \t");
    std::string_view rest = at == std::string_view::npos ? std::string_view() : code.substr(at);
    if (rest.rfind("pub ", 0) == 0) {
        at += 4;
        rest.remove_prefix(4);
    }
    if (rest.rfind("const ", 0) != 0) {
        info.problems.push_back({spanAt(line, marker, 8), "a `// param` comment belongs at the end of a `const` item's line"});
        return;
    }
    // NAME
    size_t p = at + 6;
    while (p < code.size() && code[p] == ' ')
        ++p;
    const size_t nameStart = p;
    while (p < code.size() && isIdentChar(code[p]))
        ++p;
    const std::string_view name = code.substr(nameStart, p - nameStart);
    const size_t eq = code.find('=', p);
    const size_t semi = code.rfind(';');
    if (name.empty() || eq == std::string_view::npos || semi == std::string_view::npos || semi < eq) {
        info.problems.push_back({spanAt(line, at, code.size() - at), "a parameter is a `const NAME: TYPE = VALUE;` item"});
        return;
    }
    // VALUE
    size_t valueStart = eq + 1;
    while (valueStart < semi && code[valueStart] == ' ')
        ++valueStart;
    size_t valueEnd = semi;
    while (valueEnd > valueStart && code[valueEnd - 1] == ' ')
        --valueEnd;
    ProgramParam param;
    param.name = lower(name);
    param.literal = spanAt(line, valueStart, valueEnd - valueStart);
    if (!parseInteger(code.substr(valueStart, valueEnd - valueStart), &param.value)) {
        info.problems.push_back({param.literal, "the value of parameter " + std::string(name)
                                                    + " must be an integer literal (like 500 or 10_000)"});
        return;
    }
    // MIN..=MAX [unit]: help
    std::string_view comment = text.substr(afterMarker);
    const Span commentSpan = spanAt(line, marker, text.size() - marker);
    const size_t colon = comment.find(':');
    const size_t range = comment.find("..=");
    if (colon == std::string_view::npos || range == std::string_view::npos || range > colon) {
        info.problems.push_back({commentSpan, std::string("malformed parameter comment: ") + kParamForm});
        return;
    }
    std::string_view bounds = trim(comment.substr(0, colon));
    const size_t space = bounds.find(' ');
    if (space != std::string_view::npos) {
        param.unit = std::string(trim(bounds.substr(space)));
        bounds = bounds.substr(0, space);
    }
    const size_t dots = bounds.find("..=");
    if (dots == std::string_view::npos || !parseInteger(bounds.substr(0, dots), &param.min)
        || !parseInteger(bounds.substr(dots + 3), &param.max) || (param.unit != "" && param.unit != "ms")) {
        info.problems.push_back({commentSpan, std::string("malformed parameter comment: ") + kParamForm});
        return;
    }
    param.help = std::string(trim(comment.substr(colon + 1)));
    if (param.min > param.max) {
        info.problems.push_back({commentSpan, "the range of parameter " + std::string(name) + " is empty ("
                                                  + std::to_string(param.min) + "..=" + std::to_string(param.max) + ")"});
        return;
    }
    if (param.value < param.min || param.value > param.max) {
        info.problems.push_back({param.literal, "parameter " + std::string(name) + " = " + std::to_string(param.value)
                                                    + " is outside its range " + std::to_string(param.min) + "..="
                                                    + std::to_string(param.max)});
        return;
    }
    for (const auto& other : info.params)
        if (other.name == param.name) {
            info.problems.push_back({spanAt(line, nameStart, name.size()),
                                     "parameter " + std::string(name) + " is declared twice"});
            return;
        }
    info.params.push_back(std::move(param));
}

// The `//!` lines: the title, then the summary paragraph, then the lesson; a `Group: name` line sets the group.
void readDocComment(const std::vector<Line>& lines, ProgramInfo& info)
{
    std::vector<std::string> paragraphs(1);
    for (const Line& line : lines) {
        const std::string_view t = trim(line.text);
        if (t.rfind("//!", 0) != 0)
            continue;
        std::string_view body = trim(t.substr(3));
        if (body.rfind("Group:", 0) == 0) {
            info.group = std::string(trim(body.substr(6)));
            continue;
        }
        if (body.empty()) {
            if (!paragraphs.back().empty())
                paragraphs.emplace_back();
            continue;
        }
        std::string& p = paragraphs.back();
        p += (p.empty() ? "" : " ") + std::string(body);
    }
    if (paragraphs.back().empty())
        paragraphs.pop_back();
    if (!paragraphs.empty())
        info.title = paragraphs[0];
    if (paragraphs.size() > 1)
        info.summary = paragraphs[1];
    for (size_t i = 2; i < paragraphs.size(); ++i)
        info.lesson += (i > 2 ? "\n\n" : "") + paragraphs[i];
}

std::string withThousands(std::int64_t v)
{
    std::string digits = std::to_string(v < 0 ? -v : v);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(size_t(i), "_");
    return (v < 0 ? "-" : "") + digits;
}

}  // namespace

ProgramInfo readProgramInfo(std::string_view source)
{
    ProgramInfo info;
    const auto lines = linesOf(source);
    readDocComment(lines, info);
    for (const Line& line : lines)
        readParamLine(line, info);
    return info;
}

std::string withParams(std::string_view source, const ProgramInfo& info, const std::map<std::string, std::int64_t>& values)
{
    std::map<std::uint32_t, std::pair<const ProgramParam*, std::int64_t>> edits;  // by offset
    for (const auto& [name, value] : values) {
        const ProgramParam* param = nullptr;
        for (const auto& p : info.params)
            if (p.name == name)
                param = &p;
        if (!param) {
            std::string known;
            for (const auto& p : info.params)
                known += (known.empty() ? "" : ", ") + p.name;
            throw std::invalid_argument("unknown parameter '" + name + "'"
                                        + (known.empty() ? " (this program has none)" : " (parameters: " + known + ")"));
        }
        if (value < param->min || value > param->max)
            throw std::invalid_argument("parameter '" + name + "' must be between " + std::to_string(param->min)
                                        + " and " + std::to_string(param->max) + ", got " + std::to_string(value));
        edits[param->literal.offset] = {param, value};
    }
    std::string out;
    size_t from = 0;
    for (const auto& [offset, edit] : edits) {
        const Span& at = edit.first->literal;
        const std::string_view original = source.substr(at.offset, at.length);
        out.append(source.substr(from, offset - from));
        out += original.find('_') != std::string_view::npos ? withThousands(edit.second) : std::to_string(edit.second);
        from = at.offset + at.length;
    }
    out.append(source.substr(from));
    return out;
}

std::string withWorkers(std::string_view source, std::uint32_t workers)
{
    for (const Line& line : linesOf(source)) {
        const size_t at = line.text.find("#[tokio::main");
        if (at == std::string_view::npos || trim(line.text.substr(0, at)) != "")
            continue;
        const size_t end = line.text.find(']', at);
        if (end == std::string_view::npos)
            continue;
        const std::string_view old = line.text.substr(at, end + 1 - at);
        std::string attribute = workers <= 1 ? "#[tokio::main(flavor = \"current_thread\"" :
            "#[tokio::main(flavor = \"multi_thread\", worker_threads = " + std::to_string(workers);
        if (old.find("start_paused = true") != std::string_view::npos)
            attribute += ", start_paused = true";
        attribute += ")]";
        std::string out(source.substr(0, line.offset + at));
        out += attribute;
        out.append(source.substr(line.offset + end + 1));
        return out;
    }
    return std::string(source);
}

}  // namespace wl::lang
