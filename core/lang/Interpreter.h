#pragma once
// Runs a checked program on the executor: `async fn` bodies and `async` blocks become tasks and futures of the
// executor, every `.await` is a real await on it (a sleep parks the task on a timer, a join! polls its arms inside
// the task, tokio::spawn spawns a task), and every println! is a print event. Code that cannot suspend (the
// resolver marks it) is evaluated directly; only suspending paths go through coroutines.
//
// What runs is the README's "The subset today" (the rest gives a clear "not supported yet" error naming the
// construct and its line): the core language with traits; tokio's spawn, time, sync (mpsc, oneshot, broadcast,
// Semaphore, Mutex, Notify), fs, join!/try_join!/select!, Runtime/Builder; futures' join!, select!, join_all;
// std's threads, Arc, Mutex and atomics. `move` closures and `async move` blocks move what they use, so drops
// happen where Rust's do. Both modes: simulated (virtual time, each step costs CPU time) and threaded (real
// worker threads; scopes, atomics and std::sync::Mutex lock).
#include "exec/Executor.h"
#include "exec/RunControl.h"
#include "trace/Trace.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wl::lang {

struct ProgramOptions {
    std::string file = "main.rs";              // for messages and the trace's name
    std::string name;                          // the trace's name instead (a scenario's id)
    std::vector<std::pair<std::string, std::string>> params;  // recorded in the trace (a scenario's parameters)
    std::optional<std::uint32_t> workers;      // default: #[tokio::main]'s (current_thread 1, else 4)
    std::uint64_t seed = 1;
    Mode mode = Mode::Simulated;               // threaded: real worker threads, real time, no step cost
    bool recording = true;
    std::uint64_t maxSteps = 50'000'000;       // evaluation steps before the run is stopped (a runaway loop)
    std::uint32_t maxDepth = 200;              // nested calls
    std::uint64_t maxTasks = 100'000;          // tasks and threads spawned in one run (each costs memory)
    // Simulated mode: virtual CPU time each evaluation step costs on its worker, settled per poll in whole
    // milliseconds (Interpreter.cpp, "virtual CPU time"). 100 ns puts spawning and message passing near compiled
    // Rust's speed; 0 makes computing free (time then moves only at awaits).
    std::int64_t stepCost = 100;
    // How long each tokio::fs call takes on its blocking thread before the real file call (a disk's latency, so the
    // wait shows in both modes), in ns.
    std::int64_t fileLatency = 20'000'000;
    std::shared_ptr<RunControl> control;
};

struct ProgramRun {
    Trace trace;          // what ran, also when the program panicked or hit a limit
    std::string error;    // "" when main returned; else where and why it stopped (file:line:col: ...)
    bool checked = true;  // false when the program did not pass the front end (then `error` lists the problems)
    std::uint64_t steps = 0;  // evaluation steps taken (statements and expressions)
};

ProgramRun runProgram(const std::string& source, const ProgramOptions& options);

}  // namespace wl::lang
