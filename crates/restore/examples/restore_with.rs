//! Restore a file and print it, without the CLI (used by scripts/restore-score.sh):
//! `restore_with [--model MODEL] [--mode auto|ocr|unmarked|clean] FILE`.
use theodoi_restore::{Mode, Model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let mut model: Option<Model> = None;
    let mut mode = None;
    let mut file = None;
    let mut i = 0;
    while i < a.len() {
        match a[i].as_str() {
            "--model" => {
                model = Some(Model::parse(&std::fs::read_to_string(a.get(i + 1).ok_or("--model FILE")?)?)?);
                i += 1;
            }
            "--mode" => {
                mode = match a.get(i + 1).map(String::as_str) {
                    Some("ocr") => Some(Mode::Ocr),
                    Some("unmarked") => Some(Mode::Unmarked),
                    Some("clean") => Some(Mode::Clean),
                    _ => None,
                };
                i += 1;
            }
            f => file = Some(f.to_string()),
        }
        i += 1;
    }
    let text = std::fs::read_to_string(file.ok_or("usage: restore_with [--model M] [--mode X] FILE")?)?;
    if let (Some(m), Ok(p)) = (model.as_mut(), std::env::var("RESTORE_PARAMS")) {
        // channel_weight,keep_cost,beam,unigram_weight,states,rank_margin,digit_keep_cost,case_weight,adapt_weight,adapt_sample,cache_weight — for tuning on held-out pairs.
        let v: Vec<f32> = p.split(',').filter_map(|x| x.parse().ok()).collect();
        if let [cw, kc, b, uw, st, rm, dk, cs, aw, asz, cache] = v[..] {
            m.params.cache_weight = cache;
            m.params.adapt_sample = asz as usize;
            m.params.adapt_weight = aw;
            m.params.case_weight = cs;
            m.params.digit_keep_cost = dk;
            m.params.rank_margin = rm;
            m.params.states = st as usize;
            m.params.channel_weight = cw;
            m.params.keep_cost = kc;
            m.params.beam = b as usize;
            m.params.unigram_weight = uw;
        }
    }
    if let (Some(m), Ok(p)) = (model.as_mut(), std::env::var("RESTORE_WIDE")) {
        // wide_beam,wide_margin,wide_above — for tuning on held-out pairs.
        let v: Vec<f32> = p.split(',').filter_map(|x| x.parse().ok()).collect();
        if let [b, mg, a] = v[..] {
            m.params.wide_beam = b as usize;
            m.params.wide_margin = mg;
            m.params.wide_above = a;
        }
    }
    let m = model.as_ref().unwrap_or_else(|| theodoi_restore::default_model());
    let mode = mode.unwrap_or_else(|| m.mode_for(&text));
    eprintln!("{:?} {mode:?}", theodoi_restore::damage(&text));
    let (out, conf) = m.restore_scored(&text, mode);
    // RESTORE_CONFIDENCE=FILE: the confidence of each line, one a line (for measuring it).
    if let Ok(f) = std::env::var("RESTORE_CONFIDENCE") {
        std::fs::write(f, conf.iter().map(|c| format!("{c:.3}\n")).collect::<String>())?;
    }
    print!("{out}");
    Ok(())
}
