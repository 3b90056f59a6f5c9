//! `theodoi user add NAME --role … [--org …] --password-stdin`: people who log in to the web app.

use std::io::{BufRead, Write};

use super::ledger::{block_on, open, DbArgs};
use crate::msg::tr;

/// Flags of `theodoi user`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    #[command(about = tr("Thêm người dùng đăng nhập ứng dụng web.", "Add a user who logs in to the web app."))]
    Add {
        #[arg(help = tr("Tên đăng nhập.", "Login name."))]
        name: String,
        #[arg(long, value_parser = ["admin", "city", "editor", "viewer"], help = tr(
            "Vai trò: admin (quản trị), city (giám sát mọi phường của thành phố), editor (sửa phường mình), viewer (xem phường mình).",
            "Role: admin, city (reads every ward of its city), editor (changes its own ward), viewer (reads its own ward)."
        ))]
        role: String,
        #[arg(long, help = tr("Phường hoặc thành phố của người dùng (bắt buộc trừ admin).", "The user's ward or city (required except for admin)."))]
        org: Option<String>,
        #[arg(long, required = true, help = tr("Đọc mật khẩu từ dòng đầu của stdin.", "Read the password from the first line of stdin."))]
        password_stdin: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    #[command(about = tr("Liệt kê người dùng đăng nhập được.", "List the users who can log in."))]
    List {
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.action {
        Action::Add { name, role, org, db, .. } => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            let password = line.trim_end_matches(['\n', '\r']).to_string();
            if password.chars().count() < 8 {
                anyhow::bail!(
                    crate::msg!(vi: "mật khẩu cần ít nhất 8 ký tự", en: "the password needs at least 8 characters")
                );
            }
            let role = theodoi_store::Role::parse(&role).ok_or_else(|| anyhow::anyhow!("role {role}"))?;
            let hash = theodoi_web::auth::hash_password(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            block_on(async move {
                let store = open(&db).await?;
                let r = store.add_user(&name, role, org.as_deref(), &hash, "cli").await;
                store.close().await;
                let u = r?;
                let (n, r) = (&u.name, u.role.as_str());
                let o = u.org.as_deref().unwrap_or("—");
                println!(
                    "{}",
                    crate::msg!(vi: "đã thêm người dùng {n} (vai trò {r}, đơn vị {o})", en: "added user {n} (role {r}, unit {o})")
                );
                anyhow::Ok(())
            })?
        }
        Action::List { db } => block_on(async move {
            let store = super::ledger::open_existing(&db).await?;
            let users = store.users().await;
            store.close().await;
            let mut out = std::io::stdout().lock();
            for u in users? {
                writeln!(out, "{}\t{}\t{}", u.name, u.role.as_str(), u.org.as_deref().unwrap_or("—"))?;
            }
            anyhow::Ok(())
        })?,
    }
}
