<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CatalogGenerator</name>
    <message>
        <source>Could not write the catalog: %1</source>
        <translation>Der Katalog konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Generating the catalog was cancelled.</source>
        <translation>Das Erzeugen des Katalogs wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>Writing the CSV file failed: %1</source>
        <translation>Das Schreiben der CSV-Datei ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>DeepLink</name>
    <message>
        <source>The link is too long (%1 characters; at most %2).</source>
        <translation>Der Link ist zu lang (%1 Zeichen; höchstens %2).</translation>
    </message>
    <message>
        <source>The link contains control characters.</source>
        <translation>Der Link enthält Steuerzeichen.</translation>
    </message>
    <message>
        <source>Not a MeshLens link: it must start with meshlens://</source>
        <translation>Kein MeshLens-Link: Er muss mit meshlens:// beginnen.</translation>
    </message>
    <message>
        <source>Not a MeshLens link: meshlens: must be followed by //</source>
        <translation>Kein MeshLens-Link: Auf meshlens: muss // folgen.</translation>
    </message>
    <message>
        <source>The link is malformed: %1</source>
        <translation>Der Link ist fehlerhaft: %1</translation>
    </message>
    <message>
        <source>The link carries a user name or password, which MeshLens links never do.</source>
        <translation>Der Link enthält einen Benutzernamen oder ein Passwort – MeshLens-Links tun das nie.</translation>
    </message>
    <message>
        <source>The link names a port, which MeshLens links never do.</source>
        <translation>Der Link nennt einen Port – MeshLens-Links tun das nie.</translation>
    </message>
    <message>
        <source>The link has a #fragment, which MeshLens links never do.</source>
        <translation>Der Link hat ein #Fragment – MeshLens-Links haben das nie.</translation>
    </message>
    <message>
        <source>A product link takes no ?parameters.</source>
        <translation>Ein Produkt-Link hat keine ?Parameter.</translation>
    </message>
    <message>
        <source>The link&apos;s percent-encoding is broken.</source>
        <translation>Die Prozentkodierung des Links ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The product link names no product: meshlens://product/&lt;id or FQN&gt;</source>
        <translation>Der Produkt-Link nennt kein Produkt: meshlens://product/&lt;ID oder FQN&gt;</translation>
    </message>
    <message>
        <source>A search link has no path: meshlens://search?q=&lt;query&gt;</source>
        <translation>Ein Such-Link hat keinen Pfad: meshlens://search?q=&lt;Suche&gt;</translation>
    </message>
    <message>
        <source>A search link takes only q=, not %1=</source>
        <translation>Ein Such-Link kennt nur q=, nicht %1=</translation>
    </message>
    <message>
        <source>A search link takes one q=.</source>
        <translation>Ein Such-Link hat genau ein q=.</translation>
    </message>
    <message>
        <source>The search link has no query: meshlens://search?q=&lt;query&gt;</source>
        <translation>Der Such-Link enthält keine Suche: meshlens://search?q=&lt;Suche&gt;</translation>
    </message>
    <message>
        <source>Unknown kind of MeshLens link &quot;%1&quot;: expected meshlens://product/… or meshlens://search?q=…</source>
        <translation>Unbekannte Art von MeshLens-Link „%1“: erwartet wird meshlens://product/… oder meshlens://search?q=…</translation>
    </message>
    <message>
        <source>The link&apos;s product or query is too long (at most %1 characters).</source>
        <translation>Produkt oder Suche im Link ist zu lang (höchstens %1 Zeichen).</translation>
    </message>
</context>
<context>
    <name>HealthFormat</name>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
</context>
<context>
    <name>HealthScore</name>
    <message>
        <source>%1 of %2 column descriptions</source>
        <translation>%1 von %2 Spaltenbeschreibungen</translation>
    </message>
    <message>
        <source>Health score (0-100) = 100 x (%1% S + %2% Q + %3% M + %4% I), re-weighted over the components a product has.
S  SLA compliance: for each objective measured in the last %5 days, the share of measurements that met the target; averaged over the objectives.
Q  Quality pass rate: passed runs / runs of all the product&apos;s checks in the window (an aborted run counts as not passed).
M  Metadata completeness: description, owner, tags, SLA declared, and the share of schema columns with a description; 1/5 each.
I  Open incidents: 1 / (1 + n), n = checks failing now + objectives breached now.
Bands: healthy from %6, at risk from %7, unhealthy below. Owners, teams and domains show the mean score of their products.
Error budget: an objective may miss its target on %8% of the window&apos;s measurements; the burn rate is the pace of spending it (1 = exactly spent by the window&apos;s end).</source>
        <translation>Health-Score (0–100) = 100 × (%1 % S + %2 % Q + %3 % M + %4 % I), neu gewichtet über die Bestandteile, die ein Produkt hat.
S  SLA-Einhaltung: für jedes in den letzten %5 Tagen gemessene Ziel der Anteil der Messungen, die den Sollwert erreicht haben; gemittelt über die Ziele.
Q  Erfolgsquote der Qualität: bestandene Läufe / Läufe aller Prüfungen des Produkts im Zeitfenster (ein abgebrochener Lauf zählt als nicht bestanden).
M  Vollständigkeit der Metadaten: Beschreibung, Verantwortliche, Tags, festgelegtes SLA und der Anteil der Schemaspalten mit Beschreibung; je 1/5.
I  Offene Vorfälle: 1 / (1 + n), n = jetzt fehlschlagende Prüfungen + jetzt verletzte Ziele.
Stufen: gesund ab %6, gefährdet ab %7, darunter kritisch. Verantwortliche, Teams und Domänen zeigen den mittleren Score ihrer Produkte.
Fehlerbudget: Ein Ziel darf seinen Sollwert bei %8 % der Messungen im Zeitfenster verfehlen; die Verbrauchsrate ist das Tempo, in dem es aufgebraucht wird (1 = genau zum Ende des Zeitfensters aufgebraucht).</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>Verantwortliche</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>SLA compliance</source>
        <translation>SLA-Einhaltung</translation>
    </message>
    <message>
        <source>Quality pass rate</source>
        <translation>Erfolgsquote der Qualität</translation>
    </message>
    <message>
        <source>Metadata completeness</source>
        <translation>Vollständigkeit der Metadaten</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Offene Vorfälle</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>gesund</translation>
    </message>
    <message>
        <source>at risk</source>
        <translation>gefährdet</translation>
    </message>
    <message>
        <source>unhealthy</source>
        <translation>kritisch</translation>
    </message>
</context>
<context>
    <name>HealthSnapshot</name>
    <message>
        <source>Reading %1 from the catalog cache failed: %2</source>
        <translation>Das Lesen von %1 aus dem Katalog-Cache ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>HealthSnapshotLoader</name>
    <message>
        <source>Cannot read the catalog cache to compute health: %1</source>
        <translation>Der Katalog-Cache kann zum Berechnen des Zustands nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>HealthSnapshotText</name>
    <message>
        <source>owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>steward</source>
        <translation>Steward</translation>
    </message>
    <message>
        <source>expert</source>
        <translation>Fachperson</translation>
    </message>
    <message>
        <source>(no domain)</source>
        <translation>(keine Domäne)</translation>
    </message>
</context>
<context>
    <name>LineageNodeItem</name>
    <message>
        <source>&lt;br&gt;Domain: %1</source>
        <translation>&lt;br&gt;Domäne: %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;Owners: %1</source>
        <translation>&lt;br&gt;Verantwortliche: %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;Health: %1</source>
        <translation>&lt;br&gt;Zustand: %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Not in the cache&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Nicht im Cache&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 more at this distance. Click to show them.</source>
        <translation>%1 weitere in diesem Abstand. Zum Anzeigen klicken.</translation>
    </message>
    <message>
        <source>Show %1 more</source>
        <translation>%1 weitere anzeigen</translation>
    </message>
</context>
<context>
    <name>PassRateChart</name>
    <message>
        <source>Pass rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Days with failures</source>
        <translation>Tage mit Fehlschlägen</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Products checked</source>
        <translation>Geprüfte Produkte</translation>
    </message>
    <message>
        <source>%1
No check ran</source>
        <translation>%1
Keine Prüfung gelaufen</translation>
    </message>
    <message>
        <source>%1
Pass rate %2% (%3 of %4 runs; %5 failed, %6 aborted)
%7 product(s) checked</source>
        <translation>%1
Erfolgsquote %2 % (%3 von %4 Läufen; %5 fehlgeschlagen, %6 abgebrochen)
%7 Produkt(e) geprüft</translation>
    </message>
    <message>
        <source>Pass rate %1% over %2 runs; %3 day(s) with failures</source>
        <translation>Erfolgsquote %1 % über %2 Läufe; %3 Tag(e) mit Fehlschlägen</translation>
    </message>
    <message>
        <source>No check ran in this range</source>
        <translation>In diesem Zeitraum lief keine Prüfung</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Problems to fix</source>
        <translation>Zu behebende Probleme</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another folder.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Bitte einen anderen Ordner wählen.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %Ln row(s) to %1</source>
        <translation>
            <numerusform>%Ln Zeile in %1 gespeichert</numerusform>
            <numerusform>%Ln Zeilen in %1 gespeichert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RollupColumns</name>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Worst</source>
        <translation>Schlechtestes</translation>
    </message>
    <message>
        <source>SLAs breached</source>
        <translation>Verletzte SLAs</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Offene Vorfälle</translation>
    </message>
</context>
<context>
    <name>SlaEvaluation</name>
    <message>
        <source>The objective&apos;s target (%1) is not a non-negative number, so no measurement can be judged; fix the SLA at its source.</source>
        <translation>Der Sollwert des Ziels (%1) ist keine nichtnegative Zahl, daher lässt sich keine Messung bewerten; bitte das SLA an seiner Quelle korrigieren.</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>met</source>
        <translation>erfüllt</translation>
    </message>
    <message>
        <source>breached</source>
        <translation>verletzt</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
</context>
<context>
    <name>TokenPrompt</name>
    <message>
        <source>Token for %1</source>
        <translation>Token für %1</translation>
    </message>
    <message>
        <source>%1

A bot or personal access token (JWT). MeshLens keeps it in the system keychain, never in its settings or cache.</source>
        <translation>%1

Ein Bot- oder persönliches Zugriffstoken (JWT). MeshLens bewahrt es im Schlüsselbund des Systems auf, nie in seinen Einstellungen oder im Cache.</translation>
    </message>
    <message>
        <source>Use Token</source>
        <translation>Token verwenden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>MeshLens cannot open its catalog cache.

%1</source>
        <translation>MeshLens kann seinen Katalog-Cache nicht öffnen.

%1</translation>
    </message>
