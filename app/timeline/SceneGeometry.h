#pragma once
// The screen backend's half of painting a TimelineScene: every shape as vertex-coloured triangles (one
// scene-graph node draws them all), and the text painted into a transparent image laid on top.
#include "TimelineScene.h"

#include <QImage>
#include <QSGGeometry>

#include <vector>

namespace wl {

using SceneVertex = QSGGeometry::ColoredPoint2D;

// The selected task's row is tinted and the playhead drawn when playheadNs >= 0.
std::vector<SceneVertex> sceneTriangles(const TimelineScene& scene, TaskId selectedTask, std::int64_t playheadNs);
QImage sceneLabels(const TimelineScene& scene, qreal devicePixelRatio);

}  // namespace wl
