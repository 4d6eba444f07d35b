#pragma once
// Paints a TimelineScene with QPainter: the exporter's backend (PNG, SVG, PDF).
#include "TimelineScene.h"

class QPainter;

namespace wl {
void paintTimeline(QPainter& painter, const TimelineScene& scene);
}
