// The Rust program the scenario mirrors, with the line being executed (or the selected task's line) highlighted.
import QtQuick
import QtQuick.Controls

Frame {
    id: panel
    property var lines: []
    property int highlighted: 0
    padding: 0

    ListView {
        id: code
        objectName: "code"
        anchors.fill: parent
        clip: true
        model: panel.lines
        currentIndex: panel.highlighted - 1
        highlightMoveDuration: 120
        highlight: Rectangle { color: "#0072b2"; opacity: 0.22 }
        delegate: Row {
            required property int index
            required property string modelData
            spacing: 8
            Label {
                text: index + 1
                width: 26
                horizontalAlignment: Text.AlignRight
                opacity: 0.45
                font.family: "monospace"
                font.pixelSize: 12
            }
            Label {
                text: modelData
                font.family: "monospace"
                font.pixelSize: 12
                font.bold: index + 1 === panel.highlighted
            }
        }
        ScrollBar.vertical: ScrollBar {}
    }
}