</context>
<context>
    <name>meshlens::models</name>
    <message>
        <source>Invalid node path &apos;%1&apos;: %2</source>
        <translation>Ungültiger Knotenpfad „%1“: %2</translation>
    </message>
    <message>
        <source>a &apos;[&apos; is not closed</source>
        <translation>ein „[“ wird nicht geschlossen</translation>
    </message>
    <message>
        <source>a selector needs &apos;=&apos;: [?field=value]</source>
        <translation>ein Selektor braucht „=“: [?feld=wert]</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an index</source>
        <translation>„%1“ ist kein Index</translation>
    </message>
    <message>
        <source>an empty key</source>
        <translation>ein leerer Schlüssel</translation>
    </message>
    <message>
        <source>it ends with &apos;.&apos;</source>
        <translation>er endet mit „.“</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>er ist leer</translation>
    </message>
    <message>
        <source>the node before &apos;%1&apos; is not a mapping.</source>
        <translation>der Knoten vor „%1“ ist keine Zuordnung.</translation>
    </message>
    <message>
        <source>The key &apos;%1&apos; appears %2 times in the same mapping; edit the file by hand.</source>
        <translation>Der Schlüssel „%1“ kommt %2-mal in derselben Zuordnung vor; bitte die Datei von Hand bearbeiten.</translation>
    </message>
    <message>
        <source>The path step %1 needs a sequence, and the node there is not one.</source>
        <translation>Der Pfadschritt %1 braucht eine Sequenz, und der Knoten dort ist keine.</translation>
    </message>
    <message>
        <source>The file holds no YAML document.</source>
        <translation>Die Datei enthält kein YAML-Dokument.</translation>
    </message>
    <message>
        <source>The file holds %1 YAML documents; only single-document files are edited.</source>
        <translation>Die Datei enthält %1 YAML-Dokumente; bearbeitet werden nur Dateien mit einem einzigen Dokument.</translation>
    </message>
    <message>
        <source>The file&apos;s anchors and aliases expand to too many nodes; edit it by hand.</source>
        <translation>Die Anker und Aliase der Datei ergeben zu viele Knoten; bitte von Hand bearbeiten.</translation>
    </message>
    <message>
        <source>Not valid YAML (line %1, column %2): %3</source>
        <translation>Kein gültiges YAML (Zeile %1, Spalte %2): %3</translation>
    </message>
    <message>
        <source>Not valid YAML: %1</source>
        <translation>Kein gültiges YAML: %1</translation>
    </message>
</context>
<context>
    <name>meshlens::models::ContractsPusher</name>
    <message>
        <source>Feedback cannot be written into data contract files: it needs an OpenMetadata source. Export the outbox to send it to the product&apos;s owners.</source>
        <translation>Feedback lässt sich nicht in Datenvertragsdateien schreiben: Dafür ist eine OpenMetadata-Quelle nötig. Exportieren Sie den Postausgang, um es den Verantwortlichen des Produkts zu schicken.</translation>
    </message>
    <message>
        <source>Unknown outbox item kind &apos;%1&apos;.</source>
        <translation>Unbekannte Art von Postausgangseintrag „%1“.</translation>
    </message>
    <message>
        <source>The contracts folder has not been synced yet.</source>
        <translation>Der Ordner mit Datenverträgen wurde noch nicht synchronisiert.</translation>
    </message>
    <message>
        <source>Data contract files have no tier field; edit the tier elsewhere.</source>
        <translation>Datenvertragsdateien haben kein Feld für die Stufe; bitte die Stufe anderswo bearbeiten.</translation>
    </message>
    <message>
        <source>The product %1 is not defined in the folder&apos;s files any more; sync and edit again.</source>
        <translation>Das Produkt %1 ist in den Dateien des Ordners nicht mehr definiert; bitte synchronisieren und erneut bearbeiten.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; points outside the contracts folder.</source>
        <translation>Der Dateiname „%1“ zeigt aus dem Ordner mit Datenverträgen hinaus.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB; edit it by hand.</source>
        <translation>%1 ist größer als %2 MB; bitte von Hand bearbeiten.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The product&apos;s place in %1 (%2) cannot be edited.</source>
        <translation>Die Stelle des Produkts in %1 (%2) lässt sich nicht bearbeiten.</translation>
    </message>
    <message>
        <source>The tag &apos;%1&apos; cannot be removed from a file by MeshLens; edit it by hand.</source>
        <translation>MeshLens kann das Tag „%1“ nicht aus einer Datei entfernen; bitte von Hand bearbeiten.</translation>
    </message>
    <message>
        <source>The id &apos;%1&apos; cannot be edited in a file by MeshLens.</source>
        <translation>MeshLens kann die ID „%1“ in einer Datei nicht bearbeiten.</translation>
    </message>
    <message>
        <source>A data contract keeps its team: name another team instead of removing %1.</source>
        <translation>Ein Datenvertrag behält sein Team: Nennen Sie ein anderes Team, statt %1 zu entfernen.</translation>
    </message>
    <message>
        <source>A data contract&apos;s team is its owner; %1 cannot be its %2.</source>
        <translation>Das Team eines Datenvertrags ist sein Verantwortlicher; %1 kann nicht sein %2 sein.</translation>
    </message>
    <message>
        <source>%1 lists team members without a team (the ODCS 3.0 form); name the team by hand.</source>
        <translation>%1 führt Teammitglieder ohne Team auf (die Form von ODCS 3.0); bitte das Team von Hand eintragen.</translation>
    </message>
    <message>
        <source>A data contract has one team, %1: remove it to name %2.</source>
        <translation>Ein Datenvertrag hat ein Team, %1: Entfernen Sie es, um %2 zu nennen.</translation>
    </message>
    <message>
        <source>The SLA objective %1 is not in the folder&apos;s files any more.</source>
        <translation>Das SLA-Ziel %1 ist nicht mehr in den Dateien des Ordners.</translation>
    </message>
    <message>
        <source>The SLA objective %1 cannot be edited.</source>
        <translation>Das SLA-Ziel %1 lässt sich nicht bearbeiten.</translation>
    </message>
    <message>
        <source>%1 changed on disk since the last sync; sync, review and edit again.</source>
        <translation>%1 wurde seit der letzten Synchronisierung auf der Festplatte geändert; bitte synchronisieren, prüfen und erneut bearbeiten.</translation>
    </message>
    <message>
        <source>%1 changed on disk while the edit was being written; sync and edit again.</source>
        <translation>%1 wurde auf der Festplatte geändert, während die Änderung geschrieben wurde; bitte synchronisieren und erneut bearbeiten.</translation>
    </message>
    <message>
        <source>%1 was deleted or moved since the last sync; sync and edit again.</source>
        <translation>%1 wurde seit der letzten Synchronisierung gelöscht oder verschoben; bitte synchronisieren und erneut bearbeiten.</translation>
    </message>
</context>
<context>
    <name>meshlens::models::DomainHealthModel</name>
    <message>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
    <message>
        <source>Healthy %1, at risk %2, unhealthy %3 of %4 products</source>
        <translation>Gesund %1, gefährdet %2, kritisch %3 von %4 Produkten</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Verteilung</translation>
    </message>
</context>
<context>
    <name>meshlens::models::Outbox</name>
    <message>
        <source>Data issue</source>
        <translation>Datenproblem</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Dokumentation</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugang</translation>
    </message>
    <message>
        <source>Feature request</source>
        <translation>Wunsch nach einer Funktion</translation>
    </message>
    <message>
        <source>Praise</source>
        <translation>Lob</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Feedback (%1, %2/5): %3</source>
        <translation>Feedback (%1, %2/5): %3</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>+tag %1</source>
        <translation>+Tag %1</translation>
    </message>
    <message>
        <source>-tag %1</source>
        <translation>-Tag %1</translation>
    </message>
    <message>
        <source>+%1 %2</source>
        <translation>+%1 %2</translation>
    </message>
    <message>
        <source>-%1 %2</source>
        <translation>-%1 %2</translation>
    </message>
    <message>
        <source>SLA %1 = %2</source>
        <translation>SLA %1 = %2</translation>
    </message>
    <message>
        <source>Edit: %1</source>
        <translation>Änderung: %1</translation>
    </message>
    <message>
        <source>Unknown role &apos;%1&apos;: use owner, steward or expert.</source>
        <translation>Unbekannte Rolle „%1“: owner, steward oder expert verwenden.</translation>
    </message>
    <message>
        <source>A person or team must be named.</source>
        <translation>Eine Person oder ein Team muss genannt werden.</translation>
    </message>
    <message>
        <source>Unknown person &apos;%1&apos;: name a person or team of the catalog by id or e-mail.</source>
        <translation>Unbekannte Person „%1“: eine Person oder ein Team des Katalogs per ID oder E-Mail-Adresse nennen.</translation>
    </message>
    <message>
        <source>The product is no longer in the catalog.</source>
        <translation>Das Produkt ist nicht mehr im Katalog.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The display name cannot be empty.</source>
        <translation>Der Anzeigename darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The tier must be between 1 and 5.</source>
        <translation>Die Stufe muss zwischen 1 und 5 liegen.</translation>
    </message>
    <message>
        <source>Tags cannot be empty or contain commas.</source>
        <translation>Tags dürfen weder leer sein noch Kommas enthalten.</translation>
    </message>
    <message>
        <source>A product with status &apos;%1&apos; needs at least one owner. Add another owner before removing the last one, or set the status to development or deprecated.</source>
        <translation>Ein Produkt mit dem Status „%1“ braucht mindestens eine verantwortliche Person. Fügen Sie eine weitere hinzu, bevor Sie die letzte entfernen, oder setzen Sie den Status auf development oder deprecated.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>The product has no SLA objective &apos;%1&apos;.</source>
        <translation>Das Produkt hat kein SLA-Ziel „%1“.</translation>
    </message>
    <message>
        <source>The target of SLA &apos;%1&apos; must be a number, like 99.5 or 6; &apos;%2&apos; is not.</source>
        <translation>Der Sollwert des SLA „%1“ muss eine Zahl sein, etwa 99.5 oder 6; „%2“ ist keine.</translation>
    </message>
    <message>
        <source>The target of SLA &apos;%1&apos; cannot be negative.</source>
        <translation>Der Sollwert des SLA „%1“ darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>The target of SLA &apos;%1&apos; is a percentage: it must be between 0 and 100.</source>
        <translation>Der Sollwert des SLA „%1“ ist ein Prozentsatz: Er muss zwischen 0 und 100 liegen.</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>Bitte eine Kategorie wählen.</translation>
    </message>
    <message>
        <source>Give a rating from 1 to 5.</source>
        <translation>Bitte eine Bewertung von 1 bis 5 geben.</translation>
    </message>
    <message>
        <source>Give your feedback a short title.</source>
        <translation>Bitte dem Feedback einen kurzen Titel geben.</translation>
    </message>
    <message>
        <source>Keep the title to 120 characters (it has %1); put details in the message.</source>
        <translation>Der Titel darf höchstens 120 Zeichen haben (er hat %1); Einzelheiten gehören in die Nachricht.</translation>
    </message>
    <message>
        <source>Write a message: what is wrong, or what you need.</source>
        <translation>Bitte eine Nachricht schreiben: Was ist falsch, oder was brauchen Sie?</translation>
    </message>
    <message>
        <source>The message is longer than 20,000 characters.</source>
        <translation>Die Nachricht ist länger als 20.000 Zeichen.</translation>
    </message>
    <message>
        <source>The contact must be an e-mail address or a person of the catalog; leave it empty to stay anonymous.</source>
        <translation>Der Kontakt muss eine E-Mail-Adresse oder eine Person des Katalogs sein; leer lassen, um anonym zu bleiben.</translation>
    </message>
    <message>
        <source>This product has no check &apos;%1&apos;.</source>
        <translation>Dieses Produkt hat keine Prüfung „%1“.</translation>
    </message>
    <message>
        <source>This product has no column &apos;%1&apos;.</source>
        <translation>Dieses Produkt hat keine Spalte „%1“.</translation>
    </message>
    <message>
        <source>A link points to a check or a column.</source>
        <translation>Ein Bezug verweist auf eine Prüfung oder eine Spalte.</translation>
    </message>
    <message>
        <source>Could not save to the outbox: %1</source>
        <translation>Speichern im Postausgang nicht möglich: %1</translation>
    </message>
    <message>
        <source>The source changed this product since the edit was made (version %1, now %2): review the differences and merge.</source>
        <translation>Die Quelle hat dieses Produkt seit der Änderung geändert (Version %1, jetzt %2): Unterschiede prüfen und zusammenführen.</translation>
    </message>
    <message>
        <source>The source no longer has this product; the edit is kept until you discard it.</source>
        <translation>Die Quelle hat dieses Produkt nicht mehr; die Änderung bleibt erhalten, bis Sie sie verwerfen.</translation>
    </message>
    <message>
        <source>This item is no longer in conflict.</source>
        <translation>Dieser Eintrag steht nicht mehr im Konflikt.</translation>
    </message>
    <message>
        <source>The source no longer has this product; discard the edit instead.</source>
        <translation>Die Quelle hat dieses Produkt nicht mehr; verwerfen Sie die Änderung stattdessen.</translation>
    </message>
</context>
<context>
    <name>meshlens::models::OutboxExport</name>
    <message>
        <source>not a JSON object: %1 at offset %2</source>
        <translation>kein JSON-Objekt: %1 an Position %2</translation>
    </message>
    <message>
        <source>not a MeshLens outbox export (format is not &quot;%1&quot;)</source>
        <translation>kein Postausgangs-Export von MeshLens (das Format ist nicht „%1“)</translation>
    </message>
    <message>
        <source>outbox export version %1 is not supported (this MeshLens reads version %2)</source>
        <translation>Version %1 des Postausgangs-Exports wird nicht unterstützt (dieses MeshLens liest Version %2)</translation>
    </message>
    <message>
        <source>an edit names no entity or no outbox ids</source>
        <translation>eine Änderung nennt keine Entität oder keine Postausgangs-IDs</translation>
    </message>
    <message>
        <source>a feedback item has no id</source>
        <translation>ein Feedback-Eintrag hat keine ID</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another place.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Bitte einen anderen Ort wählen.</translation>
    </message>
</context>
<context>
    <name>meshlens::models::OwnersModel</name>
    <message>
        <source>team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1× %2</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Mean health score of the %n product(s) shown in this row</source>
        <translation>
            <numerusform>Health-Score des Produkts in dieser Zeile</numerusform>
            <numerusform>Mittlerer Health-Score der %n Produkte in dieser Zeile</numerusform>
        </translation>
    </message>
    <message>
        <source>Person or team</source>
        <translation>Person oder Team</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
</context>
<context>
    <name>meshlens::models::ProductHealthModel</name>
    <message>
        <source>%1: %2 → %3 points</source>
        <translation>%1: %2 → %3 Punkte</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Einstufung</translation>
    </message>
    <message>
        <source>SLA compliance</source>
        <translation>SLA-Einhaltung</translation>
    </message>
    <message>
        <source>Quality pass rate</source>
        <translation>Erfolgsquote der Qualität</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>SLAs breached</source>
        <translation>Verletzte SLAs</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Offene Vorfälle</translation>
    </message>
</context>
<context>
    <name>meshlens::models::SearchResultsModel</name>
    <message>
        <source>%1  ✎ edit pending</source>
        <translation>%1  ✎ Änderung ausstehend</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Verantwortliche</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
</context>
<context>
    <name>meshlens::models::SlaTableModel</name>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>breached now</source>
        <translation>jetzt verletzt</translation>
    </message>
    <message>
        <source>breached for %1</source>
        <translation>verletzt seit %1</translation>
    </message>
    <message>
        <source>no breach</source>
        <translation>keine Verletzung</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>overspent %1</source>
        <translation>überzogen %1</translation>
    </message>
    <message numerus="yes">
        <source>1x spends the error budget exactly over the %n-day window</source>
        <translation>
            <numerusform>1x verbraucht das Fehlerbudget genau über das Zeitfenster von einem Tag</numerusform>
            <numerusform>1x verbraucht das Fehlerbudget genau über das Zeitfenster von %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Sollwert</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Istwert</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Einhaltung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last breach</source>
        <translation>Letzte Verletzung</translation>
    </message>
    <message>
        <source>Error budget left</source>
        <translation>Restliches Fehlerbudget</translation>
    </message>
    <message>
        <source>Burn rate</source>
        <translation>Verbrauchsrate</translation>
    </message>
</context>
<context>
    <name>meshlens::models::YamlEditor</name>
    <message>
        <source>Cannot edit %1: %2</source>
        <translation>%1 kann nicht bearbeitet werden: %2</translation>
    </message>
    <message>
        <source>no node matches step %1 of the path.</source>
        <translation>kein Knoten passt zu Schritt %1 des Pfads.</translation>
    </message>
    <message>
        <source>the item to add is empty.</source>
        <translation>der hinzuzufügende Eintrag ist leer.</translation>
    </message>
    <message>
        <source>its flow collection is not closed.</source>
        <translation>seine Flow-Sammlung wird nicht geschlossen.</translation>
    </message>
    <message>
        <source>the mapping is indented with tabs.</source>
        <translation>die Zuordnung ist mit Tabulatoren eingerückt.</translation>
    </message>
    <message>
        <source>the document is empty.</source>
        <translation>das Dokument ist leer.</translation>
    </message>
    <message>
        <source>the value there is not empty.</source>
        <translation>der Wert dort ist nicht leer.</translation>
    </message>
    <message>
        <source>step %1 of the path needs a mapping, and the node there is not one.</source>
        <translation>Schritt %1 des Pfads braucht eine Zuordnung, und der Knoten dort ist keine.</translation>
    </message>
    <message>
        <source>the node is a collection, not a scalar.</source>
        <translation>der Knoten ist eine Sammlung, kein Skalar.</translation>
    </message>
    <message>
        <source>the key&apos;s &apos;:&apos; was not found.</source>
        <translation>der „:“ des Schlüssels wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>the sequence item does not start its line.</source>
        <translation>der Sequenzeintrag beginnt nicht am Zeilenanfang.</translation>
    </message>
    <message>
        <source>the empty value has no position in the file.</source>
        <translation>der leere Wert hat keine Position in der Datei.</translation>
    </message>
    <message>
        <source>the scalar&apos;s end was not found.</source>
        <translation>das Ende des Skalars wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>the node is not a sequence.</source>
        <translation>der Knoten ist keine Sequenz.</translation>
    </message>
    <message>
        <source>the sequence&apos;s first dash does not start its line.</source>
        <translation>der erste Strich der Sequenz steht nicht am Zeilenanfang.</translation>
    </message>
    <message>
        <source>the path does not name a sequence item.</source>
        <translation>der Pfad nennt keinen Sequenzeintrag.</translation>
    </message>
    <message>
        <source>the item&apos;s text was not found.</source>
        <translation>der Text des Eintrags wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>the item&apos;s separator was not found.</source>
        <translation>das Trennzeichen des Eintrags wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>the only item of a sequence that is not a map value cannot be removed.</source>
        <translation>der einzige Eintrag einer Sequenz, die kein Zuordnungswert ist, lässt sich nicht entfernen.</translation>
    </message>
    <message>
        <source>the sequence&apos;s key was not found.</source>
        <translation>der Schlüssel der Sequenz wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>the edited text does not parse (%1); the file is left as it was.</source>
        <translation>der bearbeitete Text lässt sich nicht einlesen (%1); die Datei bleibt, wie sie war.</translation>
    </message>
    <message>
        <source>the edited text would change more than the edited node; the file is left as it was.</source>
        <translation>der bearbeitete Text würde mehr als den bearbeiteten Knoten ändern; die Datei bleibt, wie sie war.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: the data did not reach the disk.</source>
        <translation>%1 kann nicht geschrieben werden: Die Daten sind nicht auf der Festplatte angekommen.</translation>
    </message>
    <message>
        <source>Cannot replace %1: %2</source>
        <translation>%1 kann nicht ersetzt werden: %2</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::AddSourceDialog</name>
    <message>
        <source>Add Source</source>
        <translation>Quelle hinzufügen</translation>
    </message>
    <message>
        <source>Choose a folder of data contracts</source>
        <translation>Einen Ordner mit Datenverträgen wählen</translation>
    </message>
    <message>
        <source>Choose a MeshLens bundle</source>
        <translation>Ein MeshLens-Bundle wählen</translation>
    </message>
    <message>
        <source>MeshLens bundles (*.ndjson *.jsonl);;All files (*)</source>
        <translation>MeshLens-Bundles (*.ndjson *.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Bundle file or URL</source>
        <translation>Bundle-Datei oder URL</translation>
    </message>
    <message>
        <source>OpenMetadata server</source>
        <translation>OpenMetadata-Server</translation>
    </message>
    <message>
        <source>Folder of data contracts</source>
        <translation>Ordner mit Datenverträgen</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>A bot or personal access token (JWT); kept in the system keychain</source>
        <translation>Ein Bot- oder persönliches Zugriffstoken (JWT); wird im Schlüsselbund des Systems aufbewahrt</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>&amp;Cancel Test</source>
        <translation>Test a&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Art</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>A&amp;dresse</translation>
    </message>
    <message>
        <source>T&amp;oken</source>
        <translation>T&amp;oken</translation>
    </message>
    <message>
        <source>Add and &amp;Sync</source>
        <translation>Hinzufügen und &amp;synchronisieren</translation>
    </message>
    <message>
        <source>A bundle file, or a file:, qrc: or http(s): URL; &quot;sample&quot;</source>
        <translation>Eine Bundle-Datei oder eine file:-, qrc:- oder http(s):-URL; „sample“</translation>
    </message>
    <message>
        <source>openmetadata+https://catalog.example.com</source>
        <translation>openmetadata+https://catalog.example.com</translation>
    </message>
    <message>
        <source>A folder of *.odcs.yaml / *.odps.yaml files (a git working copy)</source>
        <translation>Ein Ordner mit *.odcs.yaml- / *.odps.yaml-Dateien (eine Git-Arbeitskopie)</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>Type the source&apos;s address first.</source>
        <translation>Bitte zuerst die Adresse der Quelle eingeben.</translation>
    </message>
    <message>
        <source>%1 is not a %2: MeshLens reads it as a source of kind &quot;%3&quot;. Choose that kind, or check the address.</source>
        <translation>%1 ist kein(e) %2: MeshLens liest es als Quelle der Art „%3“. Wählen Sie diese Art oder prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird aufgebaut…</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>There is no keychain to keep the token in.</source>
        <translation>Es gibt keinen Schlüsselbund, in dem das Token aufbewahrt werden könnte.</translation>
    </message>
    <message>
        <source>The token could not be stored: %1</source>
        <translation>Das Token konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::CacheUpdate</name>
    <message>
        <source>Updating the catalog cache of %1 products for this version of MeshLens. This happens once.</source>
        <translation>Der Katalog-Cache mit %1 Produkten wird für diese Version von MeshLens aktualisiert. Das geschieht nur einmal.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>MeshLens</source>
        <translation>MeshLens</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>The update was cancelled, and the catalog cache is as it was. MeshLens updates it the next time it starts.</source>
        <translation>Die Aktualisierung wurde abgebrochen; der Katalog-Cache ist unverändert. MeshLens aktualisiert ihn beim nächsten Start.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::ConflictDialog</name>
    <message>
        <source>Resolve conflict — %1</source>
        <translation>Konflikt lösen – %1</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Theirs (the source now)</source>
        <translation>Deren Stand (die Quelle jetzt)</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meiner</translation>
    </message>
    <message>
        <source>Result for %1</source>
        <translation>Ergebnis für %1</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Deren Stand behalten</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Meinen behalten</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Deren Stand</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Merged %1</source>
        <translation>%1 zusammengeführt</translation>
    </message>
    <message>
        <source>Merged (theirs + my additions − my removals)</source>
        <translation>Zusammengeführt (deren Stand + meine Ergänzungen − meine Entfernungen)</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Owners, stewards and experts (role:id)</source>
        <translation>Verantwortliche, Stewards und Fachleute (Rolle:ID)</translation>
    </message>
    <message>
        <source>Resolve and queue</source>
        <translation>Lösen und einreihen</translation>
    </message>
    <message>
        <source>The result is what the source already has: discard the edit from the outbox instead.</source>
        <translation>Das Ergebnis entspricht bereits dem Stand der Quelle: Die Änderung stattdessen aus dem Postausgang verwerfen.</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::DomainsPage</name>
    <message>
        <source>Domains</source>
        <translation>Domänen</translation>
    </message>
    <message>
        <source>Worst products</source>
        <translation>Schlechteste Produkte</translation>
    </message>
    <message numerus="yes">
        <source>The %n least healthy product(s) of %1; Enter opens one</source>
        <translation>
            <numerusform>Das am wenigsten gesunde Produkt von %1; Eingabe öffnet es</numerusform>
            <numerusform>Die %n am wenigsten gesunden Produkte von %1; Eingabe öffnet eines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>meshlens::ui::EditProductDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>Display &amp;name</source>
        <translation>Anzeige&amp;name</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>&amp;Tier</source>
        <translation>St&amp;ufe</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>durch Kommas getrennt</translation>
    </message>
    <message>
        <source>T&amp;ags</source>
        <translation>T&amp;ags</translation>
    </message>
    <message>
        <source>&amp;Owners</source>
        <translation>&amp;Verantwortliche</translation>
    </message>
    <message>
        <source>Ste&amp;wards</source>
        <translation>Ste&amp;wards</translation>
    </message>
    <message>
        <source>&amp;Experts</source>
        <translation>&amp;Fachleute</translation>
    </message>
    <message>
        <source>person or team ids or e-mails, comma-separated</source>
        <translation>IDs oder E-Mail-Adressen von Personen oder Teams, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Met when the measured value is %1 the target</source>
        <translation>Erfüllt, wenn gilt: Messwert %1 Sollwert</translation>
    </message>
    <message>
        <source>SLA %1 (%2 … %3)</source>
        <translation>SLA %1 (%2 … %3)</translation>
    </message>
    <message>
        <source>&amp;Description (Markdown)</source>
        <translation>&amp;Beschreibung (Markdown)</translation>
    </message>
    <message>
        <source>Description, Markdown</source>
        <translation>Beschreibung, Markdown</translation>
    </message>
    <message>
        <source>Description preview</source>
        <translation>Vorschau der Beschreibung</translation>
    </message>
    <message>
        <source>Save to outbox</source>
        <translation>In den Postausgang</translation>
    </message>
    <message>
        <source>Queue the change for delivery (Ctrl+Return); you can undo it until it is sent</source>
        <translation>Die Änderung zum Senden einreihen (Strg+Eingabe); bis sie gesendet ist, lässt sie sich rückgängig machen</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::ExportButton</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Save this chart as an image, or its data as CSV</source>
        <translation>Dieses Diagramm als Bild oder seine Daten als CSV speichern</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation>Bild (PNG)…</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Vector image (SVG)…</source>
        <translation>Vektorgrafik (SVG)…</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>Data (CSV)…</source>
        <translation>Daten (CSV)…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1. Check that the folder exists and you may write to it, or choose another.</source>
        <translation>%1 konnte nicht geschrieben werden. Bitte prüfen, ob der Ordner existiert und beschreibbar ist, oder einen anderen wählen.</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::FailingChecksView</name>
    <message>
        <source>Failing checks of the chosen day</source>
        <translation>Fehlgeschlagene Prüfungen des gewählten Tages</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>No failing checks on %1</source>
        <translation>Keine fehlgeschlagenen Prüfungen am %1</translation>
    </message>
    <message>
        <source>Failing checks on %1</source>
        <translation>Fehlgeschlagene Prüfungen am %1</translation>
    </message>
    <message>
        <source>The failing checks of %1 could not be read: %2</source>
        <translation>Die fehlgeschlagenen Prüfungen vom %1 konnten nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>… and %L1 more</source>
        <translation>… und %L1 weitere</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::FeedbackDialog</name>
    <message>
        <source>Feedback on %1</source>
        <translation>Feedback zu %1</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>&amp;Kategorie</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>nicht bewertet</translation>
    </message>
    <message>
        <source> of 5</source>
        <translation> von 5</translation>
    </message>
    <message>
        <source>Rating from 1 to 5</source>
        <translation>Bewertung von 1 bis 5</translation>
    </message>
    <message>
        <source>&amp;Rating</source>
        <translation>&amp;Bewertung</translation>
    </message>
    <message>
        <source>In a few words</source>
        <translation>In wenigen Worten</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>Message, Markdown</source>
        <translation>Nachricht, Markdown</translation>
    </message>
    <message>
        <source>What is wrong or missing? Markdown works.</source>
        <translation>Was ist falsch oder fehlt? Markdown ist möglich.</translation>
    </message>
    <message>
        <source>Message preview</source>
        <translation>Vorschau der Nachricht</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>&amp;Nachricht</translation>
    </message>
    <message>
        <source>optional: your e-mail, or leave empty</source>
        <translation>optional: Ihre E-Mail-Adresse, oder leer lassen</translation>
    </message>
    <message>
        <source>C&amp;ontact</source>
        <translation>K&amp;ontakt</translation>
    </message>
    <message>
        <source>nothing in particular</source>
        <translation>nichts Bestimmtes</translation>
    </message>
    <message>
        <source>Check: %1</source>
        <translation>Prüfung: %1</translation>
    </message>
    <message>
        <source>Column: %1.%2</source>
        <translation>Spalte: %1.%2</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Bezug</translation>
    </message>
    <message>
        <source>Send feedback</source>
        <translation>Feedback senden</translation>
    </message>
    <message>
        <source>Queue the feedback for delivery (Ctrl+Return)</source>
        <translation>Das Feedback zum Senden einreihen (Strg+Eingabe)</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::HealthPage</name>
    <message>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::HealthStrip</name>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Zeitfenster:</translation>
    </message>
    <message>
        <source>Health window</source>
        <translation>Zeitfenster für den Zustand</translation>
    </message>
    <message>
        <source>last %1 days</source>
        <translation>letzte %1 Tage</translation>
    </message>
    <message>
        <source>Computing health</source>
        <translation>Zustand wird berechnet</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the table as shown, with its filter, as a CSV file (Ctrl+E)</source>
        <translation>Die Tabelle wie angezeigt, mit Filter, als CSV-Datei speichern (Strg+E)</translation>
    </message>
    <message>
        <source>Computing the health of the catalog…  You can keep browsing.</source>
        <translation>Der Zustand des Katalogs wird berechnet…  Sie können weiter stöbern.</translation>
    </message>
    <message>
        <source>Health could not be computed: %1  Sync again (F5), or check the cache file.</source>
        <translation>Der Zustand konnte nicht berechnet werden: %1  Erneut synchronisieren (F5) oder die Cache-Datei prüfen.</translation>
    </message>
    <message>
        <source>%L1 products, %L2 SLA objectives, as of %3</source>
        <translation>%L1 Produkte, %L2 SLA-Ziele, Stand %3</translation>
    </message>
    <message>
        <source>Health not computed (cancelled). Choose a window to compute it.</source>
        <translation>Zustand nicht berechnet (abgebrochen). Zum Berechnen ein Zeitfenster wählen.</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::HealthTab</name>
    <message>
        <source>overspent</source>
        <translation>überzogen</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Bestandteil</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Health score components</source>
        <translation>Bestandteile des Health-Scores</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Sollwert</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Istwert</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Einhaltung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Last breach</source>
        <translation>Letzte Verletzung</translation>
    </message>
    <message>
        <source>Budget left 7/30/90 d</source>
        <translation>Restbudget 7/30/90 T</translation>
    </message>
    <message>
        <source>Burn 7/30/90 d</source>
        <translation>Verbrauch 7/30/90 T</translation>
    </message>
    <message>
        <source>Service level objectives</source>
        <translation>Service-Level-Ziele</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Letztes Ergebnis</translation>
    </message>
    <message>
        <source>Failing since</source>
        <translation>Fehlschlagend seit</translation>
    </message>
    <message>
        <source>Quality checks</source>
        <translation>Qualitätsprüfungen</translation>
    </message>
    <message>
        <source>Open incident</source>
        <translation>Offener Vorfall</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>Offene Vorfälle</translation>
    </message>
    <message>
        <source>Last 180 days:</source>
        <translation>Letzte 180 Tage:</translation>
    </message>
    <message>
        <source>The catalog no longer has this product.</source>
        <translation>Der Katalog enthält dieses Produkt nicht mehr.</translation>
    </message>
    <message>
        <source>Health %1 / 100 — %2</source>
        <translation>Zustand %1 / 100 – %2</translation>
    </message>
    <message numerus="yes">
        <source>Evaluated as of %1 over the last %n day(s)</source>
        <translation>
            <numerusform>Bewertet zum %1 über den letzten Tag</numerusform>
            <numerusform>Bewertet zum %1 über die letzten %n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n objective(s) measured</source>
        <translation>
            <numerusform>%n Ziel gemessen</numerusform>
            <numerusform>%n Ziele gemessen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n check(s)</source>
        <translation>
            <numerusform>%n Prüfung</numerusform>
            <numerusform>%n Prüfungen</numerusform>
        </translation>
    </message>
    <message>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>fehlt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n offen</numerusform>
            <numerusform>%n offen</numerusform>
        </translation>
    </message>
    <message>
        <source>n/a (not counted)</source>
        <translation>k. A. (nicht gezählt)</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>ongoing since %1</source>
        <translation>andauernd seit %1</translation>
    </message>
    <message>
        <source>ended %1 ago</source>
        <translation>beendet vor %1</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>keine bekannt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No SLA declared. Declare one at the source so consumers know what to expect.</source>
        <translation>Kein SLA festgelegt. Legen Sie eines an der Quelle fest, damit Nutzer wissen, was sie erwarten können.</translation>
    </message>
    <message>
        <source>no run</source>
        <translation>kein Lauf</translation>
    </message>
    <message>
        <source>never ran</source>
        <translation>nie gelaufen</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>No quality check declared.</source>
        <translation>Keine Qualitätsprüfung festgelegt.</translation>
    </message>
    <message>
        <source>SLA %1 breached</source>
        <translation>SLA %1 verletzt</translation>
    </message>
    <message>
        <source>worst %1 against %2</source>
        <translation>schlechtester Wert %1 gegenüber %2</translation>
    </message>
    <message>
        <source>Check %1 failing</source>
        <translation>Prüfung %1 schlägt fehl</translation>
    </message>
    <message>
        <source>Check %1 failing (%2)</source>
        <translation>Prüfung %1 schlägt fehl (%2)</translation>
    </message>
    <message>
        <source>None: no check is failing and no objective is breached.</source>
        <translation>Keine: Keine Prüfung schlägt fehl und kein Ziel ist verletzt.</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::HealthViews</name>
    <message>
        <source>Export as CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Verantwortliche</translation>
    </message>
    <message>
        <source>SLAs</source>
        <translation>SLAs</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>Domänen</translation>
    </message>
    <message>
        <source>How the health score is computed</source>
        <translation>Wie der Health-Score berechnet wird</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::HelpDialog</name>
    <message>
        <source>MeshLens Help</source>
        <translation>MeshLens-Hilfe</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Search field: move into the results</source>
        <translation>Suchfeld: in die Ergebnisse wechseln</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Pfeil runter</translation>
    </message>
    <message>
        <source>Search field: open the top or selected result</source>
        <translation>Suchfeld: oberstes oder gewähltes Ergebnis öffnen</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Search field: clear</source>
        <translation>Suchfeld: leeren</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Lineage: open the selected product</source>
        <translation>Lineage: gewähltes Produkt öffnen</translation>
    </message>
    <message>
        <source>Lineage: expand or collapse the selected node</source>
        <translation>Lineage: gewählten Knoten auf- oder zuklappen</translation>
    </message>
    <message>
        <source>Lineage: impact analysis</source>
        <translation>Lineage: Auswirkungsanalyse</translation>
    </message>
    <message>
        <source>Lineage: clear the selection</source>
        <translation>Lineage: Auswahl aufheben</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Search syntax&lt;/h3&gt;&lt;p&gt;Type to search as you type; Ctrl+K reaches the search field from anywhere.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;words&lt;/b&gt;: every word must match; the last one may be the start of a word.&lt;/li&gt;&lt;li&gt;&lt;b&gt;&quot;quoted phrase&quot;&lt;/b&gt;: the words in this order.&lt;/li&gt;&lt;li&gt;&lt;b&gt;-word&lt;/b&gt;: leave out what matches the word.&lt;/li&gt;&lt;li&gt;&lt;b&gt;domain:&lt;/b&gt;sales, &lt;b&gt;owner:&lt;/b&gt;alice (people or teams, any role), &lt;b&gt;tag:&lt;/b&gt;pii, &lt;b&gt;status:&lt;/b&gt;active, &lt;b&gt;tier:&lt;/b&gt;1, &lt;b&gt;source:&lt;/b&gt;…: filters.&lt;/li&gt;&lt;li&gt;&lt;b&gt;has:sla&lt;/b&gt;, &lt;b&gt;has:incident&lt;/b&gt;: only products with SLAs, or with an open incident.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Anything else is plain text, never an error. An exact name comes first, then a pasted FQN or id, then names that start with what you typed, then the best matches of name, tags, domain and owners, description and column names. A misspelt word is corrected against the catalog&apos;s words.&lt;/p&gt;&lt;p&gt;Links: &lt;b&gt;meshlens://search?q=…&lt;/b&gt; opens a search and &lt;b&gt;meshlens://product/…&lt;/b&gt; a product; Copy Link on a product or a lineage node makes one.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Suchsyntax&lt;/h3&gt;&lt;p&gt;Die Suche läuft schon beim Tippen; Strg+K führt von überall ins Suchfeld.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Wörter&lt;/b&gt;: Jedes Wort muss passen; das letzte darf ein Wortanfang sein.&lt;/li&gt;&lt;li&gt;&lt;b&gt;&quot;Phrase in Anführungszeichen&quot;&lt;/b&gt;: die Wörter in dieser Reihenfolge.&lt;/li&gt;&lt;li&gt;&lt;b&gt;-Wort&lt;/b&gt;: lässt weg, was zu dem Wort passt.&lt;/li&gt;&lt;li&gt;&lt;b&gt;domain:&lt;/b&gt;sales, &lt;b&gt;owner:&lt;/b&gt;alice (Personen oder Teams, jede Rolle), &lt;b&gt;tag:&lt;/b&gt;pii, &lt;b&gt;status:&lt;/b&gt;active, &lt;b&gt;tier:&lt;/b&gt;1, &lt;b&gt;source:&lt;/b&gt;…: Filter.&lt;/li&gt;&lt;li&gt;&lt;b&gt;has:sla&lt;/b&gt;, &lt;b&gt;has:incident&lt;/b&gt;: nur Produkte mit SLAs oder mit einem offenen Vorfall.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Alles andere ist einfacher Text, nie ein Fehler. Zuerst kommt ein exakter Name, dann ein eingefügter FQN oder eine ID, dann Namen, die mit dem Getippten beginnen, dann die besten Treffer in Name, Tags, Domäne und Verantwortlichen, Beschreibung und Spaltennamen. Ein falsch geschriebenes Wort wird anhand der Wörter des Katalogs korrigiert.&lt;/p&gt;&lt;p&gt;Links: &lt;b&gt;meshlens://search?q=…&lt;/b&gt; öffnet eine Suche und &lt;b&gt;meshlens://product/…&lt;/b&gt; ein Produkt; „Link kopieren“ bei einem Produkt oder einem Lineage-Knoten erzeugt einen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Search Syntax</source>
        <translation>&amp;Suchsyntax</translation>
    </message>
    <message>
        <source>&amp;Health Score</source>
        <translation>Health-S&amp;core</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::LineageMinimap</name>
    <message>
        <source>Lineage overview</source>
        <translation>Lineage-Übersicht</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::LineagePage</name>
    <message>
        <source>&amp;Upstream</source>
        <translation>&amp;Vorgelagert</translation>
    </message>
    <message>
        <source>How many hops upstream to show (Alt+U)</source>
        <translation>Wie viele Schritte vorgelagert angezeigt werden (Alt+U)</translation>
    </message>
    <message>
        <source>&amp;Downstream</source>
        <translation>&amp;Nachgelagert</translation>
    </message>
    <message>
        <source>How many hops downstream to show (Alt+D)</source>
        <translation>Wie viele Schritte nachgelagert angezeigt werden (Alt+D)</translation>
    </message>
    <message>
        <source>&amp;Ports</source>
        <translation>&amp;Ports</translation>
    </message>
    <message>
        <source>Show port/dataset-level lineage instead of products</source>
        <translation>Lineage auf Ebene der Ports/Datensätze statt der Produkte zeigen</translation>
    </message>
    <message>
        <source>Find in graph (Ctrl+F)</source>
        <translation>Im Graphen suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Find in graph</source>
        <translation>Im Graphen suchen</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the graph in the window (F or 0; zoom with the wheel, + and -)</source>
        <translation>Den Graphen ins Fenster einpassen (F oder 0; zoomen mit dem Mausrad, + und -)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>As SVG…</source>
        <translation>Als SVG…</translation>
    </message>
    <message>
        <source>Export lineage as SVG</source>
        <translation>Lineage als SVG exportieren</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>As PNG…</source>
        <translation>Als PNG…</translation>
    </message>
    <message>
        <source>Export lineage as PNG</source>
        <translation>Lineage als PNG exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>As Graphviz DOT…</source>
        <translation>Als Graphviz-DOT…</translation>
    </message>
    <message>
        <source>Export lineage as DOT</source>
        <translation>Lineage als DOT exportieren</translation>
    </message>
    <message>
        <source>Graphviz files (*.dot *.gv)</source>
        <translation>Graphviz-Dateien (*.dot *.gv)</translation>
    </message>
    <message>
        <source>Open a product to see its lineage.</source>
        <translation>Öffnen Sie ein Produkt, um seine Lineage zu sehen.</translation>
    </message>
    <message>
        <source>Loading lineage…</source>
        <translation>Lineage wird geladen…</translation>
    </message>
    <message>
        <source>The catalog cache could not be read: %1. Check that the file exists and is readable, then open the product again.</source>
        <translation>Der Katalog-Cache konnte nicht gelesen werden: %1. Prüfen Sie, ob die Datei existiert und lesbar ist, und öffnen Sie das Produkt erneut.</translation>
    </message>
    <message>
        <source>This product is no longer in the cache. Go back and search for it again.</source>
        <translation>Dieses Produkt ist nicht mehr im Cache. Gehen Sie zurück und suchen Sie es erneut.</translation>
    </message>
    <message>
        <source>No lineage is recorded for this product at this depth. Lineage comes from the source&apos;s lineage records: raise the depth or sync again if you expect some.</source>
        <translation>Für dieses Produkt ist in dieser Tiefe keine Lineage erfasst. Die Lineage stammt aus den Lineage-Einträgen der Quelle: Erhöhen Sie die Tiefe oder synchronisieren Sie erneut, wenn Sie welche erwarten.</translation>
    </message>
    <message>
        <source>1 node, </source>
        <translation>1 Knoten, </translation>
    </message>
    <message>
        <source>%1 nodes, </source>
        <translation>%1 Knoten, </translation>
    </message>
    <message>
        <source>1 edge</source>
        <translation>1 Kante</translation>
    </message>
    <message>
        <source>%1 edges</source>
        <translation>%1 Kanten</translation>
    </message>
    <message>
        <source> · %1 in collapsed groups (click “Show N more”)</source>
        <translation> · %1 in zugeklappten Gruppen („N weitere anzeigen“ anklicken)</translation>
    </message>
    <message>
        <source> · click a node to trace its paths, double-click to open it, right-click for impact analysis</source>
        <translation> · Knoten anklicken, um seine Pfade zu verfolgen, doppelklicken zum Öffnen, Rechtsklick für die Auswirkungsanalyse</translation>
    </message>
    <message>
        <source>%1: %2 upstream, %3 downstream · %4</source>
        <translation>%1: %2 vorgelagert, %3 nachgelagert · %4</translation>
    </message>
    <message>
        <source>No lineage path connects %1 and %2 in either direction.</source>
        <translation>Kein Lineage-Pfad verbindet %1 und %2, in keiner Richtung.</translation>
    </message>
    <message>
        <source>Path: %1</source>
        <translation>Pfad: %1</translation>
    </message>
    <message>
        <source>Nothing in the graph matches “%1”.</source>
        <translation>Nichts im Graphen passt zu „%1“.</translation>
    </message>
    <message>
        <source>1 match — Enter selects it</source>
        <translation>1 Treffer – Eingabe wählt ihn aus</translation>
    </message>
    <message>
        <source>%1 matches — Enter jumps to the next</source>
        <translation>%1 Treffer – Eingabe springt zum nächsten</translation>
    </message>
    <message>
        <source>Impact Analysis…</source>
        <translation>Auswirkungsanalyse…</translation>
    </message>
    <message>
        <source>Path To…</source>
        <translation>Pfad zu…</translation>
    </message>
    <message>
        <source>Click the node to trace a path to from %1 (Esc cancels).</source>
        <translation>Klicken Sie auf den Knoten, zu dem ein Pfad von %1 aus verfolgt werden soll (Esc bricht ab).</translation>
    </message>
    <message>
        <source>Collapse Neighbours</source>
        <translation>Nachbarn zuklappen</translation>
    </message>
    <message>
        <source>Expand Neighbours</source>
        <translation>Nachbarn aufklappen</translation>
    </message>
    <message>
        <source>Open Product</source>
        <translation>Produkt öffnen</translation>
    </message>
    <message>
        <source>Copy Link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>Impact of %1</source>
        <translation>Auswirkungen von %1</translation>
    </message>
    <message>
        <source>Nothing downstream of this product is loaded. Raise the downstream depth to look further.</source>
        <translation>Nachgelagert ist zu diesem Produkt nichts geladen. Erhöhen Sie die nachgelagerte Tiefe, um weiter zu sehen.</translation>
    </message>
    <message>
        <source>Downstream products affected: %1. </source>
        <translation>Betroffene nachgelagerte Produkte: %1. </translation>
    </message>
    <message>
        <source>Owners to notify: %1</source>
        <translation>Zu benachrichtigende Verantwortliche: %1</translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>keine erfasst</translation>
    </message>
    <message>
        <source>Impacted products</source>
        <translation>Betroffene Produkte</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Verantwortliche</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Hops</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export impact as CSV</source>
        <translation>Auswirkungen als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1. Choose a folder you can write to.</source>
        <translation>%1 konnte nicht geschrieben werden. Bitte einen beschreibbaren Ordner wählen.</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>Lineage</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::LineageView</name>
    <message>
        <source>Lineage graph</source>
        <translation>Lineage-Graph</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::MainWindow</name>
    <message>
        <source>MeshLens</source>
        <translation>MeshLens</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Trends</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>&amp;Lineage</source>
        <translation>&amp;Lineage</translation>
    </message>
    <message>
        <source>Show &amp;Lineage</source>
        <translation>&amp;Lineage anzeigen</translation>
    </message>
    <message>
        <source>Sync From</source>
        <translation>Synchronisieren von</translation>
    </message>
    <message>
        <source>A MeshLens bundle: a file path, or a file:, qrc: or http(s): URL.
Type &quot;sample&quot; for the catalog that ships with MeshLens.</source>
        <translation>Ein MeshLens-Bundle: ein Dateipfad oder eine file:-, qrc:- oder http(s):-URL.
Geben Sie „sample“ ein für den Katalog, der mit MeshLens geliefert wird.</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synchronisieren</translation>
    </message>
    <message>
        <source>Sync the catalog from its source (F5)</source>
        <translation>Den Katalog von seiner Quelle synchronisieren (F5)</translation>
    </message>
    <message>
        <source>Sync &amp;From…</source>
        <translation>Synchronisieren &amp;von…</translation>
    </message>
    <message>
        <source>&amp;Open Bundle File…</source>
        <translation>Bundle-Datei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a MeshLens bundle</source>
        <translation>Ein MeshLens-Bundle öffnen</translation>
    </message>
    <message>
        <source>MeshLens bundles (*.ndjson *.jsonl);;All files (*)</source>
        <translation>MeshLens-Bundles (*.ndjson *.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Cancel Sync</source>
        <translation>Synchronisierung &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>MeshLens &amp;Help</source>
        <translation>MeshLens-&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Search Syntax</source>
        <translation>&amp;Suchsyntax</translation>
    </message>
    <message>
        <source>&amp;Health Score</source>
        <translation>Health-S&amp;core</translation>
    </message>
    <message>
        <source>&amp;About MeshLens</source>
        <translation>Ü&amp;ber MeshLens</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source>Cannot open the link: %1</source>
        <translation>Der Link kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The catalog has no product &quot;%1&quot;.</source>
        <translation>Der Katalog hat kein Produkt „%1“.</translation>
    </message>
    <message>
        <source>%1 — MeshLens</source>
        <translation>%1 – MeshLens</translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation>Eine Synchronisierung läuft bereits.</translation>
    </message>
    <message>
        <source>Synced %L1 products (%L2 records) in %3 s</source>
        <translation>%L1 Produkte (%L2 Datensätze) in %3 s synchronisiert</translation>
    </message>
    <message>
        <source>Edit saved to the outbox; it shows as pending until delivered (Ctrl+Z undoes it).</source>
        <translation>Änderung im Postausgang gespeichert; bis zur Zustellung erscheint sie als ausstehend (Strg+Z macht sie rückgängig).</translation>
    </message>
    <message>
        <source>Feedback saved to the outbox; see it under Outbox → My feedback.</source>
        <translation>Feedback im Postausgang gespeichert; zu finden unter Postausgang → Mein Feedback.</translation>
    </message>
    <message>
        <source>Undid: %1</source>
        <translation>Rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>About MeshLens</source>
        <translation>Über MeshLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MeshLens %1&lt;/h3&gt;&lt;p&gt;An offline, native browser for data-mesh catalogs.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License, version 2.0.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Cache: %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MeshLens %1&lt;/h3&gt;&lt;p&gt;Ein nativer Offline-Browser für Data-Mesh-Kataloge.&lt;/p&gt;&lt;p&gt;Lizenziert unter der Apache License, Version 2.0.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft mit Qt %3.&lt;/p&gt;&lt;p&gt;Cache: %4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::OutboxPage</name>
    <message>
        <source>exported, awaiting confirmation</source>
        <translation>exportiert, wartet auf Bestätigung</translation>
    </message>
    <message>
        <source>pending (retrying)</source>
        <translation>ausstehend (neuer Versuch)</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>CONFLICT</source>
        <translation>KONFLIKT</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Waiting and failed</source>
        <translation>Wartend und fehlgeschlagen</translation>
    </message>
    <message>
        <source>My feedback</source>
        <translation>Mein Feedback</translation>
    </message>
    <message>
        <source>Everything, delivered too</source>
        <translation>Alles, auch Zugestelltes</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Change or feedback</source>
        <translation>Änderung oder Feedback</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error or reply</source>
        <translation>Letzter Fehler oder letzte Antwort</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Nothing waiting&lt;/h3&gt;&lt;p&gt;Edits and feedback you make wait here until their source has them. You can keep working offline: nothing is lost when MeshLens closes.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Nichts wartet&lt;/h3&gt;&lt;p&gt;Ihre Änderungen und Ihr Feedback warten hier, bis ihre Quelle sie hat. Sie können offline weiterarbeiten: Beim Schließen von MeshLens geht nichts verloren.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Send Now</source>
        <translation>Jetzt &amp;senden</translation>
    </message>
    <message>
        <source>Deliver waiting items to sources that accept writes (F9)</source>
        <translation>Wartende Einträge an Quellen zustellen, die Schreibzugriffe annehmen (F9)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Try the selected items again now</source>
        <translation>Die gewählten Einträge jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Res&amp;olve…</source>
        <translation>&amp;Lösen…</translation>
    </message>
    <message>
        <source>Compare base, theirs and mine, and merge</source>
        <translation>Basis, deren Stand und meinen vergleichen und zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Verwerfen…</translation>
    </message>
    <message>
        <source>Remove the selected items without sending them (Del)</source>
        <translation>Die gewählten Einträge entfernen, ohne sie zu senden (Entf)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Write the items for bundle sources to a JSON file for the catalog owner (Ctrl+Shift+E)</source>
        <translation>Die Einträge für Bundle-Quellen in eine JSON-Datei für den Katalogverantwortlichen schreiben (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Export the outbox</source>
        <translation>Den Postausgang exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>Antwort: %1</translation>
    </message>
    <message numerus="yes">
        <source>Discard %n item(s)? They will not be sent, and this cannot be undone.</source>
        <translation>
            <numerusform>%n Eintrag verwerfen? Er wird nicht gesendet; das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>%n Einträge verwerfen? Sie werden nicht gesendet; das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n item(s).</source>
        <translation>
            <numerusform>%n Eintrag verworfen.</numerusform>
            <numerusform>%n Einträge verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Conflict resolved: the edit is queued again against the source&apos;s current version.</source>
        <translation>Konflikt gelöst: Die Änderung ist erneut eingereiht, gegen den aktuellen Stand der Quelle.</translation>
    </message>
    <message>
        <source>Nothing to export: no waiting item is for a bundle source.</source>
        <translation>Nichts zu exportieren: Kein wartender Eintrag ist für eine Bundle-Quelle.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n item(s) to %1.

Mark them delivered? Answer Yes once the catalog owner has the file; until then they stay in the outbox.</source>
        <translation>
            <numerusform>%n Eintrag nach %1 geschrieben.

Als zugestellt markieren? Antworten Sie mit Ja, sobald der Katalogverantwortliche die Datei hat; bis dahin bleibt er im Postausgang.</numerusform>
            <numerusform>%n Einträge nach %1 geschrieben.

Als zugestellt markieren? Antworten Sie mit Ja, sobald der Katalogverantwortliche die Datei hat; bis dahin bleiben sie im Postausgang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) delivered by export.</source>
        <translation>
            <numerusform>%n Eintrag per Export zugestellt.</numerusform>
            <numerusform>%n Einträge per Export zugestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported to %1; the items stay in the outbox until you confirm.</source>
        <translation>Nach %1 exportiert; die Einträge bleiben im Postausgang, bis Sie bestätigen.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message numerus="yes">
        <source>%n delivered</source>
        <translation>
            <numerusform>%n zugestellt</numerusform>
            <numerusform>%n zugestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in conflict: resolve them</source>
        <translation>
            <numerusform>%n im Konflikt: bitte lösen</numerusform>
            <numerusform>%n im Konflikt: bitte lösen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected: %1</source>
        <translation>
            <numerusform>%n abgelehnt: %1</numerusform>
            <numerusform>%n abgelehnt: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be sent (%1); retried automatically</source>
        <translation>
            <numerusform>%n konnte nicht gesendet werden (%1); wird automatisch erneut versucht</numerusform>
            <numerusform>%n konnten nicht gesendet werden (%1); werden automatisch erneut versucht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to retry after an error</source>
        <translation>
            <numerusform>%n wartet nach einem Fehler auf einen neuen Versuch</numerusform>
            <numerusform>%n warten nach einem Fehler auf einen neuen Versuch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n for bundle sources, which take no writes: use Export…</source>
        <translation>
            <numerusform>%n für Bundle-Quellen, die keine Schreibzugriffe annehmen: Exportieren… verwenden</numerusform>
            <numerusform>%n für Bundle-Quellen, die keine Schreibzugriffe annehmen: Exportieren… verwenden</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was due.</source>
        <translation>Nichts war fällig.</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::OwnersPage</name>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Any role</source>
        <translation>Jede Rolle</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Steward</source>
        <translation>Steward</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>Fachperson</translation>
    </message>
    <message>
        <source>Filter people and teams…</source>
        <translation>Personen und Teams filtern…</translation>
    </message>
    <message>
        <source>Filter people and teams</source>
        <translation>Personen und Teams filtern</translation>
    </message>
    <message>
        <source>&amp;My products</source>
        <translation>&amp;Meine Produkte</translation>
    </message>
    <message>
        <source>Only what you answer for, as named in &quot;I am&quot;</source>
        <translation>Nur das, wofür Sie verantwortlich sind, wie unter „Ich bin“ angegeben</translation>
    </message>
    <message>
        <source>&amp;I am:</source>
        <translation>&amp;Ich bin:</translation>
    </message>
    <message>
        <source>your id or email</source>
        <translation>Ihre ID oder E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Your identity in the catalog</source>
        <translation>Ihre Identität im Katalog</translation>
    </message>
    <message>
        <source>Your person id or email in the catalog; saved in the preferences</source>
        <translation>Ihre Personen-ID oder E-Mail-Adresse im Katalog; wird in den Einstellungen gespeichert</translation>
    </message>
    <message>
        <source>People and teams</source>
        <translation>Personen und Teams</translation>
    </message>
    <message>
        <source>Their products</source>
        <translation>Ihre Produkte</translation>
    </message>
    <message>
        <source>Nobody matches the filter.</source>
        <translation>Niemand passt zum Filter.</translation>
    </message>
    <message numerus="yes">
        <source>What %1 answers for (%Ln product(s)); Enter opens one</source>
        <translation>
            <numerusform>Wofür %1 verantwortlich ist (%Ln Produkt); Eingabe öffnet es</numerusform>
            <numerusform>Wofür %1 verantwortlich ist (%Ln Produkte); Eingabe öffnet eines</numerusform>
        </translation>
    </message>
    <message>
        <source>Type your person id or email in &quot;I am&quot; so MeshLens knows which products are yours.</source>
        <translation>Geben Sie unter „Ich bin“ Ihre Personen-ID oder E-Mail-Adresse ein, damit MeshLens weiß, welche Produkte Ihre sind.</translation>
    </message>
    <message>
        <source>No person or team in the catalog has the id, email or name &quot;%1&quot;. Check &quot;I am&quot;.</source>
        <translation>Keine Person und kein Team im Katalog hat die ID, E-Mail-Adresse oder den Namen „%1“. Bitte „Ich bin“ prüfen.</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>your person id or e-mail in the catalog</source>
        <translation>Ihre Personen-ID oder E-Mail-Adresse im Katalog</translation>
    </message>
    <message>
        <source>Whose products &quot;My products&quot; shows, and the contact offered on feedback</source>
        <translation>Wessen Produkte „Meine Produkte“ zeigt, und der Kontakt, der beim Feedback vorgeschlagen wird</translation>
    </message>
    <message>
        <source>Never (sync with F5)</source>
        <translation>Nie (synchronisieren mit F5)</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>Jede Stunde</translation>
    </message>
    <message>
        <source>Every 4 hours</source>
        <translation>Alle 4 Stunden</translation>
    </message>
    <message>
        <source>Every 12 hours</source>
        <translation>Alle 12 Stunden</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Jeden Tag</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>A new language, and going back to the system&apos;s theme, take effect when MeshLens is started again.</source>
        <translation>Eine neue Sprache und die Rückkehr zum Farbschema des Systems werden beim nächsten Start von MeshLens wirksam.</translation>
    </message>
    <message>
        <source>&amp;I am:</source>
        <translation>&amp;Ich bin:</translation>
    </message>
    <message>
        <source>&amp;Sync automatically:</source>
        <translation>Automatisch &amp;synchronisieren:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>S&amp;ources and Tokens…</source>
        <translation>&amp;Quellen und Tokens…</translation>
    </message>
    <message>
        <source>Add, edit and remove the sources this cache syncs, and their tokens</source>
        <translation>Die Quellen, die dieser Cache synchronisiert, und ihre Tokens hinzufügen, bearbeiten und entfernen</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>Quellen:</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::ProductPage</name>
    <message>
        <source>Bundled sample catalog</source>
        <translation>Mitgelieferter Beispielkatalog</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Steckbrief</translation>
    </message>
    <message>
        <source>Upstream</source>
        <translation>Vorgelagert</translation>
    </message>
    <message>
        <source>Downstream</source>
        <translation>Nachgelagert</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Überblick</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Ports &amp;&amp; schema</source>
        <translation>Ports &amp;&amp; Schema</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Sollwert</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Letztes Ergebnis</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>SLAs &amp;&amp; checks</source>
        <translation>SLAs &amp;&amp; Prüfungen</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>Ausstehende Änderungen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Give &amp;Feedback…</source>
        <translation>&amp;Feedback geben…</translation>
    </message>
    <message>
        <source>&amp;Undo Edit</source>
        <translation>Änderung &amp;rückgängig</translation>
    </message>
    <message>
        <source>Copy &amp;Link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
    <message>
        <source>Copy a meshlens:// link to this product (Ctrl+Shift+C)</source>
        <translation>Einen meshlens://-Link zu diesem Produkt kopieren (Strg+Umschalt+C)</translation>
    </message>
    <message>
        <source>Product not found</source>
        <translation>Produkt nicht gefunden</translation>
    </message>
    <message>
        <source>The catalog no longer has this product; a sync may have removed it.</source>
        <translation>Der Katalog enthält dieses Produkt nicht mehr; eine Synchronisierung hat es wohl entfernt.</translation>
    </message>
    <message>
        <source>Data product</source>
        <translation>Datenprodukt</translation>
    </message>
    <message>
        <source>%1 domain</source>
        <translation>Domäne %1</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>Conflict: resolve in the Outbox</source>
        <translation>Konflikt: im Postausgang lösen</translation>
    </message>
    <message>
        <source>The source changed this product after you edited it.</source>
        <translation>Die Quelle hat dieses Produkt geändert, nachdem Sie es bearbeitet haben.</translation>
    </message>
    <message>
        <source>Edit pending</source>
        <translation>Änderung ausstehend</translation>
    </message>
    <message>
        <source>%1 edits pending</source>
        <translation>%1 Änderungen ausstehend</translation>
    </message>
    <message>
        <source>Shown here, not yet delivered to the source. Undo with Ctrl+Z.</source>
        <translation>Hier angezeigt, aber noch nicht an die Quelle zugestellt. Rückgängig mit Strg+Z.</translation>
    </message>
    <message>
        <source>*No description yet.*</source>
        <translation>*Noch keine Beschreibung.*</translation>
    </message>
    <message>
        <source>%1 (%2%3)</source>
        <translation>%1 (%2%3)</translation>
    </message>
    <message>
        <source>, team</source>
        <translation>, Team</translation>
    </message>
    <message>
        <source>Owners</source>
        <translation>Verantwortliche</translation>
    </message>
    <message>
        <source>none declared</source>
        <translation>keine angegeben</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>FQN</source>
        <translation>FQN</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>%1 is not in the cache</source>
        <translation>%1 ist nicht im Cache</translation>
    </message>
    <message>
        <source>input port</source>
        <translation>Eingangsport</translation>
    </message>
    <message>
        <source>output port</source>
        <translation>Ausgangsport</translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>Primärschlüssel</translation>
    </message>
    <message>
        <source>not null</source>
        <translation>nicht null</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>  ✓ met</source>
        <translation>  ✓ erfüllt</translation>
    </message>
    <message>
        <source>  ✗ breached</source>
        <translation>  ✗ verletzt</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>never ran</source>
        <translation>nie gelaufen</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::QualityTab</name>
    <message>
        <source>Pass rate per day</source>
        <translation>Erfolgsquote pro Tag</translation>
    </message>
    <message>
        <source>Check results</source>
        <translation>Prüfergebnisse</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The quality data could not be read: %1
Try again after the next sync (F5).</source>
        <translation>Die Qualitätsdaten konnten nicht gelesen werden: %1
Nach der nächsten Synchronisierung (F5) erneut versuchen.</translation>
    </message>
    <message>
        <source>This product declares no quality checks and no SLAs.</source>
        <translation>Dieses Produkt legt weder Qualitätsprüfungen noch SLAs fest.</translation>
    </message>
    <message>
        <source>No check results or SLA measurements in this range.
Choose a longer range, or All (Alt+5).</source>
        <translation>Keine Prüfergebnisse oder SLA-Messungen in diesem Zeitraum.
Wählen Sie einen längeren Zeitraum oder Alles (Alt+5).</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s)</source>
        <translation>
            <numerusform>%n Prüfung</numerusform>
            <numerusform>%n Prüfungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SLA(s)</source>
        <translation>
            <numerusform>%n SLA</numerusform>
            <numerusform>%n SLAs</numerusform>
        </translation>
    </message>
    <message>
        <source>%1% passed</source>
        <translation>%1 % bestanden</translation>
    </message>
    <message>
        <source>no runs</source>
        <translation>keine Läufe</translation>
    </message>
    <message>
        <source>%1 (target %2 %3 %4)</source>
        <translation>%1 (Sollwert %2 %3 %4)</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Verletzt</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Sollwert</translation>
    </message>
    <message>
        <source>%1
%2 %3 — %4</source>
        <translation>%1
%2 %3 – %4</translation>
    </message>
    <message>
        <source>met</source>
        <translation>erfüllt</translation>
    </message>
    <message>
        <source>breached</source>
        <translation>verletzt</translation>
    </message>
    <message>
        <source>%1 measurements, %2 breaching the target, %3 breach period(s)</source>
        <translation>%1 Messungen, %2 verfehlen den Sollwert, %3 Verletzungszeitraum/-räume</translation>
    </message>
    <message>
        <source>SLA: %1</source>
        <translation>SLA: %1</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::RangeBar</name>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>The last 7 days (Alt+1)</source>
        <translation>Die letzten 7 Tage (Alt+1)</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <source>The last 30 days (Alt+2)</source>
        <translation>Die letzten 30 Tage (Alt+2)</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 Tage</translation>
    </message>
    <message>
        <source>The last 90 days (Alt+3)</source>
        <translation>Die letzten 90 Tage (Alt+3)</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 Jahr</translation>
    </message>
    <message>
        <source>The last 365 days (Alt+4)</source>
        <translation>Die letzten 365 Tage (Alt+4)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>All the data there is (Alt+5)</source>
        <translation>Alle vorhandenen Daten (Alt+5)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigener</translation>
    </message>
    <message>
        <source>Choose the first and last day</source>
        <translation>Ersten und letzten Tag wählen</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SearchPage</name>
    <message>
        <source>Search products, owners, tags, columns…  domain: owner: tag: status: tier: has:sla  (Ctrl+K)</source>
        <translation>Produkte, Verantwortliche, Tags, Spalten suchen…  domain: owner: tag: status: tier: has:sla  (Strg+K)</translation>
    </message>
    <message>
        <source>Search the catalog</source>
        <translation>Den Katalog durchsuchen</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Saved and recent searches</source>
        <translation>Gespeicherte und letzte Suchen</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Refine by domain, owner, tag, status and tier</source>
        <translation>Nach Domäne, Verantwortlichen, Tag, Status und Stufe eingrenzen</translation>
    </message>
    <message>
        <source>Click a value to add it as a filter</source>
        <translation>Einen Wert anklicken, um ihn als Filter hinzuzufügen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Searching failed.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;Try again, or re-sync with &lt;b&gt;F5&lt;/b&gt; if the cache is damaged.</source>
        <translation>&lt;b&gt;Die Suche ist fehlgeschlagen.&lt;/b&gt;&lt;br&gt;%1&lt;br&gt;Erneut versuchen oder mit &lt;b&gt;F5&lt;/b&gt; neu synchronisieren, falls der Cache beschädigt ist.</translation>
    </message>
    <message>
        <source>No match for &lt;s&gt;%1&lt;/s&gt;; showing results for &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation>Kein Treffer für &lt;s&gt;%1&lt;/s&gt;; angezeigt werden Ergebnisse für &lt;b&gt;%2&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The catalog is empty.&lt;/b&gt;&lt;br&gt;Sync a source with &lt;b&gt;F5&lt;/b&gt;, or &lt;b&gt;File → Sync From…&lt;/b&gt; to open a bundle file or URL.</source>
        <translation>&lt;b&gt;Der Katalog ist leer.&lt;/b&gt;&lt;br&gt;Synchronisieren Sie eine Quelle mit &lt;b&gt;F5&lt;/b&gt; oder öffnen Sie mit &lt;b&gt;Datei → Synchronisieren von…&lt;/b&gt; eine Bundle-Datei oder URL.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>No products match &lt;b&gt;%1&lt;/b&gt;.&lt;br&gt;Try fewer or shorter words, or remove a filter.</source>
        <translation>Keine Produkte passen zu &lt;b&gt;%1&lt;/b&gt;.&lt;br&gt;Versuchen Sie weniger oder kürzere Wörter oder entfernen Sie einen Filter.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln product(s) in the catalog</source>
        <translation>
            <numerusform>%Ln Produkt im Katalog</numerusform>
            <numerusform>%Ln Produkte im Katalog</numerusform>
        </translation>
    </message>
    <message>
        <source>%L1 matches so far, still searching…</source>
        <translation>Bisher %L1 Treffer, die Suche läuft noch…</translation>
    </message>
    <message>
        <source>More than %L1 matches</source>
        <translation>Mehr als %L1 Treffer</translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln Treffer</numerusform>
            <numerusform>%Ln Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by %1:%2</source>
        <translation>Nach %1:%2 filtern</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortliche</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Counts of the first %L1 matches</source>
        <translation>Anzahlen der ersten %L1 Treffer</translation>
    </message>
    <message>
        <source>&amp;Save This Search…</source>
        <translation>Diese Suche &amp;speichern…</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>Suche speichern</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>No saved searches yet</source>
        <translation>Noch keine gespeicherten Suchen</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt gesucht</translation>
    </message>
    <message>
        <source>No recent searches</source>
        <translation>Keine letzten Suchen</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SlaCalendar</name>
    <message>
        <source>SLA calendar</source>
        <translation>SLA-Kalender</translation>
    </message>
    <message>
        <source>%1: %2 days met, %3 days with misses</source>
        <translation>%1: %2 Tage erfüllt, %3 Tage mit Verfehlungen</translation>
    </message>
    <message>
        <source>No SLA objectives declared, so there is no calendar.</source>
        <translation>Keine SLA-Ziele festgelegt, daher gibt es keinen Kalender.</translation>
    </message>
    <message>
        <source>met all day</source>
        <translation>den ganzen Tag erfüllt</translation>
    </message>
    <message>
        <source>some misses</source>
        <translation>einige Verfehlungen</translation>
    </message>
    <message>
        <source>missed all day</source>
        <translation>den ganzen Tag verfehlt</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>%1, %2: no measurement</source>
        <translation>%1, %2: keine Messung</translation>
    </message>
    <message>
        <source>%1, %2: %3 met, %4 missed</source>
        <translation>%1, %2: %3 erfüllt, %4 verfehlt</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SlaPage</name>
    <message>
        <source>&amp;Domain:</source>
        <translation>&amp;Domäne:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Verantwortlich:</translation>
    </message>
    <message>
        <source>person or team</source>
        <translation>Person oder Team</translation>
    </message>
    <message>
        <source>Owner filter</source>
        <translation>Filter nach Verantwortlichen</translation>
    </message>
    <message>
        <source>Search products…</source>
        <translation>Produkte suchen…</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>Produkte suchen</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>&amp;Zustand:</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Service level objectives</source>
        <translation>Service-Level-Ziele</translation>
    </message>
    <message>
        <source>Filtering and sorting…</source>
        <translation>Wird gefiltert und sortiert…</translation>
    </message>
    <message>
        <source>No objective matches these filters.</source>
        <translation>Kein Ziel passt zu diesen Filtern.</translation>
    </message>
    <message>
        <source>%L1 objective(s); Enter opens the product, the calendar of the selected one is below</source>
        <translation>%L1 Ziel(e); Eingabe öffnet das Produkt, darunter der Kalender des gewählten</translation>
    </message>
    <message>
        <source>All domains</source>
        <translation>Alle Domänen</translation>
    </message>
    <message>
        <source>No person or team is named &quot;%1&quot;; pick one from the suggestions.</source>
        <translation>Keine Person und kein Team heißt „%1“; bitte einen Vorschlag auswählen.</translation>
    </message>
    <message>
        <source>Select an objective to see its product&apos;s SLA calendar.</source>
        <translation>Wählen Sie ein Ziel, um den SLA-Kalender seines Produkts zu sehen.</translation>
    </message>
    <message>
        <source>SLA calendar of %1, last 180 days</source>
        <translation>SLA-Kalender von %1, letzte 180 Tage</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SourceProblemsView</name>
    <message>
        <source>Source problems</source>
        <translation>Probleme der Quellen</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>The last syncs reported no problems.</source>
        <translation>Die letzten Synchronisierungen meldeten keine Probleme.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n problems; the rest of each source imported.</source>
        <translation>
            <numerusform>%1 von %n Problem; der Rest jeder Quelle wurde importiert.</numerusform>
            <numerusform>%1 von %n Problemen; der Rest jeder Quelle wurde importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>1 problem; the rest of its source imported.</source>
        <translation>1 Problem; der Rest seiner Quelle wurde importiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n problems; the rest of each source imported.</source>
        <translation>
            <numerusform>%n Problem; der Rest jeder Quelle wurde importiert.</numerusform>
            <numerusform>%n Probleme; der Rest jeder Quelle wurde importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The problems could not be read: %1</source>
        <translation>Die Probleme konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SourcesDialog</name>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Remove Source</source>
        <translation>Quelle entfernen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Zuletzt synchronisiert</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>&amp;Add Source…</source>
        <translation>Quelle &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synchronisieren</translation>
    </message>
    <message>
        <source>Edit &amp;Token…</source>
        <translation>&amp;Token bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n offen</numerusform>
            <numerusform>%n offen</numerusform>
        </translation>
    </message>
    <message>
        <source>The cache holds no source yet: Add Source… to sync one.</source>
        <translation>Der Cache enthält noch keine Quelle: Mit „Quelle hinzufügen…“ eine synchronisieren.</translation>
    </message>
    <message>
        <source>A sync is running; remove the source when it has finished.</source>
        <translation>Eine Synchronisierung läuft; entfernen Sie die Quelle, wenn sie beendet ist.</translation>
    </message>
    <message>
        <source>Replace the token MeshLens uses for %1.</source>
        <translation>Das Token ersetzen, das MeshLens für %1 verwendet.</translation>
    </message>
    <message>
        <source>The token could not be stored: %1</source>
        <translation>Das Token konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The new token is stored; it is used from the next sync.</source>
        <translation>Das neue Token ist gespeichert; es gilt ab der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Remove %1 and its one product from the cache?</source>
        <translation>%1 und sein einziges Produkt aus dem Cache entfernen?</translation>
    </message>
    <message numerus="yes">
        <source>Remove %1 and its %n products from the cache?</source>
        <translation>
            <numerusform>%1 und sein %n Produkt aus dem Cache entfernen?</numerusform>
            <numerusform>%1 und seine %n Produkte aus dem Cache entfernen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other catalog entries go with them.</source>
        <translation>
            <numerusform>%n weiterer Katalogeintrag wird mit entfernt.</numerusform>
            <numerusform>%n weitere Katalogeinträge werden mit entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The source itself is not changed; syncing it again brings them back.</source>
        <translation>Die Quelle selbst bleibt unverändert; eine erneute Synchronisierung bringt sie zurück.</translation>
    </message>
    <message numerus="yes">
        <source>%n outbox items (edits or feedback) for %1 were never delivered. Discard them with the source? They cannot be recovered.</source>
        <translation>
            <numerusform>%n Postausgangseintrag (Änderung oder Feedback) für %1 wurde nie zugestellt. Mit der Quelle verwerfen? Er lässt sich nicht wiederherstellen.</numerusform>
            <numerusform>%n Postausgangseinträge (Änderungen oder Feedback) für %1 wurden nie zugestellt. Mit der Quelle verwerfen? Sie lassen sich nicht wiederherstellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was removed: deliver or export the outbox first.</source>
        <translation>Nichts wurde entfernt: Stellen Sie zuerst den Postausgang zu oder exportieren Sie ihn.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %1 with %n entries.</source>
        <translation>
            <numerusform>%1 mit %n Eintrag entfernt.</numerusform>
            <numerusform>%1 mit %n Einträgen entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>%1 wird entfernt…</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SourcesMenu</name>
    <message>
        <source>S&amp;ources</source>
        <translation>&amp;Quellen</translation>
    </message>
    <message>
        <source>&amp;Add Source…</source>
        <translation>Quelle &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Manage Sources…</source>
        <translation>Quellen &amp;verwalten…</translation>
    </message>
    <message>
        <source>Source &amp;Problems</source>
        <translation>&amp;Probleme der Quellen</translation>
    </message>
    <message>
        <source>Source Problems</source>
        <translation>Probleme der Quellen</translation>
    </message>
    <message>
        <source>What the last syncs reported without failing: show the Source problems</source>
        <translation>Was die letzten Synchronisierungen gemeldet haben, ohne fehlzuschlagen: die Probleme der Quellen anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n problems</source>
        <translation>
            <numerusform>⚠ %n Problem</numerusform>
            <numerusform>⚠ %n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused the token: %1</source>
        <translation>Der Server hat das Token abgelehnt: %1</translation>
    </message>
    <message>
        <source>The token could not be stored: %1</source>
        <translation>Das Token konnte nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::StatusTimeline</name>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>did not run</source>
        <translation>nicht gelaufen</translation>
    </message>
    <message>
        <source>Check status timeline</source>
        <translation>Zeitleiste der Prüfstatus</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s); %1 failed runs of %2</source>
        <translation>
            <numerusform>%n Prüfung; %1 fehlgeschlagene Läufe von %2</numerusform>
            <numerusform>%n Prüfungen; %1 fehlgeschlagene Läufe von %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1
%2: %3</source>
        <translation>%1
%2: %3</translation>
    </message>
    <message>
        <source> (value %1)</source>
        <translation> (Wert %1)</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::SyncStatus</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the sync; the cached catalog stays as it was (Esc)</source>
        <translation>Die Synchronisierung anhalten; der Katalog im Cache bleibt, wie er war (Esc)</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Nie synchronisiert</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <source>The catalog was last synced %1</source>
        <translation>Der Katalog wurde zuletzt am %1 synchronisiert</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Indexing %L1 records…</source>
        <translation>%L1 Datensätze werden indiziert…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>Syncing: %L1 records</source>
        <translation>Synchronisierung: %L1 Datensätze</translation>
    </message>
    <message>
        <source>Sync cancelled; the catalog is unchanged.</source>
        <translation>Synchronisierung abgebrochen; der Katalog ist unverändert.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Synchronisierung fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>meshlens::ui::TrendsPage</name>
    <message>
        <source>Click a red point to list that day&apos;s failing checks; Enter on one opens its product.</source>
        <translation>Einen roten Punkt anklicken, um die fehlgeschlagenen Prüfungen dieses Tages aufzulisten; Eingabe auf einer öffnet ihr Produkt.</translation>
    </message>
    <message>
        <source>Aggregate by</source>
        <translation>Zusammenfassen nach</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortliche</translation>
    </message>
    <message>
        <source>Domain or owner</source>
        <translation>Domäne oder Verantwortliche</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The domains and owners could not be read: %1</source>
        <translation>Die Domänen und Verantwortlichen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source> (team)</source>
        <translation> (Team)</translation>
    </message>
    <message numerus="yes">
        <source>%1%2 — %Ln product(s)</source>
        <translation>
            <numerusform>%1%2 – %Ln Produkt</numerusform>
            <numerusform>%1%2 – %Ln Produkte</numerusform>
        </translation>
    </message>
    <message>
        <source>No one owns a product in this catalog yet.
Sync a catalog with F5.</source>
        <translation>In diesem Katalog ist noch niemand für ein Produkt verantwortlich.
Synchronisieren Sie einen Katalog mit F5.</translation>
    </message>
    <message>
        <source>The catalog has no domains yet.
Sync a catalog with F5.</source>
        <translation>Der Katalog hat noch keine Domänen.
Synchronisieren Sie einen Katalog mit F5.</translation>
    </message>
    <message>
        <source>The trend could not be read: %1
Try again after the next sync (F5).</source>
        <translation>Der Trend konnte nicht gelesen werden: %1
Nach der nächsten Synchronisierung (F5) erneut versuchen.</translation>
    </message>
    <message numerus="yes">
        <source>None of these %Ln product(s) declares a quality check.</source>
        <translation>
            <numerusform>Dieses Produkt legt keine Qualitätsprüfung fest.</numerusform>
            <numerusform>Keines dieser %Ln Produkte legt eine Qualitätsprüfung fest.</numerusform>
        </translation>
    </message>
    <message>
        <source>No check ran in this range.
Choose a longer range, or All (Alt+5).</source>
        <translation>In diesem Zeitraum lief keine Prüfung.
Wählen Sie einen längeren Zeitraum oder Alles (Alt+5).</translation>
    </message>
    <message numerus="yes">
        <source>%1% passed · %L2 runs · %Ln product(s), %L3 checks</source>
        <translation>
            <numerusform>%1 % bestanden · %L2 Läufe · %Ln Produkt, %L3 Prüfungen</numerusform>
            <numerusform>%1 % bestanden · %L2 Läufe · %Ln Produkte, %L3 Prüfungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Pass rate — %1</source>
        <translation>Erfolgsquote – %1</translation>
    </message>
</context>
</TS>
