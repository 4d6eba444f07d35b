#pragma once
// The private directory of one program run: what std::env::temp_dir() returns and where relative paths point.
// tokio::fs may touch files inside it and nowhere else; it is created on first use and removed with everything in
// it when the run ends, so a program can write and read real files without reaching the user's own.
#include <cstdint>
#include <mutex>
#include <string>

namespace wl::lang {

struct FileResult {
    bool ok = false;
    std::string data;   // read: the file's bytes
    std::string error;  // as std::io::Error displays it: "No such file or directory (os error 2)"
    int code = 0;       // the errno behind it, 0 when it did not come from the system
};

class RunDirectory {
public:
    RunDirectory() = default;
    RunDirectory(const RunDirectory&) = delete;
    RunDirectory& operator=(const RunDirectory&) = delete;
    ~RunDirectory();

    // The directory's absolute path (created now if it is not yet); "" and `error` set when it cannot be made.
    std::string root(std::string* error);
    // `path` (relative ones are taken from the run's directory) made absolute and normalised, if it lies inside
    // the directory; else false with a message naming it.
    bool resolve(const std::string& path, std::string* absolute, std::string* error);

    // std::fs's operations on a resolved path; a read refuses anything but a regular file of at most maxBytes.
    static FileResult read(const std::string& absolute, std::uint64_t maxBytes);
    static FileResult write(const std::string& absolute, const std::string& bytes);
    static FileResult remove(const std::string& absolute);

private:
    std::mutex mutex_;  // tasks on several workers may reach for the directory at once
    std::string root_;
};

}  // namespace wl::lang
