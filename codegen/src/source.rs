//! Source files of the spec and positions inside them.

use std::fmt;
use std::io;
use std::path::Path;

use serde::Serialize;

/// One document of the spec, as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the spec root, with `/` separators (`cph/错误码.md`).
    pub path: String,
    /// The document's text, with `\r\n` already folded to `\n`.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps a document's text, normalising line endings so that offsets and lines agree
    /// on every platform.
    pub fn new(path: impl Into<String>, text: &str) -> SourceFile {
        let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_owned() };
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        SourceFile { path: path.into(), text, line_starts }
    }

    /// The location of a byte offset: 1-based line and column (in characters).
    pub fn loc(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text.get(start..offset).map_or(0, |s| s.chars().count());
        Loc { file: self.path.clone(), line: line as u32 + 1, column: column as u32 + 1 }
    }

    /// The byte range of a 1-based line, without its newline.
    pub fn line_range(&self, line: u32) -> Option<std::ops::Range<usize>> {
        let index = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        let end = self.line_starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        Some(start..end)
    }
}

/// A place in the spec: file, 1-based line and 1-based column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Loc {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Every regular file below `root`, as sorted paths relative to it with `/` separators.
/// Symbolic links are not followed, so nothing outside `root` is listed. Empty when `root`
/// does not exist.
pub fn files_below(root: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    if root.exists() {
        walk(root, root, &mut out)?;
    }
    out.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(root, &path, out)?;
        } else if kind.is_file() {
            if let Ok(relative) = path.strip_prefix(root) {
                let parts: Vec<String> =
                    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.push(parts.join("/"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let file = SourceFile::new("a.md", "ab\r\n表格x\nlast");
        assert_eq!(file.text, "ab\n表格x\nlast");
        let at = |offset| {
            let loc = file.loc(offset);
            (loc.line, loc.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(3), (2, 1));
        assert_eq!(at(3 + "表格".len()), (2, 3));
        assert_eq!(at(file.text.len()), (3, 5));
        assert_eq!(&file.text[file.line_range(2).unwrap()], "表格x");
        assert_eq!(file.line_range(4), None);
    }
}
