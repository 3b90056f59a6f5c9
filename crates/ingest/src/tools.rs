//! Running the external programs readers use (poppler-utils, tesseract) with a time
//! limit and their output in files, so no pipe can fill up and block.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::{Error, Result};

/// Run `program args…`; stdout goes to `stdout_to` when given. Returns stderr on failure.
pub(crate) fn run(
    file: &str,
    program: &str,
    args: &[&std::ffi::OsStr],
    stdout_to: Option<&Path>,
    limit: Duration,
) -> Result<()> {
    let tool_err = |detail: String| Error::Tool { file: file.into(), tool: program.into(), detail };
    let dir = tempfile::tempdir().map_err(|e| tool_err(format!("cannot create a temporary directory: {e}")))?;
    let err_path = dir.path().join("stderr");
    let err_file = std::fs::File::create(&err_path).map_err(|e| tool_err(e.to_string()))?;
    let out = match stdout_to {
        Some(p) => Stdio::from(std::fs::File::create(p).map_err(|e| tool_err(e.to_string()))?),
        None => Stdio::null(),
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::from(err_file))
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                tool_err("not installed".into())
            } else {
                tool_err(format!("cannot start: {e}"))
            }
        })?;
    let status = match child.wait_timeout(limit).map_err(|e| tool_err(e.to_string()))? {
        Some(s) => s,
        None => {
            // Kill only the child we started.
            let _ = child.kill();
            let _ = child.wait();
            return Err(tool_err(format!("did not finish within {} s", limit.as_secs())));
        }
    };
    if !status.success() {
        let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
        let msg: String = stderr.lines().filter(|l| !l.trim().is_empty()).take(3).collect::<Vec<_>>().join("; ");
        return Err(Error::Tool {
            file: file.into(),
            tool: program.into(),
            detail: format!("failed ({status}): {msg}"),
        });
    }
    Ok(())
}
