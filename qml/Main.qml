// Wakeline's main window: the scenario picker, the lesson, the timeline and the console.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Qt.labs.settings
import Wakeline

ApplicationWindow {
    id: window
    width: 1400
    height: 860
    minimumWidth: 900
    minimumHeight: 560
    visible: true
    title: "Wakeline — " + controller.title

    // The theme follows the system until the user picks one with the switch.
    SystemPalette { id: systemPalette }
    readonly property bool systemDark: systemPalette.window.hslLightness < 0.5
    property bool followSystem: true
    property bool chosenDark: false
    property bool dark: followSystem ? systemDark : chosenDark
    palette.window: dark ? "#1b1d21" : "#fafafa"
    palette.windowText: dark ? "#e8e8e8" : "#1a1a1a"
    palette.base: dark ? "#24272c" : "#ffffff"
    palette.text: dark ? "#e8e8e8" : "#1a1a1a"
    palette.button: dark ? "#2e3137" : "#eeeeee"
    palette.buttonText: dark ? "#e8e8e8" : "#1a1a1a"
    palette.highlight: "#0072b2"

    Settings {
        category: "window"
        property alias x: window.x
        property alias y: window.y
        property alias width: window.width
        property alias height: window.height
        property alias followSystem: window.followSystem
        property alias chosenDark: window.chosenDark
    }

    RunController {
        id: controller
        objectName: "controller"
        Component.onCompleted: run()  // a newcomer sees a populated timeline at once
    }

    Shortcut { sequence: "Ctrl+R"; onActivated: window.runProgram() }
    // Runs the program as the editor has it.
    function runProgram() {
        codePanel.commit()
        controller.run()
    }
    // Choosing another scenario or opening a program replaces the editor's text: an edit is never dropped
    // without asking.
    property var pendingAction: null
    function replaceProgram(action) {
        codePanel.commit()
        if (controller.edited) {
            pendingAction = action
            discardDialog.open()
            return
        }
        action()
    }
    function chooseScenario(id) {
        if (id === controller.scenarioId && !controller.edited)
            return controller.run()
        replaceProgram(() => { controller.scenarioId = id; controller.run() })
    }
    Shortcut { sequence: "Esc"; enabled: controller.running || controller.loading; onActivated: controller.cancel() }
    Shortcut { sequence: "W"; onActivated: timeline.zoomIn() }
    Shortcut { sequence: "S"; onActivated: timeline.zoomOut() }
    Shortcut { sequence: "A"; onActivated: timeline.panBy(-0.2) }
    Shortcut { sequence: "D"; onActivated: timeline.panBy(0.2) }
    Shortcut { sequence: "F"; onActivated: timeline.fitAll() }
    Shortcut { sequence: "T"; onActivated: controller.stepAxis = !controller.stepAxis }
    Shortcut { sequence: "?"; onActivated: help.open() }
    Shortcut { sequence: StandardKey.Quit; onActivated: Qt.quit() }

    menuBar: MenuBar {
        Menu {
            title: "&File"
            Action { text: "Open &program…"; shortcut: "Ctrl+Shift+O"; onTriggered: openProgramDialog.open() }
            Action { text: "Save program &as…"; shortcut: "Ctrl+Shift+S"; onTriggered: { codePanel.commit(); saveProgramDialog.open() } }
            MenuSeparator {}
            Action { text: "&Open trace…"; shortcut: StandardKey.Open; onTriggered: openDialog.open() }
            Action { text: "&Save trace…"; shortcut: StandardKey.Save; onTriggered: saveDialog.open() }
            Action { text: "&Import tokio run…"; shortcut: "Ctrl+I"; onTriggered: importTokioDialog.open() }
            MenuSeparator {}
            Action { text: "&Export image…"; shortcut: "Ctrl+E"; onTriggered: exportDialog.open() }
            Action { text: "Export &Chrome trace…"; onTriggered: chromeDialog.open() }
            MenuSeparator {}
            Action { text: "&Quit"; onTriggered: Qt.quit() }
        }
        Menu {
            title: "&Help"
            Action { text: "Keyboard shortcuts"; onTriggered: help.open() }
            Action { text: "About Wakeline"; onTriggered: about.open() }
        }
    }

    FileDialog {
        id: openDialog
        objectName: "openDialog"
        nameFilters: ["Wakeline traces (*.json)"]
        onAccepted: controller.openTrace(selectedFile)
    }
    FileDialog {
        id: importTokioDialog
        objectName: "importTokioDialog"
        title: "Import a real tokio run (recorded by wakeline-capture)"
        nameFilters: ["tokio captures (*.jsonl)", "All files (*)"]
        onAccepted: controller.importTokioRun(selectedFile)
    }
    FileDialog {
        id: openProgramDialog
        objectName: "openProgramDialog"
        nameFilters: ["Rust programs (*.rs)"]
        onAccepted: {
            const file = selectedFile
            window.replaceProgram(() => { controller.openProgram(file); controller.run() })
        }
    }
    FileDialog {
        id: saveProgramDialog
        objectName: "saveProgramDialog"
        acceptLabel: "Save"
        fileMode: FileDialog.SaveFile
        defaultSuffix: "rs"
        nameFilters: ["Rust programs (*.rs)"]
        onAccepted: controller.saveProgram(selectedFile)
    }
    FileDialog {
        id: saveDialog
        objectName: "saveDialog"
        acceptLabel: "Save"
        fileMode: FileDialog.SaveFile
        defaultSuffix: "json"
        nameFilters: ["Wakeline traces (*.json)"]
        onAccepted: controller.saveTrace(selectedFile)
    }
    FileDialog {
        id: chromeDialog
        objectName: "chromeDialog"
        acceptLabel: "Export"
        fileMode: FileDialog.SaveFile
        defaultSuffix: "json"
        nameFilters: ["Chrome Trace Event files (*.json)"]
        onAccepted: controller.exportChromeTrace(selectedFile)
    }
    TokioCheck {
        id: tokioCheck
        objectName: "tokioCheck"
    }
    TokioCheckDialog {
        id: tokioDialog
        objectName: "tokioDialog"
        anchors.centerIn: parent
        check: tokioCheck
        dark: window.dark
    }
    ExportDialog {
        id: exportDialog
        objectName: "exportDialog"
        anchors.centerIn: parent
        dark: window.dark
        onExportRequested: (file, view, width, height, dark, scale) => controller.exportImage(file, view, width, height, dark, scale)
    }
    Dialog {
        id: errorDialog
        objectName: "errorDialog"
        property alias message: errorText.text
        title: "Wakeline"
        modal: true
        anchors.centerIn: parent
        width: Math.min(580, window.width - 40)
        standardButtons: Dialog.Ok
        Label { id: errorText; objectName: "errorText"; wrapMode: Text.WordWrap; width: errorDialog.availableWidth }
    }
    Connections {
        target: controller
        function onErrorOccurred(message) {
            errorDialog.message = message
            errorDialog.open()
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 10
            Button {
                text: controller.running ? "Running…" : "Run"
                enabled: !controller.running
                onClicked: window.runProgram()
                ToolTip.visible: hovered
                ToolTip.text: "Run the program as the editor has it (Ctrl+R)"
            }
            Button {
                objectName: "cancelButton"
                visible: controller.running || controller.loading
                text: "Cancel"
                onClicked: controller.cancel()
                ToolTip.visible: hovered
                ToolTip.text: controller.loading ? "Stop reading the file (Esc); what is open stays"
                                                 : "Stop this run now (Esc); the part recorded so far is shown"
            }
            BusyIndicator { visible: controller.running || controller.loading; running: visible; implicitWidth: 28; implicitHeight: 28 }
            Label { objectName: "progressLabel"; visible: controller.running || controller.loading; text: controller.progress }
            Label { visible: controller.exporting; text: "Exporting image…" }
            Label { text: "Workers" }
            SpinBox {
                objectName: "workers"
                from: 1; to: 64
                value: controller.workers
                onValueModified: controller.workers = value
                ToolTip.visible: hovered
                ToolTip.text: "How many worker threads the runtime has (this scenario's default: " + controller.defaultWorkers + ")"
            }
            ComboBox {
                objectName: "mode"
                model: ["simulated", "threaded"]
                currentIndex: controller.threaded ? 1 : 0
                onActivated: controller.threaded = currentIndex === 1
                ToolTip.visible: hovered
                ToolTip.text: "simulated: a seeded scheduler and virtual time, the same every run\nthreaded: real threads and real time"
            }
            Label { text: "Seed" }
            SpinBox {
                from: 0; to: 1000000
                value: controller.seed
                editable: true
                enabled: !controller.threaded
                onValueModified: controller.seed = value
            }
            ComboBox {
                model: ["workers + tasks", "workers", "tasks"]
                currentIndex: timeline.view
                onActivated: timeline.view = currentIndex
            }
            ComboBox {
                objectName: "axisBox"
                model: ["step axis", "time axis"]
                currentIndex: controller.stepAxis ? 0 : 1
                onActivated: controller.stepAxis = currentIndex === 0
                ToolTip.visible: hovered
                ToolTip.text: "step axis: each event a step, so polls of one instant read left to right; idle time is a marked break\ntime axis: the run's clock (T switches)"
            }
            Item { Layout.fillWidth: true }
            Label {
                text: controller.status
                elide: Text.ElideLeft
                Layout.maximumWidth: Math.min(400, window.width * 0.2)  // a narrow window keeps its About
                color: palette.windowText
                opacity: 0.75
            }
            Switch {
                objectName: "darkSwitch"
                text: "Dark"
                checked: window.dark
                onToggled: {
                    window.followSystem = false
                    window.chosenDark = checked
                }
                ToolTip.visible: hovered
                ToolTip.text: window.followSystem ? "Following the system's theme; switch to choose" : "Your choice (it is remembered)"
            }
            ToolButton { text: "?"; onClicked: help.open(); ToolTip.visible: hovered; ToolTip.text: "Keyboard shortcuts (?)" }
            ToolButton { text: "About"; onClicked: about.open() }
        }
    }

    Playback {
        id: playback
        objectName: "playback"
        controller: controller
    }

    TaskInspector {
        id: inspector
        objectName: "inspector"
        controller: controller
        task: timeline.selectedTask
        eventIndex: playback.eventIndex
        playhead: playback.playhead
    }

    Shortcut { sequence: "Space"; onActivated: playback.toggle() }
    Shortcut { sequence: "Right"; onActivated: playback.stepNext() }
    Shortcut { sequence: "Left"; onActivated: playback.stepPrevious() }
    Shortcut { sequence: "Shift+Right"; onActivated: playback.stepTaskPoll(timeline.selectedTask, 1) }
    Shortcut { sequence: "Shift+Left"; onActivated: playback.stepTaskPoll(timeline.selectedTask, -1) }
    Shortcut { sequence: "Home"; onActivated: playback.toStart() }
    Shortcut { sequence: "End"; onActivated: playback.toEnd() }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        ScenarioPicker {
            objectName: "picker"
            controller: controller
            onChose: id => window.chooseScenario(id)
            SplitView.preferredWidth: 270
            SplitView.minimumWidth: 200
        }

        ColumnLayout {
            SplitView.fillWidth: true
            spacing: 0

            Label {
                objectName: "traceNote"
                visible: text !== ""
                text: controller.traceNote
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                padding: 8
                font.pixelSize: 13
                background: Rectangle { color: window.palette.highlight; opacity: 0.18 }
            }

            // An imported run is not the scenario's: its lesson and parameters give way to the note above.
            Label {
                objectName: "lesson"
                visible: controller.traceNote === ""
                text: controller.lesson
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
                padding: 12
                bottomPadding: 4
                font.pixelSize: 13
            }

            ParameterPanel {
                visible: controller.traceNote === ""
                controller: controller
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.bottomMargin: 6
            }

            SplitView {
                orientation: Qt.Vertical
                Layout.fillWidth: true
                Layout.fillHeight: true

                TimelineItem {
                    id: timeline
                    objectName: "timeline"
                    controller: controller
                    dark: window.dark
                    playhead: playback.position
                    clip: true
                    SplitView.fillHeight: true
                    ToolTip {
                        parent: timeline
                        visible: timeline.hoverText.length > 0
                        text: timeline.hoverText
                        x: Math.min(timeline.hoverPoint.x + 14, timeline.width - width - 4)
                        y: timeline.hoverPoint.y + 18
                        delay: 300
                    }
                    SplitView.minimumHeight: 200
                    onTaskClicked: task => { if (task > 0) bottomTabs.currentIndex = 2 }  // the inspector shows it
                }

                Stage {
                    objectName: "stage"
                    // A share of the window, so that a short screen leaves the timeline its rows.
                    SplitView.preferredHeight: Math.round(window.height * 0.22)
                    SplitView.minimumHeight: 120
                    dark: window.dark
                    stageModel: StageModel {
                        id: stageModel
                        objectName: "stageModel"
                        controller: controller
                        eventIndex: playback.eventIndex
                    }
                }
            }

            PlaybackBar {
                Layout.fillWidth: true
                playback: playback
            }

            // The last event shown (the output, the hints and the selected task are beside the code).
            Label {
                text: playback.eventText
                Layout.fillWidth: true
                leftPadding: 10
                bottomPadding: 4
                elide: Text.ElideRight
                opacity: 0.8
            }
        }

        SplitView {
            orientation: Qt.Vertical
            SplitView.preferredWidth: 380
            SplitView.minimumWidth: 250

            CodePanel {
                id: codePanel
                objectName: "codePanel"
                SplitView.fillHeight: true
                controller: controller
                dark: window.dark
                readonly property bool followsTask: inspector.valid && inspector.line > 0
                highlighted: followsTask ? inspector.line : playback.currentLine
                highlightColumn: followsTask ? inspector.column : playback.currentColumn
                highlightWidth: followsTask ? inspector.width : playback.currentWidth
                tokioAvailable: tokioCheck.available
                onCheckAgainstTokio: {
                    tokioCheck.check(controller.source, controller.scenarioId + ".rs")
                    tokioDialog.open()
                }
            }

            // Beside the code, in tabs: what the run printed, its hints, and the task clicked on the timeline.
            ColumnLayout {
                SplitView.preferredHeight: Math.round(window.height * 0.36)
                SplitView.minimumHeight: 150
                spacing: 0
                TabBar {
                    id: bottomTabs
                    objectName: "bottomTabs"
                    Layout.fillWidth: true
                    TabButton { text: "Output"; width: implicitWidth; padding: 6 }
                    TabButton {
                        objectName: "hintsTab"
                        text: controller.hints.length > 0 ? "Hints (" + controller.hints.length + ")" : "Hints"
                        width: implicitWidth
                        padding: 6
                    }
                    TabButton { objectName: "taskTab"; text: "Task"; width: implicitWidth; padding: 6 }
                }
                Frame {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    padding: 6
                    StackLayout {
                        anchors.fill: parent
                        currentIndex: bottomTabs.currentIndex
                        ListView {
                            objectName: "console"
                            clip: true
                            model: playback.consoleLines
                            onCountChanged: positionViewAtEnd()
                            delegate: Label {
                                required property string modelData
                                text: modelData
                                font.family: "monospace"
                                font.pixelSize: 12
                            }
                            ScrollBar.vertical: ScrollBar {}
                        }
                        // What to look at in this run, one sentence each; a click shows that moment and that task.
                        ListView {
                            objectName: "hintList"
                            clip: true
                            model: controller.hints
                            spacing: 4
                            delegate: ItemDelegate {
                                required property var modelData
                                required property int index
                                objectName: "hint" + index
                                width: ListView.view.width
                                padding: 4
                                contentItem: Label {
                                    text: "⚠ " + modelData.time.toFixed(0) + " ms · " + modelData.kind + ": " + modelData.text
                                    wrapMode: Text.WordWrap
                                    font.pixelSize: 12
                                }
                                onClicked: {
                                    playback.showEvent(modelData.eventIndex)
                                    timeline.selectedTask = modelData.task
                                }
                            }
                            Label {
                                visible: parent.count === 0
                                text: "No hints: nothing held a worker long, starved, spun or was left parked."
                                opacity: 0.7
                            }
                            ScrollBar.vertical: ScrollBar {}
                        }
                        InspectorPanel {
                            objectName: "inspectorPanel"
                            inspector: inspector
                            onTaskPicked: task => timeline.selectedTask = task
                        }
                    }
                }
            }
        }
    }

    Dialog {
        id: discardDialog
        objectName: "discardDialog"
        title: "Discard your changes?"
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Discard | Dialog.Cancel
        width: 480
        Label {
            width: discardDialog.availableWidth
            wrapMode: Text.WordWrap
            text: "The program " + controller.scenarioId + ".rs has edits that have not been saved. Opening another program replaces them."
        }
        onDiscarded: {
            close()
            const action = window.pendingAction
            window.pendingAction = null
            if (action)
                action()
        }
        onRejected: window.pendingAction = null
    }

    Dialog {
        id: help
        objectName: "helpDialog"
        title: "Keyboard shortcuts"
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Close
        Label {
            objectName: "helpText"
            text: "Ctrl+R        run the program (as edited)\n"
                  + "Esc           stop a run or a file being read\n"
                  + "Ctrl+Shift+O  open a program (.rs)\n"
                  + "Ctrl+Shift+S  save the program as…\n"
                  + "Ctrl+O        open a recorded trace (.json)\n"
                  + "Ctrl+S        save the trace\n"
                  + "Ctrl+I        import a real tokio run (.jsonl)\n"
                  + "Ctrl+E        export the timeline as an image\n"
                  + "Space         play / pause\n"
                  + "Left / Right  previous / next event\n"
                  + "Shift+Left / Shift+Right  previous / next poll of the selected task\n"
                  + "Home / End    start / end of the run\n"
                  + "W / S         zoom in / out (or Ctrl+wheel)\n"
                  + "A / D         pan left / right (or drag, or the wheel)\n"
                  + "F             fit the whole run\n"
                  + "T             step axis / time axis\n"
                  + "click a task  inspect it\n"
                  + "?             this help\n"
                  + "Ctrl+Q        quit"
            font.family: "monospace"
        }
    }

    Dialog {
        id: about
        title: "About Wakeline"
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Ok
        Label {
            text: "Wakeline " + Qt.application.version + "\nA visualiser of async task scheduling, after tokio:\nfutures polled, parked, woken and completed on workers.\nBuilt with Qt " + "6 and QCoro."
        }
    }
}
