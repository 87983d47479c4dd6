use codegen::emit::EmitOptions;
use codegen::lower::Strictness;
use codegen::source::SourceFile;
use codegen::Spec;

fn run(docs: &[(&str, &str)], s: Strictness) {
    let spec = Spec { docs: docs.iter().map(|(p, t)| SourceFile::new(*p, t)).collect(), config: None };
    let o = EmitOptions { command: "t".into(), source_prefix: "spec/".into(), standalone: true };
    match codegen::generate(&spec, s, &o) {
        Ok(out) => {
            for d in out.diagnostics.iter() { println!("{d}"); }
            for (p, f) in &out.files { if p.ends_with(".rs") && p != "src/lib.rs" { println!("=== {p}\n{f}"); } }
        }
        Err(d) => for d in d.iter() { println!("{d}"); },
    }
}

#[test]
fn scratch() {
    let doc = std::fs::read_to_string(std::env::var("DOC").unwrap()).unwrap();
    run(&[("a.md", &doc)], Strictness::Strict);
    println!("------ lenient");
    run(&[("a.md", &doc)], Strictness::Lenient);
}
