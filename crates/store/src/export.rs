//! The whole ledger as data (xuất / nhập sổ theo dõi): every table's rows, and their return.
//!
//! [`Store::dump`] reads every table of the ledger (optionally only one organisation's documents and
//! what hangs on them) into a [`LedgerDump`]; [`Store::load`] writes one back, in one transaction:
//! - into an **empty** ledger it restores every row as it was, ids included, so an export → import
//!   round trip gives the same ledger, table for table;
//! - into a ledger that already holds documents it **merges**: a document is its organisation plus
//!   its content (`docs/ledger.md`), so a document the ledger already has (same organisation, a
//!   version of the same bytes or the same normalised text) is not stored twice — its items are
//!   matched by kind and folded name, and only progress, links and findings it lacks are added; another
//!   ward's documents come in under new row ids (renamed `NAME#2` where the name is taken, their
//!   evidence following the new name). Importing the same export twice changes nothing.
//!
//! Why generic rows rather than one struct per table: the dump must carry every column the ledger has,
//! including those later migrations add, and compare equal after a round trip; the columns are read
//! from the database's own catalogue, so a new column is exported without touching this file.
//! Table and column names are spliced into SQL only after they are checked against that catalogue.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use theodoi_text::fold;

use crate::{nfc, Backend, Store, StoreError};

/// Every table of the ledger that holds data, parents before children (the order rows are loaded in).
pub const TABLES: &[&str] = &[
    "users",
    "organisations",
    "org_decisions",
    "documents",
    "document_versions",
    "document_sources",
    "items",
    "targets",
    "tasks",
    "citations",
    "facts",
    "declared_counts",
    "evidence",
    "version_changes",
    "progress_updates",
    "links",
    "findings",
    "audit_log",
];

/// What a dump file says it is.
pub const FORMAT: &str = "theodoi-ledger";

/// The ledger as data: every table's columns and rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerDump {
    /// Always [`FORMAT`].
    pub format: String,
    /// The schema migrations the exporting ledger had applied.
    pub schema: Vec<i64>,
    /// When it was made, RFC 3339 UTC.
    pub exported_at: String,
    /// The organisation it was limited to, if any.
    pub org: Option<String>,
    /// The tables, in [`TABLES`] order.
    pub tables: Vec<DumpTable>,
}

/// One table: its column names and its rows (one JSON value per column; integers, reals, text, null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DumpTable {
    /// Table name.
    pub name: String,
    /// Column names, in the ledger's order.
    pub columns: Vec<String>,
    /// Rows in id order.
    pub rows: Vec<Vec<Value>>,
}

impl DumpTable {
    /// The position of `column`.
    pub fn col(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == column)
    }
}

impl LedgerDump {
    /// The table named `name`.
    pub fn table(&self, name: &str) -> Option<&DumpTable> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// The number of rows per table.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        self.tables.iter().map(|t| (t.name.clone(), t.rows.len())).collect()
    }
}

/// What [`Store::load`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LoadOutcome {
    /// The ledger was empty and now holds the dump exactly, ids included.
    pub restored: bool,
    /// Rows added, per table.
    pub added: BTreeMap<String, usize>,
    /// Documents the ledger already had (same organisation and content).
    pub known_documents: Vec<String>,
    /// Documents stored under another name because theirs was taken: (name in the dump, new name).
    pub renamed: Vec<(String, String)>,
    /// Versions of known documents the ledger does not have, left out (the ledger's own history stands).
    pub skipped_versions: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColType {
    Int,
    Real,
    Text,
}

type Columns = Vec<(String, ColType)>;

