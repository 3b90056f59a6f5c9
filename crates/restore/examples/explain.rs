//! Print the candidates of OCR tokens: `explain TOKEN…` (debugging aid).
fn main() {
    let m = theodoi_restore::default_model();
    for t in std::env::args().skip(1) {
        println!("{t}: {:?}", m.explain(&t, theodoi_restore::Mode::Ocr));
    }
    println!("của trung {} cửa trung {}", m.lm_cost("của", "trung"), m.lm_cost("cửa", "trung"));
    println!("đạo của {} đạo cửa {}", m.lm_cost("đạo", "của"), m.lm_cost("đạo", "cửa"));
}
