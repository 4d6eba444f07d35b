// The selected task: who it is, its state at the playhead, its polls and times, who woke it and whom it woke.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Wakeline

Frame {
    id: panel
    required property TaskInspector inspector
    signal taskPicked(int task)

    ScrollView {
        anchors.fill: parent
        clip: true
        ColumnLayout {
            width: panel.availableWidth
            spacing: 4
            Label {
                visible: !panel.inspector.valid
                text: "Click a task on the timeline to inspect it."
                opacity: 0.7
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "inspectorName"
                visible: panel.inspector.valid
                text: panel.inspector.name
                font.bold: true
                font.pixelSize: 15
            }
            Label {
                visible: panel.inspector.valid
                text: panel.inspector.kind + "\nspawned by " + panel.inspector.parent
                      + (panel.inspector.spawnLine ? " at line " + panel.inspector.spawnLine : "")
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                opacity: 0.8
            }
            Label {
                objectName: "inspectorState"
                visible: panel.inspector.valid
                text: "Now: " + panel.inspector.state
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                font.bold: true
            }
            Label {
                visible: panel.inspector.valid && panel.inspector.waitingFor.length > 0
                text: "Why is it waiting? " + panel.inspector.waitingFor
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "inspectorFigures"
                visible: panel.inspector.valid
                text: panel.inspector.polls + " polls so far · busy " + panel.inspector.busyMs.toFixed(3)
                      + " ms · waiting " + panel.inspector.waitingMs.toFixed(3) + " ms"
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Label { visible: panel.inspector.wokenBy.length > 0; text: "Woken (wake → poll delay):"; font.bold: true }
            Repeater {
                model: panel.inspector.wokenBy
                Label {
                    required property var modelData
                    text: "• " + modelData.text + "  → polled " + modelData.delayMs.toFixed(3) + " ms later"
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
            }
            Label { visible: panel.inspector.woke.length > 0; text: "It woke:"; font.bold: true }
            Repeater {
                model: panel.inspector.woke
                Button {
                    required property var modelData
                    text: modelData.text
                    flat: true
                    onClicked: panel.taskPicked(modelData.task)
                    ToolTip.visible: hovered
                    ToolTip.text: "Inspect this task"
                }
            }
        }
    }
}
