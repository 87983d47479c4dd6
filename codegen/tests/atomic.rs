//! Writing the generated tree: all or nothing, and stale files go.

mod common;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use codegen::emit::files::{stale, write, write_with};
use codegen::emit::Files;

/// Every file below `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("reads the directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(
                    path.strip_prefix(root).expect("below root").to_path_buf(),
                    std::fs::read(&path).expect("reads a file"),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("reads")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A generated tree on disk, `<tmp>/generated`, and the files a new generation produces.
fn setup(name: &str) -> (PathBuf, PathBuf, Files) {
    let parent = common::temp_dir(name);
    let dir = parent.join("generated");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"old\"\n").unwrap();
    std::fs::write(dir.join("src/lib.rs"), "pub mod kept;\npub mod gone;\n").unwrap();
    std::fs::write(dir.join("src/kept.rs"), "pub struct Kept;\n").unwrap();
    std::fs::write(dir.join("src/gone.rs"), "pub struct Gone;\n").unwrap();
    let files: Files = [
        ("Cargo.toml", "[package]\nname = \"new\"\n"),
        ("src/kept.rs", "pub struct Kept;\n"),
        ("src/lib.rs", "pub mod kept;\npub mod new;\n"),
        ("src/new.rs", "pub struct New;\n"),
        ("tests/examples.rs", "#[test]\nfn t() {}\n"),
    ]
    .into_iter()
    .map(|(path, text)| (path.to_owned(), text.to_owned()))
    .collect();
    (parent, dir, files)
}

#[test]
fn a_failure_midway_leaves_the_old_tree_untouched_and_no_staging() {
    let (parent, dir, files) = setup("atomic-fail");
    let before = snapshot(&dir);
    // Fail after the first file, then after each later one, the unchanged hard-linked file too.
    for fail_after in 1..=files.len() {
        let mut written = Vec::new();
        let result = write_with(&dir, &files, &mut |path| {
            written.push(path.to_owned());
            if written.len() == fail_after {
                Err(io::Error::other(format!("injected after {path}")))
            } else {
                Ok(())
            }
        });
        let error = result.expect_err("the write fails");
        assert_eq!(error.to_string(), format!("injected after {}", written[fail_after - 1]));
        assert_eq!(written.len(), fail_after, "it stops at the first error");
        assert_eq!(snapshot(&dir), before, "the old tree is unchanged after failing at file {fail_after}");
        assert_eq!(names(&parent), ["generated"], "no staging or backup directory is left");
    }
}

#[test]
fn a_successful_write_replaces_the_tree_and_removes_stale_files() {
    let (parent, dir, files) = setup("atomic-ok");
    let stale_before: Vec<(String, bool)> =
        stale(&dir, &files).unwrap().into_iter().map(|s| (s.path, s.wanted.is_some())).collect();
    assert_eq!(
        stale_before,
        [
            ("Cargo.toml".to_owned(), true),
            ("src/gone.rs".to_owned(), false),
            ("src/lib.rs".to_owned(), true),
            ("src/new.rs".to_owned(), true),
            ("tests/examples.rs".to_owned(), true)
        ]
    );
    #[cfg(unix)]
    let kept_inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(dir.join("src/kept.rs")).unwrap());
    let mut seen = Vec::new();
    assert!(write_with(&dir, &files, &mut |path| {
        seen.push(path.to_owned());
        Ok(())
    })
    .unwrap());
    assert_eq!(seen, files.keys().cloned().collect::<Vec<_>>(), "after_each sees every file, in order");
    let expected: BTreeMap<PathBuf, Vec<u8>> =
        files.iter().map(|(path, text)| (PathBuf::from(path), text.as_bytes().to_vec())).collect();
    assert_eq!(snapshot(&dir), expected, "exactly the new files, the stale one gone");
    assert_eq!(names(&parent), ["generated"]);
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(dir.join("src/kept.rs")).unwrap()),
        kept_inode,
        "an unchanged file is the same file, so cargo rebuilds nothing"
    );
    assert!(stale(&dir, &files).unwrap().is_empty());
    assert!(!write(&dir, &files).unwrap(), "writing the same files again changes nothing");
}

#[test]
fn a_swap_interrupted_by_a_crash_is_recovered() {
    let (parent, dir, files) = setup("atomic-recover");
    let before = snapshot(&dir);
    // Crashed after moving the old tree aside and before moving the new one in, with a
    // half-written staging directory beside it.
    std::fs::rename(&dir, parent.join(".generated.old")).unwrap();
    std::fs::create_dir_all(parent.join(".generated.new/src")).unwrap();
    std::fs::write(parent.join(".generated.new/src/half.rs"), "pub struct Ha").unwrap();
    let error = write_with(&dir, &files, &mut |_| Err(io::Error::other("stop"))).unwrap_err();
    assert_eq!(error.to_string(), "stop");
    assert_eq!(snapshot(&dir), before, "the old tree is back");
    assert_eq!(names(&parent), ["generated"]);
    assert!(write(&dir, &files).unwrap());
    assert_eq!(snapshot(&dir).len(), files.len());
}
