// The animated stage: every task is a token in the place it is at the playhead (a run queue, a worker, parked on
// what will wake it, or ended); tokens glide between places as the playhead moves.
import QtQuick
import QtQuick.Controls
import Wakeline

Item {
    id: stage
    required property StageModel stageModel
    property bool dark: false
    readonly property var groups: ["queues", "running", "parked", "ended"]
    readonly property real columnWidth: width / groups.length
    readonly property var boxes: layout(stageModel.places, width)
    readonly property int perRow: Math.max(1, Math.floor((columnWidth - 16) / 22))
    clip: true

    function layout(places, totalWidth) {
        const map = {}
        const y = { queues: 22, running: 22, parked: 22, ended: 22 }
        for (const p of places) {
            const column = groups.indexOf(p.group)
            map[p.key] = { x: column * columnWidth + 4, y: y[p.group], w: columnWidth - 8, h: 46, title: p.title }
            y[p.group] += 52
        }
        return map
    }

    Repeater {
        model: stage.groups
        Label {
            required property int index
            required property string modelData
            x: index * stage.columnWidth + 6
            y: 2
            text: modelData.toUpperCase()
            font.bold: true
            font.pixelSize: 11
            opacity: 0.6
        }
    }

    Repeater {
        model: stage.stageModel.places
        Rectangle {
            required property var modelData
            readonly property var box: stage.boxes[modelData.key]
            x: box ? box.x : 0
            y: box ? box.y : 0
            width: box ? box.w : 0
            height: box ? box.h : 0
            radius: 5
            color: stage.dark ? "#24272c" : "#f2f2f2"
            border.color: stage.dark ? "#3a3d44" : "#dddddd"
            Label {
                x: 6
                y: 2
                text: parent.box ? parent.box.title : ""
                font.pixelSize: 10
                opacity: 0.7
            }
        }
    }

    Repeater {
        model: stage.stageModel
        Rectangle {
            id: token
            required property string name
            required property string place
            required property int slot
            required property color tokenColor
            readonly property var box: stage.boxes[place]
            x: box ? box.x + 6 + (slot % stage.perRow) * 22 : 0
            y: box ? box.y + 18 + Math.floor(slot / stage.perRow) * 14 : 0
            width: 18
            height: 11
            radius: 3
            color: tokenColor
            border.color: stage.dark ? "#ffffff" : "#333333"
            border.width: hover.hovered ? 2 : 0.5
            Behavior on x { NumberAnimation { duration: 220; easing.type: Easing.OutCubic } }
            Behavior on y { NumberAnimation { duration: 220; easing.type: Easing.OutCubic } }
            HoverHandler { id: hover }
            ToolTip.visible: hover.hovered
            ToolTip.text: name + ": " + (box ? box.title : place)
        }
    }

    Label {
        x: 3 * stage.columnWidth + 6
        y: stage.height - height - 4
        width: stage.columnWidth - 12
        text: stage.stageModel.resources.join("\n") + (stage.stageModel.hiddenTasks > 0 ? "\n+" + stage.stageModel.hiddenTasks + " tasks not shown" : "")
        font.pixelSize: 10
        wrapMode: Text.WordWrap
        opacity: 0.8
    }
}
