#pragma once
// Reading and writing files the safe way for every reader and writer of the app: reads take regular files only,
// within a size bound; writes go to a temporary file that is renamed over the target, never into a device or a
// FIFO. Messages name the path and come from errno ("No space left on device").
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace wl {

// An open regular file for reading; closes itself.
class ReadableFile {
public:
    ReadableFile() = default;
    ReadableFile(const ReadableFile&) = delete;
    ReadableFile& operator=(const ReadableFile&) = delete;
    ReadableFile(ReadableFile&& other) noexcept;
    ReadableFile& operator=(ReadableFile&& other) noexcept;
    ~ReadableFile();

    // Opens path if it is a regular file of at most maxBytes; else false and a message that starts with the path.
    // A FIFO is refused without waiting for a writer. `what` names the kind of file in the size message.
    bool open(const std::string& path, std::uint64_t maxBytes, std::string* error, const char* what = "a trace");
    std::uint64_t size() const { return size_; }
    // Reads up to n bytes; 0 at the end; -1 on an error (errno set).
    long read(char* buffer, std::size_t n);

private:
    int fd_ = -1;
    std::uint64_t size_ = 0;
};

// Bytes held in memory, pulled the way the readers pull a file: up to n at a time, 0 at the end.
class MemoryPull {
public:
    explicit MemoryPull(std::string_view bytes) : bytes_(bytes) {}
    long operator()(char* out, std::size_t n)
    {
        const std::size_t count = std::min(n, bytes_.size() - offset_);
        std::memcpy(out, bytes_.data() + offset_, count);
        offset_ += count;
        return long(count);
    }

private:
    std::string_view bytes_;
    std::size_t offset_ = 0;
};

// "1.5 GiB", "300 MiB", "12 KiB", "17 bytes": a byte count as a person reads it in a message.
std::string byteCount(std::uint64_t bytes);

// Writes bytes to path atomically: a temporary file beside it, flushed to the disk, then renamed over it, so a
// failure leaves any old file untouched. A target that exists but is not a regular file (a device, a FIFO, a
// directory) is refused, never replaced. False and "cannot write PATH: reason" on failure.
bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string* error);

}  // namespace wl
