#pragma once

#include "../catalog/catalogtypes.h"
#include "database.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace meshlens::models {

// One owner, steward or expert named in an edit: kind is person | team, extId the source's id.
struct PartyRef
{
    QString role; // owner | steward | expert
    QString kind; // person | team
    QString extId;
    bool operator==(const PartyRef &) const = default;
};

// A steward's change to one product. Unset fields are left alone; sets (tags, parties) change by additions and
// removals, so an edit merges with whatever the source did to the same set in the meantime.
struct ProductEdit
{
    std::optional<QString> description, displayName, status;
    std::optional<int> tier;
    QStringList addTags, removeTags;
    QList<PartyRef> addParties, removeParties; // a party may be given by id or e-mail; queueEdit stores the id
    QMap<QString, QString> slaTargets;         // objective id -> target as typed (validated, stored as a number)

    // The single-valued fields it sets, by their payload names (description, display_name, status, tier), in that
    // order: what the payload's "set", a JSON Patch and the conflict view walk.
    [[nodiscard]] QList<std::pair<QString, QJsonValue>> textFields() const;

    [[nodiscard]] bool isEmpty() const
    {
        return !description && !displayName && !status && !tier && addTags.isEmpty() && removeTags.isEmpty() &&
               addParties.isEmpty() && removeParties.isEmpty() && slaTargets.isEmpty();
    }
};

// A consumer's feedback on a product.
struct Feedback
{
    QString category; // one of Outbox::feedbackCategories()
    int rating = 0;   // 1..5
    QString title, message, contact;
    QString linkKind; // empty, "check" or "column"
    QString linkRef;  // the check's id, or the column as "port.column" or a bare column name
};

// A validation problem with one field, in words a person can act on. `field` names the input (description,
// tags, owners, tier, sla:<id>, category, rating, title, message, contact, link).
struct FieldError
{
    QString field, message;
};

struct OutboxItem
{
    QString id, kind, entityKind, entityExt, baseVersion, state, lastError, reply;
    QString sourceUri, sourceKind, entityTitle;
    std::int64_t sourceId = 0;
    QJsonObject payload;
    QJsonObject theirs; // the source's values when the item is in conflict
    int attempts = 0;
    std::int64_t createdAt = 0, updatedAt = 0;
    std::optional<std::int64_t> nextAttemptAt, exportedAt;

    [[nodiscard]] bool isEdit() const { return kind == QLatin1String("edit"); }
};

// What a connector answered to one push (see OutboxPusher).
struct PushResult
{
    enum class Outcome
    {
        Delivered,
        Conflict,  // the source's version moved past the item's base version; theirs holds its values
        Rejected,  // the source refused the item for good (permission, validation); message says why
        Transient, // network or server trouble: retried later with backoff
    };
    Outcome outcome = Outcome::Transient;
    QString message;
    QJsonObject theirs;
    QString reply; // what the source answered to feedback, when it answers
};

// The durable outbox of edits and feedback, in the cache beside the catalog. Every write is committed before it
// returns, so the UI confirms only what survives a crash. Works on the caller's connection and thread (the GUI
// reader, the CLI, or a delivery worker with its own connection); holds no state between calls.
class Outbox final
{
public:
    explicit Outbox(Database &db);

    struct QueueResult
    {
        QString id;               // the client-generated id, when queued
        QList<FieldError> errors; // validation problems: nothing was queued
        std::optional<QString> storeError;
        [[nodiscard]] bool ok() const { return !id.isEmpty(); }
    };

    [[nodiscard]] static const QStringList &feedbackCategories();
    [[nodiscard]] static QString categoryTitle(const QString &category);

    [[nodiscard]] QList<FieldError> validateEdit(std::int64_t productId, const ProductEdit &edit);
    [[nodiscard]] QList<FieldError> validateFeedback(std::int64_t productId, const Feedback &feedback);
    QueueResult queueEdit(std::int64_t productId, const ProductEdit &edit, std::int64_t now);
    QueueResult queueFeedback(std::int64_t productId, const Feedback &feedback, std::int64_t now);

