#include "TraceReader.h"

#include "FileAccess.h"
#include "InvariantChecker.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace wl {
namespace {
constexpr const char* kFormat = "wakeline-trace";
constexpr std::size_t kEventFields = 9;  // time, kind, task, lane, detail, peer, resource, value, site
constexpr std::size_t kChunk = 1 << 16;

// One JSON value as the reader met it: a scalar with its value, or just the kind of a container.
struct Value {
    enum Type : std::uint8_t { None, Null, Bool, Integer, BigInteger, Double, String, Array, Object };
    explicit Value(Type t = None) : type(t) {}
    Type type;
    std::int64_t integer = 0;  // Integer
    double real = 0;           // Double, and BigInteger (above INT64_MAX) as a double for the message
    std::string text;          // String
};

std::string typeName(const Value& v)
{
    switch (v.type) {
    case Value::Null: return "null";
    case Value::Bool: return "a boolean";
    case Value::Integer:
    case Value::BigInteger:
    case Value::Double: return "a number";
    case Value::String: return "a string";
    case Value::Array: return "an array";
    case Value::Object: return "an object";
    case Value::None: return "nothing";
    }
    return "?";
}

std::string realText(double d)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
}

// Thrown by the checks below, caught by the handler, which then stops the parser.
struct ReadError {
    std::string message;
};
// Where a value sits ("events[12][3] (lane)", "tasks[0].id", "version"). Made into text only when a check fails:
// it is on every event's path, and building five strings per event cost more than the parsing.
struct Where {
    Where(std::string_view list, std::size_t index = SIZE_MAX, const char* suffix = "")
        : list(list), index(index), suffix(suffix)
    {
    }
    Where(const char* list) : Where(std::string_view(list)) {}
    Where(const std::string& list) : Where(std::string_view(list)) {}
    std::string_view list;  // a list's or a top-level field's name (or a whole path)
    std::size_t index;   // the element of that list; SIZE_MAX for none
    const char* suffix;  // "[0] (time)", ".id", ...
    Where at(const char* s) const { return Where(list, index, s); }
    std::string str() const
    {
        std::string text(list);
        if (index != SIZE_MAX)
            text += "[" + std::to_string(index) + "]";
        return text + suffix;
    }
};
[[noreturn]] void fail(const Where& where, const std::string& what)
{
    const std::string w = where.str();
    throw ReadError{w.empty() ? what : w + ": " + what};
}

std::int64_t wholeNumber(const Value& v, const Where& where, std::int64_t min, std::int64_t max)
{
    std::int64_t n = 0;
    if (v.type == Value::Integer) {
        n = v.integer;
    } else if (v.type == Value::Double || v.type == Value::BigInteger) {
        const double d = v.real;
        if (d != std::floor(d) || d < -9.007199254740992e15 || d > 9.007199254740992e15)
            fail(where, "expected a whole number, found " + realText(d));
        n = static_cast<std::int64_t>(d);
    } else {
        fail(where, "expected a whole number, found " + typeName(v));
    }
    if (n < min || n > max)
        fail(where, "expected a number between " + std::to_string(min) + " and " + std::to_string(max) + ", found "
                        + std::to_string(n));
    return n;
}

const std::string& text(const Value& v, const Where& where)
{
    if (v.type != Value::String)
        fail(where, "expected a string, found " + typeName(v));
    return v.text;
}

std::uint8_t maxDetail(EventKind k)
{
    switch (k) {
    case EventKind::PollEnd: return 1;
    case EventKind::Wake: return 3;
    case EventKind::TaskCompleted: return 1;
    case EventKind::TaskCancelled: return 2;
    case EventKind::Sync: return kSyncOpCount - 1;
    case EventKind::CpuWork: return 1;
    case EventKind::Queued: return kQueuePlaceCount - 1;
    case EventKind::Searching: return 1;
    default: return 0;
    }
}

