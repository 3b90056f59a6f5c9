//! Print the eval form of a file (development aid; the CLI is `theodoi extract`): read by
//! ingest, which owns the document's structure and header, then extracted.
fn main() {
    for p in std::env::args().skip(1) {
        let doc = match theodoi_ingest::read_path(std::path::Path::new(&p)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{p}: {e}");
                std::process::exit(1);
            }
        };
        let ex = theodoi_extract::extract(&doc);
        println!("{}", theodoi_extract::to_eval(&ex));
    }
}
