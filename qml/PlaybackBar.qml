// Play/pause, step event by event or poll by poll of the selected task, scrub, speed and the time readout.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Wakeline

ToolBar {
    id: bar
    required property Playback playback
    property int selectedTask: 0

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 8
        spacing: 6
        ToolButton {
            text: "|◀"
            onClicked: bar.playback.toStart()
            ToolTip.visible: hovered
            ToolTip.text: "To the start (Home)"
        }
        ToolButton {
            text: "◀"
            onClicked: bar.playback.stepPrevious()
            ToolTip.visible: hovered
            ToolTip.text: "Previous event (Left); previous poll of the selected task (Shift+Left)"
        }
        ToolButton {
            objectName: "playButton"
            text: bar.playback.playing ? "❙❙" : "▶"
            onClicked: bar.playback.toggle()
            ToolTip.visible: hovered
            ToolTip.text: bar.playback.playing ? "Pause (Space)" : "Play (Space)"
        }
        ToolButton {
            text: "▶|"
            onClicked: bar.playback.stepNext()
            ToolTip.visible: hovered
            ToolTip.text: "Next event (Right); next poll of the selected task (Shift+Right)"
        }
        Slider {
            id: scrub
            objectName: "scrubber"
            Layout.fillWidth: true
            from: 0
            to: Math.max(bar.playback.end, 0.001)
            value: bar.playback.position
            onMoved: bar.playback.position = value
        }
        Label {
            text: bar.playback.timeText
            font.family: "monospace"
            Layout.preferredWidth: 210
        }
        Label { text: "Speed" }
        ComboBox {
            id: speed
            objectName: "speed"
            model: ["0.01x", "0.1x", "0.25x", "0.5x", "1x", "2x", "5x", "10x", "100x"]
            currentIndex: 4
            onActivated: bar.playback.speed = parseFloat(currentText)
            ToolTip.visible: hovered
            ToolTip.text: bar.playback.end !== bar.playback.duration ? "On the step axis: 1x plays 4 steps a second" : "How much run time one real second shows"
        }
    }
}
