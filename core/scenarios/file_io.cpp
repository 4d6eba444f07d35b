// tokio::fs is a thin layer over the blocking pool: each write and read really runs std::fs on a blocking
// thread while the task awaits it. Files are written to and read back from a fresh temporary directory.
#include "Scenario.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace wl {
namespace {
namespace stdfs = std::filesystem;

// What tokio::fs::write does: spawn_blocking(std::fs::write). The disk latency is a parameter (0 = none), so
// the blocking lanes show the wait even on a fast disk.
Task<void> write_file(stdfs::path path, std::string text, Duration disk)
{
    auto job = spawn_blocking([path, text, disk] {
        thread_sleep(disk);
        std::ofstream out(path, std::ios::binary);
        out << text;
        if (!out)
            throw std::runtime_error("cannot write " + path.string());
    }, "fs::write " + path.filename().string());
    auto r = co_await job;
    if (!r.ok())
        throw std::runtime_error(r.error->describe());
}

// What tokio::fs::read_to_string does: spawn_blocking(std::fs::read_to_string).
Task<std::string> read_to_string(stdfs::path path, Duration disk)
{
    auto job = spawn_blocking([path, disk] {
        thread_sleep(disk);
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw std::runtime_error("cannot read " + path.string());
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }, "fs::read_to_string " + path.filename().string());
    auto r = co_await job;
    if (!r.ok())
        throw std::runtime_error(r.error->describe());
    co_return std::move(*r.value);
}

stdfs::path freshDirectory()
{
    static std::atomic<int> counter{0};
    auto dir = stdfs::temp_directory_path()
        / ("wakeline-file_io-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    stdfs::create_directories(dir);
    return dir;
}

Task<void> fileIoMain(ScenarioParams p)
{
    const Duration disk = p.ms("disk_ms");
    at(5);
    const stdfs::path dir = freshDirectory();
    struct RemoveOnExit {
        stdfs::path dir;
        ~RemoveOnExit()
        {
            std::error_code ignored;
            stdfs::remove_all(dir, ignored);
        }
    } cleanup{dir};
    for (const char* name : {"a.txt", "b.txt", "c.txt"}) {
        at(7);
        co_await write_file(dir / name, std::string("contents of ") + name, disk);
    }
    at(9);
    print("Wrote 3 files");
    at(11);
    auto [a, b, c] = co_await join(read_to_string(dir / "a.txt", disk).named("read_to_string(a.txt)"),
                                   read_to_string(dir / "b.txt", disk).named("read_to_string(b.txt)"),
                                   read_to_string(dir / "c.txt", disk).named("read_to_string(c.txt)"));
    at(16);
    print("Read: " + a + ", " + b + ", " + c);
}
}  // namespace

Scenario makeFileIoScenario()
{
    return {"file_io",
            "Async file I/O runs on the blocking pool",
            "tokio::fs writes and reads really run on blocking-pool threads; the task only awaits them.",
            "Operating systems offer no portable async file API, so tokio::fs hands every call to spawn_blocking: "
            "the real std::fs work runs on a thread of the blocking pool while the task is parked, and the "
            "blocking thread wakes it when done. The three writes go one after another; the three reads, joined, "
            "run at the same time on three blocking threads. (The files are real, in a temporary directory; "
            "disk_ms adds a simulated disk latency to each call so the wait is visible.)",
            1,
            {{"disk_ms", 20, 0, 600000, "ms", "simulated disk latency added to each file call"}},
            fileIoMain};
}

}  // namespace wl
