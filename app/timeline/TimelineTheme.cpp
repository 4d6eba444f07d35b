#include "TimelineTheme.h"

#include <array>

namespace wl {
namespace {
// Task identity: Paul Tol's "light" scheme (colour-blind safe): light blue, orange, light yellow, pink, light
// cyan, mint, pear, olive. Light and soft, so that they never read as a state: the states (completed, failed,
// cancelled, scheduled, a wake) are saturated colours of their own (tst_timeline_export checks the distance).
constexpr std::array<QRgb, 8> kPalette = {0x77AADD, 0xEE8866, 0xEEDD88, 0xFFAABB, 0x99DDFF, 0x44BB99, 0xBBCC33, 0xAAAA00};
}

QColor TimelineTheme::taskColor(std::uint32_t taskId) const
{
    return QColor::fromRgb(kPalette[taskId % kPalette.size()]);
}

TimelineTheme TimelineTheme::light()
{
    TimelineTheme t;
    t.name = "light";
    t.background = QColor(0xFFFFFF);
    t.text = QColor(0x1A1A1A);
    t.mutedText = QColor(0x666666);
    t.grid = QColor(0xE0E0E0);
    t.laneBackground = QColor(0xF7F7F7);
    t.laneAlternate = QColor(0xEFEFEF);
    t.parked = QColor(0xD9D9D9);
    t.waiting = QColor(0x9A9A9A);
    t.scheduled = QColor(0x5B3FA8);
    t.merged = QColor(0x555555);
    t.cpuWork = QColor(0x222222);
    t.wake = QColor(0x0072B2);
    t.print = QColor(0x1A1A1A);
    t.completed = QColor(0x007A55);
    t.failed = QColor(0xD55E00);
    t.cancelled = QColor(0x882255);
    t.breakBand = QColor(0, 0, 0, 18);
    t.hint = QColor(0xC77C00);
    t.resourceFill = QColor(0xC9D4E2);
    t.resourceLine = QColor(0x3F5F80);
    return t;
}

TimelineTheme TimelineTheme::dark()
{
    TimelineTheme t;
    t.name = "dark";
    t.background = QColor(0x1B1D21);
    t.text = QColor(0xE8E8E8);
    t.mutedText = QColor(0x9A9A9A);
    t.grid = QColor(0x33363C);
    t.laneBackground = QColor(0x24272C);
    t.laneAlternate = QColor(0x2A2D33);
    t.parked = QColor(0x3A3D44);
    t.waiting = QColor(0x7C7C7C);
    t.scheduled = QColor(0xB07CE8);
    t.merged = QColor(0xB0B0B0);
    t.cpuWork = QColor(0xF0F0F0);
    t.wake = QColor(0xF2F2F2);
    t.print = QColor(0xE8E8E8);
    t.completed = QColor(0x00C853);
    t.failed = QColor(0xE8384F);
    t.cancelled = QColor(0xC2407F);
    t.breakBand = QColor(255, 255, 255, 22);
    t.hint = QColor(0xFFB000);
    t.resourceFill = QColor(0x3A4A5E);
    t.resourceLine = QColor(0xA9C3DF);
    return t;
}

std::optional<TimelineTheme> TimelineTheme::named(const QString& name)
{
    if (name == "light")
        return light();
    if (name == "dark")
        return dark();
    return std::nullopt;
}

}  // namespace wl
