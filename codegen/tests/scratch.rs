use codegen::emit::EmitOptions;
use codegen::lower::Strictness;

#[test]
fn scratch() {
    let spec = codegen::Spec::load(std::path::Path::new(&std::env::var("DIR").unwrap())).unwrap();
    let o = EmitOptions { command: "t".into(), source_prefix: "spec/".into(), standalone: true };
    for s in [Strictness::Strict, Strictness::Lenient] {
        println!("------ {s:?}");
        match codegen::generate(&spec, s, &o) {
            Ok(out) => {
                for d in out.diagnostics.iter() { println!("{d}"); }
                for (p, f) in &out.files { if p.ends_with(".rs") { println!("=== {p}\n{f}"); } }
            }
            Err(d) => for d in d.iter() { println!("{d}"); },
        }
    }
}
