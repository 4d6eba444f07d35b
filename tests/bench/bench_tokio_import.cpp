// Importing a real tokio run's capture (--import-tokio): a 1,000,000-line capture against a 10,000-line one, made
// alike and shaped like resources/tokio-capture's real output (a runtime.spawn span per task; each poll enters the
// task, creates and polls a Sleep with its async-op spans, clones the waker; the timer's wake comes from a worker
// with no task entered). Prints the time of each, their ratio (ideal: the ratio of their sizes, 100), the time per
// line, and the peak memory the big import added per capture line and per trace event (goal: 2 s and 100 bytes per
// event at most).
// Usage: bench_tokio_import [big lines, default 1000000]
#include "trace/TokioCapture.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include "PeakMemory.h"

using namespace wl;

namespace {

class Writer {
public:
    explicit Writer(FILE* f) : f_(f) {}
    long lines = 0;
    void line(int th, const char* kind, const std::string& rest)
    {
        std::fprintf(f_, "{\"t\":%ld,\"th\":%d,\"tn\":\"%s\",\"k\":\"%s\"%s}\n", time_, th,
                     th == 1 ? "main" : "tokio-runtime-worker", kind, rest.c_str());
        time_ += 100;
        ++lines;
    }
    void span(int th, const char* kind, long id) { line(th, kind, ",\"id\":" + std::to_string(id)); }
    void open(int th, long id, long parent, const char* name, const char* target, const std::string& fields)
    {
        line(th, "new", ",\"id\":" + std::to_string(id) + ",\"parent\":" + std::to_string(parent) + ",\"name\":\"" + name
                            + "\",\"target\":\"" + target + "\",\"f\":{" + fields + "}");
    }
    void event(int th, const char* target, const std::string& fields)
    {
        line(th, "event", std::string(",\"target\":\"") + target + "\",\"f\":{" + fields + "}");
    }

private:
    FILE* f_;
    long time_ = 1000;
};

// About `lines` lines: 1,000 tasks on 2 workers, each polled again and again after its sleep's timer fires.
void writeCapture(const std::string& path, long lines)
{
    FILE* f = std::fopen(path.c_str(), "w");
    if (!f) {
        std::perror(path.c_str());
        std::exit(1);
    }
    Writer w(f);
    const int tasks = int(std::clamp(lines / 400, 10L, 1000L));
    const long cycles = std::max(2L, lines / (30L * tasks) + 1);  // a cycle writes about 31 lines
    const char* launch = "\"fn\":\"tokio::runtime::scheduler::multi_thread::worker::Launch::launch::{{closure}}\"";
    w.open(1, 1, 0, "runtime.spawn", "tokio::task::blocking", "\"kind\":\"blocking\",\"task.id\":1," + std::string(launch));
    w.open(1, 2, 0, "runtime.spawn", "tokio::task::blocking", "\"kind\":\"blocking\",\"task.id\":2," + std::string(launch));
    w.span(2, "enter", 1);
    w.span(3, "enter", 2);
    w.open(1, 3, 0, "runtime.spawn", "tokio::task", "\"kind\":\"block_on\",\"task.id\":3,\"loc.line\":9,\"loc.col\":5");
    w.span(1, "enter", 3);
    auto taskSpan = [](int k) { return 1000L + k; };
    for (int k = 0; k < tasks; ++k)
        w.open(1, taskSpan(k), 3, "runtime.spawn", "tokio::task",
               "\"kind\":\"task\",\"task.name\":\"\",\"task.id\":" + std::to_string(4 + k) + ",\"loc.file\":\"src/main.rs\",\"loc.line\":12,\"loc.col\":9");
    w.span(1, "exit", 3);
    long nextId = 1'000'000;
    std::vector<long> sleepOf(size_t(tasks), 0);  // the task's pending Sleep: its resource span (async op +1, poll +2)
    for (long c = 0; c < cycles; ++c) {
        for (int k = 0; k < tasks; ++k) {
            const int th = 2 + (k + int(c)) % 2;
            const long t = taskSpan(k);
            if (c > 0)
                w.event(th, "tokio::task::waker", "\"op\":\"waker.wake\",\"task.id\":" + std::to_string(t));
            w.span(th, "enter", t);
            if (const long r = sleepOf[size_t(k)]) {  // the sleep is over
                for (long s : {r, r + 1, r + 2})
                    w.span(th, "enter", s);
                w.event(th, "runtime::resource::poll_op", "\"op_name\":\"poll_elapsed\",\"is_ready\":true");
                w.event(th, "runtime::resource::poll_op", "\"op_name\":\"poll_elapsed\",\"is_ready\":true");
                for (long s : {r + 2, r + 1, r})
                    w.span(th, "exit", s);
                for (long s : {r + 2, r + 1, r})
                    w.span(th, "close", s);
            }
            if (c + 1 == cycles) {
                w.span(th, "exit", t);
                w.span(th, "close", t);
                continue;
            }
            const long r = nextId;
            nextId += 3;
            sleepOf[size_t(k)] = r;
            w.open(th, r, t, "runtime.resource", "tokio::time::sleep", "\"concrete_type\":\"Sleep\",\"kind\":\"timer\",\"loc.file\":\"src/main.rs\",\"loc.line\":14,\"loc.col\":13");
            w.span(th, "enter", r);
            w.event(th, "runtime::resource::state_update", "\"duration\":5,\"duration.unit\":\"ms\",\"duration.op\":\"override\"");
            w.open(th, r + 1, r, "runtime.resource.async_op", "tokio::time::sleep", "\"source\":\"Sleep::new_timeout\"");
            w.span(th, "exit", r);
            w.span(th, "enter", r + 1);
            w.open(th, r + 2, r + 1, "runtime.resource.async_op.poll", "tokio::time::sleep", "");
            w.span(th, "exit", r + 1);
            for (long s : {r, r + 1, r + 2})
                w.span(th, "enter", s);
            w.event(th, "runtime::resource::poll_op", "\"op_name\":\"poll_elapsed\",\"is_ready\":true");
            w.event(th, "tokio::task::waker", "\"op\":\"waker.clone\",\"task.id\":" + std::to_string(t));
            w.event(th, "runtime::resource::poll_op", "\"op_name\":\"poll_elapsed\",\"is_ready\":false");
            for (long s : {r + 2, r + 1, r})
                w.span(th, "exit", s);
            w.span(th, "exit", t);
        }
    }
    w.span(1, "enter", 3);
    w.span(1, "exit", 3);
    w.span(1, "close", 3);
    std::fclose(f);
}

double importSeconds(const std::string& path, size_t* events)
{
    const auto start = std::chrono::steady_clock::now();
    const auto result = loadTokioCapture(path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result.trace) {
        std::fprintf(stderr, "bench_tokio_import: %s\n", result.error.c_str());
        std::exit(1);
    }
    *events = result.trace->events.size();
    return seconds;
}

long countLines(const std::string& path)
{
    FILE* f = std::fopen(path.c_str(), "r");
    long n = 0;
    for (int c; (c = std::fgetc(f)) != EOF;)
        n += c == '\n';
    std::fclose(f);
    return n;
}
}  // namespace

