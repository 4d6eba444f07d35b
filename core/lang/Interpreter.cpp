#include "Interpreter.h"

#include "Args.h"

#include "Library.h"
#include "Parser.h"
#include "Resolver.h"
#include "RunDirectory.h"
#include "Value.h"
#include "exec/Executor.h"
#include "exec/Runtime.h"
#include "exec/SpinLock.h"
#include "exec/TaskMemory.h"
#include "sync/Broadcast.h"
#include "sync/Mpsc.h"
#include "sync/Notify.h"
#include "sync/Oneshot.h"
#include "sync/Semaphore.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <semaphore>
#include <set>
#include <unordered_map>

namespace wl::lang {

using namespace std::literals;

// A future value: lazy until awaited or spawned, and then only once. One dropped without ever being used is
// recorded (the trace's FutureDropped): none of its code ran, the mistake a missing .await makes.
thread_local bool t_droppingUnusedFuture = false;  // the futures it holds are part of that drop, not drops of their own
struct FutureState {
    std::string name;  // shown in the trace when it becomes a task or a join/select arm
    std::uint32_t site = 0;  // where it was made
    bool used = false;

    FutureState() = default;
    FutureState(const FutureState&) = delete;
    FutureState& operator=(const FutureState&) = delete;
    virtual Task<Value> make() = 0;  // the task that runs it (once: `used`)
    virtual ~FutureState()
    {
        if (reporting_)
            t_droppingUnusedFuture = false;
    }

protected:
    // The derived destructor's first act, before what the future captured goes (which is then unreported).
    void dropping()
    {
        if (used || t_droppingUnusedFuture)
            return;
        futureDroppedUnpolled(name, site);
        t_droppingUnusedFuture = true;
        reporting_ = true;
    }

private:
    bool reporting_ = false;
};
// A future and what its code captured, in one allocation (a std::function beside it would be a second).
template <class Make>
struct FutureOf final : FutureState {
    Make makeTask;
    explicit FutureOf(Make m) : makeTask(std::move(m)) {}
    ~FutureOf() override { dropping(); }
    Task<Value> make() override { return makeTask(); }
};
struct JoinHandleState {
    JoinHandle<Value> handle;
    bool thread = false;  // std::thread's JoinHandle: join() instead of .await
    std::uint64_t id = 0;  // tokio's task::Id, which its JoinError names ("task 2 panicked")
};

// While any threaded run is on, scopes lock: a task on another worker may look a name up through the scope of
// the code that spawned it (for an item or an import) while that code binds new variables in it.
std::atomic<int> g_threadedRuns{0};

// Names compared by length, first letter, then text: names seldom share a length and a first letter, and a
// memcmp call per scope a lookup passes was a visible part of it.
inline bool sameName(const std::string* a, const std::string& b)
{
    return a == &b
        || (a->size() == b.size() && (a->empty() || ((*a)[0] == b[0] && std::memcmp(a->data(), b.data(), a->size()) == 0)));
}

struct Scope {
    // Each binding has a cell of its own: a reference (`&x`) holds the cell, not the scope, so a scope that holds a
    // reference to one of its own variables is no cycle, and its values drop when it ends. A binding's name is not
    // copied: names bound are the program's own (a pattern's, a parameter's, a capture's, in the syntax tree that
    // outlives the run) or kept for the process (keptName).
    using Var = std::pair<const std::string*, Cell>;
    static constexpr std::size_t kInline = 2;  // most scopes bind one or two names: a loop's variable, a let

    std::shared_ptr<Scope> parent;
    std::array<Var, kInline> first;  // the first names bound, in order; the rest in `more`
    std::vector<Var> more;
    std::uint32_t count = 0;
    bool declares = false;  // it binds more than variables: a block's own fn items, an impl's Self
    mutable SpinLock mutex;  // (threaded runs only: held for a lookup in a handful of names, or a bind)
    // The latest binding of the name here (shadowing: the last one bound wins), or null. (Valid while the scope
    // binds nothing more: under its lock in a threaded run.)
    const Cell* own(const std::string& name) const
    {
        for (auto it = more.rbegin(); it != more.rend(); ++it)
            if (sameName(it->first, name))
                return &it->second;
        for (std::size_t i = std::min<std::size_t>(count, kInline); i-- > 0;)
            if (sameName(first[i].first, name))
                return &first[i].second;
        return nullptr;
    }
    // Its lock, taken in a threaded run only.
    std::unique_lock<SpinLock> guard() const
    {
        std::unique_lock locked(mutex, std::defer_lock);
        if (g_threadedRuns.load(std::memory_order_relaxed) > 0)
            locked.lock();
        return locked;
    }
    void bind(const std::string& name, Value v)
    {
        // A slot cleared for the next pass keeps its cell when nothing else held it: that cell serves again.
        if (count < kInline && first[count].second && first[count].second.use_count() == 1) {
            const auto locked = guard();
            first[count].first = &name;
            *first[count].second = std::move(v);
            ++count;
            return;
        }
        bindCell(name, cell(std::move(v)));
    }
    void bind(std::string&&, Value) = delete;  // (a temporary name would be gone before the scope)
    void bindCell(std::string&&, Cell) = delete;
    // Binds the name to a cell that already is (a closure's shared capture).
    void bindCell(const std::string& name, Cell c)
    {
        const auto locked = guard();
        if (count < kInline) {
            first[count].first = &name;
            first[count].second = std::move(c);
        } else {
            more.emplace_back(&name, std::move(c));
        }
        ++count;
    }
    // Drops what the scope binds, in the order its destruction would, and keeps it for binding again: with the
    // cells of its first names where nothing else holds them (bind() fills them again).
    void clear()
    {
        more.clear();
        for (std::size_t i = kInline; i-- > 0;) {
            Cell& c = first[i].second;
            if (c && c.use_count() == 1)
                *c = Value();
            else
                c.reset();
        }
        count = 0;
    }
};
using ScopeP = std::shared_ptr<Scope>;
// Where a name is bound, from `scope` outwards: what `take` makes of its cell, taken while the scope that binds it
// is locked (in a threaded run), or of null where nothing binds it.
template <class Take>
auto findBinding(const ScopeP& scope, const std::string& name, Take take)
{
    const bool lock = g_threadedRuns.load(std::memory_order_relaxed) > 0;
    for (const ScopeP* s = &scope; *s; s = &(*s)->parent) {
        std::unique_lock guard((*s)->mutex, std::defer_lock);
        if (lock)
            guard.lock();
        if (const Cell* c = (*s)->own(name))
            return take(c);
    }
    return take(nullptr);
}
// The cell of a name, or null.
Cell lookup(const ScopeP& scope, const std::string& name)
{
    return findBinding(scope, name, [](const Cell* c) { return c ? *c : Cell(); });
}
// The value of a name, or null: to read at once (the scope the caller holds keeps the cell; no count is taken).
const Value* lookupValue(const ScopeP& scope, const std::string& name)
{
    return findBinding(scope, name, [](const Cell* c) -> const Value* { return c ? c->get() : nullptr; });
}
ScopeP child(const ScopeP& parent)
{
    auto s = std::make_shared<Scope>();
    s->parent = parent;
    return s;
}

// The scopes of a loop's passes. Each pass's variables are dropped at its end (done()); its scope is emptied and
// serves the next pass when nothing kept it (no closure or async block captured it): an allocation less a pass.
// `own` false: the passes bind nothing and use the scope around the loop.
class PassScopes {
public:
    PassScopes(const ScopeP& outer, bool own) : outer_(outer), own_(own) {}
    const ScopeP& next()
    {
        if (!own_)
            return outer_;
        if (!current_)
            current_ = child(outer_);
        return current_;
    }
    void done()
    {
        if (!current_)
            return;
        if (current_.use_count() == 1)
            current_->clear();
        else
            current_.reset();
    }

private:
    const ScopeP& outer_;
    const bool own_;
    ScopeP current_;
};

namespace {

struct BreakSignal {
    std::string label;
    Value value;
};
struct ContinueSignal {
    std::string label;
};
struct ReturnSignal {
    Value value;
};
// The run must stop (a budget ran out): unwinds every task, and the run reports it.
struct Stop : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// `x == "literal"`, inlined: the literal's length is a constant, so a name of another length differs at once (the
// library is dispatched by comparing names, and an out-of-line compare per name tried was 1% of a run).
template <std::size_t N>
[[gnu::always_inline]] inline bool is(std::string_view x, const char (&literal)[N])
{
    return x.size() == N - 1 && __builtin_memcmp(x.data(), literal, N - 1) == 0;
}

// A name kept for the process: a future's (the trace keeps a pointer to it while it records), or one a scope binds
// that is not the program's own text ("item:helper" for a block's item).
const std::string& keptName(const std::string& s)
{
    static std::mutex mutex;
    static std::set<std::string> names;
    std::lock_guard lock(mutex);
    return *names.insert(s).first;
}
const char* intern(const std::string& s) { return keptName(s).c_str(); }
const std::string kSelfName = "Self";

std::string pathText(const Path& p) { return p.text(); }

class Interp {
public:
    Interp(std::string_view source, Program& program, const ResolveResult& resolved, const ProgramOptions& options)
        : source_(source), program_(program), imports_(resolved.imports), options_(options)
    {
        depth_ = 0;  // (per thread: a run that stopped on another Interp may have left this thread's count)
        for (const auto& item : program_.items) {
            if (item->kind == ItemKind::Impl) {
                const Type& t = *item->selfType;
                // Display's and Debug's fmt are told apart: a type may have both.
                const std::string fmtTrait = formatTrait(*item);
                if (t.kind == TypeKind::Path && t.path.segments.size() == 1)
                    for (const auto& m : item->items)
                        methods_[t.path.segments[0].name][!fmtTrait.empty() && m->name == "fmt" ? "fmt#" + fmtTrait : m->name] = m.get();
            } else if (item->kind != ItemKind::Use) {
                items_[item->name] = item.get();
            }
        }
        // A trait's default methods belong to every type that implements it without replacing them.
        for (const auto& item : program_.items)
            if (const Item* trait = ownTrait(*item))
                for (const auto& m : trait->items)
                    if (m->body)
                        methods_[item->selfType->path.segments[0].name].emplace(m->name, m.get());
        for (const auto& [type, _] : methods_)
            methodTypes_.emplace_back(type);
    }
    // Whether the program has methods of its own for this type: told by interned name, as every method call on a
    // struct or an enum (an Option's unwrap) asks.
    bool hasOwnMethods(const Name& type) const
    {
        return std::find(methodTypes_.begin(), methodTypes_.end(), type) != methodTypes_.end();
    }
    std::vector<Name> methodTypes_;
    // "Display" or "Debug" for an impl of std::fmt's, else "".
    static std::string formatTrait(const Item& impl)
    {
        if (impl.trait.segments.empty())
            return {};
        const std::string& last = impl.trait.segments.back().name;
        return last == "Display" || last == "Debug" ? last : std::string();
    }
    // The program's own trait that an impl block implements, if it is one.
    const Item* ownTrait(const Item& impl) const
    {
        if (impl.kind != ItemKind::Impl || impl.trait.segments.size() != 1 || impl.selfType->kind != TypeKind::Path
            || impl.selfType->path.segments.size() != 1)
            return nullptr;
        const auto it = items_.find(impl.trait.segments[0].name);
        return it != items_.end() && it->second->kind == ItemKind::Trait ? it->second : nullptr;
    }

    std::string stopReason;  // the first budget that ran out, with its place
    RunDirectory directory;  // std::env::temp_dir(): the run's own files
    const char* stackBase = nullptr;  // where the run's native stack started (simulated: the calling thread's)
    std::uint64_t steps() const { return steps_; }
    std::map<std::string, Span> panicAt;  // where each panic message was raised (for main's report)
    std::mutex panicMutex;

    Task<Value> main()
    {
        const Item* m = items_.at("main");
        Value f = function(m, "");
        Value out;  // (no co_await inside ?: — g++ 12 miscompiles it)
        if (m->async)
            co_await into(out, awaitValue(call(f, {}, m->span), m->span, out));
        else if (m->blocksOn)
            out = co_await asyncCall(m, {}, "", m->span);  // its block_on calls wait inside this task
        else
            out = call(f, {}, m->span);
        settle();
        co_return std::move(out);
    }

private:
    std::string_view source_;
    Program& program_;
    std::map<std::string, std::string> imports_;
    ProgramOptions options_;
    std::map<std::string, const Item*> items_;
    std::map<std::string, std::map<std::string, const Item*>> methods_;
    std::map<const Item*, Value> constants_;
    std::atomic<std::uint64_t> steps_{0};
    static inline thread_local std::uint32_t depth_ = 0;  // nested calls on this thread (calls never suspend)
    static inline thread_local const char* threadStackBase_ = nullptr;  // a worker's: where its first step was

    // Where an expression is, for the code panel to mark it: its line and column, and its width when it ends on
    // the line it starts on (else it is marked from its column to the end of that line).
    std::uint32_t siteOf(const Span& at) const
    {
        // Remembered per thread, run and span (a loop asks for the same few sites each pass): measuring a span's
        // width walks its text.
        struct Known {
            std::uint64_t run = 0;
            std::uint32_t offset = 0, length = 0, site = 0;
        };
        constinit thread_local std::array<Known, 256> known{};
        Known& k = known[(at.offset ^ (at.length << 5)) & 255];
        if (k.run == runId_ && k.offset == at.offset && k.length == at.length)
            return k.site;
        k = {runId_, at.offset, at.length, measureSite(at)};
        return k.site;
    }
    std::uint32_t measureSite(const Span& at) const
    {
        const std::size_t end = std::size_t(at.offset) + at.length;
        if (end > source_.size() || source_.substr(at.offset, at.length).find('\n') != std::string_view::npos)
            return makeSite(at.line, at.column);
        std::uint32_t columns = 0;
        for (std::size_t i = at.offset; i < end; ++i)
            columns += (static_cast<unsigned char>(source_[i]) & 0xC0) != 0x80;  // one per UTF-8 code point
        return makeSite(at.line, at.column, columns);
    }
    static inline std::atomic<std::uint64_t> runs_{0};
    const std::uint64_t runId_ = ++runs_;  // (never 0: an empty entry of siteOf's cache matches no run)

    // --- budgets and panics ---
    std::string where(const Span& at) const
    {
        return options_.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
    }
    void step(const Span& at)
    {
        // Awaits run their callee in place, so deep async recursion grows the native stack too: bounded here, every
        // 16th step of the run (a step's own frames are small next to the margin left below the limit; a thread
        // that recurses takes its share of those steps).
        if ((charge(1, at) & 15) != 0)
            return;
        const char* here = static_cast<const char*>(__builtin_frame_address(0));
        const char* base = (options_.mode == Mode::Threaded) ? threadStackBase_ : stackBase;
        if (!base) {
            // A worker thread's first step is near the top of its stack (a poll resumes the task from its loop).
            threadStackBase_ = here + 64 * 1024;
            base = threadStackBase_;
        }
        if (base - here > kMaxStackBytes)
            tooDeep(at);
    }
    [[gnu::cold, gnu::noinline]] void tooDeep(const Span& at)
    {
        stop(at, "nesting too deep (the recursion limit): an async fn that awaits itself without end?");
    }
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    static constexpr std::ptrdiff_t kMaxStackBytes = 6 << 20;  // sanitizers double a frame: 200 calls need more
#else
    static constexpr std::ptrdiff_t kMaxStackBytes = 3 << 20;  // of the 8 MiB a thread has
#endif
    // Work that copies many values at once (a clone, [x; n], a repeated string) costs steps in proportion, charged
    // before it is done, so the step budget bounds it too.
    // Returns the steps taken so far in the run.
    std::uint64_t charge(std::uint64_t units, const Span& at)
    {
        // One thread steps a simulated run (its blocking jobs too): no locked add there, it is every expression's.
        std::uint64_t taken;
        if (options_.mode == Mode::Simulated) {
            taken = steps_.load(std::memory_order_relaxed) + units;
            steps_.store(taken, std::memory_order_relaxed);
        } else {
            taken = steps_.fetch_add(units, std::memory_order_relaxed) + units;
        }
        if (options_.stepCost > 0)
            spend(units);
        if (taken > options_.maxSteps) [[unlikely]]
            overBudget(at);
        return taken;
    }
    // (Out of line, so that charge, which every expression calls, stays small enough to inline.)
    [[gnu::cold, gnu::noinline]] void overBudget(const Span& at)
    {
        stop(at, "the program ran " + std::to_string(options_.maxSteps) + " steps without finishing (the step "
                 "budget): a loop that never ends?");
    }
    static std::uint64_t cellsIn(const Value& original)
    {
        const Value& v = deref(original);
        std::uint64_t n = 1;
        if (v.items && v.kind != ValueKind::Mutex && v.kind != ValueKind::Atomic)
            for (const Cell& c : *v.items)
                n += cellsIn(*c);
        return n;
    }
    static constexpr std::int64_t kForever = 1'000'000'000'000'000'000;  // ns (31 years): Duration::MAX sleeps this long
    static constexpr std::int64_t kMaxElements = 1'000'000;     // vec![x; n], ranges collected, repeated strings
    [[noreturn]] void stop(const Span& at, const std::string& why)
    {
        {
            std::lock_guard lock(panicMutex);
            if (stopReason.empty())
                stopReason = where(at) + ": " + why;
        }
        if (options_.control)
            options_.control->stop = true;
        throw Stop(why);
    }
    [[noreturn]] void panic(const Span& at, const std::string& message)
    {
        {
            std::lock_guard lock(panicMutex);
            panicAt[message] = at;
        }
        throw RustPanic(message);
    }
    [[noreturn]] void unsupported(const Span& at, const std::string& what)
    {
        stop(at, what + " is not supported by the interpreter yet");
    }

