// The scenarios grouped by concept; choosing one runs it.
import QtQuick
import QtQuick.Controls
import Wakeline

ListView {
    id: picker
    required property RunController controller
    signal chose(string scenarioId)
    clip: true
    model: ScenarioCatalog { id: catalog }
    currentIndex: catalog.indexOf(controller.scenarioId)
    section.property: "group"
    section.delegate: Label {
        required property string section
        text: section.toUpperCase()
        font.bold: true
        font.pixelSize: 11
        opacity: 0.6
        topPadding: 12
        leftPadding: 10
        bottomPadding: 4
    }
    delegate: ItemDelegate {
        required property int index
        required property string scenarioId
        required property string title
        required property string summary
        width: ListView.view.width
        highlighted: ListView.isCurrentItem
        contentItem: Column {
            spacing: 2
            Label { text: title; font.bold: true; width: parent.width; elide: Text.ElideRight }
            Label { text: summary; width: parent.width; wrapMode: Text.WordWrap; font.pixelSize: 11; opacity: 0.75 }
        }
        onClicked: picker.chose(scenarioId)
    }
    ScrollBar.vertical: ScrollBar {}
}
