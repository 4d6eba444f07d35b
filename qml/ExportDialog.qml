// Export the timeline as an image: format, view, size and theme, through the same exporter as --export.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts

Dialog {
    id: dialog
    title: "Export image"
    modal: true
    standardButtons: Dialog.Ok | Dialog.Cancel

    property alias format: formatBox.currentIndex   // 0 PNG, 1 SVG, 2 PDF
    property alias view: viewBox.currentIndex       // 0 both, 1 workers, 2 tasks
    property alias imageWidth: widthBox.value
    property alias imageHeight: heightBox.value     // 0: as tall as the content
    property alias dark: darkBox.checked
    property alias pngScale: scaleBox.value
    property url file
    signal exportRequested(url file, int view, int width, int height, bool dark, double scale)

    readonly property var extensions: ["png", "svg", "pdf"]

    GridLayout {
        columns: 2
        Label { text: "Format" }
        ComboBox { id: formatBox; model: ["PNG (slides)", "SVG (vector)", "PDF (print)"] }
        Label { text: "View" }
        ComboBox { id: viewBox; model: ["workers + tasks", "workers", "tasks"] }
        Label { text: "Width" }
        SpinBox { id: widthBox; from: 200; to: 20000; value: 1600; editable: true; stepSize: 100 }
        Label { text: "Height (0 = fit)" }
        SpinBox { id: heightBox; from: 0; to: 20000; value: 0; editable: true; stepSize: 100 }
        Label { text: "PNG scale" }
        SpinBox { id: scaleBox; from: 1; to: 4; value: 2; enabled: formatBox.currentIndex === 0 }
        Label { text: "Theme" }
        CheckBox { id: darkBox; text: "Dark" }
        Label { text: "File" }
        RowLayout {
            Label {
                objectName: "exportFile"
                text: dialog.file.toString().length ? dialog.file.toString().replace("file://", "") : "(choose)"
                elide: Text.ElideMiddle
                Layout.maximumWidth: 260
            }
            Button { text: "Choose…"; onClicked: chooser.open() }
        }
    }

    FileDialog {
        id: chooser
        objectName: "exportChooser"
        acceptLabel: "Choose"
        fileMode: FileDialog.SaveFile
        nameFilters: ["Image (*." + dialog.extensions[formatBox.currentIndex] + ")"]
        defaultSuffix: dialog.extensions[formatBox.currentIndex]
        onAccepted: dialog.file = selectedFile
    }

    onAccepted: {
        if (file.toString().length === 0)
            return
        exportRequested(file, view, imageWidth, imageHeight, dark, formatBox.currentIndex === 0 ? pngScale : 1)
    }
}
