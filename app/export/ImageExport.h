#pragma once
// Exports a timeline as PNG (any size, high-DPI scale), SVG (vector shapes and real text) or PDF (for print).
// The file is rendered in memory and written atomically: a failure never leaves a half-written file.
#include "timeline/TimelineLayout.h"

#include <optional>
#include <string>

namespace wl {

enum class ImageFormat { Png, Svg, Pdf };
std::optional<ImageFormat> imageFormatForPath(const std::string& path);  // by extension, case-insensitive

struct ExportOptions {
    LayoutOptions layout;  // from and to: times of the run (ns), on either axis
    std::optional<TimelineAxis> axis;  // unset: the trace's default (steps for a simulated run)
    double scale = 1.0;  // PNG: device pixels per layout pixel
};

// Returns an empty string on success, else a message naming the problem.
std::string exportTimeline(const Trace& trace, const std::string& path, const ExportOptions& options);
// With a model, options.axis is the model's own; from and to are already x on it.
std::string exportTimeline(const TimelineModel& model, const std::string& path, const ExportOptions& options);

}  // namespace wl
