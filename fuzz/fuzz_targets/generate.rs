//! Arbitrary bytes through the whole pipeline, in both strictness modes: it must never panic,
//! and whatever Rust it emits must parse.
//!
//! The input is split at `0xFF` bytes (never part of UTF-8 text): the first part is `a.md`, the
//! second `sub/b.md` (so relative links between documents and out of the spec are exercised),
//! the third `codegen.toml`. Each part is read as UTF-8, lossily.

#![no_main]

use codegen::emit::EmitOptions;
use codegen::lower::Strictness;
use codegen::source::SourceFile;
use codegen::Spec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|b| *b == 0xFF).map(String::from_utf8_lossy);
    let mut spec = Spec::default();
    for path in ["a.md", "sub/b.md"] {
        if let Some(text) = parts.next() {
            spec.docs.push(SourceFile::new(path, &text));
        }
    }
    spec.config = parts.next().map(|text| SourceFile::new("codegen.toml", &text));
    let options = EmitOptions { command: "fuzz".to_owned(), source_prefix: "spec/".to_owned(), standalone: true };
    for strictness in [Strictness::Strict, Strictness::Lenient] {
        match codegen::generate(&spec, strictness, &options) {
            Ok(output) => {
                for (path, text) in &output.files {
                    if path.ends_with(".rs") {
                        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{path} does not parse: {e}\n{text}"));
                        let fallback = file.items.iter().any(|item| matches!(item, syn::Item::Macro(m) if m.mac.path.is_ident("compile_error")));
                        assert!(!fallback, "{path} fell back to compile_error!:\n{text}");
                    }
                }
                let _ = output.diagnostics.render(&spec.sources(), "spec/", false);
            }
            Err(diagnostics) => {
                assert!(diagnostics.has_errors());
                let _ = diagnostics.render(&spec.sources(), "spec/", false);
            }
        }
    }
});
