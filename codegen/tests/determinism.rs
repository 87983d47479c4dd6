//! The same docs give the same files, byte for byte, whatever their order and however many
//! runs go at once.

mod common;

use std::path::Path;

use codegen::emit::Files;
use codegen::lower::Strictness;
use codegen::Spec;

/// The multi-document fixture (three documents in two directories, a config, links between
/// them) plus the spec of the repository, so that there are several modules to order.
fn spec() -> Spec {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut spec = Spec::load(&root.join("tests/fixtures/hostile")).expect("the fixture loads");
    let errors = Spec::load(&root.join("../spec")).expect("the repository's spec loads");
    spec.docs.extend(errors.docs);
    spec
}

/// Everything a run produces, as text: the files (lenient) and the diagnostics (strict).
fn run(spec: &Spec) -> (Files, String) {
    let output = codegen::generate(spec, Strictness::Lenient, &common::options()).expect("lenient generation succeeds");
    let strict = codegen::generate(spec, Strictness::Strict, &common::options()).expect_err("the fixture has errors");
    let rendered = format!("{}\n{}", common::list(&output.diagnostics), common::list(&strict));
    (output.files, rendered)
}

fn assert_same(expected: &(Files, String), actual: &(Files, String), what: &str) {
    assert_eq!(expected.0.keys().collect::<Vec<_>>(), actual.0.keys().collect::<Vec<_>>(), "{what}: the same files");
    for (path, text) in &expected.0 {
        assert!(text.as_bytes() == actual.0[path].as_bytes(), "{what}: {path} differs");
    }
    assert_eq!(expected.1, actual.1, "{what}: the same diagnostics");
}

#[test]
fn document_order_does_not_matter() {
    let spec = spec();
    assert!(spec.docs.len() >= 4);
    let expected = run(&spec);
    assert!(
        expected.0.keys().filter(|p| p.starts_with("src/")).count() >= 4,
        "several modules: {:?}",
        expected.0.keys()
    );
    let mut reversed = spec.clone();
    reversed.docs.reverse();
    assert_same(&expected, &run(&reversed), "reversed");
    for shift in 1..spec.docs.len() {
        let mut rotated = spec.clone();
        rotated.docs.rotate_left(shift);
        assert_same(&expected, &run(&rotated), &format!("rotated by {shift}"));
    }
}

#[test]
fn concurrent_runs_agree() {
    let spec = spec();
    let expected = run(&spec);
    let results: Vec<(Files, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let mut spec = spec.clone();
                if i % 2 == 1 {
                    spec.docs.reverse();
                }
                scope.spawn(move || (0..3).map(|_| run(&spec)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a run does not panic")).collect()
    });
    assert_eq!(results.len(), 12);
    for (i, result) in results.iter().enumerate() {
        assert_same(&expected, result, &format!("thread {}, run {}", i / 3, i % 3));
    }
}