    // --- virtual CPU time (simulated mode) ---
    // Every step costs options_.stepCost of CPU time on the worker (or blocking thread) that runs it. A poll's cost
    // is settled as work() in whole milliseconds, before anything the executor records or the program reads the
    // clock, so a busy loop on Instant::elapsed holds its worker for exactly its duration; what a poll spends
    // below a millisecond is not shown (a poll that computes briefly takes no time on the time axis).
    struct CpuMeter {
        const void* owner = nullptr;  // the task (or blocking job) being polled
        std::uint64_t poll = 0;       // which of its polls
        std::int64_t spent = 0;       // ns this poll has computed
        std::int64_t settled = 0;     // ns of it already recorded as work
    };
    CpuMeter meter_;
    static constexpr std::int64_t kMillisecond = 1'000'000;
    // Who is computing now: the task (and which of its polls) or the blocking job; {nullptr, 0} outside both.
    static std::pair<const void*, std::uint64_t> computing()
    {
        const PollContext& c = currentContext();
        if (c.blockingJob)
            return {&c.blockingJob, c.blockingJob};
        return {c.task, c.task ? c.task->polls : 0};
    }
    void spend(std::uint64_t units)
    {
        const auto [owner, poll] = computing();  // (an inlined read: this runs for every step)
        if (!owner)
            return;
        if (owner != meter_.owner || poll != meter_.poll)
            meter_ = {owner, poll, 0, 0};
        meter_.spent += std::int64_t(units) * options_.stepCost;
    }
    void settle()
    {
        const std::int64_t whole = meter_.spent - meter_.spent % kMillisecond;
        if (whole <= meter_.settled || computing() != std::pair{meter_.owner, meter_.poll})
            return;
        wl::work(Duration(whole - meter_.settled));
        meter_.settled = whole;
    }

    // --- moves ---
    static bool isCopy(const Value& v)
    {
        switch (v.kind) {
        case ValueKind::Unit:
        case ValueKind::Bool:
        case ValueKind::Int:
        case ValueKind::Float:
        case ValueKind::Char:
        case ValueKind::Duration:
        case ValueKind::Instant:
        case ValueKind::Ref: return !v.object;  // a MutexGuard (a reference holding a lock) moves
        case ValueKind::Function:
        case ValueKind::Library: return true;
        default: return false;
        }
    }
    static Value moved()
    {
        static const Value v = [] {
            Value m;
            m.kind = ValueKind::Opaque;
            m.typeName = "a moved value";  // (made once: a Name is looked up in the interned set under a lock)
            return m;
        }();
        return v;
    }
    // The scope a closure or an async block runs in: the variables of the code around it that it uses, and above
    // them the nearest scope that declares something (a block's fn or struct, Self), which is all else it reaches.
    // A `move` one takes the variables out of the code around it (what is not Copy is gone from the outside, so a
    // Sender moved into a task is dropped when that task ends, as in Rust); the others share their cells. Either
    // way it keeps no scope of variables alive: a spawn loop's pass, or a scope holding the closure itself (a
    // cycle that would keep a permit held in that scope forever), ends when its code does.
    ScopeP capture(const Expr& e, const ScopeP& scope)
    {
        const ScopeP* outer = &scope;
        while (*outer && !(*outer)->declares)
            outer = &(*outer)->parent;
        if (e.captures.empty())
            return *outer ? *outer : noScope_;
        auto own = child(*outer);
        for (const std::string& name : e.captures)
            if (Cell c = lookup(scope, name)) {
                if (!e.move) {
                    own->bindCell(name, std::move(c));
                    continue;
                }
                if (isCopy(*c)) {
                    own->bind(name, *c);
                } else {
                    own->bind(name, std::move(*c));
                    *c = moved();
                }
            }
        return own;
    }

    const ScopeP noScope_ = std::make_shared<Scope>();  // what a `move` future that captures nothing reaches

    // --- values of names ---
    Value function(const Item* fn, const std::string& selfType)
    {
        Value v;
        v.kind = ValueKind::Function;
        v.function = fn;
        v.variant = selfType;
        return v;
    }
    static Value library(const std::string& path)
    {
        Value v;
        v.kind = ValueKind::Library;
        v.typeName = path;
        return v;
    }
    Value constant(const Item* item)
    {
        {
            std::lock_guard lock(constantsMutex_);
            const auto it = constants_.find(item);
            if (it != constants_.end())
                return it->second;
        }
        Value v = eval(*item->value, std::make_shared<Scope>());
        std::lock_guard lock(constantsMutex_);
        constants_.emplace(item, v);
        return v;
    }
    std::mutex constantsMutex_;
    std::string libraryPathOf(const std::string& name) const
    {
        const auto it = imports_.find(name);
        return it != imports_.end() ? it->second : preludePath(name);
    }
    Value pathValue(const Path& p, const ScopeP& scope, const Span& at)
    {
        const auto& seg = p.segments;
        if (seg.size() == 1) {
            if (const Value* found = lookupValue(scope, seg[0].name)) {
                const Value& v = *found;
                // Tuples and structs are copied when read (Copy types stay independent); the rest move.
                if (v.kind == ValueKind::Tuple || v.kind == ValueKind::Struct)
                    return cloneValue(v);
                return v;
            }
        }
        // A path of several segments that names the library names the same thing every time (what a path names
        // is lexical): resolved once, then taken from here before any scope or item is searched.
        if (seg.size() > 1) {
            std::unique_lock lock(libraryPathsMutex_, std::defer_lock);
            if (options_.mode == Mode::Threaded)  // (a simulated run is stepped by one thread)
                lock.lock();
            if (const auto it = libraryPaths_.find(&p); it != libraryPaths_.end())
                return it->second;
        }
        std::string first = seg[0].name;
        size_t next = 1;
        if (first == "crate"sv && seg.size() > 1) {
            first = seg[1].name;
            next = 2;
        }
        if (first == "Self"sv)
            first = lookup(scope, "Self") ? deref(*lookup(scope, "Self")).text.str() : first;
        if (const Item* item = findItem(first, scope)) {
            if (next == seg.size()) {
                switch (item->kind) {
                case ItemKind::Fn: return function(item, "");
                case ItemKind::Const:
                case ItemKind::Static: return constant(item);
                case ItemKind::Struct:
                    if (item->unit)
                        return structValue(item->name, {}, {});
                    return library("struct:" + item->name);
                default: unsupported(at, "the type `" + first + "` used as a value");
                }
            }
            const std::string& member = seg[next].name;
            if (item->kind == ItemKind::Enum)
                for (const auto& v : item->variants)
                    if (v.name == member)
                        return v.tuple || v.record ? library("variant:" + item->name + "::" + member)
                                                   : Value::enum_(item->name, member);
            const auto m = methods_.find(item->name);
            if (m != methods_.end() && m->second.count(member)) {
                const Item* fn = m->second.at(member);
                return fn->kind == ItemKind::Const ? constant(fn) : function(fn, item->name);
            }
            unsupported(at, "`" + pathText(p) + "`");
        }
        std::string full = libraryPathOf(first);
        if (full.empty())  // a name the checks let through that nothing here binds: say which
            unsupported(at, "`" + pathText(p) + "` here");
        for (size_t i = next; i < seg.size(); ++i)
            full += "::" + seg[i].name;
        full = canonicalPath(full);
        Value v = libraryConstant(full, at);
        if (seg.size() > 1) {
            std::lock_guard lock(libraryPathsMutex_);
            libraryPaths_.emplace(&p, v);
        }
        return v;
    }
    std::mutex libraryPathsMutex_;
    std::mutex atomicsMutex_;
    std::unordered_map<const Path*, Value> libraryPaths_;
    const Item* findItem(const std::string& name, const ScopeP& scope) const
    {
        if (Cell c = lookup(scope, "item:" + name))
            return deref(*c).function;
        const auto it = items_.find(name);
        return it == items_.end() ? nullptr : it->second;
    }
    Value structValue(const std::string& type, std::vector<std::string> names, std::vector<Value> values)
    {
        Value v;
        v.kind = ValueKind::Struct;
        v.typeName = type;
        v.names = fieldNames(std::move(names));
        v.items = std::make_shared<Cells>(cells(std::move(values)));
        return v;
    }

    // The library's constants are values at once; its functions are values to call.
    Value libraryConstant(const std::string& path, const Span& at)
    {
        static const std::map<std::string, std::int64_t> ints = {
            {"u8::MAX", 255}, {"u16::MAX", 65535}, {"u32::MAX", 4294967295LL}, {"u64::MAX", INT64_MAX},
            {"usize::MAX", INT64_MAX}, {"i8::MAX", 127}, {"i16::MAX", 32767}, {"i32::MAX", 2147483647},
            {"i64::MAX", INT64_MAX}, {"i8::MIN", -128}, {"i16::MIN", -32768}, {"i32::MIN", -2147483648LL},
            {"i64::MIN", INT64_MIN}, {"u8::MIN", 0}, {"u16::MIN", 0}, {"u32::MIN", 0}, {"u64::MIN", 0}, {"usize::MIN", 0},
        };
        if (const auto it = ints.find(path); it != ints.end())
            return Value::int_(it->second);
        if (is(path, "std::option::Option::None"))
            return Value::none();
        if (is(path, "std::task::Poll::Pending"))
            return Value::enum_("Poll", "Pending");
        if (is(path, "std::time::Duration::ZERO"))
            return Value::duration(0);
        if (is(path, "std::time::Duration::MAX"))
            return Value::duration(INT64_MAX);
        if (path.rfind("std::sync::atomic::Ordering::", 0) == 0)
            return Value::enum_("Ordering", lastOf(path));
        if (!findLibrary(path))
            unsupported(at, "`" + path + "`");
        return library(path);
    }
    static std::string lastOf(const std::string& path)
    {
        const auto p = path.rfind("::");
        return p == std::string::npos ? path : path.substr(p + 2);
    }

    // --- futures and tasks ---
    // What an async block's future is called: async@24 for the one at line 24 (made without a temporary string:
    // a spawn loop makes one per pass).
    static std::string asyncName(std::uint32_t line)
    {
        char text[24] = "async@";
        const auto end = std::to_chars(text + 6, text + sizeof text, line).ptr;
        return std::string(text, end);
    }
    template <class Make>
    Value futureValue(std::string name, Make make)
    {
        Value v;
        v.kind = ValueKind::Future;
        auto state = std::make_shared<FutureOf<Make>>(std::move(make));
        state->name = std::move(name);
        state->site = currentSite();
        v.object = std::move(state);
        return v;
    }
    // The task that awaits `v`: a future's own body (no frame around it), a JoinHandle's join, a oneshot
    // receiver, or a hand-written future's polls. Each kind has a coroutine of its own, so a parked task holds a
    // frame sized for its kind of wait only.
    Task<Value> taskOf(Value v, Span at)
    {
        const Value& f = deref(v);
        if (f.kind == ValueKind::Future) {
            if (f.future()->used) {
                if (v.kind == ValueKind::Ref)
                    unsupported(at, "polling a future again through `&mut` after a select! let another branch win "
                                    "(a pinned future reused in a loop)");
                panic(at, "`async fn` resumed after completion");
            }
            f.future()->used = true;
            return f.future()->make();
        }
        if (f.kind == ValueKind::JoinHandle)
            return joinTask(f.sharedHandle());
        if (f.kind == ValueKind::Opaque && f.typeName == "oneshot::Receiver")
            return oneshotTask(std::static_pointer_cast<OneshotReceiver<Value>>(f.object));
        if ((f.kind == ValueKind::Struct || f.kind == ValueKind::Enum) && ownMethod(f.typeName, "poll"))
            return pollByHand(std::move(v), at);
        unsupported(at, "awaiting " + kindName(f));
    }
    // `co_await evalInto(v, e, scope)`: v = the value of e, waiting only if it must.
    auto evalInto(Value& out, const Expr& e, const ScopeP& scope) { return into(out, evalA(e, scope, out)); }
    // What `.await` on `v` waits for: nothing when it is a JoinHandle whose task has ended (tokio's poll gives
    // the output at once; here it goes to `out` and the task returned is empty, with no frame for the join), else
    // the task that awaits it.
    Task<Value> awaitValue(Value v, Span at, Value& out)
    {
        const Value& f = deref(v);
        if (f.kind == ValueKind::JoinHandle)
            if (std::optional<JoinResult<Value>> r = f.handle()->handle.tryJoin()) {
                out = joined(std::move(*r), f.handle()->id);
                return {};
            }
        return taskOf(std::move(v), at);
    }
    // (The waits below build their results in plain functions: every temporary of a coroutine body gets a slot
    // in its frame, and a parked task keeps the frame.)
    static Task<Value> joinTask(std::shared_ptr<JoinHandleState> h)
    {
        JoinResult<Value> r = co_await h->handle.join();
        co_return joined(std::move(r), h->id);
    }
    // A JoinError says what tokio 1.x's says: "task 2 panicked", "task 3 was cancelled" (the panic's message went
    // to the task's failure in the trace, as it goes to stderr in compiled Rust).
    static Value joined(JoinResult<Value> r, std::uint64_t id)
    {
        if (r.ok())
            return Value::ok(std::move(*r.value));
        const bool cancelled = r.error->cancelled();
        const std::string text = "task " + std::to_string(id) + (cancelled ? " was cancelled" : " panicked");
        return Value::err(Value::enum_("JoinError", cancelled ? "Cancelled" : "Panic",
                                       {Value::str(text), Value::int_(std::int64_t(id))}));
    }
    // tokio numbers its tasks from 1 in the order they are spawned (spawn, spawn_blocking and each tokio::fs call,
    // which runs on the blocking pool); a std::thread is not one of them.
    std::uint64_t nextTokioId() { return tokioIds_.fetch_add(1, std::memory_order_relaxed); }
    std::atomic<std::uint64_t> tokioIds_{1};
    // A oneshot Receiver is itself a future: Ok(value), or Err(RecvError) when the sender went unused.
    static Task<Value> oneshotTask(std::shared_ptr<OneshotReceiver<Value>> rx)
    {
        std::optional<Value> got = co_await rx->recv();
        co_return received(std::move(got));
    }
    static Value received(std::optional<Value> got)
    {
        if (got)
            return Value::ok(std::move(*got));
        return Value::err(Value::enum_("RecvError", "RecvError", {Value::str("channel closed")}));
    }
    const Item* ownMethod(const std::string& type, const std::string& name) const
    {
        const auto t = methods_.find(type);
        if (t == methods_.end())
            return nullptr;
        const auto m = t->second.find(name);
        return m == t->second.end() ? nullptr : m->second;
    }
    // A hand-written future (`impl Future for T`): its poll() is called with the task's Context until it returns
    // Ready; after a Pending it is polled again only when something wakes the task (the waker it was handed).
    Task<Value> pollByHand(Value future, Span at)
    {
        Cell self = cell(std::move(future));
        const Value& f = *self;
        const Item* poll = ownMethod(f.typeName, "poll");
        for (;;) {
            Value cx = opaque("Context", std::make_shared<Waker>(currentWaker()));
            Value r = call(function(poll, f.typeName), {Value::ref(self), Value::ref(cell(std::move(cx)))}, at);
            const Value& p = deref(r);
            if (p.is("Poll", "Ready"))
                co_return p.items && !p.items->empty() ? p.payload() : Value::unit();
            if (!p.is("Poll", "Pending"))
                panic(at, "poll() returned " + kindName(p) + ", not a Poll");
            co_await Park{};
        }
    }
    // A spawned task is named after its future (heartbeat(), async@24 for the async block at line 24); the second
    // and later tasks of one name get #2, #3, ... so every token on the stage is told apart.
    std::string taskName(const std::string& future)
    {
        int n;
        {
            std::unique_lock lock(spawnNamesMutex_, std::defer_lock);
            if (options_.mode == Mode::Threaded)  // (a simulated run is stepped by one thread)
                lock.lock();
            n = ++spawnNames_[future];
        }
        if (n == 1)
            return future;
        char number[16] = " #";
        const auto end = std::to_chars(number + 2, number + sizeof number, n).ptr;
        std::string name;
        name.reserve(future.size() + std::size_t(end - number));
        name.append(future).append(number, end);
        return name;
    }
    std::mutex spawnNamesMutex_;
    std::map<std::string, int, std::less<>> spawnNames_;
    const char* nameOf(const Value& v) { return intern(deref(v).kind == ValueKind::Future ? deref(v).future()->name : "future"); }

