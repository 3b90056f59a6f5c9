//! `theodoi serve`: the web app over the ledger.

use super::ledger::{open, DbArgs};
use crate::msg::tr;

/// Flags of `theodoi serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, default_value = "127.0.0.1:8080", help = tr("Địa chỉ lắng nghe.", "Address to listen on."))]
    pub addr: String,
    #[arg(long, help = tr(
        "Gửi cookie không có cờ Secure (chỉ khi truy cập qua http từ máy khác trong mạng nội bộ).",
        "Send cookies without the Secure flag (only for plain-http access from another machine of the LAN)."
    ))]
    pub insecure_cookies: bool,
    #[arg(long, help = tr(
        "Tính tình trạng đến ngày này thay cho hôm nay (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "Compute statuses as of this date instead of today (dd/mm/yyyy or yyyy-mm-dd)."
    ))]
    pub today: Option<String>,
}

/// Run the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let today = args.today.as_deref().map(|d| super::ledger::date(d)).transpose()?;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(async move {
        let store = open(&args.db).await?;
        let cache = dirs::cache_dir().unwrap_or_else(std::env::temp_dir);
        let dir = theodoi_search::default_dir(&args.db.location()?.0, &cache);
        let index = theodoi_search::SearchIndex::open(&dir)?;
        if let Some((name, password)) = theodoi_web::ensure_admin(&store).await.map_err(|e| anyhow::anyhow!("{e}"))? {
            println!(
                "{}",
                crate::msg!(
                    vi: "Đã tạo người dùng quản trị đầu tiên: tên `{name}`, mật khẩu `{password}` (chỉ in một lần; hãy ghi lại).",
                    en: "Created the first admin user: name `{name}`, password `{password}` (printed once; write it down)."
                )
            );
        }
        let options = theodoi_web::Options { insecure_cookies: args.insecure_cookies, today, max_upload: None };
        let state = theodoi_web::state(store, index, options);
        let (addr, server) = theodoi_web::start(state, &args.addr).await?;
        println!("{}", crate::msg!(vi: "theodoi đang chạy tại http://{addr}/ (Ctrl+C để dừng)", en: "theodoi is serving at http://{addr}/ (Ctrl+C to stop)"));
        tokio::select! {
            r = server => { r??; }
            _ = tokio::signal::ctrl_c() => {}
        }
        anyhow::Ok(())
    })?;
    Ok(())
}
