#include "ScenarioCatalog.h"

#include "scenarios/Scenario.h"

#include <algorithm>

namespace wl {
namespace {
int groupRank(const std::string& g)
{
    static const char* order[] = {"basics", "composition", "channels", "cancellation", "scheduling", "performance"};
    for (int i = 0; i < 6; ++i)
        if (g == order[i])
            return i;
    return 6;
}
}  // namespace

ScenarioCatalog::ScenarioCatalog(QObject* parent) : QAbstractListModel(parent)
{
    const auto& all = allScenarios();
    for (int i = 0; i < int(all.size()); ++i)
        order_.push_back(i);
    std::stable_sort(order_.begin(), order_.end(),
                     [&](int a, int b) { return groupRank(all[size_t(a)].group) < groupRank(all[size_t(b)].group); });
}

int ScenarioCatalog::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(order_.size()); }

QVariant ScenarioCatalog::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(order_.size()))
        return {};
    const Scenario& s = allScenarios()[size_t(order_[size_t(index.row())])];
    switch (role) {
    case IdRole: return QString::fromStdString(s.id);
    case Qt::DisplayRole:
    case TitleRole: return QString::fromStdString(s.title);
    case SummaryRole: return QString::fromStdString(s.summary);
    case LessonRole: return QString::fromStdString(s.lesson);
    case GroupRole: return QString::fromStdString(s.group);
    }
    return {};
}

QHash<int, QByteArray> ScenarioCatalog::roleNames() const
{
    return {{IdRole, "scenarioId"}, {TitleRole, "title"}, {SummaryRole, "summary"}, {LessonRole, "lesson"},
            {GroupRole, "group"}};
}

int ScenarioCatalog::indexOf(const QString& id) const
{
    for (int i = 0; i < int(order_.size()); ++i)
        if (QString::fromStdString(allScenarios()[size_t(order_[size_t(i)])].id) == id)
            return i;
    return -1;
}

}  // namespace wl