    // --- calls ---
    void bindParams(const Item& fn, std::vector<Value>& args, const ScopeP& scope, const std::string& selfType, const Span& at)
    {
        if (args.size() != fn.params.size())
            panic(at, "`" + fn.name + "` takes " + std::to_string(fn.params.size()) + " arguments but "
                          + std::to_string(args.size()) + " were given");
        for (size_t i = 0; i < args.size(); ++i)
            if (!match(*fn.params[i].pat, args[i], scope))
                panic(fn.params[i].span, "argument does not match its pattern");
        if (!selfType.empty()) {
            scope->bind(kSelfName, Value::str(selfType));
            scope->declares = true;
        }
    }
    Value call(const Value& callee, std::vector<Value> args, const Span& at)
    {
        const Value& f = deref(callee);
        switch (f.kind) {
        case ValueKind::Function: {
            const Item* fn = f.function;
            const std::string selfType = f.variant;
            if (fn->async) {
                const std::string name = fn->name + "()";
                return futureValue(name, [this, fn, selfType, args, at]() mutable {
                    return asyncCall(fn, std::move(args), selfType, at);
                });
            }
            if (++depth_ > options_.maxDepth) {
                --depth_;  // the frames unwinding each take their own call back off
                stop(at, "calls nested deeper than " + std::to_string(options_.maxDepth) + " (the recursion limit)");
            }
            auto scope = std::make_shared<Scope>();
            bindParams(*fn, args, scope, selfType, at);
            Value out;
            try {
                out = blockIn(*fn->body, scope);  // the parameters' scope is the body's own
            } catch (ReturnSignal& r) {
                out = std::move(r.value);
            } catch (...) {
                --depth_;
                throw;
            }
            --depth_;
            return out;
        }
        case ValueKind::Closure: {
            const Expr& c = *f.closure;
            auto scope = child(f.captured());
            if (args.size() != c.params.size())
                panic(at, "the closure takes " + std::to_string(c.params.size()) + " arguments but "
                              + std::to_string(args.size()) + " were given");
            for (size_t i = 0; i < args.size(); ++i)
                match(*c.params[i].pat, args[i], scope);
            if (c.async) {
                const Expr* body = c.a.get();
                return futureValue(asyncName(c.span.line), [this, body, scope]() { return evalTask(body, scope); });
            }
            try {
                return eval(*c.a, scope);
            } catch (ReturnSignal& r) {
                return std::move(r.value);
            }
        }
        case ValueKind::Library: return callLibrary(f.typeName, std::move(args), at);
        default: panic(at, "cannot call " + kindName(f));
        }
    }
    Task<Value> asyncCall(const Item* fn, std::vector<Value> args, std::string selfType, Span at)
    {
        auto scope = std::make_shared<Scope>();
        bindParams(*fn, args, scope, selfType, at);
        Value out;
        try {
            co_await into(out, blockA(*fn->body, scope, true));
        } catch (ReturnSignal& r) {
            out = std::move(r.value);
        }
        settle();  // a task's body may end computing
        co_return std::move(out);
    }
    static Task<Value> sleepTask(Duration d)
    {
        co_await wl::sleep(d);
        co_return Value::unit();
    }
    static Task<Value> sleepUntilTask(Instant deadline)
    {
        co_await wl::sleep_until(deadline);
        co_return Value::unit();
    }
    static Task<Value> yieldTask()
    {
        co_await wl::yield_now();
        co_return Value::unit();
    }
    Task<Value> timeoutTask(Duration d, Value inner, Span at)
    {
        Task<Value> t = taskOf(inner, at).named(nameOf(inner));
        std::optional<Value> r = co_await wl::timeout(d, std::move(t));
        if (r)
            co_return Value::ok(std::move(*r));
        co_return Value::err(Value::enum_("Elapsed", "Elapsed", {Value::str("deadline has elapsed")}));
    }
    // A PathBuf: a string that knows it is a path (join, display).
    static Value pathBuf(std::string path)
    {
        Value v = Value::str(std::move(path));
        v.typeName = "PathBuf";
        return v;
    }
    // What fs::write writes: a string's UTF-8 or a Vec<u8>'s bytes.
    std::string bytesOf(const Value& v, const Span& at)
    {
        if (v.kind == ValueKind::Str)
            return v.text;
        if (v.kind == ValueKind::Vec) {
            std::string out;
            for (const Cell& c : *v.items) {
                const Value& b = deref(*c);
                if (b.kind != ValueKind::Int || b.integer < 0 || b.integer > 255)
                    panic(at, "fs::write needs bytes (u8), got " + kindName(b));
                out += char(b.integer);
            }
            return out;
        }
        panic(at, "fs::write needs a String, a &str or a Vec<u8>, got " + kindName(v));
    }
    // What tokio::fs does: the std::fs call runs on the blocking pool while the task awaits it. Each call first
    // takes options_.fileLatency on its blocking thread (a disk's latency, so the wait shows).
    Task<Value> fileTask(std::string op, std::string absolute, std::string bytes, Span at)
    {
        nextTokioId();  // tokio::fs runs the call with spawn_blocking
        JoinHandle<Value> job = startFileJob(op, absolute, bytes, Duration(options_.fileLatency));
        JoinResult<Value> r = co_await job;
        if (!r.ok())
            panic(at, r.error->describe());
        co_return std::move(*r.value);
    }
    // (Not inside the coroutine: g++ 12 mishandles a capturing lambda made in a coroutine's body.)
    static JoinHandle<Value> startFileJob(std::string op, std::string absolute, std::string bytes, Duration latency)
    {
        const std::string name = "fs::" + op + " " + absolute.substr(absolute.rfind('/') + 1);
        return wl::spawn_blocking([op, absolute, bytes, latency] {
            if (latency.count() > 0)
                wl::thread_sleep(latency);
            FileResult f;
            if (op == "write")
                f = RunDirectory::write(absolute, bytes);
            else if (op == "remove_file")
                f = RunDirectory::remove(absolute);
            else
                f = RunDirectory::read(absolute, std::uint64_t(kMaxElements));
            if (!f.ok)
                return Value::err(ioError(f.error, f.code));
            if (op == "read_to_string") {
                if (!validUtf8(f.data))
                    return Value::err(ioError("stream did not contain valid UTF-8"));
                return Value::ok(Value::str(std::move(f.data)));
            }
            if (op == "read") {
                std::vector<Value> out;
                out.reserve(f.data.size());
                for (unsigned char c : f.data)
                    out.push_back(Value::int_(c));
                return Value::ok(Value::vec(std::move(out)));
            }
            return Value::ok(Value::unit());
        }, name);
    }
    // A std::io::Error: displays as its message; `integer` keeps the errno for its Debug form.
    static Value ioError(std::string message, int code = 0)
    {
        Value v = Value::str(std::move(message));
        v.typeName = "io::Error";
        v.integer = code;
        return v;
    }
    static bool validUtf8(const std::string& s)
    {
        for (size_t i = 0; i < s.size();) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
            if (n == 0 || i + n > s.size())
                return false;
            for (size_t k = 1; k < n; ++k)
                if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                    return false;
            i += n;
        }
        return true;
    }
    // A spawned task's JoinHandle; `task` makes the task, after the task id is taken.
    template <class MakeTask>
    Value spawned(MakeTask task, std::string name)
    {
        Value h;
        h.kind = ValueKind::JoinHandle;
        const std::uint64_t id = nextTokioId();
        h.object = std::make_shared<JoinHandleState>(JoinHandleState{wl::spawn(task(), std::move(name)), false, id});
        return h;
    }
    // tokio::spawn(async { .. }): the block's task made at once, with no future value between (the spawn loop of
    // many tasks); what it costs and records is what evaluating the block and then the spawn would.
    static bool spawnsBlock(const Expr& call, const Value& f)
    {
        return f.kind == ValueKind::Library && f.typeName == "tokio::spawn" && call.list.size() == 1
            && call.list[0]->kind == ExprKind::Block && call.list[0]->async;
    }
    Value spawnBlock(const Expr& async, const ScopeP& scope, const Span& at)
    {
        step(async.span);
        ScopeP captured = capture(async, scope);
        settle();
        wl::at(siteOf(at));
        countSpawn(at);
        return spawned([&] { return blockA(*async.block, std::move(captured), false, true); },
                       taskName(asyncName(async.span.line)));
    }
    void countSpawn(const Span& at)
    {
        if (spawned_.fetch_add(1, std::memory_order_relaxed) >= options_.maxTasks)
            stop(at, "more than " + std::to_string(options_.maxTasks) + " tasks spawned (the task limit)");
    }
    std::atomic<std::uint64_t> spawned_{0};
    // A closure run on a thread of its own (the blocking pool's, or an OS thread's for std::thread::spawn); its
    // computing is settled before the job ends. The handle is awaited, or joined when it is a thread's.
    Value blockingCall(Value fn, const Span& at, const char* name, bool thread)
    {
        countSpawn(at);
        Value h;
        h.kind = ValueKind::JoinHandle;
        h.object = std::make_shared<JoinHandleState>(JoinHandleState{wl::spawn_blocking([this, fn, at] {
            Value out = call(fn, {}, at);
            settle();
            return out;
        }, name), thread, thread ? 0 : nextTokioId()});
        return h;
    }
    static Value opaque(const Name& what, std::shared_ptr<void> object)
    {
        Value v;
        v.kind = ValueKind::Opaque;
        v.typeName = what;
        v.object = std::move(object);
        return v;
    }
    static Task<Value> mpscSend(std::shared_ptr<MpscSender<Value>> tx, Value v)
    {
        std::optional<Value> back = co_await tx->send(std::move(v));
        co_return sent(std::move(back));
    }
    static Value sent(std::optional<Value> back)
    {
        if (back)
            return Value::err(Value::enum_("SendError", "SendError", {std::move(*back)}));
        return Value::ok(Value::unit());
    }
    static Task<Value> mpscRecv(std::shared_ptr<MpscReceiver<Value>> rx)
    {
        std::optional<Value> got = co_await rx->recv();
        co_return optionOf(std::move(got));
    }
    static Value optionOf(std::optional<Value> got) { return got ? Value::some(std::move(*got)) : Value::none(); }
    // Ok(value), or Err(Lagged(n)) / Err(Closed), in the channel's own frame (the wait holds the receiver).
    static Task<Value> broadcastRecv(std::shared_ptr<BroadcastReceiver<Value>> rx)
    {
        BroadcastReceiver<Value>& r = *rx;
        return r.recvAs<Value>(std::move(rx), &broadcastReceived);
    }
    static Value broadcastReceived(BroadcastResult<Value> r)
    {
        if (r.index() == 0)
            return Value::ok(std::move(std::get<0>(r)));
        if (r.index() == 1)
            return Value::err(Value::enum_("RecvError", "Lagged", {Value::int_(std::int64_t(std::get<1>(r).missed))}));
        return Value::err(Value::enum_("RecvError", "Closed"));
    }
    static Task<Value> intervalTick(std::shared_ptr<Interval> interval)
    {
        Value v;
        v.kind = ValueKind::Instant;
        v.integer = co_await interval->tick();
        co_return v;
    }
    // tokio::sync::Mutex::lock: waits its turn (a semaphore of one permit, FIFO-fair); the guard is a reference to
    // the data that holds the permit, released when the last copy of the guard goes.
    static Task<Value> lockTokioMutex(std::shared_ptr<Semaphore> s, Cell data)
    {
        std::optional<SemaphorePermit> p = co_await s->acquire();
        Value guard = Value::ref(std::move(data));
        guard.object = std::make_shared<SemaphorePermit>(std::move(*p));
        co_return guard;
    }
    static Task<Value> notified(std::shared_ptr<Notify> n)
    {
        co_await n->notified();
        co_return Value::unit();
    }
    // futures::future::join_all: every future at once inside this task, the outputs in the order given.
    Task<Value> joinAllTask(std::vector<Value> futures, Span at)
    {
        std::vector<Task<Value>> arms;
        for (auto& f : futures)
            arms.push_back(taskOf(f, at).named(nameOf(f)));
        std::vector<Value> results = co_await wl::join_all(std::move(arms));
        co_return Value::vec(std::move(results));
    }
    static Task<Value> acquirePermit(std::shared_ptr<Semaphore> s)
    {
        std::optional<SemaphorePermit> p = co_await s->acquire();
        if (!p)
            co_return Value::err(Value::enum_("AcquireError", "AcquireError", {Value::str("semaphore closed")}));
        co_return Value::ok(opaque("SemaphorePermit", std::make_shared<SemaphorePermit>(std::move(*p))));
    }
    Task<Value> evalTask(const Expr* e, ScopeP scope)
    {
        Value out;
        try {
            co_await evalInto(out, *e, scope);
        } catch (ReturnSignal& r) {
            out = std::move(r.value);
        }
        settle();
        co_return std::move(out);
    }

    // The library's functions (tokio, std, futures) with their 1.x meaning on the executor.
    Value callLibrary(const std::string& path, std::vector<Value> args, const Span& at)
    {
        settle();  // what the library does (and the clock it reads) comes after the computing before it
        wl::at(siteOf(at));  // and what it records is at this expression
        auto arg = [&](size_t i) -> const Value& {
            if (i >= args.size())
                panic(at, "`" + path + "` needs more arguments");
            return deref(args[i]);
        };
        auto nanos = [&](size_t i, double scale) {
            const Value& v = arg(i);
            const double x = v.kind == ValueKind::Float ? v.real : double(v.integer);
            if (!(x >= 0))
                panic(at, "cannot make a negative Duration");
            if (x * scale >= 9.2e18)
                panic(at, "overflow when making a Duration");
            return Value::duration(std::int64_t(x * scale));
        };
        if (path.rfind("variant:", 0) == 0) {
            const std::string rest = path.substr(8);
            const auto sep = rest.find("::");
            return Value::enum_(rest.substr(0, sep), rest.substr(sep + 2), std::move(args));
        }
        if (path.rfind("struct:", 0) == 0)
            return structValue(path.substr(7), std::vector<std::string>(args.size()), std::move(args));
        if (is(path, "std::option::Option::Some"))
            return Value::some(std::move(args.at(0)));
        if (is(path, "std::result::Result::Ok"))
            return Value::ok(std::move(args.at(0)));
        if (is(path, "std::result::Result::Err"))
            return Value::err(std::move(args.at(0)));
        if (is(path, "std::task::Poll::Ready"))
            return Value::enum_("Poll", "Ready", std::move(args));
        if (is(path, "std::time::Duration::from_secs"))
            return nanos(0, 1e9);
        if (is(path, "std::time::Duration::from_millis"))
            return nanos(0, 1e6);
        if (is(path, "std::time::Duration::from_micros"))
            return nanos(0, 1e3);
        if (is(path, "std::time::Duration::from_nanos"))
            return nanos(0, 1);
        if (is(path, "std::time::Duration::from_secs_f64"))
            return nanos(0, 1e9);
        if (is(path, "std::time::Instant::now") || is(path, "tokio::time::Instant::now")) {
            Value v;
            v.kind = ValueKind::Instant;
            v.integer = wl::now();
            return v;
        }
        if (is(path, "std::mem::drop")) {
            for (auto& a : args)
                if (deref(a).kind == ValueKind::JoinHandle)
                    deref(a).handle()->handle.detach();
            return Value::unit();
        }
        if (is(path, "std::sync::Arc::new") || is(path, "std::boxed::Box::new") || is(path, "std::boxed::Box::pin")
            || is(path, "std::pin::Pin::new"))
            return std::move(args.at(0));
        if (is(path, "std::sync::Arc::clone"))
            return arg(0);
        if (is(path, "std::sync::Mutex::new") || path.rfind("std::sync::atomic::", 0) == 0) {
            Value v;
            v.kind = is(path, "std::sync::Mutex::new") ? ValueKind::Mutex : ValueKind::Atomic;
            v.target = cell(std::move(args.at(0)));
            if (v.kind == ValueKind::Mutex)
                v.object = std::make_shared<std::binary_semaphore>(1);
            return v;
        }
        if (is(path, "std::vec::Vec::new") || is(path, "std::vec::Vec::with_capacity"))
            return Value::vec({});
        if (is(path, "std::string::String::new"))
            return Value::str("");
        if (is(path, "std::string::String::from"))
            return Value::str(display(arg(0)));
        if (is(path, "tokio::spawn")) {
            countSpawn(at);
            Value fut = std::move(args.at(0));
            std::string name = taskName(deref(fut).kind == ValueKind::Future ? deref(fut).future()->name : "task");
            return spawned([&] { return taskOf(std::move(fut), at); }, std::move(name));
        }
        if (is(path, "tokio::task::spawn_blocking")) {
            return blockingCall(std::move(args.at(0)), at, "spawn_blocking", false);
        }
        if (is(path, "tokio::time::sleep")) {
            const Duration d(std::min<std::int64_t>(arg(0).integer, kForever));
            return futureValue("sleep", [d]() { return sleepTask(d); });
        }
        if (is(path, "tokio::time::sleep_until")) {
            if (arg(0).kind != ValueKind::Instant)
                panic(at, "sleep_until needs an Instant, got " + kindName(arg(0)));
            const Instant deadline = std::min<std::int64_t>(arg(0).integer, kForever);
            return futureValue("sleep_until", [deadline]() { return sleepUntilTask(deadline); });
        }
        if (is(path, "tokio::task::yield_now")) {
            return futureValue("yield_now", []() { return yieldTask(); });
        }
        if (is(path, "tokio::time::timeout")) {
            const Duration d(std::min<std::int64_t>(arg(0).integer, kForever));
            Value inner = std::move(args.at(1));
            return futureValue("timeout", [this, d, inner, at]() { return timeoutTask(d, inner, at); });
        }
        if (is(path, "tokio::sync::mpsc::channel")) {
            const std::int64_t capacity = arg(0).integer;
            if (capacity < 1)
                panic(at, "mpsc bounded channel requires buffer > 0");
            if (capacity > kMaxElements)
                stop(at, "a channel of more than " + std::to_string(kMaxElements) + " slots (the memory guard)");
            auto [tx, rx] = mpsc_channel<Value>(std::size_t(capacity), "mpsc::channel(" + std::to_string(capacity) + ")");
            return Value::tuple({opaque("mpsc::Sender", std::make_shared<MpscSender<Value>>(std::move(tx))),
                                 opaque("mpsc::Receiver", std::make_shared<MpscReceiver<Value>>(std::move(rx)))});
        }
        if (is(path, "tokio::sync::mpsc::unbounded_channel")) {
            auto [tx, rx] = mpsc_unbounded_channel<Value>();
            return Value::tuple({opaque("mpsc::UnboundedSender", std::make_shared<MpscSender<Value>>(std::move(tx))),
                                 opaque("mpsc::UnboundedReceiver", std::make_shared<MpscReceiver<Value>>(std::move(rx)))});
        }
        if (is(path, "tokio::sync::Mutex::new")) {
            Value v;
            v.kind = ValueKind::Mutex;
            v.text = "tokio";  // lock() is awaited and waits its turn (std's blocks the thread)
            v.target = cell(std::move(args.at(0)));
            v.object = Semaphore::create(1, "Mutex::new(" + debug(*v.target) + ")", "mutex");
            return v;
        }
        if (is(path, "tokio::sync::Notify::new"))
            return opaque("Notify", Notify::create("Notify::new()"));
        if (is(path, "futures::future::join_all")) {
            std::vector<Value> futures = elements(args.at(0), at);
            return futureValue("join_all", [this, futures, at]() { return joinAllTask(futures, at); });
        }
        if (is(path, "tokio::runtime::Runtime::new"))
            return Value::ok(opaque("Runtime", nullptr));
        if (is(path, "tokio::runtime::Builder::new_current_thread") || is(path, "tokio::runtime::Builder::new_multi_thread"))
            return opaque("runtime::Builder", nullptr);
        if (is(path, "tokio::sync::oneshot::channel")) {
            auto [tx, rx] = oneshot_channel<Value>("oneshot::channel()");
            return Value::tuple({opaque("oneshot::Sender", std::make_shared<OneshotSender<Value>>(std::move(tx))),
                                 opaque("oneshot::Receiver", std::make_shared<OneshotReceiver<Value>>(std::move(rx)))});
        }
        if (is(path, "tokio::sync::broadcast::channel")) {
            const std::int64_t capacity = arg(0).integer;
            if (capacity < 1)
                panic(at, "broadcast channel capacity cannot be zero");
            if (capacity > kMaxElements)
                stop(at, "a channel of more than " + std::to_string(kMaxElements) + " slots (the memory guard)");
            auto [tx, rx] = broadcast_channel<Value>(std::size_t(capacity), "broadcast::channel(" + std::to_string(capacity) + ")");
            return Value::tuple({opaque("broadcast::Sender", std::make_shared<BroadcastSender<Value>>(std::move(tx))),
                                 opaque("broadcast::Receiver", std::make_shared<BroadcastReceiver<Value>>(std::move(rx)))});
        }
        if (is(path, "tokio::time::interval")) {
            if (arg(0).integer <= 0)
                panic(at, "`period` must be non-zero.");
            return opaque("Interval", std::make_shared<Interval>(Duration(arg(0).integer)));
        }
        if (is(path, "tokio::sync::Semaphore::new")) {
            const std::int64_t permits = arg(0).integer;
            return opaque("Semaphore", Semaphore::create(std::size_t(std::max<std::int64_t>(0, permits)),
                                                         "Semaphore::new(" + std::to_string(permits) + ")"));
        }
        if (is(path, "std::env::temp_dir")) {
            std::string error;
            const std::string root = directory.root(&error);
            if (root.empty())
                stop(at, error);
            return pathBuf(root);
        }
        if (path.rfind("tokio::fs::", 0) == 0) {
            const std::string op = lastOf(path);
            const Value& target = arg(0);
            if (target.kind != ValueKind::Str)
                panic(at, "`" + path + "` needs a path, got " + kindName(target));
            std::string absolute, error;
            if (!directory.resolve(target.text, &absolute, &error))
                stop(at, "`" + path + "`: " + error);
            std::string bytes;
            if (op == "write"sv)
                bytes = bytesOf(arg(1), at);
            return futureValue("fs::" + op, [this, op, absolute, bytes, at]() { return fileTask(op, absolute, bytes, at); });
        }
        if (is(path, "futures::task::noop_waker"))
            return opaque("Waker", std::make_shared<Waker>());  // wakes nobody
        if (is(path, "std::task::Context::from_waker")) {
            const Value& w = arg(0);
            if (w.kind != ValueKind::Opaque || w.typeName != "Waker")
                panic(at, "Context::from_waker needs a &Waker, got " + kindName(w));
            return opaque("Context", w.object);
        }
        if (is(path, "wakeline::allocated_bytes"))
            return Value::int_(taskBytesInUse());  // the executor's task memory: frames and bookkeeping
        if (is(path, "wakeline::thread_stack_kib"))
            return Value::int_(std::int64_t(defaultThreadStackBytes() / 1024));
        if (is(path, "std::thread::spawn")) {
            // An OS thread of its own: a lane beside the workers, like a blocking-pool thread.
            return blockingCall(std::move(args.at(0)), at, "thread", true);
        }
        if (is(path, "std::thread::sleep")) {
            wl::thread_sleep(Duration(arg(0).integer));
            return Value::unit();
        }
        unsupported(at, "`" + path + "`");
    }

