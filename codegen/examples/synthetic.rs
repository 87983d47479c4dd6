//! Generates a synthetic spec tree of about N megabytes and runs the whole pipeline on it, to
//! measure time and peak memory on a spec larger than any real one:
//!
//! ```text
//! cargo build --release -p codegen --example synthetic
//! /usr/bin/time -v target/release/examples/synthetic 50
//! ```
//!
//! Arguments: the size in MB (default 10), then `--keep` to leave the tree and the generated
//! crate in the temporary directory, `--dir PATH` to write them there instead, `--strict` to
//! also run a strict generation and count its errors (there should be none). The tree has
//! many documents in several directories, each an API page with path, query and body
//! parameters, HTML and pipe tables three levels deep linked by anchor and by `表N`, links to
//! tables of other documents, long Chinese descriptions, and a JSON example. It prints the
//! document count, sizes, what was generated and the seconds each step took.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::config::Config;
use codegen::emit::EmitOptions;
use codegen::lower::Strictness;
use codegen::Spec;

/// Documents per directory.
const PER_DIR: usize = 100;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut megabytes = 10.0_f64;
    let mut keep = false;
    let mut strict = false;
    let mut dir: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--keep" => keep = true,
            "--strict" => strict = true,
            "--dir" => dir = args.next().map(PathBuf::from),
            n => megabytes = n.parse().unwrap_or_else(|_| usage(&format!("not a size in MB: {n}"))),
        }
    }
    let root =
        dir.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("codegen-synthetic-{}", std::process::id())));
    let spec_dir = root.join("spec");
    if spec_dir.exists() {
        std::fs::remove_dir_all(&spec_dir)
            .unwrap_or_else(|e| fail(&format!("cannot clear {}: {e}", spec_dir.display())));
    }

    let started = Instant::now();
    let (docs, bytes) = write_tree(&spec_dir, (megabytes * 1024.0 * 1024.0) as usize);
    let t_write = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let spec = Spec::load(&spec_dir)
        .unwrap_or_else(|d| fail(&format!("the synthetic spec does not load: {} errors", d.errors().count())));
    let t_load = started.elapsed().as_secs_f64();

    // The steps of `codegen::generate`, timed one by one.
    let options = EmitOptions {
        command: "cargo run --example synthetic".to_owned(),
        source_prefix: "spec/".to_owned(),
        standalone: true,
    };
    let started = Instant::now();
    let pages = codegen::read::read_pages(&spec.docs);
    let t_read = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let (schema, diagnostics, _) = codegen::lower::lower(&pages, &Config::default(), Strictness::Lenient);
    let t_lower = started.elapsed().as_secs_f64();
    drop(pages);
    let started = Instant::now();
    let files = codegen::emit::emit(&schema, &options);
    let t_emit = started.elapsed().as_secs_f64();

    let strict_errors = strict.then(|| match codegen::generate(&spec, Strictness::Strict, &options) {
        Ok(_) => 0,
        Err(diagnostics) => diagnostics.errors().count(),
    });

    let started = Instant::now();
    let out_dir = root.join("generated");
    codegen::emit::files::write(&out_dir, &files)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out_dir.display())));
    let t_write_out = started.elapsed().as_secs_f64();

    let types: usize = schema.modules.values().map(|m| m.types.len()).sum();
    let out_bytes: usize = files.values().map(String::len).sum();
    println!("docs {docs}");
    println!("spec bytes {bytes} ({:.1} MB)", bytes as f64 / 1048576.0);
    println!("modules {}, types {types}, files {}, output bytes {out_bytes}", schema.modules.len(), files.len());
    println!(
        "diagnostics (lenient): {} warnings, {} errors",
        diagnostics.warnings().count(),
        diagnostics.errors().count()
    );
    if let Some(errors) = strict_errors {
        println!("errors (strict) {errors}");
    }
    println!(
        "seconds: write tree {t_write:.2}, load {t_load:.2}, read {t_read:.2}, lower {t_lower:.2}, emit {t_emit:.2}, pipeline {:.2}, write output {t_write_out:.2}",
        t_read + t_lower + t_emit
    );
    if keep || dir.is_some() {
        println!("kept {}", root.display());
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
}

fn usage(message: &str) -> ! {
    fail(&format!("{message}\nusage: synthetic [MB] [--keep] [--strict] [--dir PATH]"))
}

fn fail(message: &str) -> ! {
    eprintln!("synthetic: {message}");
    std::process::exit(1)
}

/// Writes documents until `target` bytes are reached. Returns the count and total bytes.
fn write_tree(spec_dir: &Path, target: usize) -> (usize, usize) {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut bytes = 0;
    let mut docs = 0;
    while bytes < target || docs == 0 {
        let path = doc_path(docs);
        let text = document(docs, &mut rng);
        let file = spec_dir.join(&path);
        std::fs::create_dir_all(file.parent().expect("a parent"))
            .unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", file.display())));
        std::fs::write(&file, &text).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", file.display())));
        bytes += text.len();
        docs += 1;
    }
    (docs, bytes)
}

fn doc_path(i: usize) -> String {
    format!("svc{:03}/res{i:05}.md", i / PER_DIR)
}

/// A small deterministic generator (xorshift), so that the same size gives the same tree.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "云手机",
    "服务器",
    "实例",
    "规格",
    "镜像",
    "网络",
    "安全组",
    "磁盘",
    "快照",
    "标签",
    "资源",
    "状态",
    "取值范围",
    "默认值",
    "说明",
];

fn prose(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 && i % 12 == 0 {
            out.push('，');
        }
        out.push_str(WORDS[rng.below(WORDS.len())]);
    }
    out.push('。');
    out
}

