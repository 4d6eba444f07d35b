#include "TokioCapture.h"

#include "FileAccess.h"
#include "InvariantChecker.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

namespace wl {
namespace {
using Json = rapidjson::GenericValue<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>>;
constexpr std::size_t kChunk = 1 << 20;
constexpr std::uint32_t kMaxThreads = 4096;

struct CaptureError {
    std::string message;
};

enum class SpanKind : std::uint8_t { Other, Task, Worker, Resource };
struct Span {
    SpanKind kind = SpanKind::Other;
    TaskId task = 0;          // Task
    ResourceId resource = 0;  // a resource span, and the async-op spans below one
    std::uint64_t order = 0;  // Worker: tokio's id of the worker's blocking span (workers start in that order)
    bool inheritsChildren = false;  // Resource: a resource made inside it is the same one (a Semaphore's own)
};

struct ThreadState {
    std::string name;
    std::vector<std::uint64_t> entered;  // span ids, innermost last
    TaskId exitedTask = 0;               // the task whose poll was the last task-span line here (0: other since)
    std::uint64_t workerOrder = 0;       // set once the thread entered a worker's span
    bool worker = false, polls = false, blocking = false, blockOn = false;
};

struct TaskState {
    std::uint32_t thread = 0;             // 1 + the thread polling it now, 0 while not polled
    std::size_t lastPollEnd = SIZE_MAX;   // index of its last PollEnd event
    std::size_t unattributedWake = SIZE_MAX;  // a wake from no task, attributed at its next poll
    TaskId joinCandidate = 0;             // that wake came right after this task finished on the waking thread
    // During a poll: each timer it polled and whether its last poll_op found it elapsed (the first poll_op of a
    // Sleep is tokio's budget check and says ready either way; the last one counts).
    std::vector<std::pair<ResourceId, bool>> timersPolled;
    bool scheduled = true, closed = false, blockOn = false, pendingSincePoll = false;
};

const char* typeName(const Json& v)
{
    if (v.IsNull())
        return "null";
    if (v.IsBool())
        return "a boolean";
    if (v.IsNumber())
        return "a number";
    if (v.IsString())
        return "a string";
    if (v.IsArray())
        return "an array";
    return "an object";
}

class Importer {
public:
    explicit Importer(std::string scenario)
    {
        trace_.scenario = std::move(scenario);
        trace_.mode = Mode::Tokio;
    }

