//! Progress per category as a PNG picture (biểu đồ tiến độ theo lĩnh vực): one bar per category,
//! split by status in the report's colours, with the count in each part and a legend.
//!
//! Drawn with plotters on an in-memory bitmap and encoded with `png`. Text uses DejaVu Sans (Debian
//! `fonts-dejavu-core`, which has every Vietnamese letter) read at run time; where that font is absent
//! the bars and colours are drawn without words, and the report's tables still carry the figures.

use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::{ReportError, Shade};

/// Where the chart font is looked for, first found wins.
const FONTS: [&str; 3] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
];

/// The status parts of a bar, in drawing order, with their legend words.
pub const PARTS: [(Shade, &str); 5] = [
    (Shade::DoneOnTime, "Đạt / hoàn thành đúng hạn"),
    (Shade::DoneLate, "Đạt nhưng trễ hạn"),
    (Shade::InProgress, "Đang thực hiện"),
    (Shade::Overdue, "Quá hạn / không đạt"),
    (Shade::NoData, "Chưa có số liệu"),
];

/// One bar: a category's name and how many items are in each of [`PARTS`].
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Category in words.
    pub label: String,
    /// Counts per part of [`PARTS`].
    pub counts: [usize; 5],
}

fn font() -> bool {
    static OK: OnceLock<bool> = OnceLock::new();
    *OK.get_or_init(|| {
        for path in FONTS {
            if let Ok(bytes) = std::fs::read(path) {
                // Registered once for the process: plotters keeps a 'static reference.
                let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                if plotters::style::register_font("sans-serif", FontStyle::Normal, bytes).is_ok() {
                    return true;
                }
            }
        }
        false
    })
}

/// Draw `bars` under `title` as a PNG; returns the bytes and the size in pixels.
pub fn png(title: &str, bars: &[Bar]) -> Result<(Vec<u8>, (u32, u32)), ReportError> {
    let (w, row) = (1200u32, 56u32);
    let h = 90 + row * bars.len().max(1) as u32 + 110;
    let mut rgb = vec![255u8; (w * h * 3) as usize];
    let err = |e: &dyn std::fmt::Display| ReportError::Chart(e.to_string());
    {
        let area = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        area.fill(&WHITE).map_err(|e| err(&e))?;
        let text = font();
        let style = |size: u32| ("sans-serif", size).into_font().color(&BLACK);
        if text {
            area.draw(&Text::new(title.to_string(), (20, 20), style(30))).map_err(|e| err(&e))?;
        }
        let (left, right) = (480i32, (w - 40) as i32);
        for (i, bar) in bars.iter().enumerate() {
            let y = 80 + (i as u32 * row) as i32;
            let total: usize = bar.counts.iter().sum();
            if text {
                let label = format!("{} ({})", bar.label, total);
                area.draw(&Text::new(label, (20, y + 14), style(22))).map_err(|e| err(&e))?;
            }
            let mut x = left;
            for (k, (shade, _)) in PARTS.iter().enumerate() {
                let n = bar.counts[k];
                if n == 0 || total == 0 {
                    continue;
                }
                let width = ((right - left) as f64 * n as f64 / total as f64).round() as i32;
                let (r, g, b) = shade.strong();
                let end = (x + width).min(right);
                area.draw(&Rectangle::new([(x, y), (end, y + row as i32 - 12)], RGBColor(r, g, b).filled()))
                    .map_err(|e| err(&e))?;
                if text && width >= 30 {
                    let label = n.to_string();
                    area.draw(&Text::new(label, (x + 8, y + 12), ("sans-serif", 22).into_font().color(&WHITE)))
                        .map_err(|e| err(&e))?;
                }
                x = end;
            }
        }
        // The legend: a swatch and its words per part.
        let ly = 80 + (row * bars.len().max(1) as u32) as i32 + 20;
        for (k, (shade, words)) in PARTS.iter().enumerate() {
            let (col, line) = ((k % 3) as i32, (k / 3) as i32);
            let (x, y) = (20 + col * 390, ly + line * 40);
            let (r, g, b) = shade.strong();
            area.draw(&Rectangle::new([(x, y), (x + 26, y + 26)], RGBColor(r, g, b).filled())).map_err(|e| err(&e))?;
            if text {
                area.draw(&Text::new(words.to_string(), (x + 36, y + 2), style(20))).map_err(|e| err(&e))?;
            }
        }
        area.present().map_err(|e| err(&e))?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| err(&e))?;
        writer.write_image_data(&rgb).map_err(|e| err(&e))?;
    }
    Ok((out, (w, h)))
}