// The top-level fields, in the order they are checked for presence.
enum Field : std::uint8_t {
    FFormat, FVersion, FScenario, FMode, FWorkers, FSeed, FDuration,
    FParams, FLanes, FTasks, FResources, FStrings, FEvents, FieldCount, FUnknown = FieldCount
};
constexpr std::array<const char*, FieldCount> kFieldNames = {"format", "version", "scenario", "mode", "workers",
    "seed", "duration_ns", "params", "lanes", "tasks", "resources", "strings", "events"};

// The places the reader can be in. Small objects and tuples (a lane, a task, an event) are gathered whole and
// checked when they close, so a short event is named as short before its values are judged.
enum class Place : std::uint8_t { Root, Top, List, Tuple, Record, Skip, Done };

class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
public:
    Trace trace;
    std::string error;
    std::size_t maxString = kMaxTraceStringBytes;

    bool Null() { return scalar(Value{Value::Null}); }
    bool Bool(bool) { return scalar(Value{Value::Bool}); }
    bool Int(int i) { return integer(i); }
    bool Uint(unsigned u) { return integer(u); }
    bool Int64(std::int64_t i) { return integer(i); }
    bool Uint64(std::uint64_t u)
    {
        if (u <= std::uint64_t(INT64_MAX))
            return integer(std::int64_t(u));
        Value v{Value::BigInteger};
        v.real = double(u);
        return scalar(std::move(v));
    }
    bool Double(double d)
    {
        Value v{Value::Double};
        v.real = d;
        return scalar(std::move(v));
    }
    bool String(const char* s, rapidjson::SizeType length, bool)
    {
        return guarded([&] {
            if (length > maxString)
                fail(path(), "a string of " + byteCount(length) + ", more than the " + byteCount(maxString)
                                 + " a name or a printed line may have");
            Value v{Value::String};
            v.text.assign(s, length);
            onScalar(std::move(v));
        });
    }
    bool StartObject() { return guarded([&] { onOpen(Value::Object); }); }
    bool StartArray() { return guarded([&] { onOpen(Value::Array); }); }
    bool EndObject(rapidjson::SizeType) { return guarded([&] { onClose(); }); }
    bool EndArray(rapidjson::SizeType) { return guarded([&] { onClose(); }); }
    bool Key(const char* s, rapidjson::SizeType length, bool)
    {
        return guarded([&] {
            Frame& f = frames_.back();
            if (length > maxString)
                fail(path(), "a field name of " + byteCount(length) + ", more than " + byteCount(maxString));
            f.key.assign(s, length);
            if (f.place == Place::Top) {
                f.field = FUnknown;
                for (std::uint8_t i = 0; i < FieldCount; ++i)
                    if (f.key == kFieldNames[i])
                        f.field = Field(i);
                if (f.field != FUnknown && (seen_ & (1u << f.field)))
                    fail(f.key, "the field appears twice");
                if (f.field != FUnknown)
                    seen_ |= 1u << f.field;
            } else if (f.place == Place::Record) {
                f.keep = isRecordField(f.field, f.key);
                for (const auto& [k, v] : f.record)
                    if (k == f.key)
                        fail(path(), "the field appears twice");
            }
        });
    }

    // After the document: what needs the whole file (references between its parts).
    void finish()
    {
        if (trace.lanes.size() < trace.workers)
            fail("lanes", "expected at least " + std::to_string(trace.workers) + " lanes (one per worker), found "
                              + std::to_string(trace.lanes.size()));
        for (std::size_t i = 0; i < trace.events.size(); ++i) {
            const Event& e = trace.events[i];
            const Where where("events", i);
            if (e.task > trace.tasks.size())
                fail(where.at("[2] (task)"), "task " + std::to_string(e.task) + " does not exist (the trace has "
                                               + std::to_string(trace.tasks.size()) + " tasks)");
            if (e.worker != kNoLane && e.worker >= trace.lanes.size())
                fail(where.at("[3] (lane)"), "lane " + std::to_string(e.worker) + " does not exist (the trace has "
                                               + std::to_string(trace.lanes.size()) + " lanes)");
            if (e.peer > trace.tasks.size())
                fail(where.at("[5] (peer)"), "task " + std::to_string(e.peer) + " does not exist (the trace has "
                                               + std::to_string(trace.tasks.size()) + " tasks)");
            if (e.resource > trace.resources.size())
                fail(where.at("[6] (resource)"), "resource " + std::to_string(e.resource)
                                                   + " does not exist (the trace has "
                                                   + std::to_string(trace.resources.size()) + " resources)");
            const bool isText = e.kind == EventKind::Print || e.kind == EventKind::FutureDropped
                || (e.kind == EventKind::TaskCompleted && e.detail == static_cast<std::uint8_t>(Completion::Error));
            if (isText && (e.value < 0 || e.value >= static_cast<std::int64_t>(trace.strings.size())))
                fail(where.at("[7] (value)"), "string " + std::to_string(e.value) + " does not exist (the trace has "
                                                + std::to_string(trace.strings.size()) + " strings)");
        }
    }

