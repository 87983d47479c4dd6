//! `regen` and `check`: one generation, written to disk or compared with it.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{bail, Context};
use codegen::diagnostics::Diagnostics;
use codegen::emit::{files, EmitOptions};
use codegen::lower::Strictness;
use codegen::{Output, Spec};

pub const REGEN: &str = "cargo xtask regen";

fn options() -> EmitOptions {
    EmitOptions { command: REGEN.to_owned(), source_prefix: "spec/".to_owned(), standalone: false }
}

/// Generates from a spec directory in memory, printing diagnostics; fails on any error.
pub fn generate(spec_dir: &Path, deny_warnings: bool) -> anyhow::Result<Output> {
    let spec = Spec::load(spec_dir).map_err(|diagnostics| report(&Spec::default(), diagnostics))?;
    let mut output = codegen::generate(&spec, Strictness::Strict, &options()).map_err(|d| report(&spec, d))?;
    if deny_warnings && !output.diagnostics.is_empty() {
        output.diagnostics.deny_warnings();
        return Err(report(&spec, output.diagnostics));
    }
    if !output.diagnostics.is_empty() {
        eprint!("{}", output.diagnostics.render(&spec.sources(), "spec/", std::io::stderr().is_terminal()));
    }
    Ok(output)
}

fn report(spec: &Spec, diagnostics: Diagnostics) -> anyhow::Error {
    eprint!("{}", diagnostics.render(&spec.sources(), "spec/", std::io::stderr().is_terminal()));
    let errors = diagnostics.errors().count();
    anyhow::anyhow!("{errors} error{} in spec/; generated/ is unchanged", if errors == 1 { "" } else { "s" })
}

pub fn regen(root: &Path, deny_warnings: bool) -> anyhow::Result<()> {
    let output = generate(&root.join("spec"), deny_warnings)?;
    let dir = root.join("generated");
    let changed = files::write(&dir, &output.files).with_context(|| format!("writing {}", dir.display()))?;
    let types: usize = output.schema.modules.values().map(|m| m.types.len()).sum();
    let what = if changed { "updated" } else { "already up to date" };
    eprintln!(
        "generated/ {what}: {} modules, {types} types, {} files",
        output.schema.modules.len(),
        output.files.len()
    );
    Ok(())
}

pub fn check(root: &Path, deny_warnings: bool) -> anyhow::Result<()> {
    let output = generate(&root.join("spec"), deny_warnings)?;
    let (names, diff) = stale(&root.join("generated"), &output)?;
    if names.is_empty() {
        eprintln!("generated/ is up to date");
        return Ok(());
    }
    print!("{diff}");
    bail!(
        "{} stale: {}\nrun `{REGEN}` and commit the result",
        if names.len() == 1 { "1 file is" } else { "files are" },
        names.join(", ")
    )
}

/// The stale files of a generated directory and a unified diff of each.
fn stale(generated: &Path, output: &Output) -> anyhow::Result<(Vec<String>, String)> {
    let stale = files::stale(generated, &output.files)?;
    let mut diff = String::new();
    for file in &stale {
        let path = format!("generated/{}", file.path);
        let text =
            similar::TextDiff::from_lines(file.on_disk.as_deref().unwrap_or(""), file.wanted.as_deref().unwrap_or(""));
        diff.push_str(
            &text.unified_diff().context_radius(3).header(&path, &format!("{path} (regenerated)")).to_string(),
        );
    }
    Ok((stale.iter().map(|f| format!("generated/{}", f.path)).collect(), diff))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_crate_is_fresh() {
        check(&crate::project_root(), false).expect("generated/ is stale");
    }

    /// Changing one type cell in the seed document makes the check fail, and its diff names
    /// the field.
    #[test]
    fn a_changed_type_cell_is_stale_and_named() {
        let root = crate::project_root();
        let spec = std::env::temp_dir().join(format!("xtask-drift-{}", std::process::id()));
        std::fs::create_dir_all(&spec).unwrap();
        for entry in std::fs::read_dir(root.join("spec")).unwrap().flatten() {
            std::fs::copy(entry.path(), spec.join(entry.file_name())).unwrap();
        }
        let doc = spec.join("异常响应.md");
        let text = std::fs::read_to_string(&doc).unwrap();
        let server_id = text.find(">server_id</p>").expect("the seed documents server_id");
        let cell = server_id + text[server_id..].find(">String</p>").unwrap();
        std::fs::write(&doc, format!("{}>Integer</p>{}", &text[..cell], &text[cell + ">String</p>".len()..])).unwrap();

        let output = generate(&spec, false).unwrap();
        let (names, diff) = stale(&root.join("generated"), &output).unwrap();
        std::fs::remove_dir_all(&spec).unwrap();
        assert!(names.contains(&"generated/src/errors.rs".to_owned()), "{names:?}");
        assert!(diff.contains("+    pub server_id: ::std::option::Option<i32>,"), "{diff}");
    }
}
