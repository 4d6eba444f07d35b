#pragma once
// The resolver: the last step of the front end before a program runs. It checks every name against the scopes
// (locals, the program's items, `use` imports, the prelude) and every library path against the supported library,
// finds `.await`, `break` and `?` in the wrong places, checks `main` and its #[tokio::main] options, and marks
// which expressions can suspend (Expr::suspends) so the interpreter evaluates only those as coroutines.
#include "Ast.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace wl::lang {

// What #[tokio::main(...)] asked for (defaults as tokio's: multi_thread, one worker per core), or, for a
// synchronous main, what its runtime::Builder says (new_current_thread, worker_threads(N) with a literal N).
struct RuntimeOptions {
    bool tokioMain = false;       // main is async under #[tokio::main]
    bool currentThread = false;   // flavor = "current_thread"
    std::uint32_t workerThreads = 0;  // 0: not given
    bool startPaused = false;
};

struct ResolveResult {
    std::vector<Diagnostic> errors;  // in source order
    RuntimeOptions runtime;
    // Every `use` binding: the name in the program -> the library path it stands for.
    std::map<std::string, std::string> imports;
};

ResolveResult resolve(Program& program);

// Lexes, parses and resolves: all of a program's front-end diagnostics, in source order. The program's tree is
// left in `program` (usable only when there are no errors).
std::vector<Diagnostic> check(std::string_view source, Program* program = nullptr, RuntimeOptions* runtime = nullptr);

}  // namespace wl::lang
