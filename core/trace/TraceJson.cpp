#include "TraceJson.h"

#include "JsonText.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace wl {
namespace {
constexpr const char* kFormat = "wakeline-trace";
constexpr int kEventFields = 9;  // time, kind, task, lane, detail, peer, resource, value, site

const char* laneKindName(LaneKind k) { return k == LaneKind::Worker ? "worker" : "blocking"; }

std::string typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool: return "a boolean";
    case QJsonValue::Double: return "a number";
    case QJsonValue::String: return "a string";
    case QJsonValue::Array: return "an array";
    case QJsonValue::Object: return "an object";
    case QJsonValue::Undefined: return "nothing";
    }
    return "?";
}

// Thrown inside the reader only; turned into TraceReadResult::error.
struct ReadError {
    std::string message;
};
[[noreturn]] void fail(const std::string& where, const std::string& what) { throw ReadError{where + ": " + what}; }

QJsonValue field(const QJsonObject& o, const char* key, const std::string& where)
{
    if (!o.contains(QLatin1String(key)))
        fail(where.empty() ? std::string(key) : where + "." + key, "missing field");
    return o.value(QLatin1String(key));
}

std::int64_t wholeNumber(const QJsonValue& v, const std::string& where, std::int64_t min, std::int64_t max)
{
    if (!v.isDouble())
        fail(where, "expected a whole number, found " + typeName(v));
    const double d = v.toDouble();
    if (d != std::floor(d) || d < -9.007199254740992e15 || d > 9.007199254740992e15)
        fail(where, "expected a whole number, found " + QString::number(d, 'g', 17).toStdString());
    const auto n = static_cast<std::int64_t>(d);
    if (n < min || n > max)
        fail(where, "expected a number between " + std::to_string(min) + " and " + std::to_string(max) + ", found "
                        + std::to_string(n));
    return n;
}

std::string text(const QJsonValue& v, const std::string& where)
{
    if (!v.isString())
        fail(where, "expected a string, found " + typeName(v));
    return v.toString().toStdString();
}

QJsonArray array(const QJsonValue& v, const std::string& where)
{
    if (!v.isArray())
        fail(where, "expected an array, found " + typeName(v));
    return v.toArray();
}

QJsonObject object(const QJsonValue& v, const std::string& where)
{
    if (!v.isObject())
        fail(where, "expected an object, found " + typeName(v));
    return v.toObject();
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
    default: return 0;
    }
}

