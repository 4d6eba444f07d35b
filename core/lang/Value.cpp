#include "Value.h"

#include <array>
#include <set>
#include <mutex>
#include <shared_mutex>

#include <charconv>
#include <cmath>

namespace wl::lang {

Value Value::boolean_(bool b)
{
    Value v;
    v.kind = ValueKind::Bool;
    v.boolean = b;
    return v;
}
Value Value::int_(std::int64_t i)
{
    Value v;
    v.kind = ValueKind::Int;
    v.integer = i;
    return v;
}
Value Value::float_(double d)
{
    Value v;
    v.kind = ValueKind::Float;
    v.real = d;
    return v;
}
Value Value::str(std::string s)
{
    Value v;
    v.kind = ValueKind::Str;
    v.text = std::move(s);
    return v;
}
Value Value::char_(std::string utf8)
{
    Value v;
    v.kind = ValueKind::Char;
    v.text = std::move(utf8);
    return v;
}
Value Value::tuple(std::vector<Value> items)
{
    Value v;
    v.kind = items.empty() ? ValueKind::Unit : ValueKind::Tuple;
    v.items = std::make_shared<Cells>(cells(std::move(items)));
    return v;
}
Value Value::vec(std::vector<Value> items)
{
    Value v;
    v.kind = ValueKind::Vec;
    v.items = std::make_shared<Cells>(cells(std::move(items)));
    return v;
}
const std::string& Name::intern(std::string_view s)
{
    // Names are few (the program's types and variants, the library's); they live as long as the process.
    if (s.empty())
        return kNoName;
    static std::shared_mutex mutex;
    static std::set<std::string, std::less<>> names;
    {
        std::shared_lock lock(mutex);
        if (const auto it = names.find(s); it != names.end())
            return *it;
    }
    std::unique_lock lock(mutex);
    return *names.emplace(s).first;
}

const FieldNames* fieldNames(FieldNames names)
{
    // Few lists (one per struct type and record variant), living as long as the process.
    static std::mutex mutex;
    static std::set<FieldNames> lists;
    std::lock_guard lock(mutex);
    return &*lists.insert(std::move(names)).first;
}

namespace {
// An enum value with one payload, moved in: `{std::move(v)}` as an initializer list would copy it, and the
// vector it fills would be one more allocation.
Value enumOf(const Name& type, const Name& variant, Value payload)
{
    Value v;
    v.kind = ValueKind::Enum;
    v.typeName = type;
    v.variant = variant;
    v.items = std::make_shared<Cells>();
    v.items->push_back(cell(std::move(payload)));  // (kept in the Cells itself: no buffer of its own)
    return v;
}
}  // namespace

const std::string& Name::internLiteral(const char* s)
{
    struct Entry {
        const char* key = nullptr;
        const std::string* name = nullptr;
    };
    thread_local std::array<Entry, 64> cache;
    Entry& e = cache[(reinterpret_cast<std::uintptr_t>(s) >> 3) % cache.size()];
    if (e.key == s && *e.name == s)
        return *e.name;
    const std::string& name = intern(s);
    e = {s, &name};
    return name;
}

// The most made enums, with their names interned once.
Value Value::some(Value v)
{
    static const Name type("Option"), variant("Some");
    return enumOf(type, variant, std::move(v));
}
Value Value::none()
{
    static const Name type("Option"), variant("None");
    return enum_(type, variant);
}
Value Value::ok(Value v)
{
    static const Name type("Result"), variant("Ok");
    if (v.kind == ValueKind::Unit) {
        // Ok(()) is the most made value (every send, recv and join): one per thread, shared. Sharing its payload's
        // cell is safe: the only thing a program can put there is () again.
        thread_local const Value okUnit = enumOf(type, variant, Value());
        return okUnit;
    }
    return enumOf(type, variant, std::move(v));
}
Value Value::err(Value v)
{
    static const Name type("Result"), variant("Err");
    return enumOf(type, variant, std::move(v));
}

Value Value::enum_(Name type, Name variant, std::vector<Value> payload)
{
    Value v;
    v.kind = ValueKind::Enum;
    v.typeName = type;
    v.variant = variant;
    v.items = std::make_shared<Cells>(cells(std::move(payload)));
    return v;
}
Value Value::duration(std::int64_t ns)
{
    Value v;
    v.kind = ValueKind::Duration;
    v.integer = ns;
    return v;
}
Value Value::ref(Cell target)
{
    Value v;
    v.kind = ValueKind::Ref;
    v.target = std::move(target);
    return v;
}

Cell cell(Value v) { return std::make_shared<Value>(std::move(v)); }
Cells cells(std::vector<Value> values)
{
    Cells out;
    out.reserve(values.size());
    for (auto& v : values)
        out.push_back(cell(std::move(v)));
    return out;
}

const Value& deref(const Value& v)
{
    const Value* p = &v;
    for (int i = 0; p->kind == ValueKind::Ref && p->target && i < 64; ++i)
        p = p->target.get();
    return *p;
}
Value& derefMut(Value& v)
{
    Value* p = &v;
    for (int i = 0; p->kind == ValueKind::Ref && p->target && i < 64; ++i)
        p = p->target.get();
    return *p;
}

Value cloneValue(const Value& original)
{
    const Value& v = deref(original);
    Value out = v;
    switch (v.kind) {
    case ValueKind::Tuple:
    case ValueKind::Vec:
    case ValueKind::Struct:
    case ValueKind::Enum:
    case ValueKind::Range:
        out.items = std::make_shared<Cells>();
        for (const Cell& c : *v.items)
            out.items->push_back(cell(cloneValue(*c)));
        break;
    default: break;  // scalars copy; Mutex, Atomic, handles and futures are shared (Arc::clone semantics)
    }
    return out;
}

bool equal(const Value& x, const Value& y)
{
    const Value& a = deref(x);
    const Value& b = deref(y);
    if (a.kind == ValueKind::Int && b.kind == ValueKind::Float)
        return double(a.integer) == b.real;
    if (a.kind == ValueKind::Float && b.kind == ValueKind::Int)
        return a.real == double(b.integer);
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case ValueKind::Unit: return true;
    case ValueKind::Bool: return a.boolean == b.boolean;
    case ValueKind::Int:
    case ValueKind::Duration:
    case ValueKind::Instant: return a.integer == b.integer;
    case ValueKind::Float: return a.real == b.real;
    case ValueKind::Char:
    case ValueKind::Str: return a.text == b.text;
    case ValueKind::Enum:
        if (a.typeName != b.typeName || a.variant != b.variant)
            return false;
        [[fallthrough]];
    case ValueKind::Tuple:
    case ValueKind::Vec:
    case ValueKind::Struct:
    case ValueKind::Range:
        if (a.items->size() != b.items->size())
            return false;
        for (size_t i = 0; i < a.items->size(); ++i)
            if (!equal(*(*a.items)[i], *(*b.items)[i]))
                return false;
        return true;
    default: return a.target == b.target && a.object == b.object;
    }
}

