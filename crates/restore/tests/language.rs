//! Which texts read as Vietnamese (`vietnamese_share`): damaged OCR and text typed without marks
//! keep their letters and pass; program code and prose in another language do not.

use theodoi_restore::{vietnamese_share, MIN_VIETNAMESE_SHARE};

fn pair(name: &str) -> String {
    let p = format!("{}/../../data/restore/pairs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn vietnamese_and_other_text() {
    let rows: Vec<(&str, String, bool)> = vec![
        ("clean", "Đảng bộ phường đã lãnh đạo hoàn thành 21/23 chỉ tiêu nhiệm kỳ 2020 - 2025.".into(), true),
        ("typed without marks", "Dang bo phuong da lanh dao hoan thanh cac chi tieu nhiem ky, thu ngan sach dat 102%.".into(), true),
        ("OCR, Liberation Serif", pair("d004-lib.001.ocr.txt"), true),
        ("OCR, DejaVu Serif", pair("d001-dejavu.002.ocr.txt"), true),
        ("shell script", "#!/usr/bin/env bash\nset -euo pipefail\nfor f in target/*.txt; do echo \"$f\"; grep -q x \"$f\" || exit 1; done\ncargo build --release\n".into(), false),
        ("Rust", "fn main() {\n    let args: Vec<String> = std::env::args().collect();\n    for a in &args { println!(\"{a}\"); }\n}\n".into(), false),
        ("English", "The committee met on Monday to review the budget for next year and asked the treasurer to prepare a revised plan.".into(), false),
        ("French", "Le comité s'est réuni lundi pour examiner le budget de l'année prochaine et préparer un plan révisé.".into(), false),
    ];
    for (what, text, viet) in rows {
        let s = vietnamese_share(&text);
        assert_eq!(s >= MIN_VIETNAMESE_SHARE, viet, "{what}: share {s:.3}");
    }
}