Trace parse(const QJsonObject& root)
{
    Trace t;
    const std::string format = text(field(root, "format", ""), "format");
    if (format != kFormat)
        fail("format", "expected \"" + std::string(kFormat) + "\", found \"" + format + "\"");
    const auto version = wholeNumber(field(root, "version", ""), "version", 0, 1'000'000);
    if (version != Trace::kFormatVersion)
        fail("version", "this build reads version " + std::to_string(Trace::kFormatVersion) + ", found "
                            + std::to_string(version));
    t.scenario = text(field(root, "scenario", ""), "scenario");
    const std::string mode = text(field(root, "mode", ""), "mode");
    if (mode == "simulated")
        t.mode = Mode::Simulated;
    else if (mode == "threaded")
        t.mode = Mode::Threaded;
    else
        fail("mode", "expected \"simulated\" or \"threaded\", found \"" + mode + "\"");
    t.workers = static_cast<std::uint32_t>(wholeNumber(field(root, "workers", ""), "workers", 1, 64));
    const std::string seed = text(field(root, "seed", ""), "seed");
    try {
        size_t used = 0;
        t.seed = std::stoull(seed, &used);
        if (used != seed.size() || seed.empty() || seed[0] == '-')
            throw std::invalid_argument(seed);
    } catch (const std::exception&) {
        fail("seed", "expected an unsigned decimal number in a string, found \"" + seed + "\"");
    }
    t.duration = wholeNumber(field(root, "duration_ns", ""), "duration_ns", 0, INT64_MAX);

    const QJsonArray params = array(field(root, "params", ""), "params");
    for (qsizetype i = 0; i < params.size(); ++i) {
        const std::string where = "params[" + std::to_string(i) + "]";
        const QJsonArray pair = array(params[i], where);
        if (pair.size() != 2)
            fail(where, "expected [name, value], found " + std::to_string(pair.size()) + " values");
        t.params.emplace_back(text(pair[0], where + "[0]"), text(pair[1], where + "[1]"));
    }

    const QJsonArray lanes = array(field(root, "lanes", ""), "lanes");
    for (qsizetype i = 0; i < lanes.size(); ++i) {
        const std::string where = "lanes[" + std::to_string(i) + "]";
        const QJsonObject o = object(lanes[i], where);
        LaneInfo lane;
        const std::string kind = text(field(o, "kind", where), where + ".kind");
        if (kind == "worker")
            lane.kind = LaneKind::Worker;
        else if (kind == "blocking")
            lane.kind = LaneKind::Blocking;
        else
            fail(where + ".kind", "expected \"worker\" or \"blocking\", found \"" + kind + "\"");
        lane.name = text(field(o, "name", where), where + ".name");
        t.lanes.push_back(std::move(lane));
    }
    if (t.lanes.size() < t.workers)
        fail("lanes", "expected at least " + std::to_string(t.workers) + " lanes (one per worker), found "
                          + std::to_string(t.lanes.size()));

    const QJsonArray tasks = array(field(root, "tasks", ""), "tasks");
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        const std::string where = "tasks[" + std::to_string(i) + "]";
        const QJsonObject o = object(tasks[i], where);
        TaskInfo info;
        info.id = static_cast<TaskId>(wholeNumber(field(o, "id", where), where + ".id", 1, UINT32_MAX));
        if (info.id != static_cast<TaskId>(i + 1))
            fail(where + ".id", "expected " + std::to_string(i + 1) + " (ids count up from 1), found "
                                    + std::to_string(info.id));
        info.name = text(field(o, "name", where), where + ".name");
        info.parent = static_cast<TaskId>(wholeNumber(field(o, "parent", where), where + ".parent", 0, UINT32_MAX));
        if (info.parent >= info.id)
            fail(where + ".parent", "expected an earlier task's id or 0, found " + std::to_string(info.parent));
        info.site = static_cast<std::uint32_t>(wholeNumber(field(o, "site", where), where + ".site", 0, UINT32_MAX));
        const std::string kind = text(field(o, "kind", where), where + ".kind");
        if (kind == "task")
            info.kind = TaskKind::Task;
        else if (kind == "future")
            info.kind = TaskKind::Future;
        else if (kind == "blocking")
            info.kind = TaskKind::Blocking;
        else
            fail(where + ".kind", "expected \"task\", \"future\" or \"blocking\", found \"" + kind + "\"");
        t.tasks.push_back(std::move(info));
    }

    const QJsonArray resources = array(field(root, "resources", ""), "resources");
    for (qsizetype i = 0; i < resources.size(); ++i) {
        const std::string where = "resources[" + std::to_string(i) + "]";
        const QJsonObject o = object(resources[i], where);
        ResourceInfo r;
        r.id = static_cast<ResourceId>(wholeNumber(field(o, "id", where), where + ".id", 1, UINT32_MAX));
        if (r.id != static_cast<ResourceId>(i + 1))
            fail(where + ".id", "expected " + std::to_string(i + 1) + " (ids count up from 1), found "
                                    + std::to_string(r.id));
        r.kind = text(field(o, "kind", where), where + ".kind");
        r.name = text(field(o, "name", where), where + ".name");
        t.resources.push_back(std::move(r));
    }

    const QJsonArray strings = array(field(root, "strings", ""), "strings");
    for (qsizetype i = 0; i < strings.size(); ++i)
        t.strings.push_back(text(strings[i], "strings[" + std::to_string(i) + "]"));

    const QJsonArray events = array(field(root, "events", ""), "events");
    t.events.reserve(static_cast<size_t>(events.size()));
    std::int64_t last = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const std::string where = "events[" + std::to_string(i) + "]";
        const QJsonArray a = array(events[i], where);
        if (a.size() != kEventFields)
            fail(where, "expected " + std::to_string(kEventFields)
                            + " values [time, kind, task, lane, detail, peer, resource, value, site], found "
                            + std::to_string(a.size()));
        Event e;
        e.time = wholeNumber(a[0], where + "[0] (time)", 0, INT64_MAX);
        if (e.time < last)
            fail(where + "[0] (time)", "expected events in time order, found " + std::to_string(e.time)
                                           + " ns after " + std::to_string(last) + " ns");
        last = e.time;
        const std::string kind = text(a[1], where + "[1] (kind)");
        const auto k = eventKindFromName(kind);
        if (!k)
            fail(where + "[1] (kind)", "unknown event kind \"" + kind + "\"");
        e.kind = *k;
        e.task = static_cast<TaskId>(wholeNumber(a[2], where + "[2] (task)", 0, UINT32_MAX));
        if (e.task > t.tasks.size())
            fail(where + "[2] (task)", "task " + std::to_string(e.task) + " does not exist (the trace has "
                                           + std::to_string(t.tasks.size()) + " tasks)");
        const auto lane = wholeNumber(a[3], where + "[3] (lane)", -1, UINT32_MAX);
        if (lane >= static_cast<std::int64_t>(t.lanes.size()))
            fail(where + "[3] (lane)", "lane " + std::to_string(lane) + " does not exist (the trace has "
                                           + std::to_string(t.lanes.size()) + " lanes)");
        e.worker = lane < 0 ? kNoLane : static_cast<LaneId>(lane);
        e.detail = static_cast<std::uint8_t>(wholeNumber(a[4], where + "[4] (detail)", 0, maxDetail(e.kind)));
        e.peer = static_cast<TaskId>(wholeNumber(a[5], where + "[5] (peer)", 0, UINT32_MAX));
        if (e.peer > t.tasks.size())
            fail(where + "[5] (peer)", "task " + std::to_string(e.peer) + " does not exist (the trace has "
                                           + std::to_string(t.tasks.size()) + " tasks)");
        e.resource = static_cast<ResourceId>(wholeNumber(a[6], where + "[6] (resource)", 0, UINT32_MAX));
        if (e.resource > t.resources.size())
            fail(where + "[6] (resource)", "resource " + std::to_string(e.resource)
                                               + " does not exist (the trace has "
                                               + std::to_string(t.resources.size()) + " resources)");
        e.value = wholeNumber(a[7], where + "[7] (value)", INT64_MIN, INT64_MAX);
        const bool isText = e.kind == EventKind::Print
            || (e.kind == EventKind::TaskCompleted && e.detail == static_cast<std::uint8_t>(Completion::Error));
        if (isText && (e.value < 0 || e.value >= static_cast<std::int64_t>(t.strings.size())))
            fail(where + "[7] (value)", "string " + std::to_string(e.value) + " does not exist (the trace has "
                                            + std::to_string(t.strings.size()) + " strings)");
        e.site = static_cast<std::uint32_t>(wholeNumber(a[8], where + "[8] (site)", 0, UINT32_MAX));
        t.events.push_back(e);
    }
    return t;
}
}  // namespace

