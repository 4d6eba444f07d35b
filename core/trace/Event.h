#pragma once
// One recorded lifecycle event. Fixed size so a million of them stay cheap to record, merge and draw.
#include <cstdint>
#include <optional>
#include <string_view>

namespace wl {

using TaskId = std::uint32_t;      // 0 = no task (outside, a timer, the runtime itself)
using ResourceId = std::uint32_t;  // 0 = no resource
using LaneId = std::uint32_t;      // worker lanes first, then blocking-pool lanes
inline constexpr LaneId kNoLane = 0xFFFFFFFFu;  // not on a lane: timer driver, the thread calling block_on

enum class EventKind : std::uint8_t {
    TaskSpawned,    // task, peer = parent, site = spawn site
    PollStart,      // task, worker
    PollEnd,        // task, worker, detail = PollResult, site = where it parked or returned
    Wake,           // task = target, peer = waking task, resource = waking resource, detail = WakeOutcome,
                    // value = the future inside the task that registered the waker (0 = the task itself)
    TaskCompleted,  // task, detail = Completion, value = string index of the error text (errors only)
    TaskCancelled,  // task, detail = CancelReason, peer = the task that caused it
    HandleDetached, // task = the detached task, peer = the task that dropped its JoinHandle
    WorkerPark,     // worker: found no work
    WorkerUnpark,   // worker: found work again
    TimerArmed,     // resource = timer, task = the task waiting, value = deadline (ns since run start)
    TimerFired,     // resource = timer, worker = the worker whose driver poll fired it (kNoLane: an imported trace)
    Print,          // task, value = string index of the printed line, site = the print statement
    BlockingStart,  // task = blocking job, worker = its blocking lane
    BlockingEnd,    // task, worker
    CpuWork,        // task, worker, value = duration (ns), detail 0 = computing, 1 = thread sleep; time = start
    Sync,           // an operation on a channel or semaphore: resource, task, detail = SyncOp,
                    // value = messages buffered / permits available after it (Lagged: messages missed;
                    // Created: the capacity, a channel's buffer or a semaphore's permits, 0 = unbounded)
    FutureDropped,  // a future made and dropped without ever being polled, so none of its code ran: task = the task
                    // that dropped it, value = string index of what it was ("say_hello()"), site = where it was made
    Queued,         // a runnable task entered a run queue: task, worker = whose queue (kNoLane: the global queue),
                    // detail = QueuePlace, value = the worker it came from (Overflowed, Stolen; Global: the worker
                    // whose full local queue sent it; -1: none)
    DriverPoll,     // worker: it polled the time driver (about to park, or every 61 ticks); value = timers fired,
                    // whose TimerFired events follow on the same lane at the same time
    Searching,      // worker: detail 1 = started searching for work to steal, 0 = stopped
    Count
};

enum class PollResult : std::uint8_t { Pending, Ready };
// What a wake did: scheduled the task, found it already scheduled (two wakes, one poll), found it running (it is
// polled again once the current poll ends), or found it finished (a recorded no-op).
enum class WakeOutcome : std::uint8_t { Scheduled, AlreadyScheduled, WhileRunning, TaskFinished };
enum class Completion : std::uint8_t { Ok, Error };
enum class CancelReason : std::uint8_t { Aborted, Shutdown, DroppedByCombinator };
enum class SyncOp : std::uint8_t { Created, Send, Receive, Close, Lagged, Acquire, Release };
inline constexpr std::uint8_t kSyncOpCount = 7;
// Where a runnable task waits: the back of a worker's local queue, its LIFO slot, the global inject queue; or it
// moved there from a worker's local queue, because that queue was full (Overflowed: global) or stolen (Stolen:
// the thief's queue, or straight to its poll).
enum class QueuePlace : std::uint8_t { Local, LifoSlot, Global, Overflowed, Stolen };
inline constexpr std::uint8_t kQueuePlaceCount = 5;

struct Event {
    std::int64_t time = 0;   // ns since run start
    std::int64_t value = 0;  // kind-specific, see EventKind
    TaskId task = 0;
    TaskId peer = 0;
    ResourceId resource = 0;
    std::uint32_t site = 0;  // where in the program's Rust source (see makeSite), 0 = unknown
    LaneId worker = kNoLane;
    EventKind kind = EventKind::Print;
    std::uint8_t detail = 0;

    bool operator==(const Event&) const = default;
};
static_assert(sizeof(Event) == 40, "Event must stay compact");

// A site is where in the program's source an event happened: the line (bits 0-15), the column where the
// expression starts (bits 16-23; 0: the whole line) and how many columns it spans (bits 24-31; 0: to the end of
// the line). A bare line number is a site too, so traces recorded with lines only read the same.
constexpr std::uint32_t makeSite(std::uint32_t line, std::uint32_t column = 0, std::uint32_t width = 0)
{
    if (line == 0 || line > 0xFFFF)
        return 0;
    if (column > 0xFF)
        column = width = 0;
    if (width > 0xFF)
        width = 0;
    return line | (column << 16) | (width << 24);
}
constexpr std::uint32_t siteLine(std::uint32_t site) { return site & 0xFFFF; }
constexpr std::uint32_t siteColumn(std::uint32_t site) { return (site >> 16) & 0xFF; }
constexpr std::uint32_t siteWidth(std::uint32_t site) { return site >> 24; }

std::string_view eventKindName(EventKind kind);
std::optional<EventKind> eventKindFromName(std::string_view name);
std::string_view wakeOutcomeName(WakeOutcome o);
std::string_view cancelReasonName(CancelReason r);
std::string_view syncOpName(SyncOp op);
std::string_view queuePlaceName(QueuePlace place);

}  // namespace wl
