#include "SourceFile.h"

#include "trace/FileAccess.h"

#include <cerrno>
#include <cstring>

namespace wl::lang {

bool readSourceFile(const std::string& path, std::string* text, std::string* error)
{
    ReadableFile file;
    if (!file.open(path, kMaxProgramBytes, error, "a program"))
        return false;
    std::string out;
    char buffer[1 << 16];
    for (;;) {
        const long n = file.read(buffer, sizeof buffer);
        if (n < 0) {
            if (error)
                *error = "cannot read " + path + ": " + std::strerror(errno);
            return false;
        }
        if (n == 0)
            break;
        out.append(buffer, std::size_t(n));
        if (out.size() > kMaxProgramBytes) {
            if (error)
                *error = "cannot read " + path + ": more than the " + byteCount(kMaxProgramBytes) + " a program may have";
            return false;
        }
    }
    *text = std::move(out);
    return true;
}

}  // namespace wl::lang
