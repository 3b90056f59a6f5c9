//! Legacy Vietnamese 8-bit encodings: TCVN3 (ABC), VNI-Windows, Windows-1258.

/// Try the legacy encodings and return the best reading, if any reads as Vietnamese.
pub(crate) fn detect_and_decode(bytes: &[u8]) -> Option<(String, &'static str)> {
    let (text, _, had_errors) = encoding_rs::WINDOWS_1258.decode(bytes);
    if had_errors {
        return None;
    }
    Some((text.into_owned(), "windows-1258"))
}
