// libFuzzer target: the command line's values (--param, --workers, --seed, --size, --scale, --from, --to, …).
// The input is split at newlines into arguments. Whatever they are, parsing either refuses them with a usage
// message and exit code 2, or yields a request whose every value is inside its documented range. Nothing runs.
#include "CommandLineRequest.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {
void require(bool condition)
{
    if (!condition)
        std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv);  // the parser's help text asks the application for its name
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    QStringList args{QStringLiteral("wakeline")};
    args += QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)).split(u'\n');
    const wl::CommandLineRequest r = wl::parseCommandLine(args);
    using Action = wl::CommandLineRequest::Action;
    switch (r.action) {
    case Action::Reply:
        require(r.exitCode == 0 || r.exitCode == 2);
        if (r.exitCode == 2)
            require(r.reply.starts_with("wakeline: ") && r.reply.ends_with("\n(see wakeline --help)\n"));
        return 0;
    case Action::DrawTrace:
        require(r.exitCode == 0 && r.scenario == nullptr);
        break;
    case Action::RunProgram:
        require(r.exitCode == 0 && !r.programPath.empty() && (!r.run.workers || *r.run.workers <= 64));
        return 0;
    case Action::CheckProgram:
        require(r.exitCode == 0 && !r.programPath.empty() && r.exportPath.empty() && r.tracePath.empty());
        return 0;
    case Action::RunScenario:
        require(r.exitCode == 0 && r.scenario != nullptr);
        require(!r.run.workers || (*r.run.workers >= 1 && *r.run.workers <= 64));
        try {
            (void)wl::resolveParams(*r.scenario, r.run.params);  // already checked: must not throw now
        } catch (...) {
            std::abort();
        }
        break;
    }
    if (!r.exportPath.empty()) {
        require(wl::imageFormatForPath(r.exportPath).has_value());
        require(r.exportOptions.scale > 0 && r.exportOptions.scale <= 8);
        const auto& layout = r.exportOptions.layout;
        require(layout.size.width() >= 200 && layout.size.width() <= 20000);
        require(layout.size.height() == 0 || (layout.size.height() >= 150 && layout.size.height() <= 20000));
        require(layout.from >= 0);
        require(layout.to == -1 || layout.to > layout.from);  // -1: the end of the trace
    }
    return 0;
}
