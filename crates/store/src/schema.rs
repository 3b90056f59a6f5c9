//! Migrations, run on every open.
//!
//! Hand-rolled rather than `sqlx::migrate!`: the dialect is only known at run time (the `Any`
//! driver), and the macro would embed one directory per pool type and add a proc-macro build.

use crate::{Backend, Store, StoreError};

const SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_ledger.sql")),
    (2, include_str!("../migrations/sqlite/0002_restored.sql")),
    (3, include_str!("../migrations/sqlite/0003_identity.sql")),
];
const POSTGRES: &[(i64, &str)] = &[
    (1, include_str!("../migrations/postgres/0001_ledger.sql")),
    (2, include_str!("../migrations/postgres/0002_restored.sql")),
    (3, include_str!("../migrations/postgres/0003_identity.sql")),
];

pub(crate) async fn migrate(store: &Store) -> Result<(), StoreError> {
    let list = match store.backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
    )
    .execute(&store.pool)
    .await?;
    for (version, sql) in list {
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
        tx.commit().await?;
    }
    Ok(())
}
