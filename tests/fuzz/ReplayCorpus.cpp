// Replays every file of a corpus folder through a fuzz target's checks, without libFuzzer, so the normal test
// suite (any compiler) keeps each seed and each once-crashing input as a regression test.
//   replay_<target> DIR...
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {
std::string current;  // the input being replayed, named if a check aborts

extern "C" void nameTheFailingInput(int)
{
    const char* prefix = "replay: this input failed: ";
    (void)!write(2, prefix, std::strlen(prefix));
    (void)!write(2, current.c_str(), current.size());
    (void)!write(2, "\n", 1);
    std::signal(SIGABRT, SIG_DFL);
    std::raise(SIGABRT);
}
}  // namespace

int main(int argc, char** argv)
{
    std::signal(SIGABRT, nameTheFailingInput);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(argv[i], error)) {
            if (!entry.is_regular_file())
                continue;
            current = entry.path().string();
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++files;  // a failing input aborts inside the target, and CTest reports the crash
        }
        if (error) {
            std::fprintf(stderr, "replay: cannot read %s: %s\n", argv[i], error.message().c_str());
            return 1;
        }
    }
    if (files == 0) {
        std::fprintf(stderr, "replay: no corpus files found\n");
        return 1;
    }
    std::printf("replayed %d inputs: 0 failed\n", files);
    return 0;
}