    // --- blocks ---
    // A block's own items: its fns (by name, and as items), and its structs, enums, consts and statics as items
    // (what findItem finds), a const or static also by name with its value.
    void declareItems(const Block& b, const ScopeP& scope)
    {
        if (!b.hasItems)
            return;
        for (const auto& s : b.stmts) {
            if (s.kind != StmtKind::Item)
                continue;
            const Item* item = s.item.get();
            if (item->kind != ItemKind::Fn && item->kind != ItemKind::Struct && item->kind != ItemKind::Enum
                && item->kind != ItemKind::Const && item->kind != ItemKind::Static)
                continue;
            Value v = function(item, "");
            scope->bind(keptName("item:" + item->name), v);
            if (item->kind == ItemKind::Fn)
                scope->bind(item->name, v);
            else if ((item->kind == ItemKind::Const || item->kind == ItemKind::Static) && item->value)
                scope->bind(item->name, constant(item));
            scope->declares = true;
        }
    }
    void letStatement(const Stmt& s, const Value& v, const ScopeP& scope)
    {
        if (!match(*s.pat, v, scope)) {
            if (s.elseBlock)
                block(*s.elseBlock, scope);  // it diverges: return, break or panic
            panic(s.span, "refutable pattern in `let` did not match");
        }
    }
    // A block gets a scope of its own where it binds a name; one that binds none uses the scope around it.
    Value block(const Block& b, const ScopeP& parent) { return blockIn(b, b.binds ? child(parent) : parent); }
    // `scope` is the block's own: made for it (a function's parameters, a loop iteration's variable) or shared
    // with the code around it when the block binds nothing.
    Value blockIn(const Block& b, const ScopeP& scope)
    {
        step(b.span);  // a block costs a step even when empty: `loop {}` must run into the budget
        declareItems(b, scope);
        for (const auto& s : b.stmts) {
            step(s.span);
            wl::at(makeSite(s.span.line));
            if (s.kind == StmtKind::Let)
                letStatement(s, s.init ? eval(*s.init, scope) : Value::unit(), scope);
            else if (s.kind == StmtKind::Expr)
                eval(*s.init, scope);
        }
        if (!b.tail)
            return Value::unit();
        wl::at(makeSite(b.tail->span.line));
        return eval(*b.tail, scope);
    }
    // A block run at once, until a statement must wait: the rest of it then goes on in blockA from that statement,
    // which is the task returned (empty when the whole block ran: its value is in `out`). A loop's pass that joins
    // tasks which have ended makes no frame. `own` as blockA's.
    Task<Value> blockNow(const Block& b, const ScopeP& parent, bool own, Value& out)
    {
        const ScopeP scope = (!own && b.binds) ? child(parent) : parent;
        step(b.span);
        declareItems(b, scope);
        for (std::size_t i = 0; i < b.stmts.size(); ++i) {
            const Stmt& s = b.stmts[i];
            step(s.span);
            wl::at(makeSite(s.span.line));
            Value v;  // what the statement made, dropped at its end (a guard, a permit), as Rust drops it
            if (s.init && s.init->suspends) {
                Task<Value> pending = evalA(*s.init, scope, v);
                if (pending.valid())
                    return blockA(b, scope, true, false, i, std::move(pending));
            } else if (s.init) {
                v = eval(*s.init, scope);
            }
            if (s.kind == StmtKind::Let && !match(*s.pat, v, scope)) {
                if (s.elseBlock)
                    if (Task<Value> diverging = blockNow(*s.elseBlock, scope, false, v); diverging.valid())
                        return mustDiverge(std::move(diverging), s.span);
                panic(s.span, "refutable pattern in `let` did not match");
            }
        }
        if (!b.tail) {
            out = Value::unit();
            return {};
        }
        wl::at(makeSite(b.tail->span.line));
        if (b.tail->suspends)
            return evalA(*b.tail, scope, out);
        out = eval(*b.tail, scope);
        return {};
    }
    // A `let ... else` block that had to wait: it ends in return, break or panic, never in a value.
    Task<Value> mustDiverge(Task<Value> elseBlock, Span at)
    {
        co_await std::move(elseBlock);
        panic(at, "refutable pattern in `let` did not match");
    }
    // One value slot for the whole block (awaits land in it through into()): a parked task holds this frame.
    // `own`: `parent` was made for this block alone (as blockIn's scope). `body`: the block is an async block's
    // body, run as the task itself (a frame around it would be one more allocation a task): a `return` in it ends
    // it with its value, and its computing is settled at its end. `from` and `pending`: blockNow ran the block up
    // to statement `from`, whose value `pending` computes.
    Task<Value> blockA(const Block& b, ScopeP parent, bool own = false, bool body = false, std::size_t from = 0,
                       Task<Value> pending = {})
    {
        Value v;
        const bool fresh = !own && b.binds;  // a scope made here, for this block alone
        ScopeP scope = fresh ? child(parent) : std::move(parent);
        try {
            if (!pending.valid()) {
                step(b.span);
                declareItems(b, scope);
            }
            for (std::size_t i = from; i < b.stmts.size(); ++i) {
                const Stmt& s = b.stmts[i];
                if (pending.valid()) {
                    co_await into(v, std::move(pending));
                } else {
                    step(s.span);
                    wl::at(makeSite(s.span.line));
                    if (s.init && s.init->suspends)
                        co_await evalInto(v, *s.init, scope);
                    else if (s.init)
                        v = eval(*s.init, scope);
                }
                if (s.kind == StmtKind::Let && !match(*s.pat, v, scope)) {
                    if (s.elseBlock)
                        co_await into(v, blockA(*s.elseBlock, scope));  // it diverges: return, break or panic
                    panic(s.span, "refutable pattern in `let` did not match");
                }
                v = Value();  // what the statement made is dropped at its end (a guard, a permit), as Rust drops it
            }
            if (b.tail) {
                wl::at(makeSite(b.tail->span.line));
                if (b.tail->suspends)
                    co_await evalInto(v, *b.tail, scope);
                else
                    v = eval(*b.tail, scope);
            }
        } catch (ReturnSignal& r) {
            if (!body)
                throw;
            v = std::move(r.value);
        }
        if (body) {
            if (fresh)
                scope.reset();  // its variables go before its computing is settled, what it captured after
            settle();
        }
        co_return std::move(v);
    }

    // --- expressions, directly ---
    Value eval(const Expr& e, const ScopeP& scope)
    {
        step(e.span);
        switch (e.kind) {
        case ExprKind::Literal: return literal(e);
        case ExprKind::Path: return pathValue(e.path, scope, e.span);
        case ExprKind::Block:
            if (e.async) {
                const Block* b = e.block.get();
                ScopeP captured = capture(e, scope);
                // (The lambda calls a coroutine, which takes what it needs as parameters into its frame: a lambda
                // that is itself a coroutine would keep only a pointer to its captures, which die with the future
                // value long before the task does.)
                return futureValue(asyncName(e.span.line), [this, b, captured = std::move(captured)]() mutable {
                    return blockA(*b, std::move(captured), false, true);  // (made into a task once: `used`)
                });
            }
            return block(*e.block, scope);
        case ExprKind::If: {
            const ScopeP s = mayBind(*e.a) || e.block->binds ? child(scope) : scope;
            if (truth(eval(*e.a, s), e.a->span))
                return blockIn(*e.block, s);
            return e.b ? eval(*e.b, scope) : Value::unit();
        }
        case ExprKind::Let: return Value::boolean_(match(*e.pat, eval(*e.a, scope), scope));
        case ExprKind::While: {
            PassScopes passes(scope, mayBind(*e.a) || e.block->binds);
            for (;;) {
                const ScopeP& s = passes.next();
                if (!truth(eval(*e.a, s), e.a->span))
                    return Value::unit();
                auto out = loopBody(e, [&] { blockIn(*e.block, s); });
                passes.done();
                if (out)
                    return *out;
            }
        }
        case ExprKind::Loop:
            for (;;)
                if (auto out = loopBody(e, [&] { block(*e.block, scope); }))
                    return *out;
        case ExprKind::For: {
            Value iterable = eval(*e.a, scope);
            std::optional<Value> out;
            PassScopes passes(scope, bindsName(*e.pat) || e.block->binds);  // else an iteration binds nothing
            forEach(iterable, e.a->span, [&](Value item) {
                const ScopeP& s = passes.next();
                if (!match(*e.pat, item, s))
                    panic(e.pat->span, "refutable pattern in `for`");
                out = loopBody(e, [&] { blockIn(*e.block, s); });
                passes.done();
                return !out;
            });
            return Value::unit();
        }
        case ExprKind::Match: return matchArms(e, eval(*e.a, scope), scope);
        case ExprKind::Closure: {
            Value v;
            v.kind = ValueKind::Closure;
            v.closure = &e;
            v.object = capture(e, scope);
            return v;
        }
        case ExprKind::Assign:
        case ExprKind::CompoundAssign: {
            Value rhs = eval(*e.b, scope);
            assign(e, place(*e.a, scope), std::move(rhs));
            return Value::unit();
        }
        case ExprKind::Binary:
            if (e.op == TokenKind::AndAnd || e.op == TokenKind::OrOr) {
                const bool left = truth(eval(*e.a, scope), e.a->span);
                if (e.op == TokenKind::AndAnd ? !left : left)
                    return Value::boolean_(left);
                return Value::boolean_(truth(eval(*e.b, scope), e.b->span));
            }
            return binary(e.op, eval(*e.a, scope), eval(*e.b, scope), e.span);
        case ExprKind::Unary:
            if (e.op == TokenKind::And)
                return Value::ref(place(*e.a, scope));
            return unary(e, eval(*e.a, scope));
        case ExprKind::MethodCall: {
            Args args;
            args.reserve(e.list.size());
            if (isPlace(*e.a)) {
                Cell receiver = place(*e.a, scope);
                for (const auto& x : e.list)
                    args.push_back(eval(*x, scope));
                return method(e, std::move(receiver), args);
            }
            Value receiver = eval(*e.a, scope);
            for (const auto& x : e.list)
                args.push_back(eval(*x, scope));
            return methodOn(e, std::move(receiver), args);
        }
        case ExprKind::Call: {
            Value f = eval(*e.a, scope);
            if (spawnsBlock(e, f))
                return spawnBlock(*e.list[0], scope, e.span);
            std::vector<Value> args;
            for (const auto& x : e.list)
                args.push_back(eval(*x, scope));
            if (f.kind == ValueKind::Library && f.typeName == "std::mem::drop")
                for (const auto& x : e.list)  // drop(x) ends x's life now: its value leaves the scope
                    if (x->kind == ExprKind::Path && x->path.segments.size() == 1)
                        if (Cell c = lookup(scope, x->path.segments[0].name))
                            *c = moved();
            return call(f, std::move(args), e.span);
        }
        case ExprKind::Macro: {
            std::vector<Value> args;
            for (const auto& x : e.list)
                args.push_back(eval(x->namedArgument ? *x->b : *x, scope));
            return macro(e, std::move(args), scope);
        }
        case ExprKind::Break: throw BreakSignal{e.label, e.a ? eval(*e.a, scope) : Value::unit()};
        case ExprKind::Continue: throw ContinueSignal{e.label};
        case ExprKind::Return: throw ReturnSignal{e.a ? eval(*e.a, scope) : Value::unit()};
        default: {
            std::vector<Value> kids;
            for (const Expr* k : children(e))
                kids.push_back(k ? eval(*k, scope) : Value::unit());
            return combine(e, std::move(kids), scope);
        }
        }
    }

    // The kinds that evaluate their children in order, then combine them.
    static std::vector<const Expr*> children(const Expr& e)
    {
        std::vector<const Expr*> out;
        switch (e.kind) {
        case ExprKind::Field:
        case ExprKind::Try:
        case ExprKind::Cast:
        case ExprKind::Paren:
        case ExprKind::Await: out.push_back(e.a.get()); break;
        case ExprKind::Index:
        case ExprKind::ArrayRepeat:
            out.push_back(e.a.get());
            out.push_back(e.b.get());
            break;
        case ExprKind::Range:  // an open end is a null child: the range then holds ()
            out.push_back(e.a.get());
            out.push_back(e.b.get());
            break;
        case ExprKind::Tuple:
        case ExprKind::Array:
            for (const auto& x : e.list)
                out.push_back(x.get());
            break;
        case ExprKind::Struct:
            for (const auto& f : e.fields)
                out.push_back(f.value.get());
            if (e.a)
                out.push_back(e.a.get());
            break;
        default: break;
        }
        return out;
    }
    Value combine(const Expr& e, std::vector<Value> kids, const ScopeP& scope)
    {
        (void)scope;
        switch (e.kind) {
        case ExprKind::Paren: return std::move(kids[0]);
        case ExprKind::Field: return *field(cell(std::move(kids[0])), e);
        case ExprKind::Index: return *index(cell(std::move(kids[0])), kids[1], e.span);
        case ExprKind::Try: {
            const Value& v = deref(kids[0]);
            if (v.is("Result", "Ok") || v.is("Option", "Some"))
                return v.payload();
            if (v.is("Result", "Err") || v.is("Option", "None"))
                throw ReturnSignal{v};
            panic(e.span, "`?` needs a Result or an Option, found " + kindName(v));
        }
        case ExprKind::Cast: return cast(kids[0], *e.type, e.span);
        case ExprKind::Tuple: return Value::tuple(std::move(kids));
        case ExprKind::Array: return Value::vec(std::move(kids));
        case ExprKind::ArrayRepeat: {
            const std::int64_t n = deref(kids[1]).integer;
            if (n < 0 || n > kMaxElements)
                stop(e.span, "[x; " + std::to_string(n) + "] has more than " + std::to_string(kMaxElements)
                                 + " elements (the memory guard)");
            charge(std::uint64_t(n) * cellsIn(kids[0]), e.span);
            std::vector<Value> items;
            for (std::int64_t i = 0; i < n; ++i)
                items.push_back(cloneValue(kids[0]));
            return Value::vec(std::move(items));
        }
        case ExprKind::Range: {
            Value r;
            r.kind = ValueKind::Range;
            r.inclusive = e.inclusive;
            r.items = std::make_shared<Cells>(cells({std::move(kids[0]), std::move(kids[1])}));
            return r;
        }
        case ExprKind::Struct: {
            std::string type = e.path.segments.back().name;
            if (type == "Self"sv && lookup(scope, "Self"))
                type = deref(*lookup(scope, "Self")).text;
            if (e.path.segments.size() == 2) {  // an enum's record variant: kept as its fields, by name
                std::vector<Value> values(kids.begin(), kids.begin() + std::ptrdiff_t(e.fields.size()));
                Value v = Value::enum_(e.path.segments[0].name, type, std::move(values));
                FieldNames names;
                for (const auto& f : e.fields)
                    names.push_back(f.name);
                v.names = fieldNames(std::move(names));
                return v;
            }
            const Item* def = findItem(type, scope);
            if (!def || def->kind != ItemKind::Struct)
                unsupported(e.span, "a struct literal of `" + type + "` here (a struct declared where the "
                                    "interpreter does not find it)");
            std::vector<std::string> names;
            std::vector<Value> values;
            for (const auto& d : def->fields) {
                names.push_back(d.name);
                bool given = false;
                for (size_t i = 0; i < e.fields.size(); ++i)
                    if (e.fields[i].name == d.name) {
                        values.push_back(std::move(kids[i]));
                        given = true;
                    }
                if (!given) {  // from ..base
                    const Value& base = deref(kids.back());
                    values.push_back(cloneValue(*(*base.items)[size_t(&d - &def->fields[0])]));
                }
            }
            return structValue(def->name, std::move(names), std::move(values));
        }
        default: unsupported(e.span, "this expression");
        }
    }

