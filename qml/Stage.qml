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
    // Tokens are named pills; a place grows with its tokens, and above maxTokens it shows only their count.
    readonly property color stealColor: dark ? "#ff922b" : "#d9480f"  // a stolen token's outline
    readonly property int tokenWidth: 66
    readonly property int tokenHeight: 15
    readonly property int maxTokens: 40
    readonly property int perRow: Math.max(1, Math.floor((columnWidth - 12) / (tokenWidth + 4)))
    readonly property var boxes: layout(stageModel.places, stageModel.counts, width, height)
    readonly property real endedBottom: boxes["cancelled"] ? boxes["cancelled"].y + boxes["cancelled"].h : 22
    // How far down the places reach (the tests check that a short window still shows all of them).
    readonly property real contentBottom: {
        let bottom = 22
        for (const key in boxes)
            bottom = Math.max(bottom, boxes[key].y + boxes[key].h)
        return bottom
    }
    clip: true

    // Places stack in their group's column, each as tall as its tokens need. Where a column would overflow the
    // stage, its fullest places show their count instead of their tokens ("5 not spawned yet") until it fits, so a
    // short window keeps every place in view.
    function layout(places, counts, totalWidth, totalHeight) {
        const map = {}
        const columns = { queues: [], running: [], parked: [], ended: [] }
        for (const p of places) {
            const n = counts[p.key] || 0
            const box = { x: groups.indexOf(p.group) * columnWidth + 4, y: 0, w: columnWidth - 8, h: 0, title: p.title,
                          count: n, folded: n > maxTokens, rows: n > maxTokens ? 0 : Math.ceil(n / perRow) }
            map[p.key] = box
            columns[p.group].push(box)
        }
        const height = box => 16 + box.rows * (tokenHeight + 3) + (box.rows > 0 ? 6 : 0)
        for (const group of groups) {
            const boxes = columns[group]
            const bottom = () => boxes.reduce((y, b) => y + height(b) + 4, 20) - 4
            while (totalHeight > 0 && bottom() > totalHeight) {
                let fullest = null
                for (const b of boxes)
                    if (b.rows > 0 && (!fullest || b.rows > fullest.rows))
                        fullest = b
                if (!fullest)
                    break  // titles alone do not fit: nothing more to fold
                fullest.rows = 0
                fullest.folded = true
            }
            let y = 20
            for (const b of boxes) {
                b.y = y
                b.h = height(b)
                y += b.h + 4
            }
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
                y: 1
                width: parent.width - 12
                elide: Text.ElideRight
                // Crowded: the count is the content ("9,990 parked on a timer"); with tasks beyond the stage's
                // limit left out, the count is of those shown, so it says "at least" ("199+").
                text: !parent.box ? "" : parent.box.folded
                      ? parent.box.count.toLocaleString(Qt.locale("en_US"), "f", 0)
                        + (parent.box.count > stage.maxTokens && stage.stageModel.hiddenTasks > 0 ? "+" : "") + " "
                        + parent.box.title
                      : parent.box.title + (parent.box.count > 0 ? " · " + parent.box.count : "")
                font.pixelSize: 10
                font.bold: parent.box ? parent.box.folded : false
                opacity: 0.75
            }
        }
    }

    Repeater {
        model: stage.stageModel
        Rectangle {
            id: token
            objectName: "stageToken"
            required property string name
            required property string place
            required property int slot
            required property int stolenFrom  // the worker it was stolen from, while it waits in the thief's queue
            required property color tokenColor
            readonly property var box: stage.boxes[place]
            visible: box ? !box.folded : false
            x: box ? box.x + 6 + (slot % stage.perRow) * (stage.tokenWidth + 4) : 0
            y: box ? box.y + 18 + Math.floor(slot / stage.perRow) * (stage.tokenHeight + 3) : 0
            width: stage.tokenWidth
            height: stage.tokenHeight
            radius: 4
            color: tokenColor
            // A stolen token is outlined in the steal colour and travels slowly enough to follow.
            border.color: stolenFrom >= 0 ? stage.stealColor : (stage.dark ? "#ffffff" : "#333333")
            border.width: hover.hovered || stolenFrom >= 0 ? 2 : 0.5
            Text {
                anchors.fill: parent
                anchors.leftMargin: 3
                anchors.rightMargin: 3
                text: token.name
                elide: Text.ElideRight
                verticalAlignment: Text.AlignVCenter
                font.pixelSize: 9
                color: "#1a1a1a"  // the task colours are light
            }
            Behavior on x { NumberAnimation { duration: token.stolenFrom >= 0 ? 650 : 220; easing.type: Easing.OutCubic } }
            Behavior on y { NumberAnimation { duration: token.stolenFrom >= 0 ? 650 : 220; easing.type: Easing.OutCubic } }
            HoverHandler { id: hover }
            ToolTip.visible: hover.hovered
            ToolTip.text: name + ": " + (box ? box.title : place)
                          + (stolenFrom >= 0 ? " (stolen from worker " + stolenFrom + ")" : "")
        }
    }

    Label {
        objectName: "stageResources"
        x: 3 * stage.columnWidth + 6
        y: stage.endedBottom + 4  // under the ended places, never over them
        width: stage.columnWidth - 12
        text: stage.stageModel.resources.join("\n") + (stage.stageModel.hiddenTasks > 0 ? "\n+" + stage.stageModel.hiddenTasks + " tasks not shown" : "")
        font.pixelSize: 10
        wrapMode: Text.WordWrap
        // As many lines as the stage has room for; the last says that more were left out.
        maximumLineCount: Math.max(1, Math.floor((stage.height - y) / 13))
        elide: Text.ElideRight
        opacity: 0.8
    }
}
