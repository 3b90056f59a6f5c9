//! Print the eval form of a text file (development aid; the CLI is `theodoi extract`).
fn main() {
    for p in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&p) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{p}: {e}");
                std::process::exit(1);
            }
        };
        let id = std::path::Path::new(&p).file_name().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let doc = theodoi_extract::document_from_text(&id, &text);
        let ex = theodoi_extract::extract(&doc);
        println!("{}", theodoi_extract::to_eval(&ex));
    }
}
