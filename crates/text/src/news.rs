//! A news article's frame: what a page saved from a website carries and an official document
//! never does. Ingest types such a page `tin_bai` by it; extract does so for text read without ingest.

use crate::fold;

/// Words (folded) of a news page's frame, never of an official document: the site's trail
/// opening the page ("Trang chủ > Tin tức > …"), a count of views in its date line ("Cập nhật:
/// 16/7/2026 | Lượt xem: 214"), and the links or byline closing it ("Tin liên quan:", "Tin, ảnh:
/// …").
const NEWS_HEAD: &[&str] = &["luot xem", "luot doc"];
const NEWS_TAIL: &[&str] = &["tin lien quan", "tin, anh:", "tin va anh:", "bai lien quan", "cac tin khac"];

/// Whether the text is a news article (tin bài) saved from a website: its frame (the trail,
/// the views, the closing links) or an agency's dateline opening a paragraph of its first lines ("(CTO) -
/// Trong hai ngày …"). Structure, not topic: a news page may report a congress, a review or
/// a conclusion; a document published on a site with its own title ("KẾ HOẠCH") is that document.
pub fn news_page<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    let text: Vec<&str> = lines.into_iter().map(str::trim).filter(|l| !l.is_empty()).collect();
    let head = text.iter().take(6).map(|l| fold(l));
    let dateline = |f: &str| {
        // "(cto) - ", "(đto) – ": two to six letters in brackets, a dash, then the lead
        let Some(rest) = f.strip_prefix('(') else { return false };
        let Some((agency, after)) = rest.split_once(')') else { return false };
        (2..=6).contains(&agency.chars().count())
            && agency.chars().all(|c| c.is_alphabetic())
            && after.trim_start().starts_with(['-', '–'])
    };
    for f in head {
        let trail = f.starts_with("trang chu") && f.contains('>');
        if trail || NEWS_HEAD.iter().any(|w| f.contains(w)) || dateline(&f) {
            return true;
        }
    }
    text.iter().rev().take(4).any(|l| NEWS_TAIL.iter().any(|w| fold(l).starts_with(w)))
}

/// Weekdays opening a news page's date line ("Thứ Sáu, 26/12/2025 - 15:40"), folded.
const WEEKDAYS: &[&str] = &["thu hai", "thu ba", "thu tu", "thu nam", "thu sau", "thu bay", "chu nhat"];

/// Which lines of a news page are its frame and no part of the article: the site's trail, the
/// date and views line, photo captions ("Ảnh: …", "Quang cảnh Đại hội. Ảnh: MINH KHOA"), the
/// byline ("Tin, ảnh: …") and the links after "Tin liên quan:" to the end. One flag per line.
pub fn news_frame<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<bool> {
    let lines: Vec<&str> = lines.into_iter().collect();
    let mut out = vec![false; lines.len()];
    let mut links = false;
    for (i, l) in lines.iter().enumerate() {
        let f = fold(l.trim());
        let short = f.chars().count() < 120;
        links =
            links || NEWS_TAIL.iter().any(|w| f.starts_with(w) && !w.starts_with("tin,") && !w.starts_with("tin va"));
        let trail = f.starts_with("trang chu") && f.contains('>');
        let dated = short
            && (NEWS_HEAD.iter().any(|w| f.contains(w))
                || ["cap nhat", "ngay dang"].iter().any(|w| f.starts_with(w))
                || WEEKDAYS.iter().any(|w| f.starts_with(w)) && f.contains(|c: char| c.is_ascii_digit()));
        let caption = short
            && (f.starts_with("anh:")
                || f.contains(". anh:")
                || f.starts_with("tin, anh:")
                || f.starts_with("tin va anh:"));
        out[i] = links || trail || dated || caption;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{news_frame, news_page};

    #[test]
    fn a_news_page_and_its_frame() {
        let page = [
            "Trang chủ > Tin tức > Xây dựng Đảng",
            "Xã Tân Phú Nam sơ kết 6 tháng đầu năm",
            "Cập nhật: 10/7/2026 | Lượt xem: 98",
            "Ngày 9/7, Đảng ủy xã Tân Phú Nam tổ chức hội nghị …",
            "Quang cảnh hội nghị. Ảnh: THANH HÀ",
            "Thu ngân sách đạt 52% dự toán năm.",
            "Tin, ảnh: Thanh Hà",
            "Tin liên quan:",
            "- Xã Tân Phú Bắc tổ chức Đại hội",
        ];
        assert!(news_page(page));
        let f = news_frame(page);
        assert_eq!(f, [true, false, true, false, true, false, true, true, true]);
        // the agency's dateline alone, a weekday date line
        assert!(news_page(["Xã Mỹ Thọ tổng kết năm 2025", "Thứ Sáu, 26/12/2025 - 15:40", "(ĐTO) - Ngày 25/12, …"]));
        assert_eq!(news_frame(["Thứ Sáu, 26/12/2025 - 15:40", "Thành phần: Ảnh hưởng"]), [true, false]);
        // an official document has none of it
        let plan =
            ["ĐẢNG BỘ XÃ TÂN PHÚ NAM", "KẾ HOẠCH", "thực hiện Nghị quyết …", "(1) - Tổ chức học tập", "Nơi nhận:"];
        assert!(!news_page(plan));
        assert!(news_frame(plan).iter().all(|x| !x));
    }
}
