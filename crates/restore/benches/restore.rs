//! `cargo bench -p theodoi-restore`: model load time, restoration speed on 002 (syllables per
//! second, one thread) against a dictionary-look-up-only baseline, accuracy of both against
//! 000 (read only as the scoring truth), and peak memory.
use std::time::Instant;

use theodoi_restore::{score, Model, DEFAULT_MODEL};

fn corpus(name: &str) -> String {
    let p = format!("{}/../../../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// CPU time of this thread (ns on CPU, from the scheduler): the machine is shared, so
/// "per core" speed is syllables per CPU second, not per wall second.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}

/// Run `f` `runs` times; seconds per run on the CPU (wall time when schedstat is missing).
fn timed(runs: usize, mut f: impl FnMut() -> String) -> (f64, String) {
    let (c0, w0) = (cpu_s(), Instant::now());
    let mut out = String::new();
    for _ in 0..runs {
        out = f();
    }
    let cpu = cpu_s() - c0;
    let t = if cpu > 0.0 { cpu } else { w0.elapsed().as_secs_f64() };
    (t / runs as f64, out)
}

fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let l = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = l.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let (c0, t) = (cpu_s(), Instant::now());
    let model = Model::parse(DEFAULT_MODEL).expect("shipped model parses");
    println!(
        "model load: {:.3} s wall, {:.3} s CPU ({} words, {} bytes)",
        t.elapsed().as_secs_f64(),
        cpu_s() - c0,
        model.vocab_len(),
        DEFAULT_MODEL.len()
    );

    let ocr = corpus("002_ce8a8a71da63380d.txt");
    let gold = corpus("000_833fb06171799308.txt");
    let folded = theodoi_text::fold_keep_case(&gold);
    let syl = score::tokens(&ocr).len() as f64;
    let fsyl = score::tokens(&folded).len() as f64;
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this once as a smoke test.
    let runs = if std::env::args().any(|a| a == "--bench") { 8 } else { 1 };

    let (base, out) = timed(runs, || model.restore_lookup_only(&ocr));
    let sb = score::score(&out, &gold);
    println!(
        "{:<38} 002: {:>9.0} syllables/CPU-s, syllable acc {:.4}, folded {:.4}",
        "baseline (dictionary look-up only)",
        syl / base,
        sb.syllable_accuracy,
        sb.folded_accuracy
    );

    let variants: [(&str, f32, usize); 3] = [
        ("restorer, no adaptation", 0.0, 0),
        ("restorer, default", model.params.adapt_weight, model.params.adapt_sample),
        ("restorer, adapting on the whole text", model.params.adapt_weight, usize::MAX),
    ];
    let mut model = model;
    let defaults = model.params;
    for (name, w, n) in variants {
        model.params.adapt_weight = w;
        model.params.adapt_sample = n;
        let (full, out) = timed(runs, || model.restore_text(&ocr));
        let s = score::score(&out, &gold);
        println!(
            "{name:<38} 002: {:>9.0} syllables/CPU-s, syllable acc {:.4}, folded {:.4}",
            syl / full,
            s.syllable_accuracy,
            s.folded_accuracy
        );
    }
    model.params = defaults;

    let (base, out) = timed(runs, || model.restore_lookup_only(&folded));
    let sb = score::score(&out, &gold);
    println!(
        "{:<38} 000 unmarked: {:>9.0} syllables/CPU-s, syllable acc {:.4}",
        "baseline (dictionary look-up only)",
        fsyl / base,
        sb.syllable_accuracy
    );
    let (full, out) = timed(runs, || model.restore_text(&folded));
    let s = score::score(&out, &gold);
    println!(
        "{:<38} 000 unmarked: {:>9.0} syllables/CPU-s, syllable acc {:.4}",
        "restorer, default",
        fsyl / full,
        s.syllable_accuracy
    );
    if let Some(m) = peak_rss_mib() {
        println!("peak memory: {m:.0} MiB");
    }
}
