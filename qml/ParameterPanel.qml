// The scenario's parameters (durations, counts, capacities) as controls with their ranges; Run uses them.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Wakeline

Flow {
    id: panel
    required property RunController controller
    spacing: 14

    Repeater {
        model: panel.controller.params
        RowLayout {
            required property var modelData
            spacing: 4
            Label { text: modelData.name }
            SpinBox {
                objectName: "param_" + modelData.name
                from: modelData.min
                to: Math.min(modelData.max, 2000000000)
                value: modelData.value
                editable: true
                stepSize: modelData.unit === "ms" ? 50 : 1
                onValueModified: panel.controller.setParam(modelData.name, value)
                ToolTip.visible: hovered
                ToolTip.text: modelData.help + " (" + modelData.min + "–" + modelData.max + (modelData.unit ? " " + modelData.unit : "") + ")"
            }
            Label { text: modelData.unit; opacity: 0.6 }
        }
    }
}
