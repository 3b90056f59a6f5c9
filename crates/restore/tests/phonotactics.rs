//! The phonotactic syllable check against Debian's hunspell-vi dictionary (installed by
//! scripts/setup.sh): nearly every entry must pass, and damaged OCR tokens must not.
use theodoi_restore::is_syllable;

#[test]
fn accepts_the_hunspell_syllables() {
    let path = "/usr/share/hunspell/vi_VN.dic";
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path} (apt install hunspell-vi): {e}"));
    let words: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split('/').next())
        .map(|w| theodoi_text::nfc(w).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    assert!(words.len() > 5000, "{} entries", words.len());
    let rejected: Vec<&String> = words.iter().filter(|w| !is_syllable(w)).collect();
    let share = 1.0 - rejected.len() as f64 / words.len() as f64;
    eprintln!(
        "hunspell-vi: {} entries, {:.4} accepted; rejected e.g. {:?}",
        words.len(),
        share,
        &rejected[..rejected.len().min(20)]
    );
    assert!(share > 0.99, "accepted {share}");
}