    // --- expressions that may suspend ---
    // Not a coroutine itself: it picks the coroutine for the expression's kind, so a parked task holds one small
    // frame per suspended expression instead of one frame sized for every kind at once. Where the value is there
    // at once (nothing in it suspends, or what it awaits has ended), it goes to `out` and the task returned is
    // empty: `co_await into(out, evalA(e, scope, out))` then waits for nothing and no frame is made. (Callers
    // await what it returns straight away: the coroutines it starts run when they would have.)
    Task<Value> evalA(const Expr& e, const ScopeP& scope, Value& out)
    {
        if (!e.suspends) {
            out = eval(e, scope);
            return {};
        }
        step(e.span);
        switch (e.kind) {
        case ExprKind::Await:
            if (!e.a->suspends) {
                // No frame of its own: the operand is there at once and the wait is the awaited task itself.
                Value v = eval(*e.a, scope);
                wl::at(siteOf(e.span));
                settle();
                return awaitValue(std::move(v), e.span, out);
            }
            return awaitA(e, scope);
        case ExprKind::Block: return blockNow(*e.block, scope, false, out);
        case ExprKind::If: return ifA(e, scope);
        case ExprKind::Let: return letA(e, scope);
        case ExprKind::While:
        case ExprKind::Loop: return loopA(e, scope);
        case ExprKind::For: return forA(e, scope);
        case ExprKind::Match: return matchA(e, scope);
        case ExprKind::Assign:
        case ExprKind::CompoundAssign: return assignA(e, scope);
        case ExprKind::Binary: return binaryA(e, scope);
        case ExprKind::Unary: return unaryA(e, scope);
        case ExprKind::MethodCall:
        case ExprKind::Call: return callNow(e, scope, out);
        case ExprKind::Macro: {
            const std::string& name = e.path.segments.back().name;
            if (is(name, "join"))
                return joinMacro(e, scope);
            if (is(name, "try_join"))
                return tryJoinMacro(e, scope);
            if (is(name, "select"))
                return selectMacro(e, scope);
            return macroA(e, scope);
        }
        case ExprKind::Break:
        case ExprKind::Return: return jumpA(e, scope);
        default: return combineA(e, scope);
        }
    }
    Task<Value> awaitA(const Expr& e, ScopeP scope)
    {
        Value v;
        co_await evalInto(v, *e.a, scope);
        wl::at(siteOf(e.span));
        settle();
        co_await into(v, awaitValue(std::move(v), e.span, v));
        co_return std::move(v);
    }
    Task<Value> ifA(const Expr& e, ScopeP scope)
    {
        const ScopeP s = mayBind(*e.a) || e.block->binds ? child(scope) : scope;
        Value v;
        co_await evalInto(v, *e.a, s);
        if (truth(v, e.a->span))
            co_await into(v, blockA(*e.block, s, true));
        else if (e.b)
            co_await evalInto(v, *e.b, scope);
        else
            v = Value();
        co_return std::move(v);
    }
    Task<Value> letA(const Expr& e, ScopeP scope)
    {
        Value v;
        if (e.a->suspends)
            co_await evalInto(v, *e.a, scope);
        else
            v = eval(*e.a, scope);
        v = Value::boolean_(match(*e.pat, v, scope));
        co_return std::move(v);
    }
    // A loop's passes run its body in place (a coroutine may co_await in a try block, not in its handlers): a
    // frame per pass would be an allocation per iteration.
    Task<Value> loopA(const Expr& e, ScopeP scope)
    {
        PassScopes passes(scope, (e.kind == ExprKind::While && mayBind(*e.a)) || e.block->binds);
        Value v;
        for (;;) {
            const ScopeP& s = passes.next();
            if (e.kind == ExprKind::While) {
                co_await evalInto(v, *e.a, s);
                if (!truth(v, e.a->span))
                    co_return Value::unit();
            }
            std::optional<Value> out;
            try {
                co_await into(v, blockNow(*e.block, s, true, v));
            } catch (BreakSignal& b) {
                if (!ours(b.label, e))
                    throw;
                out = std::move(b.value);
            } catch (ContinueSignal& c) {
                if (!ours(c.label, e))
                    throw;
            }
            passes.done();
            if (out)
                co_return std::move(*out);
        }
    }
    Task<Value> forA(const Expr& e, ScopeP scope)
    {
        Value iterable;
        co_await evalInto(iterable, *e.a, scope);
        const Value& it = deref(iterable);
        // An open range (`for i in 1..`) counts until a break; anything else is taken whole first.
        const bool open = it.kind == ValueKind::Range && deref(*(*it.items)[1]).kind == ValueKind::Unit;
        std::int64_t counter = open ? deref(*(*it.items)[0]).integer : 0;
        std::vector<Value> items;
        if (!open)
            forEach(iterable, e.a->span, [&](Value v) {
                items.push_back(std::move(v));
                return true;
            });
        PassScopes passes(scope, bindsName(*e.pat) || e.block->binds);  // else an iteration binds nothing
        Value pass;
        for (std::size_t i = 0; open || i < items.size(); ++i) {
            const ScopeP& s = passes.next();
            if (!match(*e.pat, open ? Value::int_(counter++) : std::move(items[i]), s))
                panic(e.pat->span, "refutable pattern in `for`");
            bool leave = false;
            try {
                co_await into(pass, blockNow(*e.block, s, true, pass));  // in place, as loopA's passes
            } catch (BreakSignal& b) {
                if (!ours(b.label, e))
                    throw;
                leave = true;
            } catch (ContinueSignal& c) {
                if (!ours(c.label, e))
                    throw;
            }
            passes.done();
            if (leave)
                break;
        }
        co_return Value::unit();
    }
    Task<Value> matchA(const Expr& e, ScopeP scope)
    {
        Value v, out;
        co_await evalInto(v, *e.a, scope);
        for (const auto& arm : e.arms) {
            auto s = child(scope);
            if (!match(*arm.pat, v, s))
                continue;
            if (arm.guard) {
                co_await evalInto(out, *arm.guard, s);
                if (!truth(out, arm.guard->span))
                    continue;
            }
            co_await evalInto(out, *arm.body, s);
            co_return std::move(out);
        }
        panic(e.span, "no match arm matched " + debug(v));
    }
    Task<Value> assignA(const Expr& e, ScopeP scope)
    {
        Value rhs;
        co_await evalInto(rhs, *e.b, scope);
        assign(e, place(*e.a, scope), std::move(rhs));
        co_return Value::unit();
    }
    Task<Value> binaryA(const Expr& e, ScopeP scope)
    {
        Value l, r;
        co_await evalInto(l, *e.a, scope);
        if (e.op == TokenKind::AndAnd || e.op == TokenKind::OrOr) {
            const bool left = truth(l, e.a->span);
            if (e.op == TokenKind::AndAnd ? !left : left)
                co_return Value::boolean_(left);
            co_await evalInto(r, *e.b, scope);
            co_return Value::boolean_(truth(r, e.b->span));
        }
        co_await evalInto(r, *e.b, scope);
        co_return binary(e.op, std::move(l), std::move(r), e.span);
    }
    Task<Value> unaryA(const Expr& e, ScopeP scope)
    {
        Value v;
        co_await evalInto(v, *e.a, scope);
        co_return unary(e, v);
    }
    // A call whose callee or arguments await: made here, with no frame, when each of them was there at once;
    // else callA waits for them (from the callee's wait, when that is what must wait).
    Task<Value> callNow(const Expr& e, const ScopeP& scope, Value& out)
    {
        Value f;
        Task<Value> callee;
        if (e.a->suspends)
            callee = evalA(*e.a, scope, f);
        else
            f = eval(*e.a, scope);
        if (callee.valid() || std::any_of(e.list.begin(), e.list.end(), [](const ExprP& x) { return x->suspends; }))
            return callA(e, scope, std::move(f), std::move(callee));
        Args args(e.list.size());
        for (size_t i = 0; i < e.list.size(); ++i)
            args[i] = eval(*e.list[i], scope);
        return callWith(e, std::move(f), std::move(args), out);
    }
    Task<Value> callA(const Expr& e, ScopeP scope, Value f, Task<Value> callee)
    {
        co_await into(f, std::move(callee));
        Args args(e.list.size());
        for (size_t i = 0; i < e.list.size(); ++i)
            co_await evalInto(args[i], *e.list[i], scope);
        co_await into(f, callWith(e, std::move(f), std::move(args), f));
        co_return std::move(f);
    }
    // The call itself, its callee and arguments there: block_on waits (the task returned), the rest give their
    // value to `out` at once.
    Task<Value> callWith(const Expr& e, Value f, Args args, Value& out)
    {
        if (blocksOn(e, f)) {
            // rt.block_on(future) in the synchronous main: the future runs to its end inside main's task, the
            // thread that calls block_on (tokio runs it on that thread too, beside the runtime's workers).
            if (args.size() != 1)
                panic(e.span, "block_on takes one future");
            wl::at(siteOf(e.span));
            settle();
            return awaitValue(std::move(args[0]), e.span, out);
        }
        if (e.kind == ExprKind::MethodCall)
            out = methodOn(e, std::move(f), args);
        else
            out = call(f, std::move(args).vector(), e.span);
        return {};
    }
    static bool blocksOn(const Expr& e, const Value& f)
    {
        const Value& v = deref(f);
        if (e.kind == ExprKind::MethodCall)
            return e.name == "block_on" && v.kind == ValueKind::Opaque && v.typeName == "Runtime";
        return v.kind == ValueKind::Library && v.typeName == "futures::executor::block_on";
    }
    Task<Value> macroA(const Expr& e, ScopeP scope)
    {
        std::vector<Value> args;
        for (const auto& x : e.list) {
            Value v;
            co_await evalInto(v, x->namedArgument ? *x->b : *x, scope);
            args.push_back(std::move(v));
        }
        co_return macro(e, std::move(args), scope);
    }
    Task<Value> jumpA(const Expr& e, ScopeP scope)
    {
        Value v = Value::unit();
        if (e.a)
            co_await evalInto(v, *e.a, scope);
        if (e.kind == ExprKind::Break)
            throw BreakSignal{e.label, std::move(v)};
        throw ReturnSignal{std::move(v)};
    }
    Task<Value> combineA(const Expr& e, ScopeP scope)
    {
        std::vector<Value> kids;
        for (const Expr* k : children(e)) {
            Value v = Value::unit();
            if (k)
                co_await evalInto(v, *k, scope);
            kids.push_back(std::move(v));
        }
        co_return combine(e, std::move(kids), scope);
    }

    // Whether a break or continue that reached this loop is its own (else it goes on out to an outer one).
    static bool ours(const std::string& label, const Expr& loop) { return label.empty() || label == loop.label; }
    // Whether evaluating a condition may bind a name (`if let`, `while let`, and chains of them with && / ||).
    static bool mayBind(const Expr& cond)
    {
        if (cond.kind == ExprKind::Let)
            return true;
        if (cond.kind == ExprKind::Binary && (cond.op == TokenKind::AndAnd || cond.op == TokenKind::OrOr))
            return mayBind(*cond.a) || mayBind(*cond.b);
        return cond.kind == ExprKind::Paren && mayBind(*cond.a);
    }

    // The arms of join! and try_join!: each future, an arm named by a variable (join!(slow, fast)) called by it.
    Task<std::vector<Task<Value>>> joinArms(const Expr& e, ScopeP scope)
    {
        std::vector<Task<Value>> arms;
        for (const auto& x : e.list) {
            Value f;
            co_await evalInto(f, *x, scope);
            arms.push_back(taskOf(f, x->span).named(x->kind == ExprKind::Path ? intern(x->path.text()) : nameOf(f)));
        }
        co_return arms;
    }
    Task<Value> joinMacro(const Expr& e, ScopeP scope)
    {
        std::vector<Task<Value>> arms = co_await joinArms(e, scope);
        wl::at(siteOf(e.span));
        std::vector<Value> results = co_await wl::join_all(std::move(arms));
        co_return Value::tuple(std::move(results));
    }

    // tokio::try_join!: Ok of every arm's Ok value, or the first Err, at which the other arms are dropped.
    static bool isErr(const Value& v) { return deref(v).is("Result", "Err"); }
    Task<Value> tryJoinMacro(const Expr& e, ScopeP scope)
    {
        std::vector<Task<Value>> arms = co_await joinArms(e, scope);
        wl::at(siteOf(e.span));
        auto r = co_await wl::try_join_all<Value>(std::move(arms), &isErr);
        if (r.failed)
            co_return std::move(r.values.front());
        std::vector<Value> oks;
        for (auto& v : r.values) {
            if (!deref(v).is("Result", "Ok"))
                panic(e.span, "try_join! needs every future to give a Result, got " + kindName(deref(v)));
            oks.push_back(deref(v).payload());
        }
        co_return Value::ok(Value::tuple(std::move(oks)));
    }

    Task<Value> selectMacro(const Expr& e, ScopeP scope)
    {
        std::vector<Task<Value>> arms;
        std::vector<const SelectBranch*> branches;
        const SelectBranch* otherwise = nullptr;
        for (const auto& br : e.branches) {
            if (br.isElse) {
                otherwise = &br;
                continue;
            }
            Value f;
            if (br.guard) {
                co_await evalInto(f, *br.guard, scope);
                if (!truth(f, br.guard->span))
                    continue;  // a disabled branch: its future is not even created
            }
            co_await evalInto(f, *br.future, scope);
            arms.push_back(taskOf(f, br.future->span)
                               .named(br.future->kind == ExprKind::Path ? intern(br.future->path.text()) : nameOf(f)));
            branches.push_back(&br);
        }
        if (arms.empty()) {
            if (!otherwise)
                panic(e.span, "all branches are disabled and there is no else branch");
            Value out;
            co_await evalInto(out, *otherwise->handler, scope);
            co_return out;
        }
        wl::at(siteOf(e.span));
        auto [index, value] = co_await wl::select_all(std::move(arms));
        const SelectBranch& won = *branches[index];
        auto s = child(scope);
        if (!match(*won.pat, value, s))
            unsupported(won.span, "a select! branch whose pattern does not match (tokio would disable it and wait on)");
        Value out;
        co_await evalInto(out, *won.handler, s);
        co_return out;
    }

    template <class Body>
    std::optional<Value> loopBody(const Expr& e, Body&& body)
    {
        try {
            body();
        } catch (BreakSignal& b) {
            if (!ours(b.label, e))
                throw;
            return std::move(b.value);
        } catch (ContinueSignal& c) {
            if (!ours(c.label, e))
                throw;
        }
        return std::nullopt;
    }

    Value matchArms(const Expr& e, const Value& v, const ScopeP& scope)
    {
        for (const auto& arm : e.arms) {
            auto s = child(scope);
            if (!match(*arm.pat, v, s))
                continue;
            if (arm.guard && !truth(eval(*arm.guard, s), arm.guard->span))
                continue;
            return eval(*arm.body, s);
        }
        panic(e.span, "no match arm matched " + debug(v));
    }

    // --- iteration ---
    template <class F>
    void forEach(const Value& iterable, const Span& at, F&& each)
    {
        const Value& it = deref(iterable);
        if (it.kind == ValueKind::Range) {
            const Value& lo = deref(*(*it.items)[0]);
            const Value& hi = deref(*(*it.items)[1]);
            if (hi.kind == ValueKind::Unit) {
                for (std::int64_t i = lo.integer;; ++i) {
                    step(at);
                    if (!each(Value::int_(i)))
                        return;
                }
            }
            for (std::int64_t i = lo.integer; it.inclusive ? i <= hi.integer : i < hi.integer; ++i) {
                if (!each(Value::int_(i)))
                    return;
                if (i == INT64_MAX)
                    return;  // an inclusive range that ends at the top: no i + 1
            }
            return;
        }
        if (it.kind == ValueKind::Vec) {
            const Cells items = *it.items;  // a snapshot: the body may push
            const bool byRef = iterable.kind == ValueKind::Ref;
            for (const Cell& c : items)
                if (!each(byRef ? Value::ref(c) : *c))
                    return;
            return;
        }
        panic(at, "cannot iterate over " + kindName(it));
    }
    std::vector<Value> elements(const Value& v, const Span& at)
    {
        std::vector<Value> out;
        forEach(v, at, [&](Value x) {
            if (out.size() >= std::size_t(kMaxElements))
                stop(at, "an iterator of more than " + std::to_string(kMaxElements) + " items (the memory guard)");
            step(at);
            out.push_back(std::move(x));
            return true;
        });
        return out;
    }

    // --- places ---
    Cell place(const Expr& e, const ScopeP& scope)
    {
        switch (e.kind) {
        case ExprKind::Path:
            if (e.path.segments.size() == 1)
                if (Cell c = lookup(scope, e.path.segments[0].name))
                    return c;
            return cell(eval(e, scope));
        case ExprKind::Field: return field(placeOrTemporary(*e.a, scope), e);
        case ExprKind::Index: return index(placeOrTemporary(*e.a, scope), eval(*e.b, scope), e.span);
        case ExprKind::Unary:
            if (e.op == TokenKind::Star) {
                Cell c = place(*e.a, scope);
                Value& v = *c;
                if (v.kind == ValueKind::Ref)
                    return v.target;
                if (v.kind == ValueKind::Mutex || v.kind == ValueKind::Atomic)
                    return v.target;
                return c;
            }
            return cell(eval(e, scope));
        case ExprKind::Paren: return place(*e.a, scope);
        default: return cell(eval(e, scope));
        }
    }
    static bool isPlace(const Expr& e)
    {
        return e.kind == ExprKind::Path || e.kind == ExprKind::Field || e.kind == ExprKind::Index
            || (e.kind == ExprKind::Unary && e.op == TokenKind::Star);
    }
    Cell placeOrTemporary(const Expr& e, const ScopeP& scope)
    {
        if (isPlace(e))
            return place(e, scope);
        return cell(eval(e, scope));
    }
    static Cell resolveRefs(Cell c)
    {
        for (int i = 0; c->kind == ValueKind::Ref && c->target && i < 64; ++i)
            c = c->target;
        return c;
    }
    Cell field(Cell base, const Expr& e)
    {
        Cell c = resolveRefs(std::move(base));
        const Value& v = *c;
        if ((v.kind == ValueKind::Tuple || v.kind == ValueKind::Struct || v.kind == ValueKind::Enum) && v.items) {
            if (!e.name.empty() && std::isdigit(static_cast<unsigned char>(e.name[0]))) {
                const size_t i = std::stoul(e.name);
                if (i < v.items->size())
                    return (*v.items)[i];
            } else if (v.names) {
                for (size_t i = 0; i < v.names->size(); ++i)
                    if ((*v.names)[i] == e.name)
                        return (*v.items)[i];
            }
        }
        panic(e.span, "no field `" + e.name + "` on " + kindName(v));
    }
    Cell index(Cell base, const Value& key, const Span& at)
    {
        Cell c = resolveRefs(std::move(base));
        const Value& v = *c;
        const Value& k = deref(key);
        if (v.kind == ValueKind::Vec && k.kind == ValueKind::Int) {
            if (k.integer < 0 || size_t(k.integer) >= v.items->size())
                panic(at, "index out of bounds: the len is " + std::to_string(v.items->size()) + " but the index is "
                              + std::to_string(k.integer));
            return (*v.items)[size_t(k.integer)];
        }
        unsupported(at, "indexing " + kindName(v) + " with " + kindName(k));
    }
    void assign(const Expr& e, Cell target, Value rhs)
    {
        Value& slot = *target;
        if (e.kind == ExprKind::Assign) {
            slot = std::move(rhs);
            return;
        }
        static const std::map<TokenKind, TokenKind> ops = {
            {TokenKind::PlusEq, TokenKind::Plus},   {TokenKind::MinusEq, TokenKind::Minus},
            {TokenKind::StarEq, TokenKind::Star},   {TokenKind::SlashEq, TokenKind::Slash},
            {TokenKind::PercentEq, TokenKind::Percent}, {TokenKind::CaretEq, TokenKind::Caret},
            {TokenKind::AndEq, TokenKind::And},     {TokenKind::OrEq, TokenKind::Or},
            {TokenKind::ShlEq, TokenKind::Shl},     {TokenKind::ShrEq, TokenKind::Shr},
        };
        Value& real = derefMut(slot);
        if (e.op == TokenKind::PlusEq && real.kind == ValueKind::Str) {
            real.text += display(rhs);
            return;
        }
        real = binary(ops.at(e.op), real, std::move(rhs), e.span);
    }

