// "Check against tokio": what the program in the editor printed on real tokio beside what Wakeline printed, line
// by line, the lines that differ marked. (TokioCheck does the work, off the GUI thread.)
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Wakeline

Dialog {
    id: dialog
    required property TokioCheck check
    property bool dark: false
    title: "Check against real tokio"
    modal: true
    standardButtons: Dialog.Close
    width: Math.min(parent ? parent.width * 0.8 : 900, 900)
    height: Math.min(parent ? parent.height * 0.8 : 600, 600)

    readonly property color differs: "#d55e00"

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            BusyIndicator {
                running: dialog.check.running
                visible: running
                Layout.preferredWidth: 28
                Layout.preferredHeight: 28
            }
            Label {
                objectName: "tokioCheckStatus"
                text: dialog.check.status
                wrapMode: Text.Wrap
                color: dialog.check.done && dialog.check.differences > 0 ? dialog.differs : palette.windowText
                Layout.fillWidth: true
            }
        }
        Label {
            visible: dialog.check.done
            text: dialog.check.clock === "paused"
                  ? "tokio ran on a current_thread runtime with its clock paused, and Wakeline's computing took no "
                    + "time either (tokio's paused clock stands still while code runs): times compare to the millisecond."
                  : "The program needs real time (threads, blocking calls, files or std's Instant): tokio ran on the "
                    + "real clock, and times compare within 25 ms + 3%."
            wrapMode: Text.Wrap
            opacity: 0.7
            font.pixelSize: 11
            Layout.fillWidth: true
        }
        RowLayout {
            visible: dialog.check.done
            Layout.fillWidth: true
            Label { text: "ms"; font.bold: true; Layout.preferredWidth: 70 }
            Label { text: "Wakeline"; font.bold: true; Layout.fillWidth: true; Layout.preferredWidth: 1 }
            Label { text: "real tokio"; font.bold: true; Layout.fillWidth: true; Layout.preferredWidth: 1 }
        }
        ListView {
            id: lines
            objectName: "tokioCheckLines"
            visible: dialog.check.done
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: dialog.check.rows
            ScrollBar.vertical: ScrollBar {}
            delegate: Rectangle {
                required property var modelData
                width: ListView.view.width
                height: 22
                color: modelData.agrees ? "transparent" : Qt.rgba(0.84, 0.37, 0, 0.18)
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 4
                    Label {
                        text: (modelData.agrees ? "" : "✗ ") + modelData.time.toFixed(modelData.time % 1 ? 1 : 0)
                        color: modelData.agrees ? palette.windowText : dialog.differs
                        font.family: "monospace"
                        Layout.preferredWidth: 70
                    }
                    Label {
                        text: modelData.wakeline.length ? modelData.wakeline : "(not printed)"
                        opacity: modelData.wakeline.length ? 1 : 0.5
                        font.family: "monospace"
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                    }
                    Label {
                        text: modelData.tokio.length
                              ? modelData.tokio + (modelData.agrees ? "" : "  (at " + modelData.tokioTime.toFixed(1) + " ms)")
                              : "(not printed)"
                        opacity: modelData.tokio.length ? 1 : 0.5
                        font.family: "monospace"
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                    }
                }
            }
        }
        Item {  // keeps the status at the top while the lines are not there yet
            visible: !dialog.check.done
            Layout.fillHeight: true
        }
    }
}