private:
    struct Frame {
        Place place = Place::Root;
        Field field = FUnknown;  // Top: the field whose value comes next; List/Tuple/Record: the list's field
        std::string key;         // Top, Record: the key whose value comes next
        bool keep = true;        // Record: whether the next value is one of the record's fields (else skipped)
        std::size_t index = 0;   // List: elements so far; Record, Tuple: its index in the list
        std::size_t count = 0;   // Tuple: values so far (the first few are kept in tuple_)
        std::vector<std::pair<std::string, Value>> record;
        int depth = 0;  // Skip: open containers
    };
    static Frame frame(Place place, Field field = FUnknown, std::size_t index = 0)
    {
        Frame f;
        f.place = place;
        f.field = field;
        f.index = index;
        f.depth = place == Place::Skip ? 1 : 0;
        return f;
    }
    static bool isRecordField(Field list, const std::string& key)
    {
        static const std::vector<std::string> lane = {"kind", "name"};
        static const std::vector<std::string> task = {"id", "name", "parent", "site", "kind"};
        static const std::vector<std::string> resource = {"id", "kind", "name"};
        const auto& known = list == FLanes ? lane : list == FTasks ? task : resource;
        return std::find(known.begin(), known.end(), key) != known.end();
    }
    // The values of the tuple being read (tuples do not nest: a container inside one is skipped), reused for
    // every event so that reading one allocates nothing.
    std::array<Value, kEventFields + 1> tuple_;

    void keepValue(Frame& f, Value v)
    {
        if (f.place == Place::Tuple) {
            if (f.count < tuple_.size())  // past the last field only the count matters
                tuple_[f.count] = std::move(v);
            ++f.count;
        } else if (f.keep) {
            f.record.emplace_back(f.key, std::move(v));
        }
    }
    std::vector<Frame> frames_ = {Frame{}};
    std::uint32_t seen_ = 0;
    std::int64_t lastTime_ = 0;

    template <class F>
    bool guarded(F&& f)
    {
        try {
            f();
            return true;
        } catch (const ReadError& e) {
            error = e.message;
            return false;
        }
    }
    bool integer(std::int64_t i)
    {
        Value v{Value::Integer};
        v.integer = i;
        return scalar(std::move(v));
    }
    bool scalar(Value v) { return guarded([&] { onScalar(std::move(v)); }); }

    // The JSON path of the value about to be read, for messages.
    std::string path() const
    {
        std::string p;
        for (std::size_t i = 1; i < frames_.size(); ++i) {
            const Frame& f = frames_[i];
            switch (f.place) {
            case Place::Top: p = f.key; break;
            case Place::List: p += "[" + std::to_string(f.index) + "]"; break;
            case Place::Tuple: p += "[" + std::to_string(f.count) + "]"; break;
            case Place::Record: p += "." + f.key; break;
            default: break;
            }
        }
        return p;
    }
    static Where listItem(Field f, std::size_t i) { return Where(kFieldNames[f], i); }

    void onOpen(Value::Type type)
    {
        Frame& f = frames_.back();
        switch (f.place) {
        case Place::Skip: ++f.depth; return;
        case Place::Root:
            if (type != Value::Object)
                fail("", "expected a JSON object at the top level, found " + typeName(Value{type}));
            frames_.push_back(frame(Place::Top));
            return;
        case Place::Top:
            if (f.field == FUnknown) {
                frames_.push_back(frame(Place::Skip));
                return;
            }
            if (f.field < FParams)
                fail(f.key, "expected " + std::string(f.field == FVersion || f.field == FWorkers || f.field == FDuration
                                                          ? "a whole number"
                                                          : "a string")
                                + ", found " + typeName(Value{type}));
            if (type != Value::Array)
                fail(f.key, "expected an array, found " + typeName(Value{type}));
            frames_.push_back(frame(Place::List, f.field));
            return;
        case Place::List: {
            const Field list = f.field;
            const std::size_t index = f.index;
            const bool wantsTuple = list == FParams || list == FEvents;
            const bool wantsRecord = list == FLanes || list == FTasks || list == FResources;
            if (wantsTuple && type == Value::Array) {
                frames_.push_back(frame(Place::Tuple, list, index));
                return;
            }
            if (wantsRecord && type == Value::Object) {
                frames_.push_back(frame(Place::Record, list, index));
                return;
            }
            fail(listItem(list, index), std::string("expected ") + (wantsRecord ? "an object" : wantsTuple ? "an array" : "a string")
                                            + ", found " + typeName(Value{type}));
        }
        case Place::Tuple:
        case Place::Record:
            // A container where a scalar belongs: kept as its kind (for the message) and its content skipped.
            keepValue(f, Value{type});
            frames_.push_back(frame(Place::Skip));
            return;
        case Place::Done: return;
        }
    }

    void onClose()
    {
        Frame& f = frames_.back();
        switch (f.place) {
        case Place::Skip:
            if (--f.depth == 0)
                frames_.pop_back();
            return;
        case Place::Top:
            for (std::uint8_t i = 0; i < FieldCount; ++i)
                if (!(seen_ & (1u << i)))
                    fail(kFieldNames[i], "missing field");
            frames_.pop_back();
            frames_.back().place = Place::Done;
            return;
        case Place::List: frames_.pop_back(); return;
        case Place::Tuple: {
            Frame done = std::move(f);
            frames_.pop_back();
            if (done.field == FParams)
                addParam(done);
            else
                addEvent(done);
            ++frames_.back().index;
            return;
        }
        case Place::Record: {
            Frame done = std::move(f);
            frames_.pop_back();
            addRecord(done);
            ++frames_.back().index;
            return;
        }
        default: return;
        }
    }

    void onScalar(Value v)
    {
        Frame& f = frames_.back();
        switch (f.place) {
        case Place::Skip: return;
        case Place::Root: fail("", "expected a JSON object at the top level, found " + typeName(v));
        case Place::Top: topField(f.field, f.key, v); return;
        case Place::List:
            if (f.field != FStrings)
                fail(listItem(f.field, f.index), std::string("expected ")
                                                     + (f.field == FLanes || f.field == FTasks || f.field == FResources
                                                            ? "an object"
                                                            : "an array")
                                                     + ", found " + typeName(v));
            trace.strings.push_back(text(v, listItem(FStrings, f.index)));
            ++f.index;
            return;
        case Place::Tuple:
        case Place::Record: keepValue(f, std::move(v)); return;
        case Place::Done: return;
        }
    }

    void topField(Field field, const std::string& key, const Value& v)
    {
        switch (field) {
        case FFormat:
            if (text(v, "format") != kFormat)
                fail("format", "expected \"" + std::string(kFormat) + "\", found \"" + v.text + "\"");
            return;
        case FVersion: {
            const auto version = wholeNumber(v, "version", 0, 1'000'000);
            if (version != Trace::kFormatVersion)
                fail("version", "this build reads version " + std::to_string(Trace::kFormatVersion) + ", found "
                                    + std::to_string(version));
            return;
        }
        case FScenario: trace.scenario = text(v, "scenario"); return;
        case FMode: {
            const std::string& mode = text(v, "mode");
            if (mode == "simulated")
                trace.mode = Mode::Simulated;
            else if (mode == "threaded")
                trace.mode = Mode::Threaded;
            else if (mode == "tokio")
                trace.mode = Mode::Tokio;
            else
                fail("mode", "expected \"simulated\", \"threaded\" or \"tokio\", found \"" + mode + "\"");
            return;
        }
        case FWorkers: trace.workers = static_cast<std::uint32_t>(wholeNumber(v, "workers", 1, 64)); return;
        case FSeed: {
            const std::string& seed = text(v, "seed");
            bool ok = !seed.empty() && seed.size() <= 20;
            unsigned long long n = 0;
            for (char c : seed) {
                ok = ok && c >= '0' && c <= '9';
                if (!ok)
                    break;
                const unsigned digit = unsigned(c - '0');
                if (n > (UINT64_MAX - digit) / 10)
                    ok = false;
                n = n * 10 + digit;
            }
            if (!ok)
                fail("seed", "expected an unsigned decimal number in a string, found \"" + seed + "\"");
            trace.seed = n;
            return;
        }
        case FDuration: trace.duration = wholeNumber(v, "duration_ns", 0, INT64_MAX); return;
        case FUnknown: return;  // a field this version does not know is left alone
        default: fail(key, "expected an array, found " + typeName(v));
        }
    }

    void addParam(const Frame& f)
    {
        const Where where = listItem(FParams, f.index);
        if (f.count != 2)
            fail(where, "expected [name, value], found " + std::to_string(f.count) + " values");
        trace.params.emplace_back(text(tuple_[0], where.at("[0]")), text(tuple_[1], where.at("[1]")));
    }

    const Value& field(const Frame& f, const char* key, const Where& where)
    {
        for (const auto& [k, v] : f.record)
            if (k == key)
                return v;
        fail(where.str() + "." + key, "missing field");
    }

    // A task's or resource's id: its place in the list, counting from 1.
    std::uint32_t sequentialId(const Frame& f, const Where& where)
    {
        const auto id = wholeNumber(field(f, "id", where), where.at(".id"), 1, UINT32_MAX);
        if (id != std::int64_t(f.index + 1))
            fail(where.at(".id"), "expected " + std::to_string(f.index + 1) + " (ids count up from 1), found "
                                      + std::to_string(id));
        return std::uint32_t(id);
    }

    void addRecord(const Frame& f)
    {
        const Where where = listItem(f.field, f.index);
        if (f.field == FLanes) {
            LaneInfo lane;
            const std::string& kind = text(field(f, "kind", where), where.at(".kind"));
            if (kind == "worker")
                lane.kind = LaneKind::Worker;
            else if (kind == "blocking")
                lane.kind = LaneKind::Blocking;
            else
                fail(where.at(".kind"), "expected \"worker\" or \"blocking\", found \"" + kind + "\"");
            lane.name = text(field(f, "name", where), where.at(".name"));
            trace.lanes.push_back(std::move(lane));
        } else if (f.field == FTasks) {
            TaskInfo info;
            info.id = sequentialId(f, where);
            info.name = text(field(f, "name", where), where.at(".name"));
            info.parent = static_cast<TaskId>(wholeNumber(field(f, "parent", where), where.at(".parent"), 0, UINT32_MAX));
            if (info.parent >= info.id)
                fail(where.at(".parent"), "expected an earlier task's id or 0, found " + std::to_string(info.parent));
            info.site = static_cast<std::uint32_t>(wholeNumber(field(f, "site", where), where.at(".site"), 0, UINT32_MAX));
            const std::string& kind = text(field(f, "kind", where), where.at(".kind"));
            if (kind == "task")
                info.kind = TaskKind::Task;
            else if (kind == "future")
                info.kind = TaskKind::Future;
            else if (kind == "blocking")
                info.kind = TaskKind::Blocking;
            else
                fail(where.at(".kind"), "expected \"task\", \"future\" or \"blocking\", found \"" + kind + "\"");
            trace.tasks.push_back(std::move(info));
        } else {
            ResourceInfo r;
            r.id = sequentialId(f, where);
            r.kind = text(field(f, "kind", where), where.at(".kind"));
            r.name = text(field(f, "name", where), where.at(".name"));
            trace.resources.push_back(std::move(r));
        }
    }

    void addEvent(const Frame& f)
    {
        const Where where = listItem(FEvents, f.index);
        const auto& a = tuple_;
        if (f.count != kEventFields)
            fail(where, "expected " + std::to_string(kEventFields)
                            + " values [time, kind, task, lane, detail, peer, resource, value, site], found "
                            + std::to_string(f.count));
        Event e;
        e.time = wholeNumber(a[0], where.at("[0] (time)"), 0, INT64_MAX);
        if (e.time < lastTime_)
            fail(where.at("[0] (time)"), "expected events in time order, found " + std::to_string(e.time)
                                           + " ns after " + std::to_string(lastTime_) + " ns");
        lastTime_ = e.time;
        const std::string& kind = text(a[1], where.at("[1] (kind)"));
        const auto k = eventKindFromName(kind);
        if (!k)
            fail(where.at("[1] (kind)"), "unknown event kind \"" + kind + "\"");
        e.kind = *k;
        e.task = static_cast<TaskId>(wholeNumber(a[2], where.at("[2] (task)"), 0, UINT32_MAX));
        const auto lane = wholeNumber(a[3], where.at("[3] (lane)"), -1, UINT32_MAX - 1);
        e.worker = lane < 0 ? kNoLane : static_cast<LaneId>(lane);
        e.detail = static_cast<std::uint8_t>(wholeNumber(a[4], where.at("[4] (detail)"), 0, maxDetail(e.kind)));
        e.peer = static_cast<TaskId>(wholeNumber(a[5], where.at("[5] (peer)"), 0, UINT32_MAX));
        e.resource = static_cast<ResourceId>(wholeNumber(a[6], where.at("[6] (resource)"), 0, UINT32_MAX));
        e.value = wholeNumber(a[7], where.at("[7] (value)"), INT64_MIN, INT64_MAX);
        e.site = static_cast<std::uint32_t>(wholeNumber(a[8], where.at("[8] (site)"), 0, UINT32_MAX));
        trace.events.push_back(e);
    }
};

