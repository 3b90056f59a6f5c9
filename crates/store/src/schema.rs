//! Migrations, run on every open.
//!
//! Hand-rolled rather than `sqlx::migrate!`: the dialect is only known at run time (the `Any`
//! driver), and the macro would embed one directory per pool type and add a proc-macro build.

use crate::{Backend, Store, StoreError};

const SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_ledger.sql")),
    (2, include_str!("../migrations/sqlite/0002_restored.sql")),
    (3, include_str!("../migrations/sqlite/0003_identity.sql")),
    (4, include_str!("../migrations/sqlite/0004_supersede.sql")),
    (5, include_str!("../migrations/sqlite/0005_units.sql")),
    (6, include_str!("../migrations/sqlite/0006_web.sql")),
    (7, include_str!("../migrations/sqlite/0007_sessions.sql")),
    (8, include_str!("../migrations/sqlite/0008_summaries.sql")),
    (9, include_str!("../migrations/sqlite/0009_org_decisions.sql")),
    (10, include_str!("../migrations/sqlite/0010_task_product.sql")),
    (11, include_str!("../migrations/sqlite/0011_scale.sql")),
    (12, include_str!("../migrations/sqlite/0012_scale.sql")),
];
const POSTGRES: &[(i64, &str)] = &[
    (1, include_str!("../migrations/postgres/0001_ledger.sql")),
    (2, include_str!("../migrations/postgres/0002_restored.sql")),
    (3, include_str!("../migrations/postgres/0003_identity.sql")),
    (4, include_str!("../migrations/postgres/0004_supersede.sql")),
    (5, include_str!("../migrations/postgres/0005_units.sql")),
    (6, include_str!("../migrations/postgres/0006_web.sql")),
    (7, include_str!("../migrations/postgres/0007_sessions.sql")),
    (8, include_str!("../migrations/postgres/0008_summaries.sql")),
    (9, include_str!("../migrations/postgres/0009_org_decisions.sql")),
    (10, include_str!("../migrations/postgres/0010_task_product.sql")),
    (11, include_str!("../migrations/postgres/0011_scale.sql")),
    (12, include_str!("../migrations/postgres/0012_scale.sql")),
];

pub(crate) async fn migrate(store: &Store) -> Result<(), StoreError> {
    let list = match store.backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    // An up-to-date ledger is only read here, so a read-only ledger file still opens.
    let applied: Vec<i64> = match sqlx::query("SELECT version FROM schema_migrations").fetch_all(&store.pool).await {
        Ok(rows) => rows.iter().filter_map(|r| sqlx::Row::try_get::<i64, _>(r, "version").ok()).collect(),
        Err(_) => {
            sqlx::raw_sql(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
            )
            .execute(&store.pool)
            .await?;
            Vec::new()
        }
    };
    for (version, sql) in list.iter().filter(|(v, _)| !applied.contains(v)) {
        let mut tx = store.pool.begin().await?;
        // Claim the version first: a concurrent opener blocks here, then sees it taken.
        let claimed = sqlx::query(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING",
        )
        .bind(*version)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            tx.rollback().await?;
            continue;
        }
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        if *version == 3 {
            crate::ledger::backfill_identity(&mut tx).await?;
        }
        if *version == 5 {
            crate::orgs::backfill_units(&mut tx).await?;
        }
        if *version == 8 {
            crate::summary::rebuild(&mut tx).await?;
        }
        if *version == 9 {
            crate::orgs::backfill_written(&mut tx).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
