//! Build a restore model file.
//!
//! usage: build_model OUT [--list FILE]… [--text FILE[:WEIGHT]]… [--pairs DIR[:PREFIX,PREFIX…]]…
//! A pairs directory holds `NAME.NNN.truth.txt` / `NAME.NNN.ocr.txt` files (scripts/restore-ocr-pairs.sh);
//! with prefixes, only pairs whose NAME starts with one of them are read.
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.first().ok_or("usage: build_model OUT [--list F] [--text F[:W]] [--pairs DIR[:P,…]]")?;
    let mut b = theodoi_restore::train::Builder::new();
    let mut i = 1;
    while i + 1 < args.len() {
        let (flag, val) = (&args[i], &args[i + 1]);
        for bad in ["000_", "002_"] {
            if val.contains(bad) {
                return Err(format!("refusing to train on {val}: 000 is the scoring truth").into());
            }
        }
        match flag.as_str() {
            "--list" => b.add_word_list(&std::fs::read_to_string(val)?),
            "--text" => {
                let (f, w) = match val.rsplit_once(':') {
                    Some((f, w)) if w.parse::<u32>().is_ok() => (f, w.parse()?),
                    _ => (val.as_str(), 1),
                };
                b.add_running_text(&std::fs::read_to_string(f)?, w);
            }
            "--pairs" => {
                let (dir, prefixes) = match val.split_once(':') {
                    Some((d, p)) => (d, p.split(',').map(str::to_string).collect::<Vec<_>>()),
                    None => (val.as_str(), Vec::new()),
                };
                let mut names: Vec<_> = std::fs::read_dir(dir)?
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .filter(|n| n.ends_with(".truth.txt"))
                    .filter(|n| prefixes.is_empty() || prefixes.iter().any(|p| n.starts_with(p.as_str())))
                    .collect();
                names.sort();
                let mut kept = 0;
                for n in names {
                    let t = std::fs::read_to_string(Path::new(dir).join(&n))?;
                    // A chunk whose OCR is still being made is skipped.
                    let Ok(o) = std::fs::read_to_string(Path::new(dir).join(n.replace(".truth.txt", ".ocr.txt")))
                    else {
                        continue;
                    };
                    kept += b.add_ocr_pair(&t, &o);
                }
                eprintln!("pairs {val}: {kept} token pairs");
            }
            f => return Err(format!("unknown flag {f}").into()),
        }
        i += 2;
    }
    let m = b.build();
    std::fs::write(out, &m)?;
    eprintln!("wrote {out}: {} bytes", m.len());
    Ok(())
}
