//! Analysis aid: candidates of tokens read from stdin, one a line ("TOKEN" or "TOKEN\tTRUTH").
//! `diag [MODEL] < tokens` prints each token's candidates (OCR mode, shipped channel) and, given
//! "TOKEN\tTRUTH", where the truth stands: out of the vocabulary, too far, or its rank;
//! "LM\tV\tW" prints the language model's cost of W after V.
use std::io::BufRead;
fn main() {
    let path = std::env::args().nth(1);
    let m = match path {
        Some(p) => theodoi_restore::Model::parse(&std::fs::read_to_string(p).unwrap()).unwrap(),
        None => theodoi_restore::Model::parse(theodoi_restore::DEFAULT_MODEL).unwrap(),
    };
    for l in std::io::stdin().lock().lines() {
        let l = l.unwrap();
        if let Some(r) = l.strip_prefix("LM\t") {
            let (v, w) = r.split_once('\t').unwrap();
            println!("{v} {w} {:.2}", m.lm_cost(v, w));
            continue;
        }
        let (t, truth) = l.split_once('\t').unwrap_or((&l, ""));
        let c = m.explain(t, theodoi_restore::Mode::Ocr);
        let e = if truth.is_empty() { String::new() } else { m.explain_truth(t, truth) };
        println!("{}\t{}\t{}", t, c.iter().map(|(w, c)| format!("{w}:{c:.1}")).collect::<Vec<_>>().join(" "), e);
    }
}
