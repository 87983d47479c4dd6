//! The config file: names it gives, renames it makes, and entries that no longer match.

use codegen::diagnostics::Code;
use codegen::emit::EmitOptions;
use codegen::lower::Strictness;
use codegen::source::SourceFile;
use codegen::Spec;

const DOC: &str = "# 错误\n\n## 甲API\n\n-   响应参数\n\n    | 参数 | 参数类型 | 描述 |\n    | --- | --- | --- |\n    | code | String | 错误码 |\n    | items | Array of objects | 详情请参见表1 |\n\n    **表 1**  items数据结构说明\n\n    | 参数 | 参数类型 | 描述 |\n    | --- | --- | --- |\n    | id | String | ID |\n";

fn run(config: &str) -> Result<codegen::Output, codegen::diagnostics::Diagnostics> {
    let spec = Spec { docs: vec![SourceFile::new("e.md", DOC)], config: Some(SourceFile::new("codegen.toml", config)) };
    let options = EmitOptions { command: "cargo test".into(), source_prefix: "spec/".into(), standalone: true };
    codegen::generate(&spec, Strictness::Strict, &options)
}

#[test]
fn config_names_module_and_sections_and_renames_types() {
    let output = run("[docs.\"e.md\"]\nmodule = \"errors\"\nsections = { \"甲API\" = \"Alpha\" }\ntypes = { \"Item\" = \"AlphaItem\" }\n").unwrap();
    let module = &output.schema.modules["errors"];
    let names: Vec<&String> = module.types.keys().collect();
    assert_eq!(names, ["AlphaItem", "AlphaResponse"]);
    assert!(output.files["src/errors.rs"].contains("pub items: ::std::option::Option<::std::vec::Vec<AlphaItem>>,"));
}

#[test]
fn without_config_the_error_says_what_to_add() {
    let errors = run("").unwrap_err();
    let codes: Vec<Code> = errors.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::UnnamedType, Code::UnnamedType]);
    let section = errors.iter().find(|d| d.message.contains("甲API")).expect("the heading is named");
    assert_eq!(section.loc.line, 7);
    assert!(section.hint.as_deref().unwrap().contains("[docs.\"e.md\".sections]\n\"甲API\" = \"UpperCamelCaseName\""));
}

#[test]
fn stale_and_malformed_entries_are_errors_at_their_line() {
    let errors = run("[docs.\"e.md\"]\nmodule = \"errors\"\nsections = { \"甲API\" = \"Alpha\" }\n\n[docs.\"gone.md\"]\nmodule = \"x\"\n").unwrap_err();
    let gone = errors.iter().find(|d| d.code == Code::Config).expect("a config error");
    assert_eq!((gone.loc.file.as_str(), gone.loc.line), ("codegen.toml", 5));
    assert!(gone.message.contains("gone.md"));

    let errors = run("[docs.\"e.md\"]\nmodule = \"errors\"\nsections = { \"乙API\" = \"Beta\" }\n").unwrap_err();
    assert!(
        errors.iter().any(|d| d.code == Code::Config && d.loc.line == 3 && d.message.contains("乙API")),
        "{errors:?}"
    );

    let errors = run("[docs.\"e.md\"]\nmodul = \"errors\"\n").unwrap_err();
    let typo = errors.iter().find(|d| d.code == Code::Config).expect("a config error");
    assert_eq!(typo.loc.line, 2);

    let errors = run(
        "[docs.\"e.md\"]\nmodule = \"errors\"\nsections = { \"甲API\" = \"Alpha\" }\ntypes = { \"Nope\" = \"X\" }\n",
    )
    .unwrap_err();
    assert!(
        errors.iter().any(|d| d.code == Code::Config && d.loc.line == 4 && d.message.contains("Nope")),
        "{errors:?}"
    );
}
