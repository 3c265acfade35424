#!/usr/bin/env python3
"""Writes the small handcrafted seed corpora under corpus/<fuzzer>/ (committed; rerun after changing them).
Shapes follow the bundle format, the OpenMetadata REST answers (see tests/support/fakeopenmetadata.cpp), the
ODCS/ODPS examples in ../shared/fixtures/contracts, the search syntax and the deep-link forms; none is a copy of a
fixture file."""
import json, os, shutil

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, "corpus")


def write(fuzzer, name, data):
    d = os.path.join(corpus, fuzzer)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


shutil.rmtree(corpus, ignore_errors=True)

# Bundle: the first byte is the chunk size (1 + b % 64), the rest NDJSON lines.
header = '{"type":"header","format":"meshlens-bundle","version":1,"mode":"%s","source":"seed","generated_at":1763600000%s}'
lines = [
    '{"type":"domain","id":"sales","name":"sales","display_name":"Sales","kind":"source-aligned","parent":"root"}',
    '{"type":"team","id":"t1","name":"eng","domain":"sales","parent":"t0","email":"eng@example.com"}',
    '{"type":"person","id":"ada","name":"ada","display_name":"Ada","email":"ada@example.com","team":"t1"}',
    '{"type":"product","id":"sales.orders","kind":"table","name":"orders","fqn":"shop.sales.orders","domain":"sales",'
    '"status":"active","tier":1,"description":"All **orders**.","version":"2.1.0","updated_at":1763600000,'
    '"tags":["pii"],"owners":[{"role":"owner","team":"t1"},{"role":"steward","person":"ada"}]}',
    '{"type":"port","product":"sales.orders","id":"out","direction":"output","name":"Orders","format":"table",'
    '"columns":[{"name":"order_id","type":"BIGINT","primary_key":true,"nullable":false},{"name":"email","tags":["pii"]}]}',
    '{"type":"sla","product":"sales.orders","id":"fresh","kind":"freshness","target":2,"unit":"h","op":"<=","port":"out"}',
    '{"type":"sla_measurement","product":"sales.orders","sla":"fresh","start":1763251200,"step":86400,"values":[1.5,null,3]}',
    '{"type":"check","product":"sales.orders","id":"c1","name":"id not null","kind":"not_null","port":"out","column":"order_id","severity":"critical"}',
    '{"type":"check_result","product":"sales.orders","check":"c1","start":1763251200,"step":86400,"statuses":"PPFA-","values":[1,2,3,4,null]}',
    '{"type":"check_result","product":"sales.orders","check":"c1","at":"2025-11-20T00:00:00Z","status":"fail","message":"none"}',
    '{"type":"lineage","from":"a","from_port":"ap","to":"sales.orders","to_port":"out","columns":[["x","y"]]}',
]
snapshot = "\n".join([header % ("snapshot", "")] + lines + ['{"type":"end","records":%d}' % len(lines)]) + "\n"
write("fuzz_bundleparser", "snapshot", b"\x07" + snapshot.encode())
delta = "\n".join([header % ("delta", ',"since":"c1","cursor":"c2"'),
                   '{"type":"tombstone","entity":"product","id":"sales.old"}', lines[3], '{"type":"end","records":2}'])
