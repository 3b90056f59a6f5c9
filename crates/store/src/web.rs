//! What the web app keeps beside the ledger: users who log in, and each version's text.
//!
//! The text is what the document viewer shows and what the search index reads; it is stored once
//! per (document, version), NFC, line for line as ingest numbered it, with the pre-restoration
//! OCR text of each restored line.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::ledger::audit;
use crate::{get_i64, get_opt_str, get_str, nfc, now, Store, StoreError};

/// What a user may do (vai trò).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Quản trị: everything, users too.
    Admin,
    /// Giám sát thành phố: reads every ward of its city, changes nothing.
    City,
    /// Biên tập phường: reads and changes its own ward only.
    Editor,
    /// Xem phường: reads its own ward only.
    Viewer,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::City => "city",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    /// From the stored or typed name.
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "admin" => Some(Role::Admin),
            "city" => Some(Role::City),
            "editor" => Some(Role::Editor),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// A person who logs in to the web app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Login name.
    pub name: String,
    /// What the user may do.
    pub role: Role,
    /// The organisation (ward or city) the user belongs to; `None` for an admin.
    pub org: Option<String>,
    /// Argon2 PHC string; `None` for people recorded only as actors of the CLI (they cannot log in).
    #[serde(skip_serializing)]
    pub password_hash: Option<String>,
}

/// One line of a stored text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextLine {
    /// Line number, from 1.
    pub no: u32,
    /// The (restored) text, NFC.
    pub text: String,
    /// What OCR read before restoration, where the line was restored and differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The restorer's confidence in the line (0–1), where the document was restored from damaged
    /// OCR ([`theodoi_core::Line::confidence`]; kept in the text's JSON, so older rows read `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

impl TextLine {
    /// Whether the restorer was unsure of this line ([`theodoi_core::LOW_CONFIDENCE`]).
    pub fn is_doubtful(&self) -> bool {
        theodoi_core::is_doubtful(self.confidence)
    }
}

/// The text of one document's version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionText {
    /// The document's name in the ledger.
    pub doc: String,
    /// The version.
    pub version: u32,
    /// Its lines.
    pub lines: Vec<TextLine>,
}

/// The lines of a read document as the ledger keeps them (the OCR original only where it differs).
pub fn text_lines(doc: &theodoi_core::Document) -> Vec<TextLine> {
    doc.lines
        .iter()
        .map(|l| TextLine {
            no: l.no,
            text: l.text.clone(),
            original: l.original.clone().filter(|o| *o != l.text),
            confidence: l.confidence,
        })
        .collect()
}

fn user_of(r: &sqlx::any::AnyRow) -> Result<User, StoreError> {
    let role = get_str(r, "role")?;
    Ok(User {
        id: get_i64(r, "id")?,
        name: get_str(r, "name")?,
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        org: get_opt_str(r, "org")?,
        password_hash: get_opt_str(r, "password_hash")?,
    })
}