impl Store {
    /// Every table's rows (see the module doc). With `org`, only that organisation's documents
    /// (matched as in [`Store::documents`]) and what belongs to them: their versions, items, evidence,
    /// progress, links between two of them, findings on them; no users and no audit log.
    pub async fn dump(&self, org: Option<&str>) -> Result<LedgerDump, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let schema: Vec<i64> = sqlx::query("SELECT version FROM schema_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get::<i64, _>("version"))
            .collect::<Result<_, _>>()?;
        drop(conn);
        let keep_docs: Option<HashSet<i64>> = match org {
            None => None,
            Some(o) => {
                let names: HashSet<String> = self.document_names(Some(o)).await?.into_iter().collect();
                let rows = sqlx::query("SELECT id, file_name FROM documents").fetch_all(&self.pool).await?;
                let mut ids = HashSet::new();
                for r in rows {
                    if names.contains(&r.try_get::<String, _>("file_name")?) {
                        ids.insert(r.try_get::<i64, _>("id")?);
                    }
                }
                Some(ids)
            }
        };
        let mut tables = Vec::new();
        let mut versions: HashSet<i64> = HashSet::new();
        let mut doc_names: HashSet<String> = HashSet::new();
        let mut orgs: HashSet<i64> = HashSet::new();
        for &name in TABLES {
            let cols = self.columns(name).await?;
            let list = cols.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", ");
            let rows = sqlx::query(&format!("SELECT {list} FROM {name} ORDER BY id")).fetch_all(&self.pool).await?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                let row = decode(r, &cols)?;
                if let Some(keep) = &keep_docs {
                    let get = |c: &str| cols.iter().position(|(n, _)| n == c).and_then(|i| row[i].as_i64());
                    let text = |c: &str| cols.iter().position(|(n, _)| n == c).and_then(|i| row[i].as_str());
                    let keep_it = match name {
                        "users" | "audit_log" => false,
                        "organisations" => true, // narrowed below to those the documents name
                        "documents" => {
                            let id = get("id").unwrap_or(0);
                            if keep.contains(&id) {
                                doc_names.insert(text("file_name").unwrap_or("").to_string());
                                orgs.extend(get("org_id"));
                            }
                            keep.contains(&id)
                        }
                        "document_versions" => {
                            let k = get("document_id").is_some_and(|d| keep.contains(&d));
                            if k {
                                versions.extend(get("id"));
                            }
                            k
                        }
                        "document_sources" | "items" | "progress_updates" => {
                            get("document_id").is_some_and(|d| keep.contains(&d))
                        }
                        "links" => {
                            get("from_document_id").is_some_and(|d| keep.contains(&d))
                                && get("to_document_id").is_some_and(|d| keep.contains(&d))
                        }
                        "findings" => text("evidence_json")
                            .and_then(|j| serde_json::from_str::<Vec<theodoi_core::Evidence>>(j).ok())
                            .is_some_and(|ev| ev.iter().any(|e| doc_names.contains(&e.doc))),
                        _ => get("version_id").is_some_and(|v| versions.contains(&v)),
                    };
                    if !keep_it {
                        continue;
                    }
                }
                out.push(row);
            }
            tables.push(DumpTable {
                name: name.to_string(),
                columns: cols.into_iter().map(|(c, _)| c).collect(),
                rows: out,
            });
        }
        if keep_docs.is_some() {
            // The organisations the kept documents name, with their parents.
            let t = &mut tables[1];
            let (id_c, parent_c) = (t.col("id"), t.col("parent_id"));
            let parents: HashMap<i64, i64> =
                t.rows.iter().filter_map(|r| Some((r[id_c?].as_i64()?, r[parent_c?].as_i64()?))).collect();
            let mut wanted = orgs.clone();
            for o in &orgs {
                let mut cur = *o;
                while let Some(p) = parents.get(&cur) {
                    if !wanted.insert(*p) {
                        break;
                    }
                    cur = *p;
                }
            }
            t.rows.retain(|r| id_c.and_then(|i| r[i].as_i64()).is_some_and(|id| wanted.contains(&id)));
        }
        Ok(LedgerDump {
            format: FORMAT.to_string(),
            schema,
            exported_at: crate::now(),
            org: org.map(str::to_string),
            tables,
        })
    }

    /// Write `dump` into this ledger, in one transaction: a restore into an empty ledger, a merge
    /// otherwise (see the module doc). `actor` is recorded in the audit log of a merge.
    pub async fn load(&self, dump: &LedgerDump, actor: &str) -> Result<LoadOutcome, StoreError> {
        if dump.format != FORMAT {
            return Err(StoreError::Invalid(format!(
                "not a theodoi ledger export (format `{}`, expected `{FORMAT}`)",
                dump.format
            )));
        }
        let mut catalogue: HashMap<&str, Columns> = HashMap::new();
        for t in &dump.tables {
            let Some(&name) = TABLES.iter().find(|n| **n == t.name) else {
                return Err(StoreError::Invalid(format!("export has an unknown table `{}`", t.name)));
            };
            let cols = self.columns(name).await?;
            for c in &t.columns {
                if !cols.iter().any(|(n, _)| n == c) {
                    return Err(StoreError::Invalid(format!(
                        "export table `{name}` has column `{c}`, which this ledger lacks (made by a newer theodoi?)"
                    )));
                }
            }
            if !t.columns.iter().any(|c| c == "id") {
                return Err(StoreError::Invalid(format!("export table `{name}` has no `id` column")));
            }
            for (i, r) in t.rows.iter().enumerate() {
                if r.len() != t.columns.len() {
                    return Err(StoreError::Invalid(format!(
                        "export table `{name}`, row {}: {} values for {} columns",
                        i + 1,
                        r.len(),
                        t.columns.len()
                    )));
                }
            }
            catalogue.insert(name, cols);
        }
        let mut tx = self.begin_write().await?;
        let mut empty = true;
        for name in TABLES {
            let n: i64 =
                sqlx::query(&format!("SELECT COUNT(*) AS n FROM {name}")).fetch_one(&mut *tx).await?.try_get("n")?;
            if n > 0 {
                empty = false;
                break;
            }
        }
        let outcome = if empty {
            restore(&mut tx, self.backend, dump, &catalogue).await?
        } else {
            merge(&mut tx, dump, &catalogue, actor).await?
        };
        // Summaries and name-feature counts are derived, not exported: made again from the rows.
        crate::summary::rebuild(&mut tx).await?;
        // Exports of ledgers made before decisions lack the organisations as written.
        crate::orgs::backfill_written(&mut tx).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// The columns of `table` and their types, in the table's order, from the database's catalogue.
    async fn columns(&self, table: &str) -> Result<Columns, StoreError> {
        let ty = |t: &str| {
            let t = t.to_ascii_lowercase();
            if t.contains("int") {
                ColType::Int
            } else if t.contains("real") || t.contains("double") || t.contains("float") || t.contains("numeric") {
                ColType::Real
            } else {
                ColType::Text
            }
        };
        let cols: Columns = match self.backend {
            Backend::Sqlite => sqlx::query(&format!("PRAGMA table_info({table})"))
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| Ok((r.try_get::<String, _>("name")?, ty(&r.try_get::<String, _>("type")?))))
                .collect::<Result<_, StoreError>>()?,
            Backend::Postgres => sqlx::query(
                "SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns \
                 WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position",
            )
            .bind(table)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get::<String, _>("name")?, ty(&r.try_get::<String, _>("type")?))))
            .collect::<Result<_, StoreError>>()?,
        };
        if cols.is_empty()
            || !cols.iter().all(|(c, _)| c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
        {
            return Err(StoreError::Invalid(format!("table `{table}`: no usable columns in the catalogue")));
        }
        Ok(cols)
    }
}