// The bytes, pulled in chunks from a file or a string, counted for progress, lines and columns for messages.
class ChunkStream {
public:
    using Ch = char;
    using Pull = std::function<long(char*, std::size_t)>;  // bytes read, 0 at the end, -1 on error

    ChunkStream(Pull pull, std::uint64_t total, const TraceReadOptions& options)
        : pull_(std::move(pull)), total_(total), options_(options), buffer_(kChunk)
    {
        current_ = end_ = buffer_.data();
        refill();
    }

    char Peek() const { return current_ < end_ ? *current_ : '\0'; }
    char Take()
    {
        if (current_ >= end_)
            return '\0';
        const char c = *current_++;
        if (c == '\n') {
            ++line_;
            lineStart_ = Tell();
        }
        if (current_ == end_)
            refill();
        return c;
    }
    std::size_t Tell() const { return std::size_t(consumedBefore_ + std::uint64_t(current_ - buffer_.data())); }
    char* PutBegin() { return nullptr; }
    void Put(char) {}
    void Flush() {}
    std::size_t PutEnd(char*) { return 0; }

    std::uint64_t line() const { return line_; }
    std::uint64_t column() const { return Tell() - lineStart_ + 1; }
    const std::string& stopReason() const { return stop_; }

private:
    void refill()
    {
        consumedBefore_ += std::uint64_t(end_ - buffer_.data());
        current_ = end_ = buffer_.data();
        if (!stop_.empty())
            return;
        if (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) {
            stop_ = kReadCancelled;
            return;
        }
        const long got = pull_(buffer_.data(), buffer_.size());
        if (got < 0) {
            stop_ = std::strerror(errno);
            return;
        }
        end_ = buffer_.data() + got;
        if (consumedBefore_ + std::uint64_t(got) > options_.maxBytes) {
            stop_ = "more than the " + byteCount(options_.maxBytes) + " a trace may have";
            end_ = current_;
            return;
        }
        if (options_.progress && (consumedBefore_ / (4u << 20)) != ((consumedBefore_ + std::uint64_t(got)) / (4u << 20)))
            options_.progress(consumedBefore_ + std::uint64_t(got), total_);
    }