impl Store {
    /// Create a web user (or give a login to a name the CLI recorded as an actor). A name that can
    /// already log in is refused: passwords are not overwritten by mistake.
    pub async fn add_user(
        &self,
        name: &str,
        role: Role,
        org: Option<&str>,
        password_hash: &str,
        actor: &str,
    ) -> Result<User, StoreError> {
        let name = nfc(name.trim());
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(StoreError::Invalid("user name: expected 1–100 printable characters".into()));
        }
        let org = org.map(|o| nfc(o.trim())).filter(|o| !o.is_empty());
        if role != Role::Admin && org.is_none() {
            return Err(StoreError::Invalid(format!("role {}: expected --org (the ward or city)", role.as_str())));
        }
        let mut tx = self.pool.begin().await?;
        let existing =
            sqlx::query("SELECT password_hash FROM users WHERE name = $1").bind(&name).fetch_optional(&mut *tx).await?;
        match existing {
            Some(r) if get_opt_str(&r, "password_hash")?.is_some() => {
                return Err(StoreError::Invalid(format!("user `{name}` already exists")));
            }
            Some(_) => {
                sqlx::query("UPDATE users SET role = $1, org = $2, password_hash = $3 WHERE name = $4")
                    .bind(role.as_str())
                    .bind(&org)
                    .bind(password_hash)
                    .bind(&name)
                    .execute(&mut *tx)
                    .await?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO users (name, role, created_at, password_hash, org) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&name)
                .bind(role.as_str())
                .bind(now())
                .bind(password_hash)
                .bind(&org)
                .execute(&mut *tx)
                .await?;
            }
        }
        let detail = serde_json::json!({"role": role.as_str(), "org": org});
        audit(&mut tx, actor, "user_added", "user", &name, &detail).await?;
        tx.commit().await?;
        self.user(&name).await?.ok_or_else(|| StoreError::NotFound(name))
    }

    /// One user by name.
    pub async fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT id, name, role, org, password_hash FROM users WHERE name = $1")
            .bind(nfc(name.trim()))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_of).transpose()
    }

    /// Every user who can log in, by name.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, role, org, password_hash FROM users WHERE password_hash IS NOT NULL ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?;
        // Sorted here: the two databases collate differently.
        let mut users: Vec<User> = rows.iter().map(user_of).collect::<Result<_, _>>()?;
        users.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(users)
    }

    /// Record something a person did outside the ledger's own calls (a login refused, a session
    /// ended) in the audit log.
    pub async fn audit_event(
        &self,
        actor: &str,
        action: &str,
        entity: &str,
        entity_id: &str,
        detail: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        audit(&mut tx, actor, action, entity, entity_id, detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Keep the text of `doc`'s version `version` (once: a second call for the same version is a
    /// no-op). Returns whether it was stored now.
    pub async fn save_text(&self, doc: &str, version: u32, lines: &[TextLine]) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT id FROM documents WHERE file_name = $1")
            .bind(doc)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("no document `{doc}` in the ledger")))?;
        let mut tx = self.begin_write().await?;
        let stored = crate::import::insert_text(&mut tx, get_i64(&row, "id")?, i64::from(version), lines).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// The ledger's clock: a number that grows with every committed change of what it holds (each
    /// writing transaction bumps the row `ledger_lock` first, which also serialises writers on
    /// PostgreSQL). Read it *before* reading what depends on it, and a view computed from those
    /// reads may be kept until the clock moves — on one server or several over one database.
    pub async fn clock(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT n FROM ledger_lock WHERE id = 1").fetch_one(&self.pool).await?;
        get_i64(&row, "n")
    }

    /// A writing transaction with the writer lock taken first: the row `ledger_lock` bumped, which
    /// moves the [`Store::clock`], serialises writers on PostgreSQL, and spares SQLite a
    /// read-then-write transaction failing under concurrency.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE ledger_lock SET n = n + 1 WHERE id = 1").execute(&mut *tx).await?;
        Ok(tx)
    }

    /// The text of `doc`'s current version, if it was kept.
    pub async fn text(&self, doc: &str) -> Result<Option<VersionText>, StoreError> {
        let row = sqlx::query(
            "SELECT d.file_name, t.version, t.lines_json FROM documents d \
             JOIN document_texts t ON t.document_id = d.id AND t.version = d.current_version WHERE d.file_name = $1",
        )
        .bind(doc)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(version_text).transpose()
    }

    /// The kept text of every document's current version, by document name.
    pub async fn texts(&self) -> Result<Vec<VersionText>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.file_name, t.version, t.lines_json FROM documents d \
             JOIN document_texts t ON t.document_id = d.id AND t.version = d.current_version ORDER BY d.file_name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(version_text).collect()
    }

    /// (document, current version) of every document: what a search index must hold to be in step.
    pub async fn current_versions(&self) -> Result<Vec<(String, u32)>, StoreError> {
        let rows = sqlx::query("SELECT file_name, current_version FROM documents ORDER BY file_name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((get_str(r, "file_name")?, u32::try_from(get_i64(r, "current_version")?).unwrap_or(0))))
            .collect()
    }

    /// The organisation (and its parent) of every document, folded, by document name: what the web
    /// app checks a user's organisation against.
    pub async fn document_orgs(&self) -> Result<Vec<(String, Option<String>, Option<String>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.file_name, o.name AS org, p.name AS parent FROM documents d \
             LEFT JOIN organisations o ON o.id = d.org_id LEFT JOIN organisations p ON p.id = o.parent_id \
             ORDER BY d.file_name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((get_str(r, "file_name")?, get_opt_str(r, "org")?, get_opt_str(r, "parent")?))).collect()
    }
}

/// A document's organisation and its parent, as names and as codes on the official list of units:
/// what the web app checks a user's organisation against, without reading the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentOrg {
    /// The document's name in the ledger.
    pub doc: String,
    /// Its organisation's name.
    pub org: Option<String>,
    /// Its organisation's code on the official list ("11443").
    pub org_unit: Option<String>,
    /// The parent organisation's name.
    pub parent: Option<String>,
    /// The parent's code on the official list ("31").
    pub parent_unit: Option<String>,
}