fn decode(r: &AnyRow, cols: &Columns) -> Result<Vec<Value>, StoreError> {
    cols.iter()
        .enumerate()
        .map(|(i, (_, t))| {
            Ok(match t {
                ColType::Int => r.try_get::<Option<i64>, _>(i)?.map(Value::from).unwrap_or(Value::Null),
                ColType::Real => r
                    .try_get::<Option<f64>, _>(i)?
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .unwrap_or(Value::Null),
                ColType::Text => r.try_get::<Option<String>, _>(i)?.map(Value::String).unwrap_or(Value::Null),
            })
        })
        .collect()
}

/// Insert one row (`columns` already checked against the catalogue); returns the new row's id.
async fn insert(
    tx: &mut Transaction<'static, Any>,
    table: &str,
    cols: &Columns,
    columns: &[&str],
    values: &[Value],
) -> Result<i64, StoreError> {
    let placeholders = (1..=columns.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("INSERT INTO {table} ({}) VALUES ({placeholders}) RETURNING id", columns.join(", "));
    // Not cached: sqlx's Any driver binds a NULL f64 as float4 on PostgreSQL (see docs/ledger.md).
    let mut q = sqlx::query(&sql).persistent(false);
    for (c, v) in columns.iter().zip(values) {
        let t = cols.iter().find(|(n, _)| n == c).map(|(_, t)| *t).unwrap_or(ColType::Text);
        let bad = || StoreError::Invalid(format!("export table `{table}`, column `{c}`: unexpected value {v}"));
        q = match (t, v) {
            (ColType::Int, Value::Null) => q.bind(None::<i64>),
            (ColType::Int, Value::Number(n)) => q.bind(n.as_i64().ok_or_else(bad)?),
            (ColType::Int, Value::Bool(b)) => q.bind(i64::from(*b)),
            (ColType::Real, Value::Null) => q.bind(None::<f64>),
            (ColType::Real, Value::Number(n)) => q.bind(n.as_f64().ok_or_else(bad)?),
            (ColType::Text, Value::Null) => q.bind(None::<String>),
            (ColType::Text, Value::String(s)) => {
                if s.contains('\0') {
                    return Err(bad());
                }
                q.bind(nfc(s))
            }
            _ => return Err(bad()),
        };
    }
    Ok(q.fetch_one(&mut **tx).await?.try_get::<i64, _>("id")?)
}

async fn restore(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    dump: &LedgerDump,
    catalogue: &HashMap<&str, Columns>,
) -> Result<LoadOutcome, StoreError> {
    let mut out = LoadOutcome { restored: true, ..LoadOutcome::default() };
    for &name in TABLES {
        let Some(t) = dump.table(name) else { continue };
        let cols = &catalogue[name];
        let columns: Vec<&str> = t.columns.iter().map(String::as_str).collect();
        // A row may name a later row of its own table (a correction superseding an entry, a parent
        // organisation added after its child): set it once both exist.
        let late = self_ref(name).and_then(|c| t.col(c));
        for r in &t.rows {
            let mut r = r.clone();
            if let Some(i) = late {
                r[i] = Value::Null;
            }
            insert(tx, name, cols, &columns, &r).await?;
        }
        if let (Some(i), Some(id_c)) = (late, t.col("id")) {
            for r in t.rows.iter().filter(|r| !r[i].is_null()) {
                sqlx::query(&format!("UPDATE {name} SET {} = $1 WHERE id = $2", t.columns[i]))
                    .bind(r[i].as_i64())
                    .bind(r[id_c].as_i64())
                    .execute(&mut **tx)
                    .await?;
            }
        }
        if backend == Backend::Postgres && !t.rows.is_empty() {
            // Rows came with their ids: move the id sequence past them.
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT MAX(id) FROM {name}))"
            ))
            .execute(&mut **tx)
            .await?;
        }
        out.added.insert(name.to_string(), t.rows.len());
    }
    Ok(out)
}

