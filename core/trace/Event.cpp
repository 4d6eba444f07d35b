#include "Event.h"

#include <array>

namespace wl {
namespace {
constexpr std::array<std::string_view, static_cast<size_t>(EventKind::Count)> kKindNames = {
    "spawned", "poll_start", "poll_end", "wake", "completed", "cancelled", "detached", "park", "unpark",
    "timer_armed", "timer_fired", "print", "blocking_start", "blocking_end", "cpu_work", "sync", "future_dropped",
    "queued", "driver_poll", "searching"};
}

std::string_view eventKindName(EventKind kind)
{
    const auto i = static_cast<size_t>(kind);
    return i < kKindNames.size() ? kKindNames[i] : std::string_view("?");
}

std::optional<EventKind> eventKindFromName(std::string_view name)
{
    for (size_t i = 0; i < kKindNames.size(); ++i)
        if (kKindNames[i] == name)
            return static_cast<EventKind>(i);
    return std::nullopt;
}

std::string_view wakeOutcomeName(WakeOutcome o)
{
    switch (o) {
    case WakeOutcome::Scheduled: return "scheduled";
    case WakeOutcome::AlreadyScheduled: return "already scheduled";
    case WakeOutcome::WhileRunning: return "while running";
    case WakeOutcome::TaskFinished: return "task finished";
    }
    return "?";
}

std::string_view cancelReasonName(CancelReason r)
{
    switch (r) {
    case CancelReason::Aborted: return "aborted";
    case CancelReason::Shutdown: return "dropped at shutdown";
    case CancelReason::DroppedByCombinator: return "dropped by combinator";
    }
    return "?";
}

std::string_view syncOpName(SyncOp op)
{
    switch (op) {
    case SyncOp::Created: return "created";
    case SyncOp::Send: return "send";
    case SyncOp::Receive: return "receive";
    case SyncOp::Close: return "close";
    case SyncOp::Lagged: return "lagged";
    case SyncOp::Acquire: return "acquire";
    case SyncOp::Release: return "release";
    }
    return "?";
}

std::string_view queuePlaceName(QueuePlace place)
{
    switch (place) {
    case QueuePlace::Local: return "local queue";
    case QueuePlace::LifoSlot: return "LIFO slot";
    case QueuePlace::Global: return "global queue";
    case QueuePlace::Overflowed: return "global queue (overflow)";
    case QueuePlace::Stolen: return "stolen";
    }
    return "?";
}

}  // namespace wl
