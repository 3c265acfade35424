<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms, and only those: without them tr() shows a %n message as written ("1 product(s)").
     Kept by hand, since lupdate would add every other message: tst_translations checks that it has each plural
     message of meshlens_de.ts and that no form keeps a "(s)". -->
<TS version="2.1" language="en">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>Saved %Ln row(s) to %1</source>
        <translation>
            <numerusform>Saved %Ln row to %1</numerusform>
            <numerusform>Saved %Ln rows to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::models::OwnersModel</name>
    <message numerus="yes">
        <source>Mean health score of the %n product(s) shown in this row</source>
        <translation>
            <numerusform>Health score of the %n product shown in this row</numerusform>
            <numerusform>Mean health score of the %n products shown in this row</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::models::SlaTableModel</name>
    <message numerus="yes">
        <source>1x spends the error budget exactly over the %n-day window</source>
        <translation>
            <numerusform>1x spends the error budget exactly over the %n-day window</numerusform>
            <numerusform>1x spends the error budget exactly over the %n-day window</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::DomainsPage</name>
    <message numerus="yes">
        <source>The %n least healthy product(s) of %1; Enter opens one</source>
        <translation>
            <numerusform>The %n least healthy product of %1; Enter opens one</numerusform>
            <numerusform>The %n least healthy products of %1; Enter opens one</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::HealthTab</name>
    <message numerus="yes">
        <source>Evaluated as of %1 over the last %n day(s)</source>
        <translation>
            <numerusform>Evaluated as of %1 over the last %n day</numerusform>
            <numerusform>Evaluated as of %1 over the last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n objective(s) measured</source>
        <translation>
            <numerusform>%n objective measured</numerusform>
            <numerusform>%n objectives measured</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n check(s)</source>
        <translation>
            <numerusform>%n check</numerusform>
            <numerusform>%n checks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::OutboxPage</name>
    <message numerus="yes">
        <source>Discard %n item(s)? They will not be sent, and this cannot be undone.</source>
        <translation>
            <numerusform>Discard %n item? It will not be sent, and this cannot be undone.</numerusform>
            <numerusform>Discard %n items? They will not be sent, and this cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n item(s).</source>
        <translation>
            <numerusform>Discarded %n item.</numerusform>
            <numerusform>Discarded %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n item(s) to %1.

Mark them delivered? Answer Yes once the catalog owner has the file; until then they stay in the outbox.</source>
        <translation>
            <numerusform>Wrote %n item to %1.

Mark it delivered? Answer Yes once the catalog owner has the file; until then it stays in the outbox.</numerusform>
            <numerusform>Wrote %n items to %1.

Mark them delivered? Answer Yes once the catalog owner has the file; until then they stay in the outbox.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) delivered by export.</source>
        <translation>
            <numerusform>%n item delivered by export.</numerusform>
            <numerusform>%n items delivered by export.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivered</source>
        <translation>
            <numerusform>%n delivered</numerusform>
            <numerusform>%n delivered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict: resolve them</source>
        <translation>
            <numerusform>%n in conflict: resolve it</numerusform>
            <numerusform>%n in conflict: resolve them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected: %1</source>
        <translation>
            <numerusform>%n rejected: %1</numerusform>
            <numerusform>%n rejected: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be sent (%1); retried automatically</source>
        <translation>
            <numerusform>%n could not be sent (%1); retried automatically</numerusform>
            <numerusform>%n could not be sent (%1); retried automatically</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to retry after an error</source>
        <translation>
            <numerusform>%n waiting to retry after an error</numerusform>
            <numerusform>%n waiting to retry after an error</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n for bundle sources, which take no writes: use Export…</source>
        <translation>
            <numerusform>%n for bundle sources, which take no writes: use Export…</numerusform>
            <numerusform>%n for bundle sources, which take no writes: use Export…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::OwnersPage</name>
    <message numerus="yes">
        <source>What %1 answers for (%Ln product(s)); Enter opens one</source>
        <translation>
            <numerusform>What %1 answers for (%Ln product); Enter opens one</numerusform>
            <numerusform>What %1 answers for (%Ln products); Enter opens one</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::QualityTab</name>
    <message numerus="yes">
        <source>%n check(s)</source>
        <translation>
            <numerusform>%n check</numerusform>
            <numerusform>%n checks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SLA(s)</source>
        <translation>
            <numerusform>%n SLA</numerusform>
            <numerusform>%n SLAs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SearchPage</name>
    <message numerus="yes">
        <source>%Ln product(s) in the catalog</source>
        <translation>
            <numerusform>%Ln product in the catalog</numerusform>
            <numerusform>%Ln products in the catalog</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SourceProblemsView</name>
    <message numerus="yes">
        <source>%1 of %n problems; the rest of each source imported.</source>
        <translation>
            <numerusform>%1 of %n problem; the rest of each source imported.</numerusform>
            <numerusform>%1 of %n problems; the rest of each source imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems; the rest of each source imported.</source>
        <translation>
            <numerusform>%n problem; the rest of each source imported.</numerusform>
            <numerusform>%n problems; the rest of each source imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SourcesDialog</name>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %1 and its %n products from the cache?</source>
        <translation>
            <numerusform>Remove %1 and its %n product from the cache?</numerusform>
            <numerusform>Remove %1 and its %n products from the cache?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other catalog entries go with them.</source>
        <translation>
            <numerusform>%n other catalog entry goes with them.</numerusform>
            <numerusform>%n other catalog entries go with them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outbox items (edits or feedback) for %1 were never delivered. Discard them with the source? They cannot be recovered.</source>
        <translation>
            <numerusform>%n outbox item (an edit or feedback) for %1 was never delivered. Discard it with the source? It cannot be recovered.</numerusform>
            <numerusform>%n outbox items (edits or feedback) for %1 were never delivered. Discard them with the source? They cannot be recovered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %1 with %n entries.</source>
        <translation>
            <numerusform>Removed %1 with %n entry.</numerusform>
            <numerusform>Removed %1 with %n entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SourcesMenu</name>
    <message numerus="yes">
        <source>⚠ %n problems</source>
        <translation>
            <numerusform>⚠ %n problem</numerusform>
            <numerusform>⚠ %n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::StatusTimeline</name>
    <message numerus="yes">
        <source>%n check(s); %1 failed runs of %2</source>
        <translation>
            <numerusform>%n check; %1 failed runs of %2</numerusform>
            <numerusform>%n checks; %1 failed runs of %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::TrendsPage</name>
    <message numerus="yes">
        <source>%1%2 — %Ln product(s)</source>
        <translation>
            <numerusform>%1%2 — %Ln product</numerusform>
            <numerusform>%1%2 — %Ln products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of these %Ln product(s) declares a quality check.</source>
        <translation>
            <numerusform>None of these %Ln product declares a quality check.</numerusform>
            <numerusform>None of these %Ln products declares a quality check.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1% passed · %L2 runs · %Ln product(s), %L3 checks</source>
        <translation>
            <numerusform>%1% passed · %L2 runs · %Ln product, %L3 checks</numerusform>
            <numerusform>%1% passed · %L2 runs · %Ln products, %L3 checks</numerusform>
        </translation>
    </message>
</context>
</TS>
