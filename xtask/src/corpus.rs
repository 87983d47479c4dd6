//! `corpus`: the pipeline on a tree of docs you do not control, into a scratch crate under
//! `target/` that is built and tested, then a report of what held and what did not.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use codegen::diagnostics::{Diagnostic, Severity};
use codegen::emit::{files, EmitOptions};
use codegen::lower::Strictness;
use codegen::schema::TypeDef;
use codegen::Spec;
use serde::Serialize;
use xshell::{cmd, Shell};

/// The report, as printed and as written with `--json`.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub docs: usize,
    pub api_docs: usize,
    pub operations: usize,
    pub param_tables: usize,
    pub types: usize,
    pub fields: usize,
    pub examples: usize,
    pub examples_passed: usize,
    pub examples_failed: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Whether the scratch crate builds and passes clippy, warnings denied in both.
    pub compile_ok: bool,
    pub seconds_generate: f64,
    /// JSON examples that are not valid JSON: counted apart, and listed in `failures`.
    pub examples_invalid_json: usize,
    /// Warnings by kind.
    pub warnings_by_kind: BTreeMap<String, usize>,
    /// How often each known quirk of the docs was fixed.
    pub fixups: BTreeMap<String, usize>,
    pub failures: Vec<Failure>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Failure {
    pub file: String,
    pub line: u32,
    pub kind: String,
    pub message: String,
}

impl Report {
    /// Examples that round-trip, as a percentage of all JSON examples.
    pub fn pass_rate(&self) -> f64 {
        if self.examples == 0 {
            100.0
        } else {
            100.0 * self.examples_passed as f64 / self.examples as f64
        }
    }
}

pub fn run(root: &Path, dir: &Path, json: Option<&Path>, build: bool, baseline: Option<&Path>) -> anyhow::Result<()> {
    let report = report(root, dir, build)?;
    print_report(dir, &report);
    if let Some(path) = json {
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if build && !report.compile_ok {
        anyhow::bail!("the scratch crate for {} does not compile warning-free", dir.display());
    }
    if let Some(path) = baseline {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let baselines: BTreeMap<String, Baseline> =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let baseline =
            baselines.get(&name).with_context(|| format!("{} has no baseline for `{name}`", path.display()))?;
        baseline
            .check(&report, build)
            .with_context(|| format!("{name} fell below its baseline in {}", path.display()))?;
        println!("  at or above the baseline in {}", path.display());
    }
    Ok(())
}

/// The least a tree must keep reaching. Raise it when the generator improves.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Baseline {
    /// Examples that round-trip, in percent of the JSON examples.
    min_pass_rate: f64,
    /// Examples that round-trip, in absolute numbers.
    min_examples_passed: usize,
    min_operations: usize,
    min_types: usize,
    max_errors: usize,
    /// Each known quirk fix must still apply at least this often: one that stops matching has
    /// become stale.
    #[serde(default)]
    fixups: BTreeMap<String, usize>,
}

impl Baseline {
    fn check(&self, report: &Report, built: bool) -> anyhow::Result<()> {
        let mut problems = Vec::new();
        if built && report.pass_rate() < self.min_pass_rate {
            problems.push(format!("pass rate {:.1}% < {:.1}%", report.pass_rate(), self.min_pass_rate));
        }
        if built && report.examples_passed < self.min_examples_passed {
            problems.push(format!("examples passed {} < {}", report.examples_passed, self.min_examples_passed));
        }
        if report.operations < self.min_operations {
            problems.push(format!("operations {} < {}", report.operations, self.min_operations));
        }
        if report.types < self.min_types {
            problems.push(format!("types {} < {}", report.types, self.min_types));
        }
        if report.errors > self.max_errors {
            problems.push(format!("errors {} > {}", report.errors, self.max_errors));
        }
        for (fixup, min) in &self.fixups {
            let applied = report.fixups.get(fixup).copied().unwrap_or(0);
            if applied < *min {
                problems.push(format!(
                    "fixup `{fixup}` applied {applied} times < {min}: the docs may no longer have that quirk"
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            anyhow::bail!(problems.join("; "))
        }
    }
}

pub fn report(root: &Path, dir: &Path, build: bool) -> anyhow::Result<Report> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "corpus".to_owned());
    let prefix = format!("{}/", dir.display());
    let options = EmitOptions {
        command: format!("cargo xtask corpus {}", dir.display()),
        source_prefix: prefix.clone(),
        standalone: true,
    };
    let mut report = Report::default();
    let started = Instant::now();
    let spec = match Spec::load(dir) {
        Ok(spec) => spec,
        Err(diagnostics) => {
            report.failures.extend(diagnostics.iter().map(|d| failure(&prefix, d)));
            report.errors = diagnostics.errors().count();
            Spec::default()
        }
    };
    report.docs = spec.docs.len() + report.errors;
    let output = codegen::generate(&spec, Strictness::Lenient, &options);
    report.seconds_generate = started.elapsed().as_secs_f64();
    let output = match output {
        Ok(output) => output,
        Err(diagnostics) => {
            report.errors += diagnostics.errors().count();
            report.warnings += diagnostics.warnings().count();
            report
                .failures
                .extend(diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| failure(&prefix, d)));
            return Ok(report);
        }
    };
    count_schema(&mut report, &output);
    report.warnings = output.diagnostics.warnings().count();
    for warning in output.diagnostics.warnings() {
        *report.warnings_by_kind.entry(warning.code.kind().to_owned()).or_default() += 1;
        if std::env::var_os("CORPUS_WARNINGS").is_some() {
            eprintln!("{prefix}{warning}");
        }
    }
    report.errors += output.diagnostics.errors().count();
    let invalid: Vec<&Diagnostic> = output.diagnostics.iter().filter(|d| d.code.kind() == "bad-example").collect();
    report.examples_invalid_json = invalid.len();
    report.failures.extend(invalid.into_iter().map(|d| failure(&prefix, d)));
    report.fixups = output.schema.fixups.clone();
    report.failures.extend(output.diagnostics.errors().map(|d| failure(&prefix, d)));
    if build {
        let crate_dir = root.join("target/corpus").join(&name);
        files::write(&crate_dir, &output.files)?;
        let built = build_and_test(root, &crate_dir)?;
        report.compile_ok = built.warning_free;
        report.examples_passed = built.examples_passed;
        report.examples_failed = built.example_failures.len();
        report.failures.extend(built.example_failures);
    }
    report.failures.sort();
    Ok(report)
}

