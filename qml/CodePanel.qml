// The program as an editor: line numbers, Rust colours, the line being executed (or the selected task's line)
// highlighted with the expression there (what is awaited, printed or called) outlined, problems marked in the
// gutter and underlined, listed below with their position. Run (Ctrl+R) runs the text as it is; Revert brings
// back the built-in program.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Wakeline

Frame {
    id: panel
    required property RunController controller
    property int highlighted: 0
    property int highlightColumn: 0  // the expression on the highlighted line: its column (0: none marked)
    property int highlightWidth: 0   // and its width in columns (0: to the end of the line)
    property bool dark: false
    property bool tokioAvailable: false  // real tokio is installed: "Check against tokio" can build the program
    signal checkAgainstTokio()
    readonly property alias editor: editor
    padding: 0

    FontMetrics { id: metrics; font: editor.font }
    // The height of one line as the editor lays it out (no wrapping, so every line is one row): the gutter and the
    // highlight follow it exactly, where the font's nominal spacing would drift a row over thirty lines.
    readonly property real lineHeight: editor.lineCount > 0 && editor.contentHeight > 0
                                       ? editor.contentHeight / editor.lineCount : metrics.lineSpacing
    // Where the marked expression is drawn: from its column over its width, as the editor lays the text out.
    readonly property rect expressionRect: {
        const none = Qt.rect(0, 0, 0, 0)
        if (highlighted <= 0 || highlightColumn <= 0)
            return none
        const lines = editor.text.split("\n")
        if (highlighted > lines.length)
            return none
        let start = 0
        for (let i = 0; i < highlighted - 1; ++i)
            start += lines[i].length + 1
        const line = lines[highlighted - 1]
        const from = Math.min(highlightColumn - 1, line.length)
        const to = highlightWidth > 0 ? Math.min(from + highlightWidth, line.length) : line.length
        const a = editor.positionToRectangle(start + from)
        const b = editor.positionToRectangle(start + to)
        return Qt.rect(a.x, editor.topPadding + (highlighted - 1) * lineHeight, Math.max(2, b.x - a.x), lineHeight)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 4
            Label {
                objectName: "programTitle"
                text: panel.controller.scenarioId + ".rs" + (panel.controller.edited ? "  (edited)" : "")
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                visible: panel.controller.problems.length > 0
                text: panel.controller.problems.length + (panel.controller.problems.length === 1 ? " problem" : " problems")
                color: "#d55e00"
            }
            Button {
                objectName: "checkTokioButton"
                text: "Check against tokio"
                enabled: panel.tokioAvailable && panel.controller.problems.length === 0
                ToolTip.visible: hovered
                ToolTip.text: panel.tokioAvailable
                              ? "Build this program with real tokio, run it, and compare what it prints with Wakeline"
                              : "Needs real tokio: scripts/setup-deps installs cargo and Debian's tokio crates"
                onClicked: {
                    panel.commit()
                    panel.checkAgainstTokio()
                }
            }
            Button {
                objectName: "revertButton"
                text: "Revert"
                enabled: panel.controller.edited
                ToolTip.visible: hovered
                ToolTip.text: "Back to the built-in program"
                onClicked: panel.controller.revert()
            }
        }

        ScrollView {
            id: scroll
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true

            Row {
                Column {
                    id: gutter
                    topPadding: editor.topPadding
                    width: 40
                    Repeater {
                        model: editor.lineCount
                        delegate: Item {
                            required property int index
                            readonly property var problem: {
                                for (const p of panel.controller.problems)
                                    if (p.line === index + 1)
                                        return p
                                return null
                            }
                            width: gutter.width
                            height: panel.lineHeight
                            Label {
                                anchors.right: parent.right
                                anchors.rightMargin: 6
                                text: index + 1
                                opacity: 0.45
                                font: editor.font
                            }
                            Rectangle {
                                objectName: "problemMarker"
                                visible: problem !== null
                                width: 8; height: 8; radius: 4
                                color: "#d55e00"
                                anchors.left: parent.left
                                anchors.leftMargin: 2
                                anchors.verticalCenter: parent.verticalCenter
                                HoverHandler { id: markerHover }
                                ToolTip.visible: markerHover.hovered && problem !== null
                                ToolTip.text: problem ? problem.line + ":" + problem.column + ": " + problem.message : ""
                            }
                        }
                    }
                }

                TextArea {
                    id: editor
                    objectName: "editor"
                    text: panel.controller.source
                    font.family: "monospace"
                    font.pixelSize: 12
                    wrapMode: TextEdit.NoWrap
                    selectByMouse: true
                    persistentSelection: true
                    leftPadding: 4
                    width: Math.max(implicitWidth, scroll.width - gutter.width)
                    background: Rectangle {
                        color: "transparent"
                        Rectangle {
                            objectName: "lineHighlight"
                            visible: panel.highlighted > 0
                            width: parent.width
                            height: panel.lineHeight
                            y: editor.topPadding + (panel.highlighted - 1) * panel.lineHeight
                            color: "#0072b2"
                            opacity: 0.22
                        }
                        Rectangle {
                            objectName: "expressionHighlight"
                            visible: panel.expressionRect.width > 0
                            x: panel.expressionRect.x - 1
                            y: panel.expressionRect.y
                            width: panel.expressionRect.width + 2
                            height: panel.expressionRect.height
                            radius: 3
                            color: Qt.rgba(0, 0.45, 0.7, 0.25)
                            border.color: "#0072b2"
                            border.width: 1.5
                        }
                    }
                    // Typing reaches the controller after a pause, which checks the text again.
                    onTextChanged: if (text !== panel.controller.source) pushEdit.restart()
                }
            }
        }

        ListView {
            id: problemList
            objectName: "problemList"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(count, 4) * 22
            visible: count > 0
            clip: true
            model: panel.controller.problems
            delegate: ItemDelegate {
                required property var modelData
                width: ListView.view.width
                height: 22
                text: modelData.line + ":" + modelData.column + "  " + modelData.message
                font.pixelSize: 11
                onClicked: {
                    // Put the cursor at the problem.
                    const lines = editor.text.split("\n")
                    let at = 0
                    for (let i = 0; i < modelData.line - 1 && i < lines.length; ++i)
                        at += lines[i].length + 1
                    editor.cursorPosition = at + modelData.column - 1
                    editor.forceActiveFocus()
                }
            }
        }
    }

    Timer {
        id: pushEdit
        interval: 250
        onTriggered: panel.controller.source = editor.text
    }

    // Hands what is typed to the controller now (before a run), not after the pause.
    function commit() {
        pushEdit.stop()
        if (editor.text !== controller.source)
            controller.source = editor.text
    }

    RustHighlighter {
        document: editor.textDocument
        dark: panel.dark
        problems: panel.controller.problems
    }

    // The executed line stays in view.
    onHighlightedChanged: {
        if (highlighted <= 0)
            return
        const y = editor.topPadding + (highlighted - 1) * panel.lineHeight
        const flick = scroll.contentItem
        if (y < flick.contentY || y + panel.lineHeight > flick.contentY + scroll.height)
            flick.contentY = Math.max(0, y - scroll.height / 3)
    }
}
