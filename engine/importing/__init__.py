"""How an import reads, checks and writes a file; the job around it is
`engine.services.imports` (entry points, progress, the one transaction).

By concern:

- `readers`: CSV (UTF-8 or GB18030, the dialect sniffed) and XLSX (python-calamine)
  streamed as `(row number, {column: cell})`; `columns`: which column each header means
  (workflows/import_columns.yaml); `cells`: a cell as text, date, amount or enum label.
- `problems`: every problem counted, the first ones kept; `plan`: the row loop and what a
  validator returns (rows to create, to update, unchanged); `lookups`: references
  resolved in bulk.
- `bulk`: the SQL writers (multi-row INSERT on SQLite, binary COPY on PostgreSQL,
  batched UPDATE, ids and codes as one block).
- One validator and one writer per file kind: `customers` / `customers_writer`,
  `orders` / `orders_writer`, `users` / `users_writer` (an HR export); `kinds` lists
  them.

Adding a kind (say `channel-metrics`):

1. its columns and required columns as a section of `workflows/import_columns.yaml`;
2. `<kind>.py`: a row dataclass (`row`, `external_id`, `existing`, `changes`), a check of
   one row that reports its problems, and `validate(actor, table, report, progress)`
   that runs `plan.check_rows`, resolves references, matches existing records and
   returns the `Plan` (`plan.count()`);
3. `<kind>_writer.py`: `write(conn, actor, job, plan, progress)`, with the `bulk`
   helpers, inside the transaction the job opens (never a commit of its own);
4. a `Kind(...)` line in `kinds.KINDS`, and the kind as an action of object `import` in
   `policies/policy.csv` (who may import it, up to which scope); the CLI's `--kind`
   choices and GraphQL's `ImportKind` name the kinds the API offers.
"""
