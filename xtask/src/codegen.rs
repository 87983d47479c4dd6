//! `regen` and `check`: one generation, written to disk or compared with it.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{bail, Context};
use codegen::emit::{files, EmitOptions};
use codegen::lower::Strictness;
use codegen::{Output, Spec};

pub const REGEN: &str = "cargo xtask regen";

fn options() -> EmitOptions {
    EmitOptions { command: REGEN.to_owned(), source_prefix: "spec/".to_owned(), standalone: false }
}

/// Generates from `spec/` in memory, printing diagnostics; fails on any error.
pub fn generate(root: &Path, deny_warnings: bool) -> anyhow::Result<Output> {
    let spec = Spec::load(&root.join("spec")).map_err(|diagnostics| report(&Spec::default(), diagnostics, root))?;
    let sources = spec.sources();
    let mut output = codegen::generate(&spec, Strictness::Strict, &options()).map_err(|d| report(&spec, d, root))?;
    if deny_warnings && !output.diagnostics.is_empty() {
        output.diagnostics.deny_warnings();
        return Err(report(&spec, output.diagnostics, root));
    }
    if !output.diagnostics.is_empty() {
        eprint!("{}", output.diagnostics.render(&sources, "spec/", std::io::stderr().is_terminal()));
    }
    Ok(output)
}

fn report(spec: &Spec, diagnostics: codegen::diagnostics::Diagnostics, root: &Path) -> anyhow::Error {
    let _ = root;
    eprint!("{}", diagnostics.render(&spec.sources(), "spec/", std::io::stderr().is_terminal()));
    let errors = diagnostics.errors().count();
    anyhow::anyhow!("{errors} error{} in spec/; generated/ is unchanged", if errors == 1 { "" } else { "s" })
}

pub fn regen(root: &Path, deny_warnings: bool) -> anyhow::Result<()> {
    let output = generate(root, deny_warnings)?;
    let dir = root.join("generated");
    let changed = files::write(&dir, &output.files).with_context(|| format!("writing {}", dir.display()))?;
    let types: usize = output.schema.modules.values().map(|m| m.types.len()).sum();
    let what = if changed { "updated" } else { "already up to date" };
    eprintln!("generated/ {what}: {} modules, {types} types, {} files", output.schema.modules.len(), output.files.len());
    Ok(())
}

pub fn check(root: &Path, deny_warnings: bool) -> anyhow::Result<()> {
    let output = generate(root, deny_warnings)?;
    let stale = files::stale(&root.join("generated"), &output.files)?;
    if stale.is_empty() {
        eprintln!("generated/ is up to date");
        return Ok(());
    }
    for file in &stale {
        let old = file.on_disk.as_deref().unwrap_or("");
        let new = file.wanted.as_deref().unwrap_or("");
        let path = format!("generated/{}", file.path);
        let diff = similar::TextDiff::from_lines(old, new);
        print!("{}", diff.unified_diff().context_radius(3).header(&path, &format!("{path} (regenerated)")));
    }
    let names: Vec<String> = stale.iter().map(|f| format!("generated/{}", f.path)).collect();
    bail!("{} stale: {}\nrun `{REGEN}` and commit the result", if stale.len() == 1 { "1 file is" } else { "files are" }, names.join(", "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_crate_is_fresh() {
        super::check(&crate::project_root(), false).expect("generated/ is stale");
    }
}
