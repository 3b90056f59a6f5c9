//! Error → message and exit code.

/// Exit code for a problem with the input (file missing, unreadable, malformed).
pub const INPUT: i32 = 1;

/// Print the error chain to stderr and return the process exit code.
pub fn report(result: anyhow::Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        // `theodoi ingest … | head` closes the pipe early: not an error of ours.
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("theodoi: error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            INPUT
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}