    Pull pull_;
    std::uint64_t total_;
    const TraceReadOptions& options_;
    std::vector<char> buffer_;
    char* current_ = nullptr;
    char* end_ = nullptr;
    std::uint64_t consumedBefore_ = 0;
    std::uint64_t line_ = 1;
    std::uint64_t lineStart_ = 0;
    std::string stop_;
};

std::string trimmed(std::string s)
{
    while (!s.empty() && s.back() == '\n')
        s.pop_back();
    return s;
}

TraceReadResult read(ChunkStream::Pull pull, std::uint64_t total, const TraceReadOptions& options)
{
    ChunkStream stream(std::move(pull), total, options);
    Handler handler;
    rapidjson::Reader reader;
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
    const rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, handler);
    if (!stream.stopReason().empty())
        return {std::nullopt, stream.stopReason() == kReadCancelled ? std::string(kReadCancelled)
                                                                    : "cannot read further: " + stream.stopReason()};
    if (!ok) {
        if (!handler.error.empty())
            return {std::nullopt, handler.error};
        std::string what = rapidjson::GetParseError_En(ok.Code());
        if (!what.empty() && what.back() == '.')
            what.pop_back();
        if (!what.empty())
            what[0] = char(std::tolower(static_cast<unsigned char>(what[0])));
        return {std::nullopt, "not valid JSON at line " + std::to_string(stream.line()) + ", column "
                                  + std::to_string(stream.column()) + ": " + what};
    }
    try {
        handler.finish();
    } catch (const ReadError& e) {
        return {std::nullopt, e.message};
    }
    if (options.progress)
        options.progress(total, total);
    // Last step: a trace that no correct executor could have recorded is refused, not drawn.
    const auto violations = checkInvariants(handler.trace);
    if (!violations.empty())
        return {std::nullopt, "the trace describes an impossible run (" + std::to_string(violations.size())
                                  + (violations.size() == 1 ? " violation" : " violations")
                                  + "):\n" + trimmed(describe(violations, 5))};
    return {std::move(handler.trace), {}};
}
}  // namespace

TraceReadResult traceFromJson(const std::string& bytes, const TraceReadOptions& options)
{
    return read(MemoryPull(bytes), bytes.size(), options);
}

TraceReadResult loadTraceJson(const std::string& path, const TraceReadOptions& options)
{
    ReadableFile file;
    std::string error;
    if (!file.open(path, options.maxBytes, &error))
        return {std::nullopt, error};
    auto result = read([&](char* out, std::size_t n) { return file.read(out, n); }, file.size(), options);
    if (!result.trace && result.error != kReadCancelled)
        result.error = path + ": " + result.error;
    return result;
}

}  // namespace wl
