#pragma once
// The scenarios as a list model for the picker: id, title, summary, lesson and group (for sections).
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace wl {

class ScenarioCatalog : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT

public:
    enum Role { IdRole = Qt::UserRole + 1, TitleRole, SummaryRole, LessonRole, GroupRole };
    explicit ScenarioCatalog(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE int indexOf(const QString& id) const;

private:
    std::vector<int> order_;  // scenarios sorted by group, keeping the registry's order inside a group
};

}  // namespace wl