std::string traceToJson(const Trace& t)
{
    std::string out;
    out.reserve(256 + t.events.size() * 48);
    out += "{\n\"format\": \"";
    out += kFormat;
    out += "\",\n\"version\": " + std::to_string(Trace::kFormatVersion);
    out += ",\n\"scenario\": " + jsonQuoted(t.scenario);
    out += ",\n\"mode\": \"" + std::string(modeName(t.mode)) + "\"";
    out += ",\n\"workers\": " + std::to_string(t.workers);
    out += ",\n\"seed\": \"" + std::to_string(t.seed) + "\"";
    out += ",\n\"duration_ns\": " + std::to_string(t.duration);
    out += ",\n\"params\": [";
    for (size_t i = 0; i < t.params.size(); ++i)
        out += (i ? ", [" : "[") + jsonQuoted(t.params[i].first) + ", " + jsonQuoted(t.params[i].second) + "]";
    out += "],\n\"lanes\": [";
    for (size_t i = 0; i < t.lanes.size(); ++i)
        out += std::string(i ? ",\n  " : "\n  ") + "{\"kind\": \"" + laneKindName(t.lanes[i].kind)
            + "\", \"name\": " + jsonQuoted(t.lanes[i].name) + "}";
    out += "],\n\"tasks\": [";
    for (size_t i = 0; i < t.tasks.size(); ++i) {
        const auto& k = t.tasks[i];
        out += std::string(i ? ",\n  " : "\n  ") + "{\"id\": " + std::to_string(k.id) + ", \"name\": "
            + jsonQuoted(k.name) + ", \"parent\": " + std::to_string(k.parent) + ", \"site\": "
            + std::to_string(k.site) + ", \"kind\": \"" + std::string(taskKindName(k.kind)) + "\"}";
    }
    out += "],\n\"resources\": [";
    for (size_t i = 0; i < t.resources.size(); ++i) {
        const auto& r = t.resources[i];
        out += std::string(i ? ",\n  " : "\n  ") + "{\"id\": " + std::to_string(r.id) + ", \"kind\": "
            + jsonQuoted(r.kind) + ", \"name\": " + jsonQuoted(r.name) + "}";
    }
    out += "],\n\"strings\": [";
    for (size_t i = 0; i < t.strings.size(); ++i)
        out += std::string(i ? ",\n  " : "\n  ") + jsonQuoted(t.strings[i]);
    out += "],\n\"events\": [";
    for (size_t i = 0; i < t.events.size(); ++i) {
        const Event& e = t.events[i];
        out += i ? ",\n  [" : "\n  [";
        out += std::to_string(e.time) + ", \"" + std::string(eventKindName(e.kind)) + "\", " + std::to_string(e.task)
            + ", " + (e.worker == kNoLane ? std::string("-1") : std::to_string(e.worker)) + ", "
            + std::to_string(e.detail) + ", " + std::to_string(e.peer) + ", " + std::to_string(e.resource) + ", "
            + std::to_string(e.value) + ", " + std::to_string(e.site) + "]";
    }
    out += "]\n}\n";
    return out;
}