    // --- operators ---
    Value literal(const Expr& e)
    {
        const Token& t = e.token;
        switch (t.kind) {
        case TokenKind::KwTrue: return Value::boolean_(true);
        case TokenKind::KwFalse: return Value::boolean_(false);
        case TokenKind::Str: return Value::str(t.text);
        case TokenKind::Char: return Value::char_(t.text);
        case TokenKind::Byte: return Value::int_(static_cast<unsigned char>(t.text.empty() ? 0 : t.text[0]));
        case TokenKind::Float: return Value::float_(std::stod(t.text));
        case TokenKind::Int: {
            unsigned long long v = 0;
            for (char c : t.text) {
                const unsigned d = c <= '9' ? unsigned(c - '0') : unsigned((c | 0x20) - 'a' + 10);
                if (v > (ULLONG_MAX - d) / t.radix)
                    panic(e.span, "integer literal is too large");
                v = v * t.radix + d;
            }
            if (v > static_cast<unsigned long long>(INT64_MAX))
                unsupported(e.span, "integers above i64::MAX");
            return Value::int_(std::int64_t(v));
        }
        default: unsupported(e.span, "this literal");
        }
    }
    bool truth(const Value& v, const Span& at)
    {
        const Value& b = deref(v);
        if (b.kind != ValueKind::Bool)
            panic(at, "expected a bool, found " + kindName(b));
        return b.boolean;
    }
    Value unary(const Expr& e, const Value& operand)
    {
        const Value& v = deref(operand);
        switch (e.op) {
        case TokenKind::Minus:
            if (v.kind == ValueKind::Int) {
                if (v.integer == INT64_MIN)
                    panic(e.span, "attempt to negate with overflow");
                return Value::int_(-v.integer);
            }
            if (v.kind == ValueKind::Float)
                return Value::float_(-v.real);
            break;
        case TokenKind::Bang:
            if (v.kind == ValueKind::Bool)
                return Value::boolean_(!v.boolean);
            if (v.kind == ValueKind::Int)
                return Value::int_(~v.integer);
            break;
        case TokenKind::Star:
            if (v.kind == ValueKind::Mutex || v.kind == ValueKind::Atomic)
                return *v.target;
            return v;
        default: break;
        }
        panic(e.span, "cannot apply `" + describe(e.op) + "` to " + kindName(v));
    }
    Value binary(TokenKind op, const Value& left, const Value& right, const Span& at)
    {
        const Value& a = deref(left);
        const Value& b = deref(right);
        switch (op) {
        case TokenKind::EqEq: return Value::boolean_(equal(a, b));
        case TokenKind::Ne: return Value::boolean_(!equal(a, b));
        case TokenKind::Lt: return Value::boolean_(compareAt(a, b, at) < 0);
        case TokenKind::Le: return Value::boolean_(compareAt(a, b, at) <= 0);
        case TokenKind::Gt: return Value::boolean_(compareAt(a, b, at) > 0);
        case TokenKind::Ge: return Value::boolean_(compareAt(a, b, at) >= 0);
        default: break;
        }
        if (a.kind == ValueKind::Int && b.kind == ValueKind::Int) {
            std::int64_t r = 0;
            const std::int64_t x = a.integer, y = b.integer;
            switch (op) {
            case TokenKind::Plus:
                if (__builtin_add_overflow(x, y, &r))
                    panic(at, "attempt to add with overflow");
                return Value::int_(r);
            case TokenKind::Minus:
                if (__builtin_sub_overflow(x, y, &r))
                    panic(at, "attempt to subtract with overflow");
                return Value::int_(r);
            case TokenKind::Star:
                if (__builtin_mul_overflow(x, y, &r))
                    panic(at, "attempt to multiply with overflow");
                return Value::int_(r);
            case TokenKind::Slash:
                if (y == 0)
                    panic(at, "attempt to divide by zero");
                if (x == INT64_MIN && y == -1)
                    panic(at, "attempt to divide with overflow");
                return Value::int_(x / y);
            case TokenKind::Percent:
                if (y == 0)
                    panic(at, "attempt to calculate the remainder with a divisor of zero");
                if (x == INT64_MIN && y == -1)
                    panic(at, "attempt to calculate the remainder with overflow");
                return Value::int_(x % y);
            case TokenKind::And: return Value::int_(x & y);
            case TokenKind::Or: return Value::int_(x | y);
            case TokenKind::Caret: return Value::int_(x ^ y);
            case TokenKind::Shl: return Value::int_(x << (y & 63));
            case TokenKind::Shr: return Value::int_(x >> (y & 63));
            default: break;
            }
        }
        if ((a.kind == ValueKind::Int || a.kind == ValueKind::Float) && (b.kind == ValueKind::Int || b.kind == ValueKind::Float)) {
            const double x = a.kind == ValueKind::Int ? double(a.integer) : a.real;
            const double y = b.kind == ValueKind::Int ? double(b.integer) : b.real;
            switch (op) {
            case TokenKind::Plus: return Value::float_(x + y);
            case TokenKind::Minus: return Value::float_(x - y);
            case TokenKind::Star: return Value::float_(x * y);
            case TokenKind::Slash: return Value::float_(x / y);
            case TokenKind::Percent: return Value::float_(std::fmod(x, y));
            default: break;
            }
        }
        if (a.kind == ValueKind::Bool && b.kind == ValueKind::Bool) {
            if (op == TokenKind::And)
                return Value::boolean_(a.boolean && b.boolean);
            if (op == TokenKind::Or)
                return Value::boolean_(a.boolean || b.boolean);
            if (op == TokenKind::Caret)
                return Value::boolean_(a.boolean != b.boolean);
        }
        if (a.kind == ValueKind::Str && op == TokenKind::Plus)
            return Value::str(a.text + display(b));
        const bool time = a.kind == ValueKind::Duration || a.kind == ValueKind::Instant;
        if (time && (b.kind == ValueKind::Duration || b.kind == ValueKind::Instant)) {
            std::int64_t r = 0;
            if (op == TokenKind::Plus) {
                if (__builtin_add_overflow(a.integer, b.integer, &r))
                    panic(at, "overflow when adding durations");
                Value v = a;
                v.integer = r;
                return v;
            }
            if (op == TokenKind::Minus) {
                if ((a.integer < b.integer && a.kind == ValueKind::Duration) || __builtin_sub_overflow(a.integer, b.integer, &r))
                    panic(at, "overflow when subtracting durations");
                return Value::duration(r);
            }
        }
        if (a.kind == ValueKind::Duration && b.kind == ValueKind::Int && (op == TokenKind::Star || op == TokenKind::Slash)) {
            if (op == TokenKind::Slash && b.integer == 0)
                panic(at, "divide by zero error when dividing duration by scalar");
            std::int64_t r = 0;
            if (op == TokenKind::Star ? __builtin_mul_overflow(a.integer, b.integer, &r) || r < 0 : b.integer < 0)
                panic(at, "overflow when multiplying duration by scalar");
            return Value::duration(op == TokenKind::Star ? r : a.integer / b.integer);
        }
        panic(at, "cannot apply `" + describe(op) + "` to " + kindName(a) + " and " + kindName(b));
    }
    int compareAt(const Value& a, const Value& b, const Span& at)
    {
        try {
            return compare(a, b);
        } catch (const RustPanic& p) {
            panic(at, p.what());
        }
    }
    Value cast(const Value& operand, const Type& type, const Span& at)
    {
        const Value& v = deref(operand);
        const std::string t = type.kind == TypeKind::Path ? type.path.text() : "";
        if (t == "f64" || t == "f32") {
            if (v.kind == ValueKind::Int)
                return Value::float_(double(v.integer));
            if (v.kind == ValueKind::Float)
                return v;
        }
        static const std::map<std::string, int> bits = {{"u8", 8}, {"u16", 16}, {"u32", 32}, {"i8", -8},
            {"i16", -16}, {"i32", -32}, {"u64", 64}, {"i64", 64}, {"usize", 64}, {"isize", 64}, {"u128", 64}, {"i128", 64}};
        if (const auto it = bits.find(t); it != bits.end()) {
            std::int64_t x = 0;
            if (v.kind == ValueKind::Int)
                x = v.integer;
            else if (v.kind == ValueKind::Float)
                x = std::isnan(v.real) ? 0 : v.real >= 9.2e18 ? INT64_MAX : v.real <= -9.2e18 ? INT64_MIN : std::int64_t(v.real);
            else if (v.kind == ValueKind::Bool)
                x = v.boolean;
            else if (v.kind == ValueKind::Char)
                x = codePoint(v.text);
            else
                panic(at, "cannot cast " + kindName(v) + " as " + t);
            const int b = it->second;
            if (b > 0 && b < 64)
                x &= (std::int64_t(1) << b) - 1;
            else if (b < 0) {
                const int n = -b;
                x &= (std::int64_t(1) << n) - 1;
                if (x >= (std::int64_t(1) << (n - 1)))
                    x -= std::int64_t(1) << n;
            }
            return Value::int_(x);
        }
        if (t == "char" && v.kind == ValueKind::Int) {
            std::string s;
            if (v.integer < 0x80)
                s = std::string(1, char(v.integer));
            else
                unsupported(at, "casting integers above 127 to char");
            return Value::char_(s);
        }
        return v;
    }
    static std::int64_t codePoint(const std::string& s)
    {
        if (s.empty())
            return 0;
        const unsigned char c = static_cast<unsigned char>(s[0]);
        if (c < 0x80)
            return c;
        int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        std::int64_t v = c & (0x3F >> n);
        for (int i = 1; i <= n && i < int(s.size()); ++i)
            v = (v << 6) | (static_cast<unsigned char>(s[size_t(i)]) & 0x3F);
        return v;
    }

    // --- patterns ---
    bool match(const Pat& p, const Value& value, const ScopeP& scope)
    {
        const Value& v = deref(value);
        switch (p.kind) {
        case PatKind::Wild:
        case PatKind::Rest: return true;
        case PatKind::Ident:
            if (p.sub && !match(*p.sub, value, scope))
                return false;
            scope->bind(p.name, value);
            return true;
        case PatKind::Literal: return equal(eval(*p.lo, scope), v);
        case PatKind::Range: {
            const Value lo = eval(*p.lo, scope);
            if (compare(v, lo) < 0)
                return false;
            if (!p.hi)
                return true;
            const int c = compare(v, eval(*p.hi, scope));
            return p.inclusive ? c <= 0 : c < 0;
        }
        case PatKind::Tuple:
        case PatKind::Slice: {
            if (!v.items)
                return false;
            return matchList(p.items, *v.items, scope);
        }
        case PatKind::Ref: return match(*p.sub, value, scope);
        case PatKind::Or:
            for (const auto& alt : p.items)
                if (match(*alt, value, scope))
                    return true;
            return false;
        case PatKind::Path:
        case PatKind::TupleStruct:
        case PatKind::Struct: {
            const std::string name = p.path.segments.back().name;
            if (p.kind == PatKind::Path && p.path.segments.size() == 1) {
                // A constant or a unit variant named on its own (None, MAX).
                const Value expected = pathValue(p.path, scope, p.span);
                return equal(expected, v);
            }
            if (v.kind == ValueKind::Enum) {
                if (v.variant != name)
                    return false;
            } else if (v.kind == ValueKind::Struct) {
                if (v.typeName != name && name != "Self"sv)
                    return false;
            } else {
                return false;
            }
            if (p.kind == PatKind::TupleStruct)
                return matchList(p.items, *v.items, scope);
            if (p.kind == PatKind::Struct) {
                for (const auto& f : p.fields) {
                    bool found = false;
                    for (size_t i = 0; v.names && i < v.names->size(); ++i)
                        if ((*v.names)[i] == f.name) {
                            found = true;
                            if (!match(*f.pat, *(*v.items)[i], scope))
                                return false;
                        }
                    if (!found)
                        return false;
                }
            }
            return true;
        }
        }
        return false;
    }
    bool matchList(const std::vector<PatP>& pats, const Cells& items, const ScopeP& scope)
    {
        size_t rest = pats.size();
        for (size_t i = 0; i < pats.size(); ++i)
            if (pats[i]->kind == PatKind::Rest)
                rest = i;
        if (rest == pats.size()) {
            if (pats.size() != items.size())
                return false;
            for (size_t i = 0; i < pats.size(); ++i)
                if (!match(*pats[i], *items[i], scope))
                    return false;
            return true;
        }
        const size_t after = pats.size() - rest - 1;
        if (items.size() < rest + after)
            return false;
        for (size_t i = 0; i < rest; ++i)
            if (!match(*pats[i], *items[i], scope))
                return false;
        for (size_t i = 0; i < after; ++i)
            if (!match(*pats[rest + 1 + i], *items[items.size() - after + i], scope))
                return false;
        return true;
    }

    // --- macros ---
    Value macro(const Expr& e, std::vector<Value> args, const ScopeP& scope)
    {
        const std::string name = e.path.segments.back().name;
        if (is(name, "print") || is(name, "eprint"))
            unsupported(e.span, "`" + name + "!` (output without a line break)");
        if (is(name, "println") || is(name, "eprintln")) {
            settle();
            wl::at(siteOf(e.span));
            wl::print(args.empty() ? std::string() : format(e, args, scope));
            return Value::unit();
        }
        if (is(name, "format"))
            return Value::str(format(e, args, scope));
        if (is(name, "write") || is(name, "writeln")) {
            // Into a Formatter (in fmt of an impl Display / Debug): appends, and gives Ok(()).
            const Value& f = deref(args.at(0));
            if (f.kind != ValueKind::Opaque || f.typeName != "Formatter")
                unsupported(e.span, "`" + name + "!` into anything but the Formatter of an impl Display or Debug");
            auto buffer = std::static_pointer_cast<std::string>(f.object);
            if (args.size() > 1)
                *buffer += format(e, args, scope, 1);
            if (is(name, "writeln"))
                *buffer += "\n";
            return Value::ok(Value::unit());
        }
        if (is(name, "panic") || is(name, "todo") || is(name, "unimplemented") || is(name, "unreachable")) {
            std::string message = args.empty() ? (is(name, "panic") ? "explicit panic" : is(name, "todo") ? "not yet implemented"
                                                   : is(name, "unreachable") ? "internal error: entered unreachable code"
                                                                           : "not implemented")
                                               : format(e, args, scope);
            panic(e.span, message);
        }
        if (is(name, "assert")) {
            if (!truth(args.at(0), e.span))
                panic(e.span, args.size() > 1 ? format(e, args, scope, 1) : "assertion failed: " + sourceOf(*e.list[0]));
            return Value::unit();
        }
        if (is(name, "assert_eq") || is(name, "assert_ne")) {
            const bool same = equal(args.at(0), args.at(1));
            if (same != (is(name, "assert_eq")))
                panic(e.span, "assertion `left " + std::string(is(name, "assert_eq") ? "==" : "!=") + " right` failed"
                                  + (args.size() > 2 ? ": " + format(e, args, scope, 2) : "") + "\n  left: "
                                  + debug(args[0]) + "\n right: " + debug(args[1]));
            return Value::unit();
        }
        if (is(name, "vec"))
            return args.size() == 1 && e.list[0]->kind == ExprKind::ArrayRepeat ? std::move(args[0]) : Value::vec(std::move(args));
        if (is(name, "matches")) {
            Value v = eval(*e.a, scope);
            auto s = child(scope);
            return Value::boolean_(match(*e.pat, v, s) && (!e.b || truth(eval(*e.b, s), e.b->span)));
        }
        if (is(name, "pin") || is(name, "pin_mut"))
            return Value::unit();
        unsupported(e.span, "`" + name + "!`");
    }
    static std::string sourceOf(const Expr& e) { return dump(e); }

    // The program's own `impl Display` (or Debug, for {:?}) of the value's type: its fmt writes into a Formatter
    // (write!, writeln!, write_str), whose text is the result. nullopt when the type has no such impl.
    std::optional<std::string> userFormat(const Value& v, bool dbg, const Span& at)
    {
        if ((v.kind != ValueKind::Struct && v.kind != ValueKind::Enum) || v.typeName.empty())
            return std::nullopt;
        const Item* fmt = ownMethod(v.typeName, dbg ? "fmt#Debug" : "fmt#Display");
        if (!fmt)
            return std::nullopt;
        auto buffer = std::make_shared<std::string>();
        Value r = call(function(fmt, v.typeName), {Value::ref(cell(v)), opaque("Formatter", buffer)}, at);
        if (deref(r).is("Result", "Err"))
            panic(at, "a Display implementation returned an error unexpectedly");
        return std::move(*buffer);
    }

