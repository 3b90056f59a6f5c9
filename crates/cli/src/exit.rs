//! Error → message and exit code.

/// Exit code for a problem with the input (file missing, unreadable, malformed).
pub const INPUT: i32 = 1;

/// Print the error chain to stderr and return the process exit code.
pub fn report(result: anyhow::Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("theodoi: error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            INPUT
        }
    }
}