write("fuzz_bundleparser", "delta", b"\x00" + delta.encode())
write("fuzz_bundleparser", "cut", b"\x20" + snapshot[: len(snapshot) // 2].encode())
write("fuzz_bundleparser", "crlf", b"\x03" + snapshot.replace("\n", "\r\n").encode())

# OpenMetadata: byte 0 chooses the version (b % 6) and, with 0x80, an incremental read; then NUL-separated bodies:
# the lineage answer (or, incremental, the saved index), then one body per request in order.
def page(items, after=None):
    paging = {"total": len(items)}
    if after:
        paging["after"] = after
    return json.dumps({"data": items, "paging": paging})

ref = lambda t, i, n: {"id": i, "type": t, "name": n, "fullyQualifiedName": n}
domain = {"id": "d1", "name": "Sales", "fullyQualifiedName": "Sales", "displayName": "Sales", "domainType": "Source-aligned",
          "description": "Orders", "owners": [ref("team", "t1", "eng")]}
team = {"id": "t1", "name": "eng", "displayName": "Engineering", "teamType": "Group", "email": "eng@example.com",
        "parents": [ref("team", "t0", "Org")], "domains": [ref("domain", "d1", "Sales")]}
user = {"id": "u1", "name": "ada", "displayName": "Ada", "email": "ada@example.com", "teams": [ref("team", "t1", "eng")]}
product = {"id": "p1", "name": "orders", "fullyQualifiedName": "Sales.orders", "description": "Orders **bold**",
           "version": 0.2, "updatedAt": 1763600000000, "domains": [ref("domain", "d1", "Sales")],
           "owners": [ref("user", "u1", "ada")], "assets": [ref("table", "tb1", "svc.db.s.orders")],
           "tags": [{"tagFQN": "Tier.Tier1"}, {"tagFQN": "PII.Sensitive"}]}
table = {"id": "tb1", "name": "orders", "fullyQualifiedName": "svc.db.s.\"dim.orders\"", "tableType": "Regular",
         "version": 1.3, "updatedAt": 1763600000000, "description": "<b>x</b>", "owner": ref("team", "t1", "eng"),
         "domain": ref("domain", "d1", "Sales"), "tags": [{"tagFQN": "Tier.Tier2"}],
         "columns": [{"name": "id", "dataType": "BIGINT", "constraint": "PRIMARY_KEY", "tags": [{"tagFQN": "PII.None"}]},
                     {"name": "nested", "dataType": "STRUCT", "children": [{"name": "a", "dataType": "INT"}]}]}
topic = {"id": "tp1", "name": "events", "fullyQualifiedName": "kafka.events", "messageSchema": {"schemaFields": [{"name": "f"}]}}
dashboard = {"id": "db1", "name": "rev", "fullyQualifiedName": "superset.rev", "charts": [ref("chart", "c1", "superset.c1")]}
pipeline = {"id": "pl1", "name": "etl", "fullyQualifiedName": "airflow.etl", "tasks": [{"name": "load"}]}
testcase = {"id": "tc1", "name": "ids_unique", "fullyQualifiedName": "svc.db.s.orders.id.ids_unique",
            "entityLink": "<#E::table::svc.db.s.\"dim.orders\"::columns::id>", "testDefinition": ref("testDefinition", "td", "columnValuesToBeUnique"),
            "testCaseResult": {"timestamp": 1763600000000, "testCaseStatus": "Failed", "result": "2 duplicates"}}
results = json.dumps({"data": [{"timestamp": 1763500000000, "testCaseStatus": "Success"},
                               {"timestamp": 1763600000000, "testCaseStatus": "Aborted", "result": "x"}]})
lineage = json.dumps({"entity": ref("table", "tb1", "svc.db.s.orders"),
                      "nodes": [ref("table", "tb2", "svc.db.s.raw"), ref("dashboard", "db1", "superset.rev")],
                      "upstreamEdges": [{"fromEntity": "tb2", "toEntity": "tb1",
                                         "lineageDetails": {"sqlQuery": "insert", "columnsLineage": [{"fromColumns": ["svc.db.s.raw.id"], "toColumn": "svc.db.s.orders.id"}],
                                                            "pipeline": ref("pipeline", "pl1", "airflow.etl")}}],
                      "downstreamEdges": [{"fromEntity": "tb1", "toEntity": "db1"}]})
full = [page([domain]), page([team], after="c2"), page([]), page([user]), page([product]), page([table]), page([topic]),
        page([dashboard]), page([]), page([pipeline]), page([testcase]), results]
write("fuzz_openmetadata", "full-1.9", b"\x04" + b"\0".join(x.encode() for x in [lineage] + full))
old = [page([team]), page([user]), page([dict(table, owners=None)]), page([topic]), page([]), page([pipeline]), page([testcase])]
write("fuzz_openmetadata", "full-1.0", b"\x00" + b"\0".join(x.encode() for x in [lineage] + old))
write("fuzz_openmetadata", "full-1.8.12", b"\x03" + b"\0".join(x.encode() for x in [lineage, page([domain]), page([team]), page([user]),
      page([product]), json.dumps({"data": [ref("table", "tb1", "t")], "paging": {"total": 2}}), page([table])]))
index = json.dumps({"tb1": {"type": "table", "fqn": "svc.db.s.orders", "product": "p1"}, "d1": {"type": "domain", "fqn": "Sales"}})
events = json.dumps({"data": [{"entityId": "tb1", "entityType": "table", "eventType": "entityUpdated", "timestamp": 1763600000000,
                               "currentVersion": 1.4},
                              {"entityId": "tb9", "entityType": "table", "eventType": "entityDeleted", "timestamp": 1763600000001},
                              {"entityId": "u1", "entityType": "user", "eventType": "entityCreated", "timestamp": 1763600000002}]})
write("fuzz_openmetadata", "events-1.9", b"\x84" + b"\0".join(x.encode() for x in [index, events, json.dumps(table), json.dumps(user), lineage]))
write("fuzz_openmetadata", "error-body", b"\x02" + b"\0" + b'{"code":500,"message":"boom"}')

# Contracts: byte 0 chooses the file name (0 .odcs.yaml, 1 .odps.yaml, 2 datacontract.yaml, 3 contract.yaml,
# 4 events.json, 5 run.ndjson, 6 schema.json, 7 misc.yml).
odcs = """apiVersion: v3.0.2
kind: DataContract
id: orders-contract
name: Orders
version: 1.1.0
status: active
domain: sales
dataProduct: orders
tenant: shop
description:
  purpose: All orders
  usage: Reporting
tags: [pii, gold]
team:
  - username: ada
    role: owner
schema:
  - name: orders
    physicalName: orders_v2
    logicalType: object
    properties:
      - name: order_id
        logicalType: integer
        physicalType: BIGINT
        primaryKey: true
        required: true
        quality:
          - rule: unique
            type: library
      - name: email
        logicalType: string
        classification: restricted
    quality:
      - type: sql
        query: SELECT count(*) FROM orders
        mustBeGreaterThan: 0
slaProperties:
  - property: latency
    value: 4
    unit: h
  - property: retention
    value: 3
    unit: y
servers:
  - server: prod
    type: postgres
    host: db.example.com
"""
write("fuzz_contractfile", "odcs", b"\x00" + odcs.encode())
odps = """apiVersion: v1.0.0
kind: DataProduct
id: orders
name: Orders
status: active
domain: sales
tags: [gold]
description:
  purpose: Orders for everyone
team:
  members:
    - username: ada
      role: owner
inputPorts:
  - name: raw
    version: 1.0.0
    contractId: raw-contract
outputPorts:
  - name: orders
    version: 1.1.0
    contractId: orders-contract
    type: tables
"""
write("fuzz_contractfile", "odps", b"\x01" + odps.encode())
dcs = """dataContractSpecification: 1.1.0
id: urn:datacontract:orders
info:
  title: Orders
  version: 2.0.0
  owner: sales
models:
  orders:
    type: table
    fields:
      order_id:
        type: long
        required: true
        unique: true
servicelevels:
  freshness:
    threshold: 25h
  availability:
    percentage: 99.9%
"""
write("fuzz_contractfile", "dcs", b"\x02" + dcs.encode())
ol = json.dumps({"eventType": "COMPLETE", "eventTime": "2025-11-20T00:00:00Z",
                 "run": {"runId": "0176a8c2-fe01-7439-87e6-56a1a1b4029f"},
                 "job": {"namespace": "airflow", "name": "etl.load"},
                 "inputs": [{"namespace": "postgres://db", "name": "shop.raw"}],
                 "outputs": [{"namespace": "postgres://db", "name": "shop.orders",
                              "facets": {"columnLineage": {"fields": {"id": {"inputFields": [{"namespace": "postgres://db", "name": "shop.raw", "field": "id"}]}}}}}]})
write("fuzz_contractfile", "openlineage", b"\x04" + ol.encode())
write("fuzz_contractfile", "openlineage-ndjson", b"\x05" + (ol + "\n" + ol + "\n").encode())
write("fuzz_contractfile", "anchors", b"\x00" + b"a: &a [x, y]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\nid: z\nkind: DataContract\napiVersion: v3.0.0\n")
write("fuzz_contractfile", "jsonschema", b"\x06" + b'{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}')

# Search queries.
for i, q in enumerate(["order events", '"order events" -test', 'owner:ada domain:sales tag:pii status:active tier:1 ord',
                       'has:sla source:openmetadata -"dim shop"', 'NEAR(a b) OR c* AND "x', "магазин dim.product sales.orders",
                       '-only -exclusions', 'owner:"Ada Lovelace" has:checks', "a'b\"c\\\\d:e:f -", "tier:x unknown:field ^a$"]):
    write("fuzz_searchquery", "q%02d" % i, q)

# Deep links.
for i, l in enumerate(["meshlens://product/sales.orders", "meshlens://product/svc.db.s.%22dim.orders%22",
                       "meshlens://search?q=owner%3Aada%20orders", "meshlens://search?q=%E2%80%AE", "meshlens://user:pw@product/x",
                       "meshlens://product/x#frag", "meshlens://product/%0a", "meshlens:product/x", "MESHLENS://Product/x?y=1",
                       "https://example.com/", "meshlens://search?q=a&q=b"]):
    write("fuzz_deeplink", "l%02d" % i, l)

# Markdown: hostile and ordinary descriptions.
for i, m in enumerate(["# Orders\n\nAll **orders**, `id` is unique.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                       "<script>alert(1)</script>\n\n<img src=\"http://example.com/t.png\" onerror=alert(1)>",
                       "[click](javascript:alert(1)) [data](data:text/html,<b>x</b>) [file](file:///etc/passwd)",
                       "![remote](http://example.com/track.png) ![local](/etc/passwd) ![data](data:image/png;base64,iVBORw0KGgo=)",
                       "[ok](https://example.com) <https://example.com/auto> [mail](mailto:ada@example.com) [in](meshlens://product/x)",
                       "- [ ] task\n- [x] done\n  1. nested\n     > quote\n\n```sql\nSELECT 1;\n```\n",
                       "<style>*{display:none}</style><iframe src=\"https://evil\"></iframe>[x]: http://ref\n\n[ref][x]"]):
    write("fuzz_markdown", "m%02d" % i, m)
