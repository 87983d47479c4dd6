//! Putting the generated files on disk, atomically, and telling what is stale.

use std::io;
use std::path::{Path, PathBuf};

use super::Files;

/// A generated file that differs from what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// Path relative to the output directory.
    pub path: String,
    /// What is on disk (`None`: missing).
    pub on_disk: Option<String>,
    /// What generation produces (`None`: the file should not exist).
    pub wanted: Option<String>,
}

/// Compares generated files with a directory. Line endings are normalised, so a checkout with
/// CRLF endings is not stale. Files on disk that generation no longer produces are stale too.
pub fn stale(dir: &Path, files: &Files) -> io::Result<Vec<Stale>> {
    let mut stale = Vec::new();
    let on_disk = crate::source::files_below(dir)?;
    for (path, wanted) in files {
        let current =
            std::fs::read(dir.join(path)).ok().map(|bytes| String::from_utf8_lossy(&bytes).replace("\r\n", "\n"));
        if current.as_deref() != Some(wanted.as_str()) {
            stale.push(Stale { path: path.clone(), on_disk: current, wanted: Some(wanted.clone()) });
        }
    }
    for path in on_disk {
        if !files.contains_key(&path) {
            let current = std::fs::read(dir.join(&path)).ok().map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
            stale.push(Stale { path, on_disk: current, wanted: None });
        }
    }
    stale.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(stale)
}

/// Replaces `dir` with exactly `files`, atomically: the new tree is written beside it and
/// swapped in with renames, so any failure before the swap leaves `dir` as it was. Files whose
/// content does not change are hard-linked, keeping their timestamps, so cargo rebuilds
/// nothing needlessly. Returns whether anything changed.
pub fn write(dir: &Path, files: &Files) -> io::Result<bool> {
    write_with(dir, files, &mut |_| Ok(()))
}

/// [`write`], calling `after_each` after each file of the new tree is written: a test uses it
/// to fail midway.
pub fn write_with(dir: &Path, files: &Files, after_each: &mut dyn FnMut(&str) -> io::Result<()>) -> io::Result<bool> {
    recover(dir)?;
    if dir.exists() && stale(dir, files)?.is_empty() {
        return Ok(false);
    }
    let staging = sibling(dir, "new");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    let result = stage(dir, &staging, files, after_each);
    if let Err(error) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    let old = sibling(dir, "old");
    if dir.exists() {
        std::fs::rename(dir, &old)?;
    }
    std::fs::rename(&staging, dir)?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(true)
}

fn stage(
    dir: &Path,
    staging: &Path,
    files: &Files,
    after_each: &mut dyn FnMut(&str) -> io::Result<()>,
) -> io::Result<()> {
    for (path, content) in files {
        let target = staging.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let existing = dir.join(path);
        let unchanged = std::fs::read(&existing).is_ok_and(|bytes| bytes == content.as_bytes());
        if !(unchanged && std::fs::hard_link(&existing, &target).is_ok()) {
            std::fs::write(&target, content)?;
        }
        after_each(path)?;
    }
    Ok(())
}

/// Finishes or undoes a swap that a crash interrupted.
fn recover(dir: &Path) -> io::Result<()> {
    let old = sibling(dir, "old");
    if old.exists() {
        if dir.exists() {
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&old, dir)?;
        }
    }
    Ok(())
}

fn sibling(dir: &Path, what: &str) -> PathBuf {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dir.with_file_name(format!(".{name}.{what}"))
}
