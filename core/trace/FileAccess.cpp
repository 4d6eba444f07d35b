#include "FileAccess.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace wl {
namespace {
std::string reason(int err) { return std::strerror(err); }

const char* whatItIs(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

bool failWith(std::string* error, const std::string& message)
{
    if (error)
        *error = message;
    return false;
}
}  // namespace

ReadableFile::ReadableFile(ReadableFile&& other) noexcept : fd_(other.fd_), size_(other.size_) { other.fd_ = -1; }

ReadableFile& ReadableFile::operator=(ReadableFile&& other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = other.fd_;
        size_ = other.size_;
        other.fd_ = -1;
    }
    return *this;
}

ReadableFile::~ReadableFile()
{
    if (fd_ >= 0)
        ::close(fd_);
}

bool ReadableFile::open(const std::string& path, std::uint64_t maxBytes, std::string* error, const char* what)
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check below refuses it anyway.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return failWith(error, "cannot read " + path + ": " + reason(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return failWith(error, "cannot read " + path + ": " + reason(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return failWith(error, "cannot read " + path + ": it is " + whatItIs(st.st_mode) + ", not a regular file");
    }
    if (std::uint64_t(st.st_size) > maxBytes) {
        ::close(fd);
        return failWith(error, "cannot read " + path + ": the file is " + byteCount(std::uint64_t(st.st_size))
                                   + ", more than the " + byteCount(maxBytes) + " " + what + " may have");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = fd;
    size_ = std::uint64_t(st.st_size);
    return true;
}

long ReadableFile::read(char* buffer, std::size_t n)
{
    for (;;) {
        const ssize_t got = ::read(fd_, buffer, n);
        if (got >= 0 || errno != EINTR)
            return long(got);
    }
}

std::string byteCount(std::uint64_t bytes)
{
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    if (u == 0)
        std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
    else if (v == double(std::uint64_t(v)))
        std::snprintf(buf, sizeof buf, "%.0f %s", v, units[u]);
    else
        std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string* error)
{
    const std::string prefix = "cannot write " + path + ": ";
    if (path.empty())
        return failWith(error, "cannot write: no file name given");
    // Write through a symbolic link to the file it names, as editors do; the link itself stays.
    std::string target = path;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        std::error_code ec;
        const auto resolved = std::filesystem::weakly_canonical(path, ec);
        if (ec)
            return failWith(error, prefix + ec.message());
        target = resolved.string();
    }
    mode_t mode = 0666;  // the process's umask applies to a new file, as for any program
    bool keepMode = false;
    if (::stat(target.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode))
            return failWith(error, prefix + "it is " + whatItIs(st.st_mode) + ", not a regular file; choose a file name");
        mode = st.st_mode & 07777;
        keepMode = true;
    } else if (errno != ENOENT) {
        return failWith(error, prefix + reason(errno));
    }

    static std::atomic<unsigned> counter{0};
    int fd = -1;
    std::string temporary;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temporary = target + ".wakeline-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp";
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST)
            return failWith(error, prefix + reason(errno));
    }
    if (fd < 0)
        return failWith(error, prefix + "no free temporary name beside it");
    auto abandon = [&](int err) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return failWith(error, prefix + reason(err));
    };
    if (keepMode && ::fchmod(fd, mode) != 0)
        return abandon(errno);
    for (std::size_t done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return abandon(n < 0 ? errno : ENOSPC);
        done += std::size_t(n);
    }
    // A full disk may only show when the data reaches it.
    if (::fsync(fd) != 0)
        return abandon(errno);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(temporary.c_str());
        return failWith(error, prefix + reason(err));
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(temporary.c_str());
        return failWith(error, prefix + reason(err));
    }
    return true;
}

}  // namespace wl