const SCALARS: &[(&str, &str)] =
    &[("String", "\"text\""), ("Integer", "1"), ("Long", "1234567890123"), ("Boolean", "true"), ("Float", "1.5")];

/// One API page: path and query parameters, a request body and a response of three nested
/// levels each, a link to a table of an earlier document, and an example.
fn document(i: usize, rng: &mut Rng) -> String {
    let mut doc = String::new();
    let _ = write!(
        doc,
        "# 查询资源{i}<a name=\"topic{i}\"></a>\n\n## 功能介绍\n\n{}\n\n-   接口名称\n\n    ListResource{i}\n\n## URI\n\nGET /v1/\\{{project_id\\}}/resources{i}/\\{{resource_id\\}}?limit=\\{{limit\\}}\n\n",
        prose(rng, 60)
    );
    doc.push_str(
        "## 请求参数\n\n-   路径参数\n\n    | 参数 | 是否必选 | 参数类型 | 描述 |\n    | --- | --- | --- | --- |\n",
    );
    let _ = write!(
        doc,
        "    | project_id | 是 | String | {} |\n    | resource_id | 是 | String | {} |\n\n",
        prose(rng, 10),
        prose(rng, 10)
    );
    doc.push_str("-   Query参数\n\n    | 参数 | 是否必选 | 参数类型 | 描述 |\n    | --- | --- | --- | --- |\n");
    let _ = write!(
        doc,
        "    | limit | 否 | Integer | {} |\n    | tags | 否 | Array of strings | {} |\n\n",
        prose(rng, 10),
        prose(rng, 10)
    );

    doc.push_str("## 请求消息\n\n");
    nested_tables(&mut doc, rng, i, "req", 1, "是否必选 | 参数类型");

    doc.push_str("## 响应参数\n\n**状态码为 200 时:**\n\n");
    let tables = nested_tables(&mut doc, rng, i, "resp", 4, "参数类型");

    // A field that refers to a table of an earlier document, by relative path and anchor.
    if i > 0 {
        let other = rng.below(i);
        let _ = write!(
            doc,
            "**表 {}** peer数据结构说明\n\n<a name=\"peer{i}\"></a>\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| peer | Object | 另一个文档的结构，详情请参见[表1](../{}#req{other}_1)。 |\n\n",
            tables + 1,
            doc_path(other),
        );
    }

    doc.push_str("## 响应样例\n\n状态码为 200 时:\n\n```json\n{\n  \"name\": \"text\",\n  \"count\": 3,\n  \"items\": [\n    {\"id\": \"a\", \"detail\": {\"size\": 1}}\n  ]\n}\n```\n");
    doc
}

/// A top-level table with `name`, `count` and `items` (an array of objects, table 2), whose
/// rows hold `detail` objects (table 3), plus filler rows; returns the number of tables.
fn nested_tables(doc: &mut String, rng: &mut Rng, i: usize, side: &str, extra: usize, columns: &str) -> usize {
    let required = columns.starts_with("是否必选");
    let row = |name: &str, ty: &str, text: &str| {
        if required {
            format!("| {name} | 否 | {ty} | {text} |\n")
        } else {
            format!("| {name} | {ty} | {text} |\n")
        }
    };
    let head = |doc: &mut String| {
        let _ = writeln!(doc, "| 参数 | {columns} | 描述 |");
        doc.push_str(if required { "| --- | --- | --- | --- |\n" } else { "| --- | --- | --- |\n" });
    };
    // Level 1, a pipe table.
    head(doc);
    doc.push_str(&row("name", "String", &prose(rng, 20)));
    doc.push_str(&row("count", "Integer", &prose(rng, 20)));
    doc.push_str(&row(
        "items",
        &format!("Array of {side}_item objects"),
        &format!("条目列表，详情请参见[表1](#{side}{i}_1)。"),
    ));
    for f in 0..extra * 3 {
        let (ty, _) = SCALARS[rng.below(SCALARS.len())];
        doc.push_str(&row(&format!("field_{f}"), ty, &prose(rng, 40)));
    }
    doc.push('\n');
    // Level 2, an HTML table with lists and links in cells.
    let _ = write!(
        doc,
        "**表 1** {side}_item数据结构说明\n\n<a name=\"{side}{i}_1\"></a>\n<table><thead align=\"left\"><tr><th><p>参数</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr></thead>\n<tbody>\n"
    );
    let html_row = |doc: &mut String, name: &str, ty: &str, text: &str| {
        let _ = writeln!(doc, "<tr><td class=\"cellrowborder\" valign=\"top\"><p>{name}</p></td><td><p>{ty}</p></td><td><p>{text}</p></td></tr>");
    };
    html_row(doc, "id", "String", &prose(rng, 20));
    html_row(
        doc,
        "detail",
        &format!("{side}_detail object"),
        &format!("详情，取值：<ul><li>a</li><li>b</li></ul>详情请参见<a href=\"#{side}{i}_2\">表2</a>。"),
    );
    for f in 0..extra * 4 {
        let (ty, _) = SCALARS[rng.below(SCALARS.len())];
        html_row(doc, &format!("attr_{f}"), ty, &prose(rng, 50));
    }
    doc.push_str("</tbody>\n</table>\n\n");
    // Level 3, a pipe table reached by its number.
    let _ = write!(doc, "**表 2** {side}_detail数据结构说明\n\n<a name=\"{side}{i}_2\"></a>\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n");
    doc.push_str(&format!("| size | Integer | {} |\n", prose(rng, 20)));
    for f in 0..extra * 2 {
        let (ty, _) = SCALARS[rng.below(SCALARS.len())];
        doc.push_str(&format!("| meta_{f} | {ty} | {} |\n", prose(rng, 30)));
    }
    doc.push('\n');
    2
}