int main(int argc, char** argv)
{
    const long big = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    const long small = big / 100;
    const std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    const std::string smallPath = dir + "/bench_tokio_import_small." + std::to_string(getpid()) + ".jsonl";
    const std::string bigPath = dir + "/bench_tokio_import_big." + std::to_string(getpid()) + ".jsonl";
    writeCapture(smallPath, small);
    writeCapture(bigPath, big);
    const long smallLines = countLines(smallPath), bigLines = countLines(bigPath);
    size_t smallEvents = 0, bigEvents = 0;
    double smallBest = 1e9;
    for (int i = 0; i < 5; ++i)
        smallBest = std::min(smallBest, importSeconds(smallPath, &smallEvents));
    const long before = peakKiB();
    const double bigSeconds = importSeconds(bigPath, &bigEvents);
    const long after = peakKiB();
    std::remove(smallPath.c_str());
    std::remove(bigPath.c_str());

    std::printf("imported %ld lines (%zu events) in %.3f s (best of 5), %ld lines (%zu events) in %.3f s\n",
                smallLines, smallEvents, smallBest, bigLines, bigEvents, bigSeconds);
    std::printf("time ratio big/small: %.1f for %.1fx the lines\n", bigSeconds / smallBest,
                double(bigLines) / double(smallLines));
    std::printf("per line: %.0f ns; peak memory added by the big import: %.1f bytes per line, %.1f bytes per event "
                "(goal: 2 s and 100 bytes per event at most)\n",
                bigSeconds * 1e9 / double(bigLines), double(after - before) * 1024.0 / double(bigLines),
                double(after - before) * 1024.0 / double(bigEvents));
    return 0;
}