    struct Filter
    {
        QStringList states; // empty: all
        QString kind;       // empty: both
        std::optional<std::int64_t> productId;
    };
    [[nodiscard]] QList<OutboxItem> items(const Filter &filter = {});
    [[nodiscard]] std::optional<OutboxItem> item(const QString &id);
    // Items not yet delivered (pending, sending, conflict, rejected).
    [[nodiscard]] std::int64_t openCount();

    // Undo before delivery / discard a failed item: removes it unless it is being sent or already delivered.
    bool discard(const QString &id);
    // Undo (Ctrl+Z on a product): discards the product's most recent edit that has not started its way to the
    // source, and returns it; nothing when there is none.
    std::optional<OutboxItem> undoLastEdit(std::int64_t productId);
    // Makes a pending or rejected item due now (clears the backoff).
    bool retry(const QString &id, std::int64_t now);
    // After a crash mid-delivery: items left "sending" go back to pending. Their id travels with the retry, so a
    // source that did get the first attempt recognises it and does not apply it twice.
    int recoverInterrupted(std::int64_t now);

    // Shows the pending edits of a product on top of what the cache holds (marking the detail as pending).
    void overlay(ProductDetail &detail);
    // The products with undelivered edits, which result lists mark (one query over the outbox, which is small).
    [[nodiscard]] QSet<std::int64_t> pendingEditIds();
    // After a sync committed: a pending edit whose product's version moved past the edit's base version becomes
    // a conflict, with the source's values kept for the 3-way view. Never drops an edit. Returns how many.
    int reconcileAfterSync(std::int64_t now);
    // The steward resolved a conflict: the item is rewritten as `merged` against the product's current values
    // and version, and is pending again.
    QueueResult resolveConflict(const QString &id, const ProductEdit &merged, std::int64_t now);

    // Delivery steps (OutboxDelivery): sending is committed before the push, the outcome after it.
    bool beginSending(const QString &id, std::int64_t now);
    void finishSending(const QString &id, const PushResult &result, std::int64_t now);
    // Bundle sources: the items were written to an export file / the user confirmed the owner applied it.
    void markExported(const QStringList &ids, std::int64_t now);
    int confirmExported(const QStringList &ids, std::int64_t now);

    // The product's current values in the shape of an edit's "base" (description, display_name, status, tier,
    // tags, parties, sla_targets), and its version token.
    [[nodiscard]] std::optional<QJsonObject> currentValues(std::int64_t sourceId, const QString &productExt,
                                                           QString *versionToken = nullptr);
    [[nodiscard]] static QString versionToken(const QString &version, std::optional<std::int64_t> updatedAt);

    // ProductEdit <-> payload JSON (the "base" is added by queueEdit).
    [[nodiscard]] static QJsonObject editToJson(const ProductEdit &edit);
    [[nodiscard]] static ProductEdit editFromJson(const QJsonObject &payload);
    [[nodiscard]] static QJsonObject feedbackToJson(const Feedback &feedback);
    [[nodiscard]] static Feedback feedbackFromJson(const QJsonObject &payload);
    [[nodiscard]] static QString describe(const OutboxItem &item); // one line for lists and the CLI

    [[nodiscard]] static std::int64_t backoffSeconds(int attempts);

    // A feedback form's unsent draft per product, kept in the cache's local state (survives closing the window).
    void saveFeedbackDraft(std::int64_t productId, const Feedback &draft, std::int64_t now);
    [[nodiscard]] std::optional<Feedback> feedbackDraft(std::int64_t productId);
    void clearFeedbackDraft(std::int64_t productId);

private:
    [[nodiscard]] QString draftKey(std::int64_t productId);
    std::optional<QString> resolveParty(PartyRef &party);
    QueueResult insert(const QString &kind, std::int64_t productId, const QJsonObject &payload, std::int64_t now);

    Database &m_db;
};

} // namespace meshlens::models
