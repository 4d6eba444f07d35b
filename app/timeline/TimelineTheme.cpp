#include "TimelineTheme.h"

#include <array>

namespace wl {
namespace {
// Okabe & Ito (2008), without black: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
constexpr std::array<QRgb, 7> kPalette = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};
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
    t.scheduled = QColor(0x6B6BD6);
    t.merged = QColor(0x555555);
    t.cpuWork = QColor(0x222222);
    t.wake = QColor(0x0072B2);
    t.print = QColor(0x1A1A1A);
    t.completed = QColor(0x009E73);
    t.failed = QColor(0xD55E00);
    t.cancelled = QColor(0xCC79A7);
    t.breakBand = QColor(0, 0, 0, 18);
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
    t.scheduled = QColor(0x9C9CF0);
    t.merged = QColor(0xB0B0B0);
    t.cpuWork = QColor(0xF0F0F0);
    t.wake = QColor(0x56B4E9);
    t.print = QColor(0xE8E8E8);
    t.completed = QColor(0x2BC79B);
    t.failed = QColor(0xF07B3F);
    t.cancelled = QColor(0xE08FC4);
    t.breakBand = QColor(255, 255, 255, 22);
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