/// One row of a dump table, read by column name.
struct RowRef<'a> {
    t: &'a DumpTable,
    r: &'a [Value],
}

impl RowRef<'_> {
    fn int(&self, c: &str) -> Option<i64> {
        self.t.col(c).and_then(|i| self.r[i].as_i64())
    }
    fn text(&self, c: &str) -> Option<&str> {
        self.t.col(c).and_then(|i| self.r[i].as_str())
    }
}

/// Old id → new id, per table.
#[derive(Default)]
struct Ids(HashMap<&'static str, HashMap<i64, i64>>);

impl Ids {
    fn get(&self, table: &str, id: Option<i64>) -> Option<i64> {
        self.0.get(table).and_then(|m| m.get(&id?)).copied()
    }
    fn set(&mut self, table: &'static str, old: i64, new: i64) {
        self.0.entry(table).or_default().insert(old, new);
    }
}

/// Which table each foreign-key column points into (`evidence.item_id` is named by its `item_table`).
fn parent_of(table: &str, column: &str) -> Option<&'static str> {
    Some(match (table, column) {
        ("organisations", "parent_id") | ("documents", "org_id") => "organisations",
        (_, "document_id" | "from_document_id" | "to_document_id") => "documents",
        (_, "version_id") => "document_versions",
        ("progress_updates" | "links", "item_id" | "from_item_id" | "to_item_id") => "items",
        ("progress_updates", "superseded_by") => "progress_updates",
        _ => return None,
    })
}