    // `cutOff`: the text ends without a line break, as a capture does when its program was killed mid-write.
    void line(char* text, std::size_t length, std::uint64_t number, bool cutOff = false)
    {
        line_ = number;
        if (length > kMaxTraceStringBytes)
            fail("a line of " + byteCount(length) + ", more than the " + byteCount(kMaxTraceStringBytes)
                 + " a capture line may have");
        std::size_t i = 0;
        while (i < length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
            ++i;
        if (i == length)
            return;  // blank lines are allowed (an editor may add one at the end)
        text[length] = '\0';
        pool_.Clear();
        rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>> doc(&pool_, 1024, &stack_);
        doc.ParseInsitu<rapidjson::kParseValidateEncodingFlag>(text);
        if (doc.HasParseError()) {
            std::string what = rapidjson::GetParseError_En(doc.GetParseError());
            if (!what.empty() && what.back() == '.')
                what.pop_back();
            if (!what.empty())
                what[0] = char(std::tolower(static_cast<unsigned char>(what[0])));
            fail("not valid JSON at column " + std::to_string(doc.GetErrorOffset() + 1) + ": " + what
                 + (cutOff ? " (the last line has no line break: was the capture cut off?)" : ""));
        }
        if (!doc.IsObject())
            fail(std::string("expected a JSON object, found ") + typeName(doc));
        handle(doc);
    }

    Trace finish()
    {
        if (lines_ == 0)
            throw CaptureError{"no capture lines: expected the JSON lines that wakeline-capture writes"};
        if (trace_.tasks.empty())
            throw CaptureError{"no tokio task in the capture: was the program built with RUSTFLAGS=\"--cfg "
                               "tokio_unstable\" and tokio's \"tracing\" feature, and wakeline_capture::init called "
                               "before the runtime was built?"};
        trace_.duration = now_;
        // Threads still inside a task's span when the capture ended: their polls end with it.
        for (std::uint32_t th = 0; th < threads_.size(); ++th)
            for (auto it = threads_[th].entered.rbegin(); it != threads_[th].entered.rend(); ++it)
                if (const Span* s = find(*it); s && s->kind == SpanKind::Task)
                    leaveTask(s->task, th, now_);
        // Tasks whose span never closed: the process ended without dropping its runtime.
        for (TaskId id = 1; id <= tasks_.size(); ++id)
            if (!tasks_[id - 1].closed)
                push({.time = now_, .task = id, .kind = EventKind::TaskCancelled,
                      .detail = static_cast<std::uint8_t>(CancelReason::Shutdown)});
        dropUnusedTimerPlaces();
        assignLanes();
        return std::move(trace_);
    }

private:
    [[noreturn]] void fail(const std::string& message) const
    {
        throw CaptureError{"line " + std::to_string(line_) + ": " + message};
    }
    // Field access with messages that say what was expected.
    const Json& member(const Json& object, const char* name, const char* expected) const
    {
        auto it = object.FindMember(name);
        if (it == object.MemberEnd())
            fail(std::string("expected \"") + name + "\" (" + expected + "), found none");
        return it->value;
    }
    std::uint64_t whole(const Json& object, const char* name, const char* expected) const
    {
        const Json& v = member(object, name, expected);
        if (!v.IsUint64())
            fail(std::string("expected \"") + name + "\" to be " + expected + ", found " + describe(v));
        return v.GetUint64();
    }
    std::string_view text(const Json& object, const char* name, const char* expected) const
    {
        const Json& v = member(object, name, expected);
        if (!v.IsString())
            fail(std::string("expected \"") + name + "\" to be " + expected + ", found " + describe(v));
        return {v.GetString(), v.GetStringLength()};
    }
    static std::string describe(const Json& v)
    {
        if (v.IsInt64())
            return std::to_string(v.GetInt64());
        if (v.IsString())
            return "\"" + std::string(v.GetString(), std::min<std::size_t>(v.GetStringLength(), 40)) + "\"";
        return typeName(v);
    }
    static const Json* field(const Json& fields, const char* name)
    {
        auto it = fields.FindMember(name);
        return it == fields.MemberEnd() ? nullptr : &it->value;
    }
    static std::string_view fieldText(const Json& fields, const char* name)
    {
        const Json* v = field(fields, name);
        return v && v->IsString() ? std::string_view(v->GetString(), v->GetStringLength()) : std::string_view();
    }
    static std::optional<std::uint64_t> fieldWhole(const Json& fields, const char* name)
    {
        const Json* v = field(fields, name);
        return v && v->IsUint64() ? std::optional(v->GetUint64()) : std::nullopt;
    }
    const Json& fields(const Json& object) const
    {
        const Json& f = member(object, "f", "an object of fields");
        if (!f.IsObject())
            fail(std::string("expected \"f\" to be an object of fields, found ") + typeName(f));
        return f;
    }

    Span* find(std::uint64_t id)
    {
        auto it = spans_.find(id);
        return it == spans_.end() ? nullptr : &it->second;
    }
    Span& known(std::uint64_t id, const char* what)
    {
        Span* s = find(id);
        if (!s)
            fail(std::string(what) + " span " + std::to_string(id)
                 + ", which was never created (or was closed): was the capture started after the runtime?");
        return *s;
    }

    void handle(const Json& line)
    {
        ++lines_;
        const std::uint64_t t = whole(line, "t", "a whole number of ns since the capture started");
        if (t > std::uint64_t(INT64_MAX))
            fail("\"t\" is too large");
        if (std::int64_t(t) < now_)
            fail("time runs backwards: " + std::to_string(t) + " ns after " + std::to_string(now_) + " ns");
        now_ = std::int64_t(t);
        const std::uint64_t th = whole(line, "th", "a thread number from 1");
        if (th == 0 || th > kMaxThreads)
            fail("expected \"th\" to be a thread number from 1 to " + std::to_string(kMaxThreads) + ", found "
                 + std::to_string(th));
        thread_ = std::uint32_t(th - 1);
        if (threads_.size() <= thread_)
            threads_.resize(thread_ + 1);
        const std::string_view name = text(line, "tn", "the thread's name");
        ThreadState& me = threads_[thread_];
        if (me.name.empty())
            me.name = name;
        const std::string_view kind = text(line, "k", "the line's kind");
        if (kind == "new")
            onNew(line);
        else if (kind == "enter")
            onEnter(whole(line, "id", "a span id"));
        else if (kind == "exit")
            onExit(whole(line, "id", "a span id"));
        else if (kind == "close")
            onClose(whole(line, "id", "a span id"));
        else if (kind == "event")
            onEvent(line);
        else if (kind == "record") {
            known(whole(line, "id", "a span id"), "a record for");
            fields(line);
        } else
            fail("expected \"k\" to be new, enter, exit, close, record or event, found \"" + std::string(kind) + "\"");
    }

    // The innermost task (not a worker's span) entered on a thread, 0 for none.
    TaskId currentTask(std::uint32_t th)
    {
        const auto& entered = threads_[th].entered;
        for (auto it = entered.rbegin(); it != entered.rend(); ++it)
            if (const Span* s = find(*it); s && s->kind == SpanKind::Task)
                return s->task;
        return 0;
    }
    ResourceId currentResource(std::uint32_t th)
    {
        const auto& entered = threads_[th].entered;
        return entered.empty() ? 0 : (find(entered.back()) ? find(entered.back())->resource : 0);
    }

    void onNew(const Json& line)
    {
        const std::uint64_t id = whole(line, "id", "a span id");
        if (id == 0)
            fail("expected a span id above 0");
        if (find(id))
            fail("span " + std::to_string(id) + " created while a span with that id is still open");
        const std::uint64_t parent = whole(line, "parent", "the parent span's id, 0 for none");
        const std::string_view name = text(line, "name", "the span's name");
        text(line, "target", "the span's target");
        const Json& f = fields(line);
        Span span;
        if (name == "runtime.spawn")
            span = newTask(f);
        else if (const Span* p = find(parent); name == "runtime.resource" && p && p->kind == SpanKind::Resource
                 && p->inheritsChildren)
            span = {.kind = SpanKind::Resource, .resource = p->resource};  // tokio's Semaphore and its inner one
        else if (name == "runtime.resource")
            span = newResource(f);
        else if (const Span* p = find(parent); p && name.substr(0, 25) == "runtime.resource.async_op")
            span.resource = p->resource;
        spans_.emplace(id, span);
        if (span.kind == SpanKind::Task)
            closedTasks_.erase(id);  // the subscriber reuses ids of closed spans
    }

    Span newTask(const Json& f)
    {
        const std::string_view kind = fieldText(f, "kind");
        if (kind.empty())
            fail("expected a runtime.spawn span to have a \"kind\" field (task, local, block_on or blocking)");
        const std::uint64_t tokioId = fieldWhole(f, "task.id").value_or(0);
        if (kind == "blocking" && fieldText(f, "fn").find("multi_thread::worker") != std::string_view::npos)
            return {.kind = SpanKind::Worker, .order = tokioId};  // a worker thread's life, not a task
        if (trace_.tasks.size() >= kMaxTasks)
            fail("more than " + std::to_string(kMaxTasks) + " tasks");
        TaskInfo info;
        info.id = TaskId(trace_.tasks.size() + 1);
        info.kind = kind == "blocking" ? TaskKind::Blocking : TaskKind::Task;
        info.parent = currentTask(thread_);
        std::uint64_t lineNo = fieldWhole(f, "loc.line").value_or(0);
        std::string_view file = fieldText(f, "loc.file");
        if (const std::string_view at = fieldText(f, "spawn.location"); !at.empty()) {
            // "file:line:col", as tokio writes a blocking task's place
            const auto c2 = at.rfind(':');
            const auto c1 = c2 == std::string_view::npos || c2 == 0 ? std::string_view::npos : at.rfind(':', c2 - 1);
            if (c1 != std::string_view::npos) {
                file = at.substr(0, c1);
                lineNo = std::strtoull(std::string(at.substr(c1 + 1, c2 - c1 - 1)).c_str(), nullptr, 10);
            }
        }
        // Its name, else its kind and tokio's id; then where it was spawned. The place goes into the name, not the
        // site: a site points into the program beside the timeline, and the captured program is not shown there.
        std::string taskName(fieldText(f, "task.name"));
        if (taskName.empty())
            taskName = kind == "block_on" ? "block_on" : (kind == "blocking" ? "blocking " : "task ")
                    + std::to_string(tokioId);
        if (!file.empty() && lineNo) {
            const auto slash = file.rfind('/');
            taskName += " · " + std::string(slash == std::string_view::npos ? file : file.substr(slash + 1)) + ":"
                + std::to_string(lineNo);
        }
        info.name = taskName.substr(0, kMaxTraceStringBytes);
        trace_.tasks.push_back(std::move(info));
        tasks_.emplace_back();
        tasks_.back().blockOn = kind == "block_on";
        push({.time = now_, .task = TaskId(trace_.tasks.size()), .peer = trace_.tasks.back().parent,
              .kind = EventKind::TaskSpawned});
        return {.kind = SpanKind::Task, .task = TaskId(trace_.tasks.size())};
    }

    Span newResource(const Json& f)
    {
        const std::string_view type = fieldText(f, "concrete_type");
        ResourceInfo r;
        r.id = ResourceId(trace_.resources.size() + 1);
        if (type == "Sleep")
            r.kind = "timer";
        else if (type == "Semaphore")
            r.kind = "semaphore";
        else if (type == "Sender|Receiver")
            r.kind = "oneshot";
        else
            r.kind = type.empty() ? "resource" : std::string(type);
        std::string name = type.empty() ? std::string("resource") : std::string(type);
        if (const Json* internal = field(f, "is_internal"); internal && internal->IsBool() && internal->GetBool())
            name += " (inside tokio)";
        if (const std::string_view file = fieldText(f, "loc.file"); !file.empty()) {
            const auto slash = file.rfind('/');
            name += " at " + std::string(slash == std::string_view::npos ? file : file.substr(slash + 1));
            if (auto l = fieldWhole(f, "loc.line"))
                name += ":" + std::to_string(*l);
        }
        r.name = name.substr(0, kMaxTraceStringBytes);
        trace_.resources.push_back(std::move(r));
        const Json* inherits = field(f, "inherits_child_attrs");
        return {.kind = SpanKind::Resource, .resource = ResourceId(trace_.resources.size()),
                .inheritsChildren = inherits && inherits->IsBool() && inherits->GetBool()};
    }

    void onEnter(std::uint64_t id)
    {
        Span& span = known(id, "enter of");
        ThreadState& me = threads_[thread_];
        if (me.entered.size() >= 4096)
            fail("more than 4096 spans entered at once on thread " + std::to_string(thread_ + 1));
        me.entered.push_back(id);
        if (span.kind == SpanKind::Worker) {
            me.worker = true;
            me.workerOrder = span.order;
            return;
        }
        if (span.kind != SpanKind::Task)
            return;
        TaskState& t = tasks_[span.task - 1];
        if (t.thread != 0)
            fail("task span " + std::to_string(id) + " entered on thread " + std::to_string(thread_ + 1)
                 + " while it is still entered on thread " + std::to_string(t.thread));
        me.exitedTask = 0;
        t.thread = thread_ + 1;
        t.timersPolled.clear();
        const bool blocking = trace_.tasks[span.task - 1].kind == TaskKind::Blocking;
        (blocking ? me.blocking : me.polls) = true;
        if (t.blockOn)
            me.blockOn = true;
        if (t.blockOn && t.pendingSincePoll && !t.scheduled)  // see the header: block_on's wakes are not traced
            push({.time = now_, .task = span.task, .kind = EventKind::Wake});
        t.scheduled = false;
        push({.time = now_, .task = span.task, .worker = thread_,
              .kind = blocking ? EventKind::BlockingStart : EventKind::PollStart});
    }

    void onExit(std::uint64_t id)
    {
        Span& span = known(id, "exit of");
        ThreadState& me = threads_[thread_];
        auto it = std::find(me.entered.rbegin(), me.entered.rend(), id);
        if (it == me.entered.rend())
            fail("exit of span " + std::to_string(id) + " on thread " + std::to_string(thread_ + 1)
                 + ", which has not entered it");
        me.entered.erase(std::next(it).base());
        if (span.kind == SpanKind::Task)
            leaveTask(span.task, thread_, now_);
    }

    void leaveTask(TaskId task, std::uint32_t th, std::int64_t time)
    {
        TaskState& t = tasks_[task - 1];
        if (t.thread != th + 1)
            return;
        t.thread = 0;
        threads_[th].exitedTask = task;
        if (trace_.tasks[task - 1].kind == TaskKind::Blocking) {
            push({.time = time, .task = task, .worker = th, .kind = EventKind::BlockingEnd});
            return;
        }
        t.lastPollEnd = trace_.events.size();
        t.pendingSincePoll = true;
        push({.time = time, .task = task, .worker = th, .kind = EventKind::PollEnd,
              .detail = static_cast<std::uint8_t>(PollResult::Pending)});
        // The wake that led to this poll, if no task made it: a timer this poll found elapsed, else a JoinHandle.
        if (t.unattributedWake != SIZE_MAX) {
            Event& wake = trace_.events[t.unattributedWake];
            const auto elapsed = std::find_if(t.timersPolled.begin(), t.timersPolled.end(),
                                              [](const auto& p) { return p.second; });
            if (elapsed != t.timersPolled.end()) {
                wake.resource = elapsed->first;
                trace_.events[t.unattributedWake - 1].resource = elapsed->first;  // the timer fired, then woke it
            } else if (t.joinCandidate) {
                wake.peer = t.joinCandidate;
            }
            t.unattributedWake = SIZE_MAX;
            t.joinCandidate = 0;
        }
    }

    void onClose(std::uint64_t id)
    {
        auto it = spans_.find(id);
        if (it == spans_.end())
            known(id, "close of");
        const Span span = it->second;
        spans_.erase(it);
        if (span.kind != SpanKind::Task)
            return;
        TaskState& t = tasks_[span.task - 1];
        if (t.thread != 0)
            fail("task span " + std::to_string(id) + " closed while it is entered on thread "
                 + std::to_string(t.thread));
        t.closed = true;
        closedTasks_[id] = span.task;
        ThreadState& me = threads_[thread_];
        const bool finishedHere = me.exitedTask == span.task;  // dropped right after its poll: it returned Ready
        me.exitedTask = 0;
        if (finishedHere && t.lastPollEnd != SIZE_MAX)
            trace_.events[t.lastPollEnd].detail = static_cast<std::uint8_t>(PollResult::Ready);
        if (finishedHere || trace_.tasks[span.task - 1].kind == TaskKind::Blocking) {
            push({.time = now_, .task = span.task, .kind = EventKind::TaskCompleted});
            justFinished_ = {thread_, span.task};
        } else {
            push({.time = now_, .task = span.task, .kind = EventKind::TaskCancelled,
                  .detail = static_cast<std::uint8_t>(CancelReason::Aborted)});
        }
    }

    void onEvent(const Json& line)
    {
        const std::string_view target = text(line, "target", "the event's target");
        const Json& f = fields(line);
        if (target == "tokio::task::waker")
            onWaker(f);
        else if (target == "runtime::resource::poll_op")
            onPollOp(f);
        else if (target == "runtime::resource::state_update")
            onStateUpdate(f);
    }

    void onWaker(const Json& f)
    {
        const std::string_view op = fieldText(f, "op");
        if (op != "waker.wake" && op != "waker.wake_by_ref")
            return;  // clone and drop change no task's state
        const auto spanId = fieldWhole(f, "task.id");
        if (!spanId)
            fail("expected a waker event to name its task's span in \"task.id\"");
        TaskId target = 0;
        bool finished = false;
        if (const Span* s = find(*spanId); s && s->kind == SpanKind::Task)
            target = s->task;
        else if (auto c = closedTasks_.find(*spanId); c != closedTasks_.end())
            target = c->second, finished = true;
        else
            fail("a wake of span " + std::to_string(*spanId) + ", which is not a task's span");
        TaskState& t = tasks_[target - 1];
        Event wake{.time = now_, .task = target, .peer = currentTask(thread_), .kind = EventKind::Wake};
        WakeOutcome outcome = WakeOutcome::Scheduled;
        if (finished)
            outcome = WakeOutcome::TaskFinished;
        else if (t.thread != 0)
            outcome = WakeOutcome::WhileRunning;
        else if (t.scheduled)
            outcome = WakeOutcome::AlreadyScheduled;
        wake.detail = static_cast<std::uint8_t>(outcome);
        if (!finished)
            t.scheduled = true;
        if (wake.peer == 0 && !finished && t.unattributedWake == SIZE_MAX) {
            // Known at the task's next poll: a timer (then it fired just before this wake), a JoinHandle, or
            // outside. The place for TimerFired is kept now, so events stay in time order without a merge; an
            // unused one is dropped at the end.
            push({.time = now_, .kind = EventKind::TimerFired});
            t.unattributedWake = trace_.events.size();
            t.joinCandidate = justFinished_.first == thread_ ? justFinished_.second : 0;
        }
        push(wake);
    }

    void onPollOp(const Json& f)
    {
        const TaskId task = currentTask(thread_);
        const ResourceId r = currentResource(thread_);
        if (!task || !r || trace_.resources[r - 1].kind != "timer")
            return;
        const Json* ready = field(f, "is_ready");
        if (!ready || !ready->IsBool())
            fail("expected a poll_op event to say \"is_ready\": true or false");
        auto& polled = tasks_[task - 1].timersPolled;
        auto it = std::find_if(polled.begin(), polled.end(), [r](const auto& p) { return p.first == r; });
        if (it == polled.end())
            polled.emplace_back(r, ready->GetBool());
        else
            it->second = ready->GetBool();
    }

    void onStateUpdate(const Json& f)
    {
        const ResourceId r = currentResource(thread_);
        if (!r)
            return;
        const std::string& kind = trace_.resources[r - 1].kind;
        const TaskId task = currentTask(thread_);
        if (kind == "timer") {
            const auto ms = fieldWhole(f, "duration");
            if (ms && task && *ms < std::uint64_t(INT64_MAX / 2'000'000))
                push({.time = now_, .value = now_ + std::int64_t(*ms) * 1'000'000, .task = task, .resource = r,
                      .kind = EventKind::TimerArmed});
        } else if (kind == "semaphore") {
            const auto permits = fieldWhole(f, "permits");
            const std::string_view op = fieldText(f, "permits.op");
            if (!permits || *permits > std::uint64_t(INT64_MAX))
                return;
            std::int64_t& free = permits_[r];
            SyncOp syncOp = SyncOp::Created;
            if (op == "override")
                free = std::int64_t(*permits);
            else if (op == "add")
                free += std::int64_t(*permits), syncOp = SyncOp::Release;
            else if (op == "sub")
                free -= std::int64_t(*permits), syncOp = SyncOp::Acquire;
            else
                return;
            push({.time = now_, .value = free, .task = task, .resource = r, .kind = EventKind::Sync,
                  .detail = static_cast<std::uint8_t>(syncOp)});
        }
    }

    void push(Event e)
    {
        if (trace_.events.size() >= kMaxEvents)
            fail("more than " + std::to_string(kMaxEvents) + " events");
        trace_.events.push_back(e);
    }

    // The places kept for TimerFired that no timer took.
    void dropUnusedTimerPlaces()
    {
        auto& ev = trace_.events;
        ev.erase(std::remove_if(ev.begin(), ev.end(),
                                [](const Event& e) { return e.kind == EventKind::TimerFired && e.resource == 0; }),
                 ev.end());
    }

    // Lanes: tokio's workers in the order they were started, then threads that ran block_on (or polled tasks
    // without being a worker), then blocking-pool threads. Events carried the thread until now.
    void assignLanes()
    {
        std::vector<std::uint32_t> workers, others, blocking;
        for (std::uint32_t th = 0; th < threads_.size(); ++th) {
            const ThreadState& s = threads_[th];
            if (s.worker)
                workers.push_back(th);
            else if (s.polls)
                others.push_back(th);
            else if (s.blocking)
                blocking.push_back(th);
        }
        std::stable_sort(workers.begin(), workers.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return threads_[a].workerOrder < threads_[b].workerOrder; });
        if (workers.size() > 64)
            throw CaptureError{"more than 64 worker threads (" + std::to_string(workers.size()) + ")"};
        std::vector<LaneId> laneOf(threads_.size(), kNoLane);
        auto add = [&](std::uint32_t th, LaneKind kind, std::string name) {
            laneOf[th] = LaneId(trace_.lanes.size());
            trace_.lanes.push_back({kind, std::move(name)});
        };
        for (std::uint32_t i = 0; i < workers.size(); ++i)
            add(workers[i], LaneKind::Worker, "worker " + std::to_string(i));
        for (std::uint32_t th : others)
            add(th, LaneKind::Worker, threads_[th].name + (threads_[th].blockOn ? " (block_on)" : ""));
        for (std::uint32_t th : blocking)
            add(th, LaneKind::Blocking, "blocking pool · thread " + std::to_string(th + 1));
        trace_.workers = std::uint32_t(std::max<std::size_t>(1, workers.size() + others.size()));
        for (Event& e : trace_.events)
            if (e.worker != kNoLane)
                e.worker = laneOf[e.worker];
    }

