#include "Library.h"

#include <algorithm>
#include <map>

namespace wl::lang {
namespace {

struct TypeDef {
    const char* path;
    std::vector<const char*> members;  // associated functions, constants and variants
    LibraryKind memberKind = LibraryKind::Function;
};

// The subset's library. A type's members are its associated functions (Duration::from_secs) or, for enums,
// its variants; methods called with `.` are the interpreter's business and are not listed.
const std::vector<TypeDef>& types()
{
    static const std::vector<TypeDef> t = {
        {"std::time::Duration", {"from_secs", "from_millis", "from_micros", "from_nanos", "from_secs_f64", "ZERO",
                                 "MAX", "new"}},
        {"std::time::Instant", {"now"}},
        {"std::sync::Arc", {"new", "clone", "strong_count"}},
        {"std::sync::Mutex", {"new"}},
        {"std::sync::atomic::AtomicUsize", {"new"}},
        {"std::sync::atomic::AtomicU64", {"new"}},
        {"std::sync::atomic::AtomicI64", {"new"}},
        {"std::sync::atomic::AtomicBool", {"new"}},
        {"std::sync::atomic::Ordering", {"SeqCst", "Relaxed", "Acquire", "Release", "AcqRel"}, LibraryKind::Variant},
        {"std::pin::Pin", {"new"}},
        {"std::task::Context", {"from_waker"}},
        {"std::task::Poll", {"Ready", "Pending"}, LibraryKind::Variant},
        {"std::task::Waker", {}},
        {"std::thread::JoinHandle", {}},
        {"std::io::Error", {"new", "other"}},
        {"std::io::ErrorKind", {"Other", "NotFound"}, LibraryKind::Variant},
        {"std::vec::Vec", {"new", "with_capacity", "from"}},
        {"std::string::String", {"new", "from", "with_capacity"}},
        {"std::boxed::Box", {"new", "pin"}},
        {"std::option::Option", {"Some", "None"}, LibraryKind::Variant},
        {"std::result::Result", {"Ok", "Err"}, LibraryKind::Variant},
        {"std::collections::HashMap", {"new"}},
        {"tokio::time::Instant", {"now"}},
        {"tokio::time::Interval", {}},
        {"tokio::time::error::Elapsed", {}},
        {"tokio::task::JoinHandle", {}},
        {"tokio::task::JoinError", {}},
        {"tokio::task::JoinSet", {"new"}},
        {"tokio::sync::Semaphore", {"new"}},
        {"tokio::sync::Mutex", {"new"}},
        {"tokio::sync::Notify", {"new"}},
        {"tokio::sync::mpsc::Sender", {}},
        {"tokio::sync::mpsc::Receiver", {}},
        {"tokio::sync::mpsc::UnboundedSender", {}},
        {"tokio::sync::mpsc::UnboundedReceiver", {}},
        {"tokio::sync::oneshot::Sender", {}},
        {"tokio::sync::oneshot::Receiver", {}},
        {"tokio::sync::broadcast::Sender", {}},
        {"tokio::sync::broadcast::Receiver", {}},
        {"tokio::sync::broadcast::error::RecvError", {"Lagged", "Closed"}, LibraryKind::Variant},
        {"tokio::sync::mpsc::error::SendError", {}},
        {"tokio::sync::mpsc::error::TrySendError", {"Full", "Closed"}, LibraryKind::Variant},
        {"tokio::runtime::Runtime", {"new"}},
        {"tokio::runtime::Builder", {"new_current_thread", "new_multi_thread"}},
        // The primitive types' constants (u64::MAX); the prelude names them.
        {"i8", {"MAX", "MIN"}, LibraryKind::Constant},   {"i16", {"MAX", "MIN"}, LibraryKind::Constant},
        {"i32", {"MAX", "MIN"}, LibraryKind::Constant},  {"i64", {"MAX", "MIN"}, LibraryKind::Constant},
        {"i128", {"MAX", "MIN"}, LibraryKind::Constant}, {"isize", {"MAX", "MIN"}, LibraryKind::Constant},
        {"u8", {"MAX", "MIN"}, LibraryKind::Constant},   {"u16", {"MAX", "MIN"}, LibraryKind::Constant},
        {"u32", {"MAX", "MIN"}, LibraryKind::Constant},  {"u64", {"MAX", "MIN"}, LibraryKind::Constant},
        {"u128", {"MAX", "MIN"}, LibraryKind::Constant}, {"usize", {"MAX", "MIN"}, LibraryKind::Constant},
        {"f32", {"MAX", "MIN", "EPSILON", "INFINITY"}, LibraryKind::Constant},
        {"f64", {"MAX", "MIN", "EPSILON", "INFINITY"}, LibraryKind::Constant},
    };
    return t;
}

const std::vector<std::pair<const char*, LibraryKind>>& others()
{
    static const std::vector<std::pair<const char*, LibraryKind>> o = {
        {"std", LibraryKind::Module}, {"std::time", LibraryKind::Module}, {"std::sync", LibraryKind::Module},
        {"std::sync::atomic", LibraryKind::Module}, {"std::pin", LibraryKind::Module},
        {"std::task", LibraryKind::Module}, {"std::future", LibraryKind::Module},
        {"std::future::Future", LibraryKind::Trait}, {"std::thread", LibraryKind::Module},
        {"std::thread::spawn", LibraryKind::Function}, {"std::thread::sleep", LibraryKind::Function},
        {"std::env", LibraryKind::Module}, {"std::env::temp_dir", LibraryKind::Function},
        {"std::io", LibraryKind::Module}, {"std::io::Result", LibraryKind::Type}, {"std::error", LibraryKind::Module},
        {"std::error::Error", LibraryKind::Trait}, {"std::fmt", LibraryKind::Module},
        {"std::fmt::Display", LibraryKind::Trait}, {"std::fmt::Debug", LibraryKind::Trait},
        {"std::fmt::Formatter", LibraryKind::Type}, {"std::fmt::Result", LibraryKind::Type},
        {"std::vec", LibraryKind::Module}, {"std::string", LibraryKind::Module}, {"std::boxed", LibraryKind::Module},
        {"std::option", LibraryKind::Module}, {"std::result", LibraryKind::Module},
        {"std::collections", LibraryKind::Module}, {"std::mem", LibraryKind::Module},
        {"std::mem::drop", LibraryKind::Function}, {"std::mem::size_of_val", LibraryKind::Function},
        {"std::process", LibraryKind::Module}, {"std::process::exit", LibraryKind::Function},
        {"tokio", LibraryKind::Module}, {"tokio::spawn", LibraryKind::Function}, {"tokio::main", LibraryKind::Function},
        {"tokio::task", LibraryKind::Module}, {"tokio::task::spawn", LibraryKind::Function},
        {"tokio::task::spawn_blocking", LibraryKind::Function}, {"tokio::task::yield_now", LibraryKind::Function},
        {"tokio::time", LibraryKind::Module}, {"tokio::time::sleep", LibraryKind::Function},
        {"tokio::time::sleep_until", LibraryKind::Function}, {"tokio::time::interval", LibraryKind::Function},
        {"tokio::time::timeout", LibraryKind::Function}, {"tokio::time::error", LibraryKind::Module},
        {"tokio::sync", LibraryKind::Module}, {"tokio::sync::mpsc", LibraryKind::Module},
        {"tokio::sync::mpsc::channel", LibraryKind::Function},
        {"tokio::sync::mpsc::unbounded_channel", LibraryKind::Function},
        {"tokio::sync::mpsc::error", LibraryKind::Module}, {"tokio::sync::oneshot", LibraryKind::Module},
        {"tokio::sync::oneshot::channel", LibraryKind::Function}, {"tokio::sync::broadcast", LibraryKind::Module},
        {"tokio::sync::broadcast::channel", LibraryKind::Function},
        {"tokio::sync::broadcast::error", LibraryKind::Module}, {"tokio::runtime", LibraryKind::Module},
        {"tokio::fs", LibraryKind::Module}, {"tokio::fs::read_to_string", LibraryKind::Function},
        {"tokio::fs::write", LibraryKind::Function}, {"tokio::fs::read", LibraryKind::Function},
        {"tokio::fs::remove_file", LibraryKind::Function},
        {"futures", LibraryKind::Module}, {"futures::future", LibraryKind::Module},
        {"futures::future::join_all", LibraryKind::Function}, {"futures::task", LibraryKind::Module},
        {"futures::task::noop_waker", LibraryKind::Function}, {"futures::executor", LibraryKind::Module},
        {"futures::executor::block_on", LibraryKind::Function},
        // Wakeline's own measurements, for the lessons about cost (many_tasks).
        {"wakeline", LibraryKind::Module}, {"wakeline::allocated_bytes", LibraryKind::Function},
        {"wakeline::thread_stack_kib", LibraryKind::Function},
        // Macros, for `use tokio::join;` and the like (the parser knows how to read each).
        {"tokio::join", LibraryKind::Macro}, {"tokio::try_join", LibraryKind::Macro},
        {"tokio::select", LibraryKind::Macro}, {"tokio::pin", LibraryKind::Macro},
        {"futures::join", LibraryKind::Macro}, {"futures::select", LibraryKind::Macro},
        {"futures::pin_mut", LibraryKind::Macro}, {"futures::FutureExt", LibraryKind::Trait},
        {"futures::future::FutureExt", LibraryKind::Trait},
    };
    return o;
}

// Paths that name the same thing as another (tokio re-exports std's Duration).
const std::map<std::string, std::string, std::less<>>& reexports()
{
    static const std::map<std::string, std::string, std::less<>> r = {
        {"tokio::time::Duration", "std::time::Duration"},
        {"tokio::task::spawn", "tokio::spawn"},
    };
    return r;
}

const std::map<std::string, LibraryEntry, std::less<>>& table()
{
    static const std::map<std::string, LibraryEntry, std::less<>> t = [] {
        std::map<std::string, LibraryEntry, std::less<>> m;
        for (const auto& [path, kind] : others())
            m.emplace(path, LibraryEntry{path, kind});
        for (const TypeDef& type : types()) {
            m.emplace(type.path, LibraryEntry{type.path, LibraryKind::Type});
            for (const char* member : type.members) {
                const std::string p = std::string(type.path) + "::" + member;
                m.emplace(p, LibraryEntry{p, type.memberKind});
            }
        }
        return m;
    }();
    return t;
}
}  // namespace

std::string canonicalPath(std::string_view path)
{
    // The longest re-exported prefix is replaced: tokio::time::Duration::from_secs -> std::time::Duration::from_secs.
    for (size_t end = path.size(); end != std::string_view::npos && end > 0; end = path.rfind("::", end - 1)) {
        const auto it = reexports().find(path.substr(0, end));
        if (it != reexports().end())
            return it->second + std::string(path.substr(end));
        if (end < 2)
            break;
    }
    return std::string(path);
}

const LibraryEntry* findLibrary(std::string_view path)
{
    const auto it = table().find(canonicalPath(path));
    return it == table().end() ? nullptr : &it->second;
}

std::vector<const LibraryEntry*> libraryChildren(std::string_view path)
{
    std::vector<const LibraryEntry*> out;
    const std::string prefix = canonicalPath(path) + "::";
    for (auto it = table().lower_bound(prefix); it != table().end() && it->first.compare(0, prefix.size(), prefix) == 0;
         ++it)
        if (it->first.find("::", prefix.size()) == std::string::npos)
            out.push_back(&it->second);
    return out;
}

std::string preludePath(std::string_view name)
{
    static const std::map<std::string, std::string, std::less<>> prelude = {
        {"Some", "std::option::Option::Some"}, {"None", "std::option::Option::None"},
        {"Ok", "std::result::Result::Ok"},     {"Err", "std::result::Result::Err"},
        {"Option", "std::option::Option"},     {"Result", "std::result::Result"},
        {"Vec", "std::vec::Vec"},              {"String", "std::string::String"},
        {"Box", "std::boxed::Box"},            {"drop", "std::mem::drop"},
        {"std", "std"},                        {"tokio", "tokio"},
        {"futures", "futures"},                {"wakeline", "wakeline"},
        {"i8", "i8"}, {"i16", "i16"}, {"i32", "i32"}, {"i64", "i64"}, {"i128", "i128"}, {"isize", "isize"},
        {"u8", "u8"}, {"u16", "u16"}, {"u32", "u32"}, {"u64", "u64"}, {"u128", "u128"}, {"usize", "usize"},
        {"f32", "f32"}, {"f64", "f64"},
    };
    const auto it = prelude.find(name);
    return it == prelude.end() ? std::string() : it->second;
}

}  // namespace wl::lang
