//! Bytes → text: encoding detection and conversion to Unicode.

use crate::legacy;
use crate::{Error, Result};

/// Text decoded from bytes, with the encoding that was detected.
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Lines where bytes had to be replaced, with what happened.
    pub warnings: Vec<(u32, String)>,
}

/// Decode text bytes: BOMs first, then UTF-8, then the legacy Vietnamese
/// encodings (TCVN3, VNI, Windows-1258), whichever reads as Vietnamese best.
pub(crate) fn decode(file: &str, bytes: &[u8]) -> Result<Decoded> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(file, rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, name) =
            if bytes[0] == 0xFF { (encoding_rs::UTF_16LE, "utf-16le") } else { (encoding_rs::UTF_16BE, "utf-16be") };
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(Error::Encoding {
                file: file.into(),
                line: 1,
                detail: format!(
                    "the file starts with a {name} byte-order mark but holds unpaired surrogates or an odd byte count"
                ),
            });
        }
        return Ok(Decoded { text: text.into_owned(), encoding: name, warnings: Vec::new() });
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(Error::Unrecognised {
            file: file.into(),
            detail: "binary data (NUL bytes) without a UTF-16 byte-order mark".into(),
        });
    }
    // simdutf8: validation is the one pass over every byte that cannot be skipped.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => {
            // Legacy-encoded text that happens to be plain ASCII/UTF-8 is not possible for
            // TCVN3/VNI with marks (they use bytes ≥ 0x80), so valid UTF-8 is UTF-8.
            Ok(Decoded { text: s.to_owned(), encoding: "utf-8", warnings: Vec::new() })
        }
        Err(_) => match legacy::detect_and_decode(bytes) {
            Some((text, encoding)) => Ok(Decoded { text, encoding, warnings: Vec::new() }),
            None if mostly_utf8(bytes) => {
                // A few damaged bytes in a UTF-8 file: keep the text, say where.
                let text = String::from_utf8_lossy(bytes).into_owned();
                let warnings = text
                    .split('\n')
                    .enumerate()
                    .filter(|(_, l)| l.contains('\u{FFFD}'))
                    .map(|(i, _)| {
                        (
                            u32::try_from(i + 1).unwrap_or(u32::MAX),
                            "bytes that are not UTF-8 were replaced by U+FFFD".to_string(),
                        )
                    })
                    .collect();
                Ok(Decoded { text, encoding: "utf-8", warnings })
            }
            None => {
                let at =
                    std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to()).min(bytes.len().saturating_sub(1));
                let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count();
                Err(Error::Encoding {
                    file: file.into(),
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    detail: format!(
                        "byte 0x{:02X} at offset {at} is not UTF-8, and the text does not read as TCVN3, VNI-Windows or Windows-1258 Vietnamese",
                        bytes[at]
                    ),
                })
            }
        },
    }
}

fn utf8(file: &str, bytes: &[u8]) -> Result<Decoded> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_owned(), encoding: "utf-8", warnings: Vec::new() }),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count();
            Err(Error::Encoding {
                file: file.into(),
                line: u32::try_from(line).unwrap_or(u32::MAX),
                detail: format!(
                    "the file starts with a UTF-8 byte-order mark but byte 0x{:02X} at offset {} is not UTF-8",
                    bytes[at],
                    at + 3
                ),
            })
        }
    }
}

/// UTF-8 with at most one bad sequence per thousand characters.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
    let total = lossy.chars().count();
    bad > 0 && bad * 1000 <= total
}