int compare(const Value& x, const Value& y)
{
    const Value& a = deref(x);
    const Value& b = deref(y);
    auto three = [](auto l, auto r) { return l < r ? -1 : (r < l ? 1 : 0); };
    if ((a.kind == ValueKind::Int || a.kind == ValueKind::Float) && (b.kind == ValueKind::Int || b.kind == ValueKind::Float)) {
        if (a.kind == ValueKind::Int && b.kind == ValueKind::Int)
            return three(a.integer, b.integer);
        return three(a.kind == ValueKind::Int ? double(a.integer) : a.real, b.kind == ValueKind::Int ? double(b.integer) : b.real);
    }
    if (a.kind == b.kind) {
        switch (a.kind) {
        case ValueKind::Bool: return three(a.boolean, b.boolean);
        case ValueKind::Duration:
        case ValueKind::Instant: return three(a.integer, b.integer);
        case ValueKind::Char:
        case ValueKind::Str: return three(a.text, b.text);
        case ValueKind::Tuple:
        case ValueKind::Vec:
            for (size_t i = 0; i < a.items->size() && i < b.items->size(); ++i)
                if (int c = compare(*(*a.items)[i], *(*b.items)[i]))
                    return c;
            return three(a.items->size(), b.items->size());
        default: break;
        }
    }
    throw RustPanic("cannot compare " + kindName(a) + " with " + kindName(b));
}

