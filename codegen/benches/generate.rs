//! How long reading and the whole pipeline take.
//!
//! A synthetic document always runs. The real-world trees are read from `../shared/corpus`
//! beside the workspace (licensed test data, never in the repository); when it is absent,
//! those benchmarks are skipped with a message. Run with `cargo bench -p codegen`, or
//! `cargo bench -p codegen -- vpc` for one tree.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use codegen::emit::EmitOptions;
use codegen::lower::Strictness;
use codegen::source::SourceFile;
use codegen::Spec;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

const TREES: &[&str] = &["cph", "evs", "vpc"];

fn options(name: &str) -> EmitOptions {
    EmitOptions { command: format!("cargo xtask corpus {name}"), source_prefix: format!("{name}/"), standalone: true }
}

/// An API page with a request table and a response table of `rows` rows each, half HTML and
/// half pipe table, and a response example.
fn synthetic_doc(rows: usize) -> String {
    let mut doc = String::from(
        "# 查询示例列表<a name=\"topic\"></a>\n\n## URI\n\nGET /v1/{project_id}/examples\n\n## 请求参数\n\n",
    );
    doc.push_str("<a name=\"request\"></a>\n<table><thead align=\"left\"><tr><th><p>参数</p></th><th><p>是否必选</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr>\n</thead>\n<tbody>");
    for i in 0..rows / 2 {
        let _ = write!(
            doc,
            "<tr id=\"row{i}\"><td class=\"cellrowborder\" valign=\"top\"><p id=\"p{i}a\"><a name=\"p{i}a\"></a>field_{i}</p>\n</td>\n<td><p>{required}</p>\n</td>\n<td><p>{ty}</p>\n</td>\n<td><p>第{i}个字段的说明，取值范围：<ul><li>a</li><li>b</li></ul>详情请参见<a href=\"#table{i}\">表{i}</a>。</p>\n</td>\n</tr>\n",
            required = if i % 3 == 0 { "是" } else { "否" },
            ty = ["String", "Integer", "Boolean", "Long"][i % 4],
        );
    }
    doc.push_str("</tbody>\n</table>\n\n## 响应参数\n\n**表 1**  响应Body参数\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n");
    for i in 0..rows - rows / 2 {
        let _ = writeln!(
            doc,
            "| name_{i} | {} | 第{i}个返回值，`code` 与 [链接](#x{i}) |",
            ["String", "Integer", "Boolean"][i % 3]
        );
    }
    doc.push_str("\n## 响应示例\n\n```json\n{\n  \"name_0\": \"a\",\n  \"name_1\": 1\n}\n```\n");
    doc
}

fn synthetic(c: &mut Criterion) {
    let text = synthetic_doc(200);
    let spec = Spec { docs: vec![SourceFile::new("api/examples.md", &text)], config: None };
    let mut group = c.benchmark_group("synthetic-200-rows");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("read", |b| b.iter(|| codegen::read::read_page(&spec.docs[0])));
    let options = options("synthetic");
    assert!(
        codegen::generate(&spec, Strictness::Lenient, &options).is_ok_and(|output| output.schema.modules.len() == 1),
        "the synthetic spec generates one module"
    );
    group.bench_function("generate", |b| {
        b.iter(|| codegen::generate(&spec, Strictness::Lenient, &options).map(|output| output.files.len()).unwrap_or(0))
    });
    group.finish();
}

/// `<workspace>/../shared/corpus`, when it exists.
fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn corpus(c: &mut Criterion) {
    let Some(root) = corpus_dir() else {
        eprintln!(
            "skipping the corpus benchmarks: {} does not exist (the real-world docs are licensed test data kept outside the repository); only the synthetic benchmark ran",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus").display()
        );
        return;
    };
    for tree in TREES {
        let dir = root.join(tree);
        if !dir.is_dir() {
            eprintln!("skipping the corpus tree {tree}: {} does not exist", dir.display());
            continue;
        }
        let spec = match Spec::load(&dir) {
            Ok(spec) => spec,
            Err(diagnostics) => {
                eprintln!(
                    "skipping the corpus tree {tree}: it does not load ({} errors)",
                    diagnostics.errors().count()
                );
                continue;
            }
        };
        let bytes: usize = spec.docs.iter().map(|d| d.text.len()).sum();
        let options = options(&format!("../shared/corpus/{tree}"));
        let mut group = c.benchmark_group(*tree);
        // Whole runs take tens to hundreds of milliseconds: few samples, taken flat.
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("read", |b| b.iter(|| spec.docs.iter().map(codegen::read::read_page).collect::<Vec<_>>()));
        group.bench_function("generate", |b| {
            b.iter(|| {
                codegen::generate(&spec, Strictness::Lenient, &options).map(|output| output.files.len()).unwrap_or(0)
            })
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = synthetic, corpus
}
criterion_main!(benches);
