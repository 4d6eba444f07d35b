#include "ImageExport.h"

#include "timeline/TimelinePainter.h"
#include "trace/TraceJson.h"

#include <QBuffer>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace wl {

std::optional<ImageFormat> imageFormatForPath(const std::string& path)
{
    const QString p = QString::fromStdString(path).toLower();
    if (p.endsWith(".png"))
        return ImageFormat::Png;
    if (p.endsWith(".svg"))
        return ImageFormat::Svg;
    if (p.endsWith(".pdf"))
        return ImageFormat::Pdf;
    return std::nullopt;
}

std::string exportTimeline(const Trace& trace, const std::string& path, const ExportOptions& options)
{
    const TimelineModel model = TimelineModel::build(trace, options.axis.value_or(defaultAxis(trace)));
    ExportOptions onModel = options;
    onModel.layout.from = model.xOfTime(options.layout.from);
    if (options.layout.to >= 0)
        onModel.layout.to = std::max(onModel.layout.from + 1, model.xOfTime(options.layout.to));
    return exportTimeline(model, path, onModel);
}

std::string exportTimeline(const TimelineModel& model, const std::string& path, const ExportOptions& options)
{
    const auto format = imageFormatForPath(path);
    if (!format)
        return "cannot export " + path + ": unknown image type (use .png, .svg or .pdf)";
    QSizeF size = options.layout.size;
    if (size.height() <= 0)
        size.setHeight(naturalHeight(model, options.layout.view, size.width()));
    if (size.width() < 200 || size.height() < 150 || size.width() > 20000 || size.height() > 20000)
        return "cannot export " + path + ": size must be from 200x150 to 20000x20000";
    if (options.scale <= 0 || options.scale > 8 || size.width() * options.scale > 32768
        || size.height() * options.scale > 32768)
        return "cannot export " + path + ": scale must be above 0 and at most 8 (and the image at most 32768 px a side)";

    LayoutOptions layout = options.layout;
    layout.size = size;
    const TimelineScene scene = layoutTimeline(model, layout);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    switch (*format) {
    case ImageFormat::Png: {
        QImage image(QSize(int(size.width() * options.scale), int(size.height() * options.scale)),
                     QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(options.scale);
        QPainter painter(&image);
        paintTimeline(painter, scene);
        painter.end();
        if (!image.save(&buffer, "PNG"))
            return "cannot export " + path + ": PNG encoding failed";
        break;
    }
    case ImageFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        svg.setTitle(QString::fromStdString("Wakeline: " + model.title()));
        svg.setDescription("Timeline exported by Wakeline");
        QPainter painter(&svg);
        paintTimeline(painter, scene);
        painter.end();
        break;
    }
    case ImageFormat::Pdf: {
        QPdfWriter pdf(&buffer);
        pdf.setTitle(QString::fromStdString("Wakeline: " + model.title()));
        pdf.setCreator("Wakeline");
        // One page the shape of the picture, 72 points per layout pixel: crisp at any print size.
        pdf.setPageSize(QPageSize(size, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);
        QPainter painter(&pdf);
        paintTimeline(painter, scene);
        painter.end();
        break;
    }
    }
    buffer.close();
    std::string error;
    if (!writeFileAtomically(path, bytes.toStdString(), &error))
        return error;
    return {};
}

}  // namespace wl