namespace {
std::string realText(double d, bool debug)
{
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "inf" : "-inf";
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    std::string s(buf, r.ptr);
    if (debug && s.find('.') == std::string::npos)
        s += ".0";  // {:?} of 1.0 is "1.0"; {} is "1"
    return s;
}

std::string quoted(const std::string& s, char q)
{
    std::string out(1, q);
    for (char c : s) {
        switch (c) {
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\\': out += "\\\\"; break;
        case '"': out += q == '"' ? "\\\"" : "\""; break;
        case '\'': out += q == '\'' ? "\\'" : "'"; break;
        default: out += c;
        }
    }
    return out + q;
}

std::string durationDebug(std::int64_t ns)
{
    auto withFraction = [](std::int64_t whole, std::int64_t frac, int digits, const char* unit) {
        std::string f = std::to_string(frac);
        f = std::string(size_t(digits) - f.size(), '0') + f;
        while (!f.empty() && f.back() == '0')
            f.pop_back();
        return std::to_string(whole) + (f.empty() ? "" : "." + f) + unit;
    };
    if (ns >= 1'000'000'000)
        return withFraction(ns / 1'000'000'000, ns % 1'000'000'000, 9, "s");
    if (ns >= 1'000'000)
        return withFraction(ns / 1'000'000, ns % 1'000'000, 6, "ms");
    if (ns >= 1'000)
        return withFraction(ns / 1'000, ns % 1'000, 3, "µs");
    return std::to_string(ns) + "ns";
}

std::string joined(const Cells& items, bool dbg)
{
    std::string s;
    for (size_t i = 0; i < items.size(); ++i)
        s += (i ? ", " : "") + (dbg ? debug(*items[i]) : display(*items[i]));
    return s;
}
}  // namespace

std::string display(const Value& original)
{
    const Value& v = deref(original);
    switch (v.kind) {
    case ValueKind::Unit: return "()";
    case ValueKind::Bool: return v.boolean ? "true" : "false";
    case ValueKind::Int: return std::to_string(v.integer);
    case ValueKind::Float: return realText(v.real, false);
    case ValueKind::Char:
    case ValueKind::Str: return v.text;
    case ValueKind::Mutex: return display(*v.target);
    case ValueKind::Atomic: return display(*v.target);
    case ValueKind::Enum:
        // The library's errors display as their message (JoinError, Elapsed, RecvError).
        if (v.typeName == "JoinError" || v.typeName == "Elapsed" || v.typeName == "Error")
            return v.items->empty() ? v.variant.str() : display(*(*v.items)[0]);
        [[fallthrough]];
    default: return debug(v);
    }
}

std::string debug(const Value& original)
{
    const Value& v = deref(original);
    switch (v.kind) {
    case ValueKind::Float: return realText(v.real, true);
    case ValueKind::Str:
        if (v.typeName == "io::Error" && v.integer > 0) {  // as std::io::Error's Debug shows an OS error
            const auto code = v.integer;
            const char* kind = code == 2 ? "NotFound" : code == 1 || code == 13 ? "PermissionDenied"
                : code == 17 ? "AlreadyExists" : code == 21 ? "IsADirectory" : "Uncategorized";
            const std::string message = v.text.substr(0, v.text.rfind(" (os error"));
            return "Os { code: " + std::to_string(code) + ", kind: " + kind + ", message: " + quoted(message, '"') + " }";
        }
        return quoted(v.text, '"');
    case ValueKind::Char: return quoted(v.text, '\'');
    case ValueKind::Tuple: return "(" + joined(*v.items, true) + (v.items->size() == 1 ? ",)" : ")");
    case ValueKind::Vec: return "[" + joined(*v.items, true) + "]";
    case ValueKind::Enum: {
        if (v.typeName == "JoinError" && v.items->size() == 2)  // as tokio 1.x shows it
            return v.variant == "Cancelled" ? "JoinError::Cancelled(Id(" + display(*(*v.items)[1]) + "))"
                                            : "JoinError::Panic(Id(" + display(*(*v.items)[1]) + "), ...)";
        if (v.items->empty())
            return v.variant;
        if (v.names && !v.names->empty()) {  // a record variant: Rect { w: 2.0, h: 3.5 }
            std::string s = v.variant + " { ";
            for (size_t i = 0; i < v.items->size(); ++i)
                s += (i ? ", " : "") + (*v.names)[i] + ": " + debug(*(*v.items)[i]);
            return s + " }";
        }
        return v.variant + "(" + joined(*v.items, true) + ")";
    }
    case ValueKind::Struct: {
        if (v.items->empty())
            return v.typeName;
        std::string s = v.typeName;
        if (v.names && !v.names->empty() && !(*v.names)[0].empty()) {
            s += " { ";
            for (size_t i = 0; i < v.items->size(); ++i)
                s += (i ? ", " : "") + (*v.names)[i] + ": " + debug(*(*v.items)[i]);
            return s + " }";
        }
        return s + "(" + joined(*v.items, true) + ")";
    }
    case ValueKind::Range:
        return debug(*(*v.items)[0]) + (v.inclusive ? "..=" : "..") + debug(*(*v.items)[1]);
    case ValueKind::Duration: return durationDebug(v.integer);
    case ValueKind::Instant: return "Instant { " + std::to_string(v.integer) + " ns }";
    case ValueKind::Function: return "fn " + (v.variant.empty() ? "" : v.variant + "::") + "?";
    case ValueKind::Closure: return "closure";
    case ValueKind::Library: return v.typeName;
    case ValueKind::Future: return "Future";
    case ValueKind::JoinHandle: return "JoinHandle";
    case ValueKind::Mutex: return "Mutex { data: " + debug(*v.target) + " }";
    case ValueKind::Atomic: return debug(*v.target);
    case ValueKind::Opaque: return v.typeName;
    default: return display(v);
    }
}

std::string kindName(const Value& original)
{
    const Value& v = deref(original);
    switch (v.kind) {
    case ValueKind::Unit: return "()";
    case ValueKind::Bool: return "a bool";
    case ValueKind::Int: return "an integer";
    case ValueKind::Float: return "a float";
    case ValueKind::Char: return "a char";
    case ValueKind::Str: return "a string";
    case ValueKind::Tuple: return "a tuple";
    case ValueKind::Vec: return "a Vec";
    case ValueKind::Struct:
    case ValueKind::Enum: return v.typeName;
    case ValueKind::Range: return "a range";
    case ValueKind::Function:
    case ValueKind::Closure:
    case ValueKind::Library: return "a function";
    case ValueKind::Future: return "a future";
    case ValueKind::JoinHandle: return "a JoinHandle";
    case ValueKind::Duration: return "a Duration";
    case ValueKind::Instant: return "an Instant";
    case ValueKind::Ref: return "a reference";
    case ValueKind::Mutex: return "a Mutex";
    case ValueKind::Atomic: return "an atomic";
    case ValueKind::Opaque: return v.typeName;
    }
    return "a value";
}

}  // namespace wl::lang
