#include "RunDirectory.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace wl::lang {
namespace fs = std::filesystem;
namespace {

// std::io::Error's Display for an errno: "No such file or directory (os error 2)".
std::string osError(int code) { return std::string(std::strerror(code)) + " (os error " + std::to_string(code) + ")"; }

FileResult failed(int code) { return {false, {}, osError(code), code}; }

}  // namespace

RunDirectory::~RunDirectory()
{
    if (root_.empty())
        return;
    std::error_code ignored;
    fs::remove_all(root_, ignored);
}

std::string RunDirectory::root(std::string* error)
{
    std::lock_guard lock(mutex_);
    if (!root_.empty())
        return root_;
    static std::atomic<unsigned> counter{0};
    std::error_code ec;
    const fs::path base = fs::temp_directory_path(ec);
    if (ec) {
        *error = "no temporary directory to make the run's own in: " + ec.message();
        return {};
    }
    const fs::path dir = base / ("wakeline-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    if (::mkdir(dir.c_str(), 0700) != 0) {
        *error = "cannot make the run's directory " + dir.string() + ": " + std::strerror(errno);
        return {};
    }
    root_ = dir.string();
    return root_;
}

bool RunDirectory::resolve(const std::string& path, std::string* absolute, std::string* error)
{
    const std::string base = root(error);
    if (base.empty())
        return false;
    fs::path p(path);
    if (p.is_relative())
        p = fs::path(base) / p;
    p = p.lexically_normal();
    const fs::path relative = p.lexically_relative(base);
    if (path.empty() || relative.empty() || *relative.begin() == ".." || relative == ".") {
        *error = "a program may only use files in its own directory (std::env::temp_dir(), " + base + "), not "
            + (path.empty() ? std::string("an empty path") : p.string());
        return false;
    }
    *absolute = p.string();
    return true;
}

FileResult RunDirectory::read(const std::string& absolute, std::uint64_t maxBytes)
{
    const int fd = ::open(absolute.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return failed(errno);
    struct stat st {};
    FileResult r;
    if (::fstat(fd, &st) != 0) {
        r = failed(errno);
    } else if (!S_ISREG(st.st_mode)) {
        r = failed(S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
    } else if (std::uint64_t(st.st_size) > maxBytes) {
        r = {false, {}, "the file has more than " + std::to_string(maxBytes) + " bytes (the memory guard)"};
    } else {
        r.ok = true;
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n < 0) {
                r = failed(errno);
                break;
            }
            if (n == 0)
                break;
            r.data.append(buffer, size_t(n));
            if (r.data.size() > maxBytes) {
                r = {false, {}, "the file has more than " + std::to_string(maxBytes) + " bytes (the memory guard)"};
                break;
            }
        }
    }
    ::close(fd);
    return r;
}

FileResult RunDirectory::write(const std::string& absolute, const std::string& bytes)
{
    const int fd = ::open(absolute.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return failed(errno);
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            const int code = errno;
            ::close(fd);
            return failed(code);
        }
        done += size_t(n);
    }
    if (::close(fd) != 0)
        return failed(errno);
    return {true, {}, {}};
}

FileResult RunDirectory::remove(const std::string& absolute)
{
    if (::unlink(absolute.c_str()) != 0)
        return failed(errno);
    return {true, {}, {}};
}

}  // namespace wl::lang