/// Replace document name `from` by `to` in every `"doc"` field of a JSON text (evidence spans).
fn rename_docs(json: &str, renames: &HashMap<String, String>) -> String {
    fn walk(v: &mut Value, renames: &HashMap<String, String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    match x {
                        Value::String(s) if k == "doc" => {
                            if let Some(n) = renames.get(s.as_str()) {
                                *s = n.clone();
                            }
                        }
                        _ => walk(x, renames),
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, renames)),
            _ => {}
        }
    }
    if renames.is_empty() {
        return json.to_string();
    }
    match serde_json::from_str::<Value>(json) {
        Ok(mut v) => {
            walk(&mut v, renames);
            v.to_string()
        }
        Err(_) => json.to_string(),
    }
}

async fn merge(
    tx: &mut Transaction<'static, Any>,
    dump: &LedgerDump,
    catalogue: &HashMap<&str, Columns>,
    actor: &str,
) -> Result<LoadOutcome, StoreError> {
    let mut out = LoadOutcome::default();
    let mut ids = Ids::default();
    let mut renames: HashMap<String, String> = HashMap::new();
    // Versions of known documents that the ledger lacks: their rows are left out.
    let mut skipped_versions: HashSet<i64> = HashSet::new();
    let mut known_docs: HashSet<i64> = HashSet::new();
    let empty = DumpTable { name: String::new(), columns: vec![], rows: vec![] };
    let versions = dump.table("document_versions").unwrap_or(&empty);
    for &name in TABLES {
        let Some(t) = dump.table(name) else { continue };
        let cols = &catalogue[name];
        let columns: Vec<&str> = t.columns.iter().filter(|c| *c != "id").map(String::as_str).collect();
        let mut added = 0usize;
        // What the ledger already has, for the tables whose rows have a natural identity.
        let existing: HashSet<String> = match name {
            "audit_log" => sqlx::query("SELECT at, actor, action, entity, entity_id, detail FROM audit_log")
                .fetch_all(&mut **tx)
                .await?
                .iter()
                .map(|r| {
                    let f = |c: &str| r.try_get::<String, _>(c).unwrap_or_default();
                    [f("at"), f("actor"), f("action"), f("entity"), f("entity_id"), f("detail")].join("\u{1f}")
                })
                .collect(),
            "progress_updates" => sqlx::query("SELECT item_id, on_date, done, value, value_text FROM progress_updates")
                .fetch_all(&mut **tx)
                .await?
                .iter()
                .map(|r| {
                    progress_key(
                        r.try_get::<Option<i64>, _>("item_id").ok().flatten(),
                        r.try_get::<String, _>("on_date").ok().as_deref(),
                        r.try_get::<i64, _>("done").ok(),
                        r.try_get::<Option<f64>, _>("value").ok().flatten(),
                    )
                })
                .collect(),
            _ => HashSet::new(),
        };
        let mut late_supersede: Vec<(i64, i64)> = Vec::new();
        for r in &t.rows {
            let row = RowRef { t, r };
            let Some(old_id) = row.int("id") else {
                return Err(StoreError::Invalid(format!("export table `{name}`: a row without an id")));
            };
            // A finding on a renamed document is the finding the checks will produce on its new name.
            let fingerprint = (name == "findings").then(|| finding_fingerprint(&row, &renames)).flatten();
            // Rows with a natural identity that the ledger may already hold.
            let found: Option<i64> = match name {
                "users" => one_id(tx, "SELECT id FROM users WHERE name = $1", row.text("name")).await?,
                "organisations" => {
                    // One administrative unit is one organisation however it is spelled.
                    match one_id(tx, "SELECT id FROM organisations WHERE unit_code = $1", row.text("unit_code")).await?
                    {
                        Some(id) => Some(id),
                        None => {
                            one_id(tx, "SELECT id FROM organisations WHERE name_folded = $1", row.text("name_folded"))
                                .await?
                        }
                    }
                }
                // The ledger's own decision on a name stands.
                "org_decisions" => {
                    one_id(tx, "SELECT id FROM org_decisions WHERE name_folded = $1", row.text("name_folded")).await?
                }
                "documents" => {
                    let found = same_document(tx, &row, versions).await?;
                    if found.is_some() {
                        known_docs.insert(old_id);
                        out.known_documents.push(row.text("file_name").unwrap_or("").to_string());
                    }
                    found
                }
                "document_versions" if known_docs.contains(&row.int("document_id").unwrap_or(0)) => {
                    let doc = ids.get("documents", row.int("document_id"));
                    let v = one_id_2(
                        tx,
                        "SELECT id FROM document_versions WHERE document_id = $1 AND (sha256 = $2 OR text_sha256 = $3)",
                        doc,
                        row.text("sha256"),
                        row.text("text_sha256"),
                    )
                    .await?;
                    if v.is_none() {
                        skipped_versions.insert(old_id);
                        out.skipped_versions += 1;
                        continue;
                    }
                    v
                }
                "items" if known_docs.contains(&row.int("document_id").unwrap_or(0)) => {
                    let doc = ids.get("documents", row.int("document_id"));
                    let found = sqlx::query(
                        "SELECT id FROM items WHERE document_id = $1 AND kind = $2 AND name_folded = $3 ORDER BY id",
                    )
                    .bind(doc)
                    .bind(row.text("kind"))
                    .bind(row.text("name_folded"))
                    .fetch_optional(&mut **tx)
                    .await?;
                    match found {
                        Some(f) => Some(f.try_get::<i64, _>("id")?),
                        None => None,
                    }
                }
                "document_sources" if known_docs.contains(&row.int("document_id").unwrap_or(0)) => {
                    let doc = ids.get("documents", row.int("document_id"));
                    let f = one_id_2(
                        tx,
                        "SELECT id FROM document_sources WHERE document_id = $1 AND (sha256 = $2 OR sha256 = $3)",
                        doc,
                        row.text("sha256"),
                        None,
                    )
                    .await?;
                    if f.is_none() && ids.get("document_versions", version_of_source(&row, versions, &ids)).is_none() {
                        continue;
                    }
                    f
                }
                "findings" => {
                    let fp = fingerprint.as_deref().or(row.text("fingerprint"));
                    one_id(tx, "SELECT id FROM findings WHERE fingerprint = $1", fp).await?
                }
                _ => None,
            };
            if let Some(id) = found {
                ids.set(name, old_id, id);
                continue;
            }
            // A row hanging on a version left out, or on a row of a known document the ledger does not have.
            if row.int("version_id").is_some_and(|v| skipped_versions.contains(&v))
                || (row.int("version_id").is_some() && ids.get("document_versions", row.int("version_id")).is_none())
            {
                continue;
            }
            if matches!(
                name,
                "targets" | "tasks" | "citations" | "facts" | "declared_counts" | "evidence" | "version_changes"
            ) && row.int("version_id").is_some_and(|v| {
                versions.rows.iter().any(|vr| {
                    let vr = RowRef { t: versions, r: vr };
                    vr.int("id") == Some(v) && known_docs.contains(&vr.int("document_id").unwrap_or(0))
                })
            }) {
                // The ledger already holds this version's items and evidence.
                continue;
            }
            let mut values: Vec<Value> = Vec::with_capacity(columns.len());
            let mut dropped = false;
            for c in &columns {
                let i = t.col(c).unwrap_or(0);
                let v = &r[i];
                let target = if name == "evidence" && *c == "item_id" {
                    match row.text("item_table") {
                        Some(tbl @ ("targets" | "tasks" | "citations" | "facts" | "declared_counts")) => {
                            TABLES.iter().find(|n| **n == tbl).copied()
                        }
                        _ => None,
                    }
                } else {
                    parent_of(name, c)
                };
                let v = match (target, v) {
                    (Some(p), Value::Number(n)) if Some(*c) == self_ref(name) && p == name => {
                        late_supersede.push((old_id, n.as_i64().unwrap_or(0)));
                        Value::Null
                    }
                    (Some(p), Value::Number(n)) => match ids.get(p, n.as_i64()) {
                        Some(new) => Value::from(new),
                        None if c.ends_with("item_id") && name != "evidence" => Value::Null,
                        None => {
                            dropped = true;
                            break;
                        }
                    },
                    (None, Value::String(s)) if *c == "file_name" && name == "documents" => {
                        let new = free_name(tx, s).await?;
                        if &new != s {
                            renames.insert(s.clone(), new.clone());
                            out.renamed.push((s.clone(), new.clone()));
                        }
                        Value::String(new)
                    }
                    (None, Value::String(_)) if *c == "fingerprint" && fingerprint.is_some() => {
                        Value::String(fingerprint.clone().unwrap_or_default())
                    }
                    (None, Value::String(s)) if *c == "doc" => {
                        Value::String(renames.get(s).cloned().unwrap_or_else(|| s.clone()))
                    }
                    (None, Value::String(s)) if c.ends_with("_json") => Value::String(rename_docs(s, &renames)),
                    _ => v.clone(),
                };
                values.push(v);
            }
            if dropped {
                continue;
            }
            if name == "links" {
                // The pair may already be linked in this ledger: keep its decision.
                let get = |c: &str| columns.iter().position(|x| x == &c).and_then(|i| values[i].as_i64());
                let get_s = |c: &str| columns.iter().position(|x| x == &c).and_then(|i| values[i].as_str());
                let dup = sqlx::query(
                    "SELECT id FROM links WHERE from_document_id = $1 AND from_kind = $2 AND from_key = $3 \
                     AND to_document_id = $4 AND to_kind = $5 AND to_key = $6",
                )
                .bind(get("from_document_id"))
                .bind(get_s("from_kind"))
                .bind(get_s("from_key"))
                .bind(get("to_document_id"))
                .bind(get_s("to_kind"))
                .bind(get_s("to_key"))
                .fetch_optional(&mut **tx)
                .await?;
                if let Some(d) = dup {
                    ids.set("links", old_id, d.try_get("id")?);
                    continue;
                }
            }
            if name == "progress_updates" {
                let get = |c: &str| columns.iter().position(|x| x == &c).map(|i| &values[i]);
                let key = progress_key(
                    get("item_id").and_then(Value::as_i64),
                    get("on_date").and_then(Value::as_str),
                    get("done").and_then(Value::as_i64),
                    get("value").and_then(Value::as_f64),
                );
                if existing.contains(&key) {
                    continue;
                }
            }
            if name == "audit_log" {
                let f = |c: &str| row.text(c).unwrap_or("").to_string();
                let key = [f("at"), f("actor"), f("action"), f("entity"), f("entity_id"), f("detail")].join("\u{1f}");
                if existing.contains(&key) {
                    continue;
                }
            }
            let new = insert(tx, name, cols, &columns, &values).await?;
            ids.set(name, old_id, new);
            added += 1;
        }
        for (old, sup) in late_supersede {
            let (Some(col), Some(a), Some(b)) = (self_ref(name), ids.get(name, Some(old)), ids.get(name, Some(sup)))
            else {
                continue;
            };
            {
                sqlx::query(&format!("UPDATE {name} SET {col} = $1 WHERE id = $2"))
                    .bind(b)
                    .bind(a)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        out.added.insert(name.to_string(), added);
    }
    let changed = out.added.iter().filter(|(t, _)| t.as_str() != "audit_log").any(|(_, n)| *n > 0);
    if changed {
        let detail = serde_json::json!({
            "exported_at": dump.exported_at,
            "org": dump.org,
            "added": out.added,
            "known_documents": out.known_documents,
            "renamed": out.renamed,
        });
        crate::ledger::audit(tx, actor, "import", "ledger", &dump.exported_at, &detail).await?;
    }
    Ok(out)
}

/// The fingerprint of a finding row once its documents' renames are applied; `None` when no rename
/// touches it (its own fingerprint stands).
fn finding_fingerprint(row: &RowRef<'_>, renames: &HashMap<String, String>) -> Option<String> {
    let evidence: Vec<theodoi_core::Evidence> = serde_json::from_str(row.text("evidence_json")?).ok()?;
    if !evidence.iter().any(|e| renames.contains_key(&e.doc)) {
        return None;
    }
    let evidence = evidence
        .into_iter()
        .map(|mut e| {
            if let Some(n) = renames.get(&e.doc) {
                e.doc = n.clone();
            }
            e
        })
        .collect();
    let f = theodoi_core::Finding {
        kind: row.text("kind")?.to_string(),
        severity: theodoi_core::Severity::Info,
        message_vi: String::new(),
        message_en: row.text("message_en")?.to_string(),
        evidence,
    };
    Some(crate::ledger::fingerprint(&f))
}

/// The column by which a table's rows name another row of the same table.
fn self_ref(table: &str) -> Option<&'static str> {
    match table {
        "organisations" => Some("parent_id"),
        "progress_updates" => Some("superseded_by"),
        _ => None,
    }
}

fn progress_key(item: Option<i64>, date: Option<&str>, done: Option<i64>, value: Option<f64>) -> String {
    format!("{item:?}|{date:?}|{done:?}|{:?}", value.map(f64::to_bits))
}

/// The version a source row belongs to (sources name their document and version number).
fn version_of_source(row: &RowRef<'_>, versions: &DumpTable, _ids: &Ids) -> Option<i64> {
    let (doc, v) = (row.int("document_id")?, row.int("version")?);
    versions.rows.iter().find_map(|r| {
        let r = RowRef { t: versions, r };
        (r.int("document_id") == Some(doc) && r.int("version") == Some(v)).then(|| r.int("id")).flatten()
    })
}

async fn one_id(tx: &mut Transaction<'static, Any>, sql: &str, key: Option<&str>) -> Result<Option<i64>, StoreError> {
    let Some(key) = key else { return Ok(None) };
    Ok(match sqlx::query(sql).bind(key).fetch_optional(&mut **tx).await? {
        Some(r) => Some(r.try_get::<i64, _>("id")?),
        None => None,
    })
}

async fn one_id_2(
    tx: &mut Transaction<'static, Any>,
    sql: &str,
    a: Option<i64>,
    b: Option<&str>,
    c: Option<&str>,
) -> Result<Option<i64>, StoreError> {
    let Some(a) = a else { return Ok(None) };
    Ok(match sqlx::query(sql).bind(a).bind(b).bind(c).fetch_optional(&mut **tx).await? {
        Some(r) => Some(r.try_get::<i64, _>("id")?),
        None => None,
    })
}

/// The ledger's document that is this one: same organisation key and a version of the same bytes or
/// the same normalised text (`docs/ledger.md`, document identity).
async fn same_document(
    tx: &mut Transaction<'static, Any>,
    doc: &RowRef<'_>,
    versions: &DumpTable,
) -> Result<Option<i64>, StoreError> {
    let Some(id) = doc.int("id") else { return Ok(None) };
    let org_key = doc.text("org_key").map(str::to_string);
    for r in &versions.rows {
        let v = RowRef { t: versions, r };
        if v.int("document_id") != Some(id) {
            continue;
        }
        let found = sqlx::query(
            "SELECT d.id, d.org_key FROM documents d JOIN document_versions v ON v.document_id = d.id \
             WHERE v.sha256 = $1 OR v.text_sha256 = $2 ORDER BY d.id",
        )
        .bind(v.text("sha256").unwrap_or(""))
        .bind(v.text("text_sha256"))
        .fetch_all(&mut **tx)
        .await?;
        for f in found {
            let theirs: Option<String> = f.try_get("org_key")?;
            if theirs == org_key || theirs.as_deref().map(fold) == org_key.as_deref().map(fold) {
                return Ok(Some(f.try_get("id")?));
            }
        }
    }
    Ok(None)
}

/// `name`, or `name#2`, `#3` … when the ledger already has a document of that name.
async fn free_name(tx: &mut Transaction<'static, Any>, name: &str) -> Result<String, StoreError> {
    let mut candidate = name.to_string();
    for n in 2.. {
        let taken = sqlx::query("SELECT id FROM documents WHERE file_name = $1")
            .bind(&candidate)
            .fetch_optional(&mut **tx)
            .await?;
        if taken.is_none() {
            return Ok(candidate);
        }
        candidate = format!("{name}#{n}");
    }
    Ok(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_follow_evidence() {
        let mut r = HashMap::new();
        r.insert("a.txt".to_string(), "a.txt#2".to_string());
        let j = r#"{"doc":"a.txt","targets":[{"evidence":[{"doc":"a.txt","span":[1,2]},{"doc":"b.txt"}]}]}"#;
        let out: Value = serde_json::from_str(&rename_docs(j, &r)).unwrap();
        assert_eq!(out["doc"], "a.txt#2");
        assert_eq!(out["targets"][0]["evidence"][0]["doc"], "a.txt#2");
        assert_eq!(out["targets"][0]["evidence"][1]["doc"], "b.txt");
    }
}