TraceReadResult traceFromJson(const std::string& bytes)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(bytes), &err);
    if (err.error != QJsonParseError::NoError)
        return {std::nullopt, "not valid JSON: " + err.errorString().toStdString() + " at byte "
                                  + std::to_string(err.offset)};
    if (!doc.isObject())
        return {std::nullopt, std::string("expected a JSON object at the top level, found ")
                                  + (doc.isArray() ? "an array" : "nothing")};
    try {
        return {parse(doc.object()), {}};
    } catch (const ReadError& e) {
        return {std::nullopt, e.message};
    }
}

bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string* error)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = "cannot write " + path + ": " + file.errorString().toStdString();
        return false;
    }
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size())
        || !file.commit()) {
        if (error)
            *error = "cannot write " + path + ": " + file.errorString().toStdString();
        return false;
    }
    return true;
}

bool saveTraceJson(const Trace& trace, const std::string& path, std::string* error)
{
    return writeFileAtomically(path, traceToJson(trace), error);
}

TraceReadResult loadTraceJson(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return {std::nullopt, "cannot read " + path + ": " + file.errorString().toStdString()};
    auto result = traceFromJson(file.readAll().toStdString());
    if (!result.trace)
        result.error = path + ": " + result.error;
    return result;
}

}  // namespace wl