fn count_schema(report: &mut Report, output: &codegen::Output) {
    let schema = &output.schema;
    report.param_tables = output.stats.param_tables;
    report.api_docs = schema.modules.values().filter(|m| !m.operations.is_empty()).count();
    report.operations = schema.modules.values().map(|m| m.operations.len()).sum();
    for ty in schema.modules.values().flat_map(|m| m.types.values()) {
        report.types += 1;
        match ty {
            TypeDef::Struct(s) => {
                report.fields += s.fields.len();
                report.examples += s.examples.len();
            }
            TypeDef::Request(r) => report.fields += r.params.len(),
            TypeDef::Enum(_) => {}
        }
    }
}

fn failure(prefix: &str, diagnostic: &Diagnostic) -> Failure {
    Failure {
        file: format!("{prefix}{}", diagnostic.loc.file),
        line: diagnostic.loc.line,
        kind: diagnostic.code.kind().to_owned(),
        message: diagnostic.message.clone(),
    }
}

/// What building and testing the scratch crate gave.
struct Built {
    /// Whether it builds and passes clippy, warnings denied in both.
    warning_free: bool,
    examples_passed: usize,
    example_failures: Vec<Failure>,
}

/// Builds the scratch crate with warnings denied, runs its example tests and clippy.
fn build_and_test(root: &Path, crate_dir: &Path) -> anyhow::Result<Built> {
    let sh = Shell::new()?;
    sh.change_dir(crate_dir);
    sh.set_var("CARGO_TARGET_DIR", root.join("target/corpus-target"));
    sh.set_var("RUSTFLAGS", "-D warnings");
    let build = cmd!(sh, "cargo test --quiet --no-run").ignore_status().output()?;
    if !build.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&build.stderr));
        return Ok(Built { warning_free: false, examples_passed: 0, example_failures: Vec::new() });
    }
    let test = cmd!(sh, "cargo test --test examples -- --test-threads 2").ignore_status().output()?;
    let clippy = cmd!(sh, "cargo clippy --quiet --all-targets -- -D warnings").ignore_status().output()?;
    if !clippy.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&clippy.stderr));
    }
    let (examples_passed, example_failures) = parse_test_output(&String::from_utf8_lossy(&test.stdout));
    Ok(Built { warning_free: clippy.status.success(), examples_passed, example_failures })
}

/// Reads libtest's output: how many tests passed, and each failure with its panic message,
/// which starts with `file:line:`.
fn parse_test_output(stdout: &str) -> (usize, Vec<Failure>) {
    let passed = stdout.lines().filter(|l| l.starts_with("test ") && l.ends_with(" ... ok")).count();
    let mut failures = Vec::new();
    let mut lines = stdout.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("---- ") && line.ends_with(" stdout ----") {
            let message = lines.by_ref().skip_while(|l| !l.contains("panicked at")).nth(1).unwrap_or_default();
            let (place, text) = message.split_once(": ").unwrap_or(("", message));
            let (file, line) = place.rsplit_once(':').unwrap_or((place, "0"));
            failures.push(Failure {
                file: file.to_owned(),
                line: line.parse().unwrap_or(0),
                kind: "example".to_owned(),
                message: text.to_owned(),
            });
        }
    }
    (passed, failures)
}

fn print_report(dir: &Path, report: &Report) {
    println!("corpus {}", dir.display());
    println!("  docs {} (with operations {}), operations {}", report.docs, report.api_docs, report.operations);
    println!("  parameter tables {}, types {}, fields {}", report.param_tables, report.types, report.fields);
    println!(
        "  examples {}: {} passed, {} failed ({:.1}% pass)",
        report.examples,
        report.examples_passed,
        report.examples_failed,
        report.pass_rate()
    );
    println!("  examples that are not valid JSON {} (listed below, not counted above)", report.examples_invalid_json);
    println!(
        "  errors {}, warnings {}, compiles {}, generated in {:.3} s",
        report.errors, report.warnings, report.compile_ok, report.seconds_generate
    );
    let kinds: Vec<String> = report.warnings_by_kind.iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    if !kinds.is_empty() {
        println!("  warnings by kind: {}", kinds.join(", "));
    }
    for (fixup, count) in &report.fixups {
        println!("  fixup {fixup} applied {count} times");
    }
    let mut by_kind: BTreeMap<&str, Vec<&Failure>> = BTreeMap::new();
    for failure in &report.failures {
        by_kind.entry(&failure.kind).or_default().push(failure);
    }
    for (kind, failures) in by_kind {
        println!("  {kind} ({}):", failures.len());
        for f in failures {
            println!("    {}:{}: {}", f.file, f.line, f.message);
        }
    }
}
