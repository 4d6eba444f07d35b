// The window's controls on their own: the playback bar drives a Playback over a real run, the parameter panel
// shows a scenario's parameters and feeds the next run.
import QtQuick
import QtTest
import Wakeline

Item {
    id: root
    width: 900
    height: 300

    RunController { id: controller }
    Playback { id: playback; controller: controller }
    PlaybackBar { id: bar; playback: playback; width: root.width }
    ParameterPanel { id: parameters; controller: controller; y: 60; width: root.width }
    SignalSpy { id: traces; target: controller; signalName: "traceChanged" }

    function runAndWait(testCase, id) {
        controller.scenarioId = id
        const before = traces.count
        controller.run()
        testCase.tryVerify(() => traces.count > before, 10000)
        playback.pause()
    }

    TestCase {
        name: "PlaybackBar"
        when: windowShown

        function test_playStepAndScrub() {
            controller.stepAxis = false  // the scrubber in ms
            runAndWait(this, "sequential")
            playback.toStart()
            compare(playback.eventIndex, 0)
            compare(playback.consoleLines.length, 0)
            playback.playhead = 2500
            compare(playback.consoleLines, ["2000 ms  Temperature fetched"])
            const play = findChild(bar, "playButton")
            verify(play)
            mouseClick(play)
            verify(playback.playing)
            mouseClick(play)
            verify(!playback.playing)
            const scrubber = findChild(bar, "scrubber")
            compare(scrubber.to, 3000)
            compare(scrubber.value, playback.playhead)
        }

        // On the step axis the scrubber runs over steps, and moving it shows the events up to that step.
        function test_scrubbingTheStepAxis() {
            controller.stepAxis = true
            runAndWait(this, "sequential")
            const scrubber = findChild(bar, "scrubber")
            compare(scrubber.to, playback.end)
            verify(playback.end > 10 && playback.end < 100)
            playback.position = 0
            compare(playback.eventIndex, 1)
            playback.position = playback.end
            compare(playback.eventIndex, playback.eventCount)
            compare(scrubber.value, playback.end)
            controller.stepAxis = false
        }

        function test_speedChoices() {
            const speed = findChild(bar, "speed")
            verify(speed.model.indexOf("0.01x") >= 0 && speed.model.indexOf("100x") >= 0)
            playback.speed = 1000
            compare(playback.speed, 100)  // clamped to the range the issue asks for
            playback.speed = 0
            compare(playback.speed, 0.01)
            playback.speed = 1
        }
    }

    TestCase {
        name: "ParameterPanel"
        when: windowShown

        function test_parametersFeedTheRun() {
            controller.scenarioId = "many_sleepers"
            compare(controller.params.length, 2)
            compare(controller.params[0].name, "tasks")
            controller.setParam("tasks", 3)
            compare(controller.params[0].value, 3)
            controller.setParam("tasks", 1e9)
            compare(controller.params[0].value, 10000)  // clamped to the parameter's range
            controller.setParam("tasks", 3)
            runAndWait(this, "many_sleepers")
            compare(controller.printedLines.length, 4)  // three tasks and "All tasks done"
        }
    }
}