impl Store {
    /// [`DocumentOrg`] of every document, by document name.
    pub async fn document_units(&self) -> Result<Vec<DocumentOrg>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.file_name, o.name AS org, o.unit_code AS org_unit, p.name AS parent, p.unit_code AS parent_unit \
             FROM documents d LEFT JOIN organisations o ON o.id = d.org_id LEFT JOIN organisations p ON p.id = o.parent_id \
             ORDER BY d.file_name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DocumentOrg {
                    doc: get_str(r, "file_name")?,
                    org: get_opt_str(r, "org")?,
                    org_unit: get_opt_str(r, "org_unit")?,
                    parent: get_opt_str(r, "parent")?,
                    parent_unit: get_opt_str(r, "parent_unit")?,
                })
            })
            .collect()
    }

    /// The current version of the documents named `files` only (each read and parsed once), by name;
    /// names not in the ledger are left out.
    pub async fn documents_named(&self, files: &[String]) -> Result<Vec<theodoi_core::LedgerDocument>, StoreError> {
        let mut out = Vec::with_capacity(files.len());
        self.each_row_of_documents(
            &[],
            files,
            |n| crate::ledger::current_documents_sql("file_name", n),
            |row| {
                out.push(crate::ledger::ledger_document(row)?);
                Ok(())
            },
        )
        .await?;
        out.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(out)
    }
}

/// A logged-in web session as kept in the ledger (the token itself is not kept, only its SHA-256).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// Whose session, as the ledger holds the user now (a changed role counts at once).
    pub user: User,
    /// The CSRF token its changes carry.
    pub csrf: String,
    /// Until when it holds (RFC 3339 UTC).
    pub expires_at: String,
}

fn token_key(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

impl Store {
    /// Keep a web session (token, user, CSRF token, end as RFC 3339 UTC), dropping those that ended.
    pub async fn save_session(&self, token: &str, user: &str, csrf: &str, expires_at: &str) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM web_sessions WHERE expires_at <= $1").bind(now()).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO web_sessions (token_sha256, user_name, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_key(token))
        .bind(nfc(user))
        .bind(csrf)
        .bind(now())
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The live session with this token, if any (one that ended or whose user can no longer log in is none).
    pub async fn session(&self, token: &str) -> Result<Option<StoredSession>, StoreError> {
        let row = sqlx::query(
            "SELECT user_name, csrf, expires_at FROM web_sessions WHERE token_sha256 = $1 AND expires_at > $2",
        )
        .bind(token_key(token))
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let Some(user) = self.user(&get_str(&r, "user_name")?).await?.filter(|u| u.password_hash.is_some()) else {
            return Ok(None);
        };
        Ok(Some(StoredSession { user, csrf: get_str(&r, "csrf")?, expires_at: get_str(&r, "expires_at")? }))
    }

    /// End a session.
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM web_sessions WHERE token_sha256 = $1")
            .bind(token_key(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// One progress entry of an item as recorded, with whether a correction replaced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressEntry {
    /// Row id.
    pub id: i64,
    /// The date it holds at (ISO).
    pub date: String,
    /// The value, if one was recorded.
    pub value: Option<f64>,
    /// The value as the person typed it ("13,7").
    pub value_text: Option<String>,
    /// Marked done.
    pub done: bool,
    /// Note.
    pub note: Option<String>,
    /// Who recorded it.
    pub user: Option<String>,
    /// The entry that corrected it, if any.
    pub superseded_by: Option<i64>,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
}

impl Store {
    /// Every progress entry of the item with stable id `code` (`CT12`), oldest first, superseded
    /// ones included and marked.
    pub async fn progress_entries(&self, code: &str) -> Result<Vec<ProgressEntry>, StoreError> {
        let (_, id) = crate::items::parse_item_code(code)
            .ok_or_else(|| StoreError::Invalid(format!("`{code}`: expected an item id such as CT12")))?;
        let rows = sqlx::query(
            "SELECT id, on_date, value, value_text, done, note, user_name, superseded_by, created_at \
             FROM progress_updates WHERE item_id = $1 ORDER BY on_date, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ProgressEntry {
                    id: get_i64(r, "id")?,
                    date: get_str(r, "on_date")?,
                    value: r.try_get::<Option<f64>, _>("value")?,
                    value_text: get_opt_str(r, "value_text")?,
                    done: get_i64(r, "done")? != 0,
                    note: get_opt_str(r, "note")?,
                    user: get_opt_str(r, "user_name")?,
                    superseded_by: r.try_get::<Option<i64>, _>("superseded_by")?,
                    recorded_at: get_str(r, "created_at")?,
                })
            })
            .collect()
    }
}

fn version_text(r: &sqlx::any::AnyRow) -> Result<VersionText, StoreError> {
    Ok(VersionText {
        doc: get_str(r, "file_name")?,
        version: u32::try_from(r.try_get::<i64, _>("version")?).unwrap_or(0),
        lines: serde_json::from_str(&get_str(r, "lines_json")?)?,
    })
}