    static constexpr std::size_t kMaxTasks = 10'000'000;
    static constexpr std::size_t kMaxEvents = 200'000'000;

    Trace trace_;
    std::vector<ThreadState> threads_;
    std::vector<TaskState> tasks_;  // index = TaskId - 1
    std::unordered_map<std::uint64_t, Span> spans_;  // open spans by id
    std::unordered_map<std::uint64_t, TaskId> closedTasks_;  // span id -> task, for wakes after a task ended
    std::unordered_map<ResourceId, std::int64_t> permits_;
    std::pair<std::uint32_t, TaskId> justFinished_{UINT32_MAX, 0};  // the thread and task of the last completion
    std::int64_t now_ = 0;
    std::uint64_t line_ = 0, lines_ = 0;
    std::uint32_t thread_ = 0;
    rapidjson::MemoryPoolAllocator<> pool_;
    rapidjson::CrtAllocator stack_;
};

using Pull = std::function<long(char*, std::size_t)>;

TraceReadResult read(const Pull& pull, std::uint64_t total, const TraceReadOptions& options, std::string scenario)
{
    Importer importer(std::move(scenario));
    std::vector<char> buffer(kChunk + 1);
    std::size_t filled = 0;
    std::uint64_t consumed = 0, lineNo = 0;
    try {
        for (bool end = false; !end;) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                return {std::nullopt, kReadCancelled};
            if (filled == kChunk)
                throw CaptureError{"line " + std::to_string(lineNo + 1) + ": longer than "
                                   + byteCount(kChunk) + " without a line break"};
            const long got = pull(buffer.data() + filled, kChunk - filled);
            if (got < 0)
                throw CaptureError{std::string("cannot read further: ") + std::strerror(errno)};
            if (consumed + std::uint64_t(got) > options.maxBytes)
                throw CaptureError{"more than the " + byteCount(options.maxBytes) + " a capture may have"};
            if (options.progress && consumed / (4u << 20) != (consumed + std::uint64_t(got)) / (4u << 20))
                options.progress(consumed + std::uint64_t(got), total);
            consumed += std::uint64_t(got);
            end = got == 0;
            filled += std::size_t(got);
            std::size_t start = 0;
            for (;;) {
                char* nl = static_cast<char*>(std::memchr(buffer.data() + start, '\n', filled - start));
                if (!nl) {
                    if (end && start < filled) {  // the last line has no line break
                        importer.line(buffer.data() + start, filled - start, ++lineNo, true);
                        start = filled;
                    }
                    break;
                }
                const std::size_t length = std::size_t(nl - (buffer.data() + start));
                importer.line(buffer.data() + start, length, ++lineNo);
                start += length + 1;
            }
            std::memmove(buffer.data(), buffer.data() + start, filled - start);
            filled -= start;
        }
        Trace trace = importer.finish();
        if (options.progress)
            options.progress(total, total);
        const auto violations = checkInvariants(trace);
        if (!violations.empty())
            return {std::nullopt, "the capture describes an impossible run (" + std::to_string(violations.size())
                                      + (violations.size() == 1 ? " violation" : " violations") + "):\n"
                                      + describe(violations, 5)};
        return {std::move(trace), {}};
    } catch (const CaptureError& e) {
        return {std::nullopt, e.message};
    }
}
}  // namespace

TraceReadResult traceFromTokioCapture(std::string_view bytes, const TraceReadOptions& options)
{
    return read(MemoryPull(bytes), bytes.size(), options, "tokio run");
}

TraceReadResult loadTokioCapture(const std::string& path, const TraceReadOptions& options)
{
    ReadableFile file;
    std::string error;
    if (!file.open(path, options.maxBytes, &error, "a tokio capture"))
        return {std::nullopt, error};
    // Named after the file, without its folder and extension.
    std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    if (const auto dot = name.rfind('.'); dot != std::string::npos && dot > 0)
        name.erase(dot);
    auto result = read([&](char* out, std::size_t n) { return file.read(out, n); }, file.size(), options, name);
    if (!result.trace && result.error != kReadCancelled)
        result.error = path + ": " + result.error;
    return result;
}

}  // namespace wl