    // format!-style text: {} {:?} {name} {0} {:>8} {:<8.2} {:^5} {:08.3} {:>width$} {:.*} {{ }}.
    std::string format(const Expr& e, const std::vector<Value>& args, const ScopeP& scope, size_t first = 0)
    {
        const Value& f = deref(args.at(first));
        if (f.kind != ValueKind::Str)
            panic(e.span, "format argument must be a string literal");
        const std::string& fmt = f.text;
        std::string out;
        size_t next = first + 1;
        for (size_t i = 0; i < fmt.size(); ++i) {
            const char c = fmt[i];
            if (c == '}' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
                out += '}';
                ++i;
                continue;
            }
            if (c != '{') {
                out += c;
                continue;
            }
            if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
                out += '{';
                ++i;
                continue;
            }
            const size_t close = fmt.find('}', i);
            if (close == std::string::npos)
                panic(e.span, "invalid format string: expected `}`");
            const std::string spec = fmt.substr(i + 1, close - i - 1);
            i = close;
            const size_t colon = spec.find(':');
            const std::string argName = spec.substr(0, colon);
            std::string options = colon == std::string::npos ? "" : spec.substr(colon + 1);
            if (options.find('$') != std::string::npos || options.find(".*") != std::string::npos)
                options = countsPutIn(e, options, args, first, next, scope);
            Value v;
            if (argName.empty()) {
                if (next >= args.size())
                    panic(e.span, "format string needs more arguments than were given");
                v = args[next++];
            } else if (std::isdigit(static_cast<unsigned char>(argName[0]))) {
                const size_t k = first + 1 + std::stoul(argName);
                if (k >= args.size())
                    panic(e.span, "invalid reference to positional argument " + argName);
                v = args[k];
            } else {
                v = namedInFormat(e, args, scope, argName);
            }
            out += formatOne(v, options, e.span);
        }
        return out;
    }
    // What a name in a format string reads: the macro's argument of that name (`x = 1`), else the variable.
    Value namedInFormat(const Expr& e, const std::vector<Value>& args, const ScopeP& scope, const std::string& name)
    {
        for (std::size_t i = 0; i < e.list.size() && i < args.size(); ++i)
            if (e.list[i]->namedArgument && e.list[i]->a->path.segments[0].name == name)
                return args[i];
        if (const Value* v = lookupValue(scope, name))
            return *v;
        panic(e.span, "cannot find value `" + name + "` in this scope (named in the format string)");
    }
    // A width or precision an argument gives: `{:>width$}`, `{:.prec$}`, `{:1$}` (named or positional), and `{:.*}`
    // (the next positional argument, before the value), put into the options as numbers.
    std::string countsPutIn(const Expr& e, const std::string& options, const std::vector<Value>& args, size_t first,
                            size_t& next, const ScopeP& scope)
    {
        const Span& at = e.span;
        auto count = [&](const Value& v) {
            const Value& d = deref(v);
            if (d.kind != ValueKind::Int || d.integer < 0)
                panic(at, "a format width or precision must be a usize, got " + kindName(d));
            return std::to_string(d.integer);
        };
        std::string out;
        for (size_t k = 0; k < options.size(); ++k) {
            if (options[k] == '*' && k > 0 && options[k - 1] == '.') {
                if (next >= args.size())
                    panic(at, "format string needs more arguments than were given");
                out += count(args[next++]);
                continue;
            }
            if (options[k] != '$') {
                out += options[k];
                continue;
            }
            // The name or index before the `$` went to `out` already: take it back.
            size_t start = out.size();
            while (start > 0 && (std::isalnum(static_cast<unsigned char>(out[start - 1])) || out[start - 1] == '_'))
                --start;
            if (out.size() - start > 1 && out[start] == '0')
                ++start;  // the `0` flag before the count (`{:08$}` is zero-padded to argument 8)
            const std::string name = out.substr(start);
            out.resize(start);
            if (name.empty())
                panic(at, "invalid format string: `$` needs an argument's name or index before it");
            if (std::isdigit(static_cast<unsigned char>(name[0]))) {
                const size_t index = first + 1 + std::stoul(name);
                if (index >= args.size())
                    panic(at, "invalid reference to positional argument " + name);
                out += count(args[index]);
            } else {
                out += count(namedInFormat(e, args, scope, name));
            }
        }
        return out;
    }
    std::string formatOne(const Value& v, const std::string& options, const Span& at)
    {
        // [[fill]align][sign]['#']['0'][width]['.' precision][type]
        char fill = ' ', align = 0;
        size_t k = 0;
        if (options.size() >= 2 && (options[1] == '<' || options[1] == '>' || options[1] == '^')) {
            fill = options[0];
            align = options[1];
            k = 2;
        } else if (!options.empty() && (options[0] == '<' || options[0] == '>' || options[0] == '^')) {
            align = options[0];
            k = 1;
        }
        bool plus = false;
        if (k < options.size() && options[k] == '+') {
            plus = true;
            ++k;
        }
        if (k < options.size() && options[k] == '#')
            ++k;
        bool zero = false;
        if (k < options.size() && options[k] == '0') {
            zero = true;
            ++k;
        }
        size_t width = 0;
        while (k < options.size() && std::isdigit(static_cast<unsigned char>(options[k])))
            width = std::min<size_t>(width * 10 + size_t(options[k++] - '0'), 4096);  // a guard, not Rust's limit
        int precision = -1;
        if (k < options.size() && options[k] == '.') {
            ++k;
            precision = 0;
            while (k < options.size() && std::isdigit(static_cast<unsigned char>(options[k])))
                precision = std::min(precision * 10 + (options[k++] - '0'), 1000);
        }
        const bool dbg = options.find('?') != std::string::npos;
        const Value& d = deref(v);
        std::string text;
        if (std::optional<std::string> own = userFormat(d, dbg, at)) {
            text = std::move(*own);
        } else if (precision >= 0 && (d.kind == ValueKind::Float || d.kind == ValueKind::Int)) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.*f", precision, d.kind == ValueKind::Float ? d.real : double(d.integer));
            text = buf;
        } else if (precision >= 0 && d.kind == ValueKind::Str) {
            text = d.text.substr(0, size_t(precision));
        } else {
            text = dbg ? debug(d) : display(d);
        }
        if (plus && (d.kind == ValueKind::Int || d.kind == ValueKind::Float) && !text.empty() && text[0] != '-')
            text = "+" + text;
        size_t length = 0;
        for (unsigned char ch : text)
            length += (ch & 0xC0) != 0x80;
        if (length >= width)
            return text;
        const size_t pad = width - length;
        const bool number = d.kind == ValueKind::Int || d.kind == ValueKind::Float;
        if (zero && number && !align) {
            const bool sign = !text.empty() && (text[0] == '-' || text[0] == '+');
            return (sign ? text.substr(0, 1) : "") + std::string(pad, '0') + (sign ? text.substr(1) : text);
        }
        if (!align)
            align = number ? '>' : '<';
        if (align == '<')
            return text + std::string(pad, fill);
        if (align == '>')
            return std::string(pad, fill) + text;
        return std::string(pad / 2, fill) + text + std::string(pad - pad / 2, fill);
    }

    // --- methods ---
    Value method(const Expr& e, Cell receiver, Args& args)
    {
        Cell self = resolveRefs(receiver);
        Value& v = *self;
        const std::string& m = e.name;
        // The program's own methods first.
        if ((v.kind == ValueKind::Struct || v.kind == ValueKind::Enum) && hasOwnMethods(v.typeName)) {
            const auto type = methods_.find(v.typeName);
            if (type != methods_.end() && type->second.count(m)) {
                const Item* fn = type->second.at(m);
                std::vector<Value> all;
                const bool byValue = !fn->params.empty() && fn->params[0].self && !fn->params[0].pat->byRef
                    && !fn->params[0].type;
                all.push_back(byValue ? v : Value::ref(self));
                for (auto& a : args)
                    all.push_back(std::move(a));
                return call(function(fn, v.typeName), std::move(all), e.span);
            }
        }
        settle();  // a library method may read the clock or record an event
        return builtinMethod(e, self, v, m, args);
    }

    // A method called on a value in no place (what a call or an await gave): it gets a cell only where the method
    // may keep one (a Vec's or a Range's methods, the program's own methods' &self).
    Value methodOn(const Expr& e, Value receiver, Args& args)
    {
        const ValueKind k = receiver.kind;
        if (k == ValueKind::Ref || k == ValueKind::Vec || k == ValueKind::Range
            || ((k == ValueKind::Struct || k == ValueKind::Enum) && hasOwnMethods(receiver.typeName)))
            return method(e, cell(std::move(receiver)), args);
        settle();  // as method() does before the library's
        return builtinMethod(e, nullptr, receiver, e.name, args);
    }
    // `self` is the receiver's cell; null for a value in no place (methodOn), which only a Vec's or a Range's need.
    Value builtinMethod(const Expr& e, const Cell& self, Value& v, const std::string& m, Args& args)
    {
        const Span& at = e.span;
        auto arg = [&](size_t i) -> const Value& {
            if (i >= args.size())
                panic(at, "`" + m + "` needs more arguments");
            return deref(args[i]);
        };
        if (is(m, "clone") || is(m, "to_owned") || is(m, "cloned") || is(m, "copied")) {
            charge(cellsIn(v), at);
            return cloneValue(v);
        }
        if (is(m, "into") && v.kind != ValueKind::Opaque)
            return cloneValue(v);  // &str into String, and the like: the same value here
        if (is(m, "to_string")) {
            if (std::optional<std::string> own = userFormat(v, false, at))
                return Value::str(std::move(*own));
            return Value::str(display(v));
        }
        switch (v.kind) {
        case ValueKind::Future:
            // FutureExt::fuse (what futures::select! asks for) and boxed: the same future here.
            if (is(m, "fuse") || is(m, "boxed"))
                return v;
            break;
        case ValueKind::Str:
            if (v.typeName == "PathBuf") {
                if (is(m, "join")) {
                    const std::string& more = arg(0).text;
                    return pathBuf(!more.empty() && more[0] == '/' ? more : v.text + (v.text.empty() || v.text.back() == '/' ? "" : "/") + more);
                }
                if (is(m, "display") || is(m, "to_string_lossy"))
                    return Value::str(v.text);
                if (is(m, "to_str"))
                    return Value::some(Value::str(v.text));
            }
            if (is(m, "len"))
                return Value::int_(std::int64_t(v.text.size()));
            if (is(m, "is_empty"))
                return Value::boolean_(v.text.empty());
            if (is(m, "as_str") || is(m, "trim_end_matches"))
                return v;
            if (is(m, "push_str")) {
                v.text += display(arg(0));
                return Value::unit();
            }
            if (is(m, "push")) {
                v.text += arg(0).text;
                return Value::unit();
            }
            if (is(m, "to_uppercase") || is(m, "to_lowercase")) {
                std::string s = v.text;
                for (char& c : s)
                    c = char(is(m, "to_uppercase") ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
                return Value::str(s);
            }
            if (is(m, "contains"))
                return Value::boolean_(v.text.find(display(arg(0))) != std::string::npos);
            if (is(m, "starts_with"))
                return Value::boolean_(v.text.rfind(display(arg(0)), 0) == 0);
            if (is(m, "lines")) {
                std::vector<Value> lines;
                size_t start = 0;
                while (start < v.text.size()) {
                    size_t nl = v.text.find('\n', start);
                    if (nl == std::string::npos)
                        nl = v.text.size();
                    std::string line = v.text.substr(start, nl - start);
                    if (!line.empty() && line.back() == '\r')
                        line.pop_back();
                    lines.push_back(Value::str(std::move(line)));
                    start = nl + 1;
                }
                charge(lines.size(), at);
                return Value::vec(std::move(lines));
            }
            if (is(m, "trim")) {
                const auto b = v.text.find_first_not_of(" \t\n\r");
                const auto end = v.text.find_last_not_of(" \t\n\r");
                return Value::str(b == std::string::npos ? "" : v.text.substr(b, end - b + 1));
            }
            if (is(m, "repeat")) {
                const std::int64_t n = arg(0).integer;
                if (n < 0 || (n > 0 && std::uint64_t(v.text.size()) * std::uint64_t(n) > std::uint64_t(16 * kMaxElements)))
                    stop(at, "a repeated string of more than 16 MB (the memory guard)");
                charge(v.text.size() * std::uint64_t(n) / 64, at);
                std::string s;
                for (std::int64_t i = 0; i < n; ++i)
                    s += v.text;
                return Value::str(s);
            }
            if (is(m, "parse")) {
                try {
                    size_t used = 0;
                    const bool isFloat = !e.generics.empty() && e.generics[0]->kind == TypeKind::Path
                        && (e.generics[0]->path.text() == "f64" || e.generics[0]->path.text() == "f32");
                    if (isFloat) {
                        const double d = std::stod(v.text, &used);
                        if (used == v.text.size())
                            return Value::ok(Value::float_(d));
                    } else {
                        const long long n = std::stoll(v.text, &used);
                        if (used == v.text.size())
                            return Value::ok(Value::int_(n));
                    }
                } catch (const std::exception&) {
                }
                return Value::err(Value::str("invalid digit found in string"));
            }
            break;
        case ValueKind::Int:
        case ValueKind::Float: {
            const bool isInt = v.kind == ValueKind::Int;
            if (is(m, "abs")) {
                if (isInt && v.integer == INT64_MIN)
                    panic(at, "attempt to negate with overflow");
                return isInt ? Value::int_(v.integer < 0 ? -v.integer : v.integer) : Value::float_(std::fabs(v.real));
            }
            if (is(m, "pow") && isInt) {
                std::int64_t r = 1, base = v.integer, e = arg(0).integer;
                if (e < 0)
                    panic(at, "attempt to raise to a negative power");
                for (; e > 0; e >>= 1) {  // by squaring: an exponent of 10^18 takes 60 turns, not 10^18
                    if ((e & 1) && __builtin_mul_overflow(r, base, &r))
                        panic(at, "attempt to multiply with overflow");
                    if (e > 1 && __builtin_mul_overflow(base, base, &base))
                        panic(at, "attempt to multiply with overflow");
                }
                return Value::int_(r);
            }
            if (is(m, "min") || is(m, "max")) {
                const bool less = compare(v, arg(0)) < 0;
                return (is(m, "min")) == less ? v : arg(0);
            }
            if (is(m, "sqrt"))
                return Value::float_(std::sqrt(isInt ? double(v.integer) : v.real));
            if (is(m, "powi"))
                return Value::float_(std::pow(v.real, double(arg(0).integer)));
            if (is(m, "round") || is(m, "floor") || is(m, "ceil"))
                return Value::float_(is(m, "round") ? std::round(v.real) : is(m, "floor") ? std::floor(v.real) : std::ceil(v.real));
            if (is(m, "saturating_sub") && isInt)
                return Value::int_(std::max<std::int64_t>(0, v.integer - arg(0).integer));
            if ((is(m, "checked_add") || is(m, "checked_sub") || is(m, "checked_mul")) && isInt) {
                std::int64_t r = 0;
                const bool overflow = is(m, "checked_add") ? __builtin_add_overflow(v.integer, arg(0).integer, &r)
                    : is(m, "checked_sub") ? __builtin_sub_overflow(v.integer, arg(0).integer, &r)
                                         : __builtin_mul_overflow(v.integer, arg(0).integer, &r);
                return overflow ? Value::none() : Value::some(Value::int_(r));
            }
            break;
        }
        case ValueKind::Enum:
            if (v.typeName == "Option" || v.typeName == "Result") {
                const bool good = v.variant == "Some" || v.variant == "Ok";
                if (is(m, "is_some") || is(m, "is_ok"))
                    return Value::boolean_(good);
                if (is(m, "is_none") || is(m, "is_err"))
                    return Value::boolean_(!good);
                if (is(m, "unwrap") || is(m, "expect")) {
                    if (good)
                        return v.payload();
                    if (is(m, "expect"))
                        panic(at, display(arg(0)) + (v.variant == "Err" ? ": " + debug(v.payload()) : ""));
                    panic(at, v.variant == "None" ? "called `Option::unwrap()` on a `None` value"
                                                  : "called `Result::unwrap()` on an `Err` value: " + debug(v.payload()));
                }
                if (is(m, "unwrap_err") || is(m, "expect_err")) {
                    if (!good)
                        return v.payload();
                    panic(at, is(m, "expect_err") ? display(arg(0)) + ": " + debug(v.payload())
                                                : "called `Result::unwrap_err()` on an `Ok` value: " + debug(v.payload()));
                }
                if (is(m, "unwrap_or"))
                    return good ? v.payload() : arg(0);
                if (is(m, "unwrap_or_else"))
                    return good ? v.payload() : call(args.at(0), v.variant == "Err" ? std::vector<Value>{v.payload()} : std::vector<Value>{}, at);
                if (is(m, "unwrap_or_default"))
                    return good ? v.payload() : Value::int_(0);
                if (is(m, "ok"))
                    return v.variant == "Ok" ? Value::some(v.payload()) : Value::none();
                if (is(m, "err"))
                    return v.variant == "Err" ? Value::some(v.payload()) : Value::none();
                if (is(m, "map"))
                    return good ? Value::enum_(v.typeName, v.variant, {call(args.at(0), {v.payload()}, at)}) : v;
                if (is(m, "map_err"))
                    return v.variant == "Err" ? Value::err(call(args.at(0), {v.payload()}, at)) : v;
                if (is(m, "and_then"))
                    return good ? call(args.at(0), {v.payload()}, at) : v;
                if (is(m, "is_some_and"))
                    return Value::boolean_(good && truth(call(args.at(0), {v.payload()}, at), at));
                if (is(m, "take")) {
                    Value old = v;
                    v = Value::none();
                    return old;
                }
            }
            if (v.typeName == "JoinError") {
                if (is(m, "is_cancelled"))
                    return Value::boolean_(v.variant == "Cancelled");
                if (is(m, "is_panic"))
                    return Value::boolean_(v.variant == "Panic");
            }
            break;
        case ValueKind::Vec:
        case ValueKind::Range:
            return sequenceMethod(e, self, v, m, args);
        case ValueKind::Duration:
            if (is(m, "as_secs"))
                return Value::int_(v.integer / 1'000'000'000);
            if (is(m, "as_millis"))
                return Value::int_(v.integer / 1'000'000);
            if (is(m, "as_micros"))
                return Value::int_(v.integer / 1'000);
            if (is(m, "as_nanos"))
                return Value::int_(v.integer);
            if (is(m, "as_secs_f64"))
                return Value::float_(double(v.integer) / 1e9);
            if (is(m, "subsec_millis"))
                return Value::int_((v.integer % 1'000'000'000) / 1'000'000);
            break;
        case ValueKind::Instant:
            if (is(m, "elapsed"))
                return Value::duration(wl::now() - v.integer);
            if (is(m, "duration_since"))
                return Value::duration(std::max<std::int64_t>(0, v.integer - arg(0).integer));
            break;
        case ValueKind::JoinHandle:
            if (is(m, "abort")) {
                v.handle()->handle.abort();
                return Value::unit();
            }
            if (is(m, "is_finished"))
                return Value::boolean_(v.handle()->handle.isFinished());
            if (is(m, "join") && v.handle()->thread) {
                if (JoinCore* core = v.handle()->handle.core())
                    wl::join_thread(*core);  // blocks this worker (and its tasks) until the thread ends
                std::optional<JoinResult<Value>> r = v.handle()->handle.tryJoin();
                if (!r)
                    panic(at, "the thread was joined already");
                if (r->ok())
                    return Value::ok(std::move(*r->value));
                return Value::err(Value::str(r->error->message));
            }
            break;
        case ValueKind::Opaque:
            // clone() of a channel end or a semaphore shares it (Arc-like): it closes when the last holder goes.
            if (v.typeName == "mpsc::Sender" && is(m, "send")) {
                auto tx = std::static_pointer_cast<MpscSender<Value>>(v.object);
                Value msg = args.at(0);
                return futureValue("send", [tx, msg]() { return mpscSend(tx, msg); });
            }
            if (v.typeName == "mpsc::Sender" && is(m, "try_send")) {
                auto tx = std::static_pointer_cast<MpscSender<Value>>(v.object);
                Value msg = args.at(0);
                switch (tx->trySend(msg)) {
                case MpscChannel<Value>::TrySend::Sent: return Value::ok(Value::unit());
                case MpscChannel<Value>::TrySend::Full: return Value::err(Value::enum_("TrySendError", "Full", {msg}));
                case MpscChannel<Value>::TrySend::Closed: return Value::err(Value::enum_("TrySendError", "Closed", {msg}));
                }
            }
            if (v.typeName == "mpsc::UnboundedSender" && is(m, "send")) {
                // Never waits: there is always room.
                auto tx = std::static_pointer_cast<MpscSender<Value>>(v.object);
                Value msg = args.at(0);
                if (tx->trySend(msg) == MpscChannel<Value>::TrySend::Sent)
                    return Value::ok(Value::unit());
                return Value::err(Value::enum_("SendError", "SendError", {msg}));
            }
            if (v.typeName == "Notify") {
                auto n = std::static_pointer_cast<Notify>(v.object);
                if (is(m, "notified"))
                    return futureValue("notified", [n]() { return notified(n); });
                if (is(m, "notify_one")) {
                    n->notifyOne();
                    return Value::unit();
                }
                if (is(m, "notify_waiters")) {
                    n->notifyWaiters();
                    return Value::unit();
                }
            }
            if (v.typeName == "runtime::Builder") {
                // The runtime's shape is read from the program before the run (worker_threads, new_current_thread).
                if (is(m, "worker_threads") || is(m, "enable_all") || is(m, "enable_time") || is(m, "enable_io")
                    || is(m, "start_paused") || is(m, "thread_name"))
                    return v;
                if (is(m, "build"))
                    return Value::ok(opaque("Runtime", nullptr));
            }
            if (v.typeName == "Runtime" && is(m, "spawn"))
                return callLibrary("tokio::spawn", std::move(args).vector(), at);
            if (v.typeName == "Runtime" && is(m, "block_on"))
                panic(at, "Cannot start a runtime from within a runtime: block_on is for the synchronous `fn main`");
            if ((v.typeName == "mpsc::Receiver" || v.typeName == "mpsc::UnboundedReceiver") && is(m, "recv")) {
                auto rx = std::static_pointer_cast<MpscReceiver<Value>>(v.object);
                return futureValue("recv", [rx]() { return mpscRecv(rx); });
            }
            if (v.typeName == "broadcast::Sender") {
                auto tx = std::static_pointer_cast<BroadcastSender<Value>>(v.object);
                if (is(m, "send")) {
                    const std::size_t receivers = tx->send(args.at(0));
                    if (receivers == 0)
                        return Value::err(Value::enum_("SendError", "SendError", {args.at(0)}));
                    return Value::ok(Value::int_(std::int64_t(receivers)));
                }
                if (is(m, "subscribe"))
                    return opaque("broadcast::Receiver", std::make_shared<BroadcastReceiver<Value>>(tx->subscribe()));
            }
            if (v.typeName == "broadcast::Receiver" && is(m, "recv")) {
                auto rx = std::static_pointer_cast<BroadcastReceiver<Value>>(v.object);
                return futureValue("recv", [rx]() { return broadcastRecv(rx); });
            }
            if (v.typeName == "Interval" && is(m, "tick")) {
                auto interval = std::static_pointer_cast<Interval>(v.object);
                return futureValue("tick", [interval]() { return intervalTick(interval); });
            }
            if (v.typeName == "Semaphore") {
                auto s = std::static_pointer_cast<Semaphore>(v.object);
                // (acquire_owned: a permit that owns its share of the Arc; every permit here keeps the semaphore.)
                if (is(m, "acquire") || is(m, "acquire_owned"))
                    return futureValue("acquire", [s]() { return acquirePermit(s); });
                if (is(m, "available_permits"))
                    return Value::int_(std::int64_t(s->available()));
            }
            if (v.typeName == "oneshot::Sender" && is(m, "send")) {
                // Consumes the sender: the value is there for the receiver at once (no await in tokio either).
                auto tx = std::static_pointer_cast<OneshotSender<Value>>(v.object);
                std::move(*tx).send(args.at(0));
                v = moved();
                return Value::ok(Value::unit());
            }
            if (v.typeName == "Formatter" && (is(m, "write_str") || is(m, "write_string"))) {
                *std::static_pointer_cast<std::string>(v.object) += display(arg(0));
                return Value::ok(Value::unit());
            }
            if (v.typeName == "Context" && is(m, "waker"))
                return opaque("Waker", v.object);
            if (v.typeName == "Waker") {
                auto waker = std::static_pointer_cast<Waker>(v.object);
                if (is(m, "wake_by_ref") || is(m, "wake")) {
                    if (*waker)
                        waker->wake(WakeSource::here());
                    return Value::unit();
                }
                if (is(m, "clone"))
                    return opaque("Waker", std::make_shared<Waker>(*waker));
                if (is(m, "will_wake")) {
                    const Value& other = arg(0);
                    return Value::boolean_(other.kind == ValueKind::Opaque && other.typeName == "Waker"
                                           && std::static_pointer_cast<Waker>(other.object)->taskId() == waker->taskId());
                }
            }
            if (v.typeName == "a moved value")
                panic(at, "use of a moved value");
            break;
        case ValueKind::Mutex:
            if (v.text == "tokio") {
                auto s = std::static_pointer_cast<Semaphore>(v.object);
                Cell data = v.target;
                if (is(m, "lock"))
                    return futureValue("lock", [s, data]() { return lockTokioMutex(s, data); });
                if (is(m, "try_lock")) {
                    std::optional<SemaphorePermit> p = s->tryAcquire();
                    if (!p)
                        return Value::err(Value::enum_("TryLockError", "TryLockError"));
                    Value guard = Value::ref(std::move(data));
                    guard.object = std::make_shared<SemaphorePermit>(std::move(*p));
                    return Value::ok(std::move(guard));
                }
                break;
            }
            if (is(m, "lock")) {
                // The guard is a reference that holds the lock: it is released when the last copy of it goes,
                // at the end of the statement or scope that holds it, as a MutexGuard is dropped.
                auto lock = std::static_pointer_cast<std::binary_semaphore>(v.object);
                if (lock && !lock->try_acquire()) {
                    if (!(options_.mode == Mode::Threaded))
                        stop(at, "deadlock: this Mutex is locked by a task that is not running (a std::sync::Mutex "
                                 "guard held across an .await?), and nothing else can run on this thread meanwhile");
                    for (int waited = 0; !lock->try_acquire_for(std::chrono::milliseconds(10)); ++waited)
                        if (waited >= 500 || (options_.control && options_.control->stop.load()))
                            stop(at, "waited 5 s for a std::sync::Mutex that stays locked: a deadlock?");
                }
                Value guard = Value::ref(v.target);
                if (lock)
                    guard.object = std::shared_ptr<void>(nullptr, [lock](void*) { lock->release(); });
                return Value::ok(std::move(guard));
            }
            break;
        case ValueKind::Atomic: {
            std::lock_guard lock(atomicsMutex_);  // one lock makes every atomic operation of the run indivisible
            if (is(m, "load"))
                return *v.target;
            if (is(m, "store")) {
                *v.target = arg(0);
                return Value::unit();
            }
            if (is(m, "fetch_add") || is(m, "fetch_sub")) {
                Value old = *v.target;
                v.target->integer += is(m, "fetch_add") ? arg(0).integer : -arg(0).integer;
                return old;
            }
            break;
        }
        default: break;
        }
        unsupported(at, "the method `" + m + "` on " + kindName(v));
    }

    Value sequenceMethod(const Expr& e, const Cell& self, Value& v, const std::string& m, Args& args)
    {
        const Span& at = e.span;
        if (v.kind == ValueKind::Vec) {
            Cells& items = *v.items;
            if (is(m, "push")) {
                items.push_back(cell(std::move(args.at(0))));
                return Value::unit();
            }
            if (is(m, "pop")) {
                if (items.empty())
                    return Value::none();
                Value last = *items.back();
                items.pop_back();
                return Value::some(std::move(last));
            }
            if (is(m, "len"))
                return Value::int_(std::int64_t(items.size()));
            if (is(m, "is_empty"))
                return Value::boolean_(items.empty());
            if (is(m, "iter") || is(m, "iter_mut"))
                return Value::ref(self);
            if (is(m, "into_iter"))
                return v;
            if (is(m, "first") || is(m, "last"))
                return items.empty() ? Value::none() : Value::some(Value::ref(is(m, "first") ? items.front() : items.back()));
            if (is(m, "get")) {
                const std::int64_t i = deref(args.at(0)).integer;
                return i >= 0 && size_t(i) < items.size() ? Value::some(Value::ref(items[size_t(i)])) : Value::none();
            }
            if (is(m, "contains")) {
                for (const Cell& c : items)
                    if (equal(*c, args.at(0)))
                        return Value::boolean_(true);
                return Value::boolean_(false);
            }
            if (is(m, "sort") || is(m, "sort_unstable")) {
                std::stable_sort(items.begin(), items.end(), [&](const Cell& a, const Cell& b) { return compareAt(*a, *b, at) < 0; });
                return Value::unit();
            }
            if (is(m, "reverse")) {
                std::reverse(items.begin(), items.end());
                return Value::unit();
            }
            if (is(m, "clear")) {
                items.clear();
                return Value::unit();
            }
            if (is(m, "join")) {
                std::string s;
                for (size_t i = 0; i < items.size(); ++i)
                    s += (i ? display(args.at(0)) : "") + display(*items[i]);
                return Value::str(s);
            }
            if (is(m, "extend")) {
                for (auto& x : elements(args.at(0), at))
                    items.push_back(cell(std::move(x)));
                return Value::unit();
            }
            if (is(m, "remove")) {
                const std::int64_t i = deref(args.at(0)).integer;
                if (i < 0 || size_t(i) >= items.size())
                    panic(at, "removal index (is " + std::to_string(i) + ") should be < len (is " + std::to_string(items.size()) + ")");
                Value out = *items[size_t(i)];
                items.erase(items.begin() + i);
                return out;
            }
        }
        // Iterator adapters, eagerly (a lesson's iterators are short and their closures have no effects to reorder).
        std::vector<Value> xs = elements(Value::ref(self), at);
        if (is(m, "iter") || is(m, "into_iter") || is(m, "collect") || is(m, "cloned") || is(m, "copied"))
            return Value::vec(std::move(xs));
        if (is(m, "map") || is(m, "filter") || is(m, "for_each") || is(m, "filter_map")) {
            std::vector<Value> out;
            for (auto& x : xs) {
                Value r = call(args.at(0), {x}, at);
                if (is(m, "map"))
                    out.push_back(std::move(r));
                else if (is(m, "filter") && truth(r, at))
                    out.push_back(std::move(x));
                else if (is(m, "filter_map") && deref(r).is("Option", "Some"))
                    out.push_back(deref(r).payload());
            }
            return is(m, "for_each") ? Value::unit() : Value::vec(std::move(out));
        }
        if (is(m, "enumerate")) {
            std::vector<Value> out;
            for (size_t i = 0; i < xs.size(); ++i)
                out.push_back(Value::tuple({Value::int_(std::int64_t(i)), std::move(xs[i])}));
            return Value::vec(std::move(out));
        }
        if (is(m, "rev")) {
            std::reverse(xs.begin(), xs.end());
            return Value::vec(std::move(xs));
        }
        if (is(m, "sum") || is(m, "count") || is(m, "product")) {
            if (is(m, "count"))
                return Value::int_(std::int64_t(xs.size()));
            Value acc = Value::int_(is(m, "sum") ? 0 : 1);
            for (auto& x : xs)
                acc = binary(is(m, "sum") ? TokenKind::Plus : TokenKind::Star, acc, x, at);
            return acc;
        }
        if (is(m, "max") || is(m, "min")) {
            if (xs.empty())
                return Value::none();
            Value best = xs[0];
            for (auto& x : xs)
                if ((compareAt(x, best, at) > 0) == (is(m, "max")) && !equal(x, best))
                    best = x;
            return Value::some(best);
        }
        if (is(m, "any") || is(m, "all")) {
            for (auto& x : xs)
                if (truth(call(args.at(0), {x}, at), at) == (is(m, "any")))
                    return Value::boolean_(is(m, "any"));
            return Value::boolean_(is(m, "all"));
        }
        if (is(m, "take") || is(m, "skip")) {
            const size_t n = size_t(std::max<std::int64_t>(0, deref(args.at(0)).integer));
            if (is(m, "take"))
                xs.resize(std::min(n, xs.size()));
            else
                xs.erase(xs.begin(), xs.begin() + std::ptrdiff_t(std::min(n, xs.size())));
            return Value::vec(std::move(xs));
        }
        if (is(m, "fold")) {
            Value acc = args.at(0);
            for (auto& x : xs)
                acc = call(args.at(1), {acc, x}, at);
            return acc;
        }
        if (is(m, "zip")) {
            std::vector<Value> other = elements(args.at(0), at), out;
            for (size_t i = 0; i < xs.size() && i < other.size(); ++i)
                out.push_back(Value::tuple({xs[i], other[i]}));
            return Value::vec(std::move(out));
        }
        if (is(m, "len"))
            return Value::int_(std::int64_t(xs.size()));
        unsupported(at, "the method `" + m + "` on " + kindName(v));
    }
};

}  // namespace

static bool isOwnTrait(const Program& program, const Path& trait)
{
    return trait.segments.size() == 1
        && std::any_of(program.items.begin(), program.items.end(), [&](const ItemP& i) {
               return i->kind == ItemKind::Trait && i->name == trait.segments[0].name;
           });
}

ProgramRun runProgram(const std::string& source, const ProgramOptions& options)
{
    ProgramRun run;
    ParseResult parsed = parse(source);
    ResolveResult resolved;
    std::vector<Diagnostic> errors = std::move(parsed.errors);
    if (errors.empty()) {
        resolved = resolve(parsed.program);
        errors = resolved.errors;
    }
    if (!errors.empty()) {
        run.checked = false;
        for (const auto& d : errors)
            run.error += formatDiagnostic(options.file, d) + "\n";
        run.error.pop_back();
        return run;
    }
    Program& program = parsed.program;
    const RuntimeOptions& runtime = resolved.runtime;
    // Trait impls the interpreter does not apply yet would be silently ignored: refuse them instead.
    for (const auto& item : program.items)
        if (item->kind == ItemKind::Impl && !item->trait.segments.empty() && item->trait.segments.back().name != "Future"
            && item->trait.segments.back().name != "Display" && item->trait.segments.back().name != "Debug"
            && !isOwnTrait(program, item->trait)) {
            run.error = options.file + ":" + std::to_string(item->span.line) + ":" + std::to_string(item->span.column)
                + ": `impl " + item->trait.text() + "` is not supported by the interpreter yet";
            return run;
        }

    ExecutorConfig config;
    config.mode = options.mode;
    config.workers = options.workers.value_or(runtime.currentThread ? 1 : runtime.workerThreads ? runtime.workerThreads : 4);
    config.seed = options.seed;
    config.recording = options.recording;
    config.scenario = options.name.empty() ? options.file : options.name;
    config.params = options.params;
    ProgramOptions opts = options;
    if (options.mode == Mode::Threaded)
        opts.stepCost = 0;  // real time: computing costs what it costs
    struct ThreadedRun {
        bool on;
        explicit ThreadedRun(bool threaded) : on(threaded) { if (on) g_threadedRuns.fetch_add(1); }
        ~ThreadedRun() { if (on) g_threadedRuns.fetch_sub(1); }
    } threadedRun(options.mode == Mode::Threaded);
    if (!opts.control)
        opts.control = std::make_shared<RunControl>();
    config.control = opts.control;

    Interp interp(source, program, resolved, opts);
    interp.stackBase = static_cast<const char*>(__builtin_frame_address(0));
    Executor executor(config);
    const JoinResult<Value> result = executor.block_on(interp.main(), "main");
    run.trace = executor.takeTrace();
    run.steps = interp.steps();
    if (!interp.stopReason.empty()) {
        run.error = interp.stopReason;
    } else if (result.ok() && deref(*result.value).is("Result", "Err")) {
        // main returned Err(e): Rust prints it with Debug and the process fails.
        run.error = "Error: " + debug(deref(*result.value).payload());
    } else if (!result.ok() && result.error && result.error->cancelled() && !opts.control->stop.load()) {
        // Nothing was left to run and main had not finished: every task waits on another or on nothing (compiled
        // Rust would hang here).
        run.error = "main never finished: every task was waiting and nothing was left that could wake one (a "
                    "deadlock); the run stopped there";
    } else if (!result.ok() && result.error) {
        const std::string& message = result.error->message;
        std::string at;
        {
            std::lock_guard lock(interp.panicMutex);
            const auto it = interp.panicAt.find(message);
            if (it != interp.panicAt.end())
                at = " at " + options.file + ":" + std::to_string(it->second.line) + ":" + std::to_string(it->second.column);
        }
        run.error = "thread 'main' panicked" + at + ":\n" + message;
    }
    return run;
}

}  // namespace wl::lang
