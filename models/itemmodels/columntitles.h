#pragma once

// The horizontal header of a table model as data: one untranslated title per column (QT_TR_NOOP, in column order),
// translated by the model's tr(). Each model says its titles once instead of a switch case per column.

#include <QVariant>

namespace meshlens::models {

// The header of `section` from `titles` (one per Model::Column, so a missing title is a build error) for a
// horizontal display header; an empty QVariant for any other header. A nullptr title leaves the column to
// `untitled(section)`, a column the model names itself.
template<typename Model, typename Untitled>
[[nodiscard]] QVariant columnHeader(const char *const (&titles)[Model::ColumnCount], int section,
                                    Qt::Orientation orientation, int role, Untitled untitled)
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= Model::ColumnCount) {
        return {};
    }
    const char *title = titles[section];
    return title ? QVariant(Model::tr(title)) : QVariant(untitled(section));
}

template<typename Model>
[[nodiscard]] QVariant columnHeader(const char *const (&titles)[Model::ColumnCount], int section,
                                    Qt::Orientation orientation, int role)
{
    return columnHeader<Model>(titles, section, orientation, role, [](int) { return QVariant(); });
}

} // namespace meshlens::models
