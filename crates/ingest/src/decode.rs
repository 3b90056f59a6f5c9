//! Bytes → text: encoding detection and conversion to Unicode.

use crate::legacy;
use crate::{Error, Result};

/// Text decoded from bytes, with the encoding that was detected.
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode text bytes: BOMs first, then UTF-8, then the legacy Vietnamese
/// encodings (TCVN3, VNI, Windows-1258), whichever reads as Vietnamese best.
pub(crate) fn decode(file: &str, bytes: &[u8]) -> Result<Decoded> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(file, rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, name) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, "utf-16le")
        } else {
            (encoding_rs::UTF_16BE, "utf-16be")
        };
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(Error::Encoding {
                file: file.into(),
                line: 1,
                detail: format!("the file starts with a {name} byte-order mark but holds unpaired surrogates or an odd byte count"),
            });
        }
        return Ok(Decoded { text: text.into_owned(), encoding: name });
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(Error::Unrecognised { file: file.into(), detail: "binary data (NUL bytes) without a UTF-16 byte-order mark".into() });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            // Legacy-encoded text that happens to be plain ASCII/UTF-8 is not possible for
            // TCVN3/VNI with marks (they use bytes ≥ 0x80), so valid UTF-8 is UTF-8.
            Ok(Decoded { text: s.to_owned(), encoding: "utf-8" })
        }
        Err(e) => match legacy::detect_and_decode(bytes) {
            Some((text, encoding)) => Ok(Decoded { text, encoding }),
            None => {
                let at = e.valid_up_to();
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
        Ok(s) => Ok(Decoded { text: s.to_owned(), encoding: "utf-8" }),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count();
            Err(Error::Encoding {
                file: file.into(),
                line: u32::try_from(line).unwrap_or(u32::MAX),
                detail: format!("the file starts with a UTF-8 byte-order mark but byte 0x{:02X} at offset {} is not UTF-8", bytes[at], at + 3),
            })
        }
    }
}
