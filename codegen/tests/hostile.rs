//! Hostile and malformed docs: each case asserts what the generator does with it, a precise
//! diagnostic in strict mode or a precise property of the emitted Rust.
//!
//! Most docs are one page, `a.md`: [`common::HEADER`] (an operation, so the page is module
//! `list_phones` and its response table is `ListPhonesResponse`) and then the case's body,
//! which starts at line [`common::BODY_LINE`] (9).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use codegen::diagnostics::Code;
use codegen::lower::Strictness;
use codegen::Spec;
use common::{errors, field, fields, find_struct, lenient, module, ok, page, structs, BODY_LINE, MODULE, RESPONSE};

const PIPE_HEADER: &str = "| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n";

/// A response table with these rows (`name | type | description`), as a pipe table: the
/// header is on line 9 and row `i` (from 0) on line 11 + i.
fn rows(rows: &[&str]) -> String {
    let mut body = PIPE_HEADER.to_owned();
    for row in rows {
        body.push_str(&format!("| {row} |\n"));
    }
    body
}

fn response_fields(output: &codegen::Output) -> Vec<common::FieldInfo> {
    fields(find_struct(&module(output, MODULE), RESPONSE))
}

fn codes_at(errors: &[(Code, String, u32)]) -> Vec<(Code, u32)> {
    errors.iter().map(|(code, _, line)| (*code, *line)).collect()
}

// ---------------------------------------------------------------------------------------------
// Tables

#[test]
fn unclosed_html_tags_are_read_and_an_unclosed_table_ends_at_its_block() {
    let body = "<table><tr><th>参数<th>参数类型<th>描述\n<tr><td>name<td>String<td><p>the <b>name</b> of <i>it\n<tr><td>size<td>Integer<td>bytes\n\n## 请求参数\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| filter | String | x |\n";
    let output = ok(&page(body));
    let file = module(&output, MODULE);
    let response = fields(find_struct(&file, RESPONSE));
    let names: Vec<&str> = response.iter().map(|f| f.ident.as_str()).collect();
    assert_eq!(names, ["name", "size"]);
    assert_eq!(field(&response, "name").ty, ":: std :: option :: Option < :: std :: string :: String >");
    assert_eq!(field(&response, "name").docs, [" the name of it"]);
    assert_eq!(field(&response, "size").ty, ":: std :: option :: Option < i32 >");
    // The table never closes, yet the heading after it is still read: the request body is there.
    let body = fields(find_struct(&file, "ListPhonesRequestBody"));
    assert_eq!(body.iter().map(|f| f.ident.as_str()).collect::<Vec<_>>(), ["filter"]);
}

#[test]
fn a_table_without_a_type_column_in_a_response_is_an_error() {
    let body = "| 参数 | 是否必选 | 描述 |\n| --- | --- | --- |\n| id | 是 | x |\n";
    assert_eq!(codes_at(&errors(&page(body))), [(Code::MissingColumn, BODY_LINE)]);
    // Lenient: kept, its values taken as strings.
    let output = lenient(&page(body));
    assert!(output.diagnostics.iter().any(|d| d.code == Code::MissingColumn && d.loc.line == BODY_LINE));
    assert!(field(&response_fields(&output), "id").ty.ends_with(":: std :: string :: String"));
}

#[test]
fn a_table_without_a_name_column_is_an_error() {
    let body = "| 类型 | 是否必选 | 描述 |\n| --- | --- | --- |\n| String | 是 | x |\n";
    assert_eq!(codes_at(&errors(&page(body))), [(Code::MissingColumn, BODY_LINE)]);
    let output = lenient(&page(body));
    assert!(
        !module(&output, MODULE).items.iter().any(|item| matches!(item, syn::Item::Struct(s) if s.ident == RESPONSE)),
        "no response type without names"
    );
}

#[test]
fn an_unknown_type_is_an_error_at_its_cell() {
    let docs = page(&rows(&["ok | String | x", "foo | Foo< | y"]));
    let output =
        codegen::generate(&common::spec(&[("a.md", &docs[0].1)]), Strictness::Strict, &common::options()).unwrap_err();
    let errors: Vec<_> = output.errors().collect();
    assert_eq!(errors.len(), 1, "{}", common::list(&output));
    assert_eq!((errors[0].code, errors[0].loc.line, errors[0].loc.column), (Code::UnknownType, BODY_LINE + 3, 9));
    assert!(errors[0].message.contains("`Foo<`"), "{}", errors[0].message);
    // Lenient: untyped JSON.
    assert_eq!(
        field(&response_fields(&lenient(&docs)), "foo").ty,
        ":: std :: option :: Option < :: serde_json :: Value >"
    );
}

#[test]
fn type_spellings_nested_thousands_deep_are_unknown_types() {
    let generic = format!("{}String{}", "List<".repeat(2000), ">".repeat(2000));
    let english = format!("{}strings", "Array of ".repeat(2000));
    let body = rows(&[
        &format!("a | {generic} | x"),
        &format!("b | {english} | y"),
        "c | List<List<List<Map<String,Array<Integer>>>>> | z",
    ]);
    assert_eq!(
        codes_at(&errors(&page(&body))),
        [(Code::UnknownType, BODY_LINE + 2), (Code::UnknownType, BODY_LINE + 3)]
    );
    let response = response_fields(&lenient(&page(&body)));
    assert_eq!(
        field(&response, "c").ty,
        ":: std :: option :: Option < :: std :: vec :: Vec < :: std :: vec :: Vec < :: std :: vec :: Vec < :: std :: collections :: BTreeMap < :: std :: string :: String , :: std :: vec :: Vec < i32 > > > > > >"
    );
}

#[test]
fn generic_types_in_pipe_cells_are_not_taken_for_html_tags() {
    let body = "| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| ids | List<Integer> | a <b>bold</b> word<br>and a `List<String>` |\n| tags | Map<String,Array<Integer>> | x |\n| transfers | List<Transfer> | y |\n\n**表 1** Transfer对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| amount | Long | z |\n";
    let file = module(&ok(&page(body)), MODULE);
    let response = fields(find_struct(&file, RESPONSE));
    assert_eq!(field(&response, "ids").ty, ":: std :: option :: Option < :: std :: vec :: Vec < i32 > >");
    assert_eq!(
        field(&response, "ids").docs,
        [" a bold word", "", " and a `List<String>`"],
        "real tags are still markup"
    );
    assert_eq!(field(&response, "tags").ty, ":: std :: option :: Option < :: std :: collections :: BTreeMap < :: std :: string :: String , :: std :: vec :: Vec < i32 > > >");
    assert_eq!(field(&response, "transfers").ty, ":: std :: option :: Option < :: std :: vec :: Vec < Transfer > >");
}

#[test]
fn a_link_to_a_missing_anchor_is_a_dangling_reference() {
    // In an HTML table, in a pipe table as inline HTML, and as a Markdown link.
    let html = "<table><tr><th>参数</th><th>参数类型</th><th>描述</th></tr>\n<tr><td>obj</td><td>Object</td><td>详情请参见<a href=\"#nope\">表9</a>。</td></tr>\n</table>\n";
    assert_eq!(codes_at(&errors(&page(html))), [(Code::DanglingReference, BODY_LINE + 1)]);
    let pipe =
        rows(&["inline | Object | 详情请参见<a href=\"#nope\">表9</a>。", "md | Object | 详情请参见[表9](#nope)。"]);
    assert_eq!(
        codes_at(&errors(&page(&pipe))),
        [(Code::DanglingReference, BODY_LINE + 2), (Code::DanglingReference, BODY_LINE + 3)]
    );
    // Lenient: the field is kept as an untyped object.
    assert_eq!(
        field(&response_fields(&lenient(&page(html))), "obj").ty,
        ":: std :: option :: Option < :: std :: collections :: BTreeMap < :: std :: string :: String , :: serde_json :: Value > >"
    );
}

#[test]
fn links_out_of_the_spec_are_errors_and_are_never_followed() {
    let root = common::temp_dir("outside");
    let spec_dir = root.join("spec");
    std::fs::create_dir_all(&spec_dir).unwrap();
    // A document beside the spec, with a table the links name: it must not become a type.
    let secret = root.join("secret.md");
    std::fs::write(&secret, "# 秘密\n\n**表 2** secret对象\n\n<a name=\"t\"></a>\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| password | String | x |\n").unwrap();
    let body = rows(&[
        "up | Object | 详情请参见[表2](../secret.md#t)",
        &format!("abs | Object | 详情请参见[表2]({}#t)", secret.display()),
        "etc | Object | 详情请参见<a href=\"../../etc/passwd\">passwd</a>",
    ]);
    std::fs::write(spec_dir.join("a.md"), format!("{}{body}", common::HEADER)).unwrap();
    // Symbolic links are not followed: not to a document outside, not into a loop.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, spec_dir.join("linked.md")).unwrap();
        std::os::unix::fs::symlink(&root, spec_dir.join("loop")).unwrap();
    }
    let spec = Spec::load(&spec_dir).expect("loads");
    assert_eq!(
        spec.docs.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
        ["a.md"],
        "only the spec directory is read"
    );
    let diagnostics = codegen::generate(&spec, Strictness::Strict, &common::options()).unwrap_err();
    let found: Vec<(Code, u32)> = diagnostics.errors().map(|d| (d.code, d.loc.line)).collect();
    assert_eq!(
        found,
        [(Code::OutsideSpec, BODY_LINE + 2), (Code::OutsideSpec, BODY_LINE + 3), (Code::OutsideSpec, BODY_LINE + 4)],
        "{}",
        common::list(&diagnostics)
    );
    let output = codegen::generate(&spec, Strictness::Lenient, &common::options()).expect("lenient");
    for (path, text) in &output.files {
        assert!(!text.contains("password") && !text.contains("Secret"), "{path} has something from outside the spec");
    }
    let response = response_fields(&output);
    for name in ["up", "abs", "etc"] {
        assert!(field(&response, name).ty.contains("BTreeMap"), "{name} stays untyped");
    }
}

// ---------------------------------------------------------------------------------------------
// Structures defined twice, duplicate and colliding fields, recursion

const TWO_ITEMS: &str = "| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| first | Array of item objects | a |\n| second | Array of item objects | b |\n\n**表 1** item对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| id | String | x |\n\n**表 2** item对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| SECOND_ROW |\n";

#[test]
fn the_same_structure_defined_twice_with_different_fields_is_a_name_collision() {
    let body = TWO_ITEMS.replace("SECOND_ROW", "name | String | x");
    assert_eq!(codes_at(&errors(&page(&body))), [(Code::NameCollision, BODY_LINE + 13)]);
    // With the links saying which table each field means, the two still collide on one name.
    let linked = body.replace("| a |", "| 详情请参见表1 |").replace("| b |", "| 详情请参见表2 |");
    assert_eq!(codes_at(&errors(&page(&linked))), [(Code::NameCollision, BODY_LINE + 13)]);
    // Lenient: both structures are kept, under two names, each field with its own.
    let file = module(&lenient(&page(&linked)), MODULE);
    let response = fields(find_struct(&file, RESPONSE));
    assert_eq!(field(&response, "first").ty, ":: std :: option :: Option < :: std :: vec :: Vec < Item > >");
    let second = field(&response, "second").ty.clone();
    let second_name = second.split(" Vec < ").nth(1).and_then(|s| s.split(' ').next()).unwrap();
    assert_ne!(second_name, "Item");
    assert_eq!(fields(find_struct(&file, second_name)).iter().map(|f| f.ident.as_str()).collect::<Vec<_>>(), ["name"]);
}

#[test]
fn identical_definitions_are_merged_into_one_type() {
    let body = TWO_ITEMS.replace("SECOND_ROW", "id | String | x");
    for body in [body.clone(), body.replace("| a |", "| 详情请参见表1 |").replace("| b |", "| 详情请参见表2 |")]
    {
        let file = module(&ok(&page(&body)), MODULE);
        let names: BTreeSet<String> = structs(&file).iter().map(|s| s.ident.to_string()).collect();
        assert_eq!(names, ["Item", "ListPhonesRequest", RESPONSE].map(str::to_owned).into());
        let response = fields(find_struct(&file, RESPONSE));
        for name in ["first", "second"] {
            assert_eq!(field(&response, name).ty, ":: std :: option :: Option < :: std :: vec :: Vec < Item > >");
        }
    }
}

#[test]
fn a_field_documented_twice_is_a_duplicate_field() {
    let body = rows(&["id | String | a", "name | String | b", "id | Integer | c"]);
    assert_eq!(codes_at(&errors(&page(&body))), [(Code::DuplicateField, BODY_LINE + 4)]);
    let response = response_fields(&lenient(&page(&body)));
    assert_eq!(response.iter().map(|f| f.ident.as_str()).collect::<Vec<_>>(), ["id", "name"]);
    assert!(field(&response, "id").ty.contains("String"), "the first row wins");
}

#[test]
fn fields_whose_identifiers_collide_are_a_field_collision() {
    let body = rows(&["imageRef | String | a", "image_ref | String | b"]);
    assert_eq!(codes_at(&errors(&page(&body))), [(Code::FieldCollision, BODY_LINE + 3)]);
    let response = response_fields(&lenient(&page(&body)));
    let pairs: Vec<(&str, &str)> = response.iter().map(|f| (f.ident.as_str(), f.wire.as_str())).collect();
    assert_eq!(pairs, [("image_ref", "imageRef"), ("image_ref_2", "image_ref")]);
}

const RECURSIVE: &str = "| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| root | node object | a |\n\n**表 1** node对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| child | node object | itself |\n| children | Array of node objects | itself, in a Vec |\n| leaf | leaf object | through another |\n\n**表 2** leaf对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| back | node object | back to node |\n";

#[test]
fn types_that_contain_themselves_are_boxed() {
    let file = module(&ok(&page(RECURSIVE)), MODULE);
    let node = fields(find_struct(&file, "Node"));
    assert_eq!(field(&node, "child").ty, ":: std :: option :: Option < :: std :: boxed :: Box < Node > >");
    assert_eq!(
        field(&node, "children").ty,
        ":: std :: option :: Option < :: std :: vec :: Vec < Node > >",
        "a Vec needs no box"
    );
    let leaf = fields(find_struct(&file, "Leaf"));
    let cycle = [field(&node, "leaf").ty.as_str(), field(&leaf, "back").ty.as_str()];
    assert!(
        cycle.iter().any(|ty| ty.contains(":: std :: boxed :: Box <")),
        "the Node → Leaf → Node cycle has a box: {cycle:?}"
    );
    let response = fields(find_struct(&file, RESPONSE));
    assert_eq!(field(&response, "root").ty, ":: std :: option :: Option < Node >", "no cycle, no box");
}

#[test]
fn a_parameter_named_body_leaves_the_body_its_own_field() {
    let doc = "# 创建\n\n## URI\n\nPOST /v1/things\n\n## 请求参数\n\n-   Query参数\n\n    | 参数 | 是否必选 | 参数类型 | 描述 |\n    | --- | --- | --- | --- |\n    | body | 否 | String | x |\n\n-   请求消息\n\n    | 参数 | 是否必选 | 参数类型 | 描述 |\n    | --- | --- | --- | --- |\n    | name | 是 | String | x |\n";
    let output = ok(&[("a.md", doc.to_owned())]);
    let request = fields(find_struct(&module(&output, "create_things"), "CreateThingsRequest"));
    let idents: Vec<&str> = request.iter().map(|f| f.ident.as_str()).collect();
    assert_eq!(idents, ["body", "body_"]);
    assert_eq!(request[0].ty, ":: std :: option :: Option < :: std :: string :: String >", "the parameter");
    assert!(request[1].ty.ends_with("CreateThingsRequestBody"), "the body: {}", request[1].ty);
}

// ---------------------------------------------------------------------------------------------
// Names

#[test]
fn awkward_field_names_become_valid_identifiers_with_renames() {
    let body = rows(&[
        "type | String | keyword",
        "self | String | keyword that cannot be raw",
        "1st | Integer | leading digit",
        "a.b | String | dots",
        "items[0] | String | brackets",
        "has space | String | spaces",
        "云手机 | String | Chinese",
        "super | String | another keyword that cannot be raw",
    ]);
    let response = response_fields(&ok(&page(&body)));
    let pairs: Vec<(&str, &str)> = response.iter().map(|f| (f.ident.as_str(), f.wire.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("r#type", "type"),
            ("self_", "self"),
            ("n1st", "1st"),
            ("a_b", "a.b"),
            ("items_0", "items[0]"),
            ("has_space", "has space"),
            ("yun_shou_ji", "云手机"),
            ("super_", "super"),
        ]
    );
    // `r#type` needs no rename: serde strips the `r#`.
    assert_eq!(field(&response, "r#type").attrs, ["doc", "serde"]);
}

#[test]
fn a_row_with_an_empty_name_is_an_error() {
    let body = rows(&["id | String | a", " | String | nameless", "`` | String | empty code"]);
    assert_eq!(
        codes_at(&errors(&page(&body))),
        [(Code::MissingColumn, BODY_LINE + 3), (Code::MissingColumn, BODY_LINE + 4)]
    );
    let response = response_fields(&lenient(&page(&body)));
    assert_eq!(response.iter().map(|f| f.ident.as_str()).collect::<Vec<_>>(), ["id"]);
}

#[test]
fn type_names_never_shadow_the_prelude_or_serde() {
    let body = "| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| option | Object | 详情请参见表1 |\n| results | Array of objects | 详情请参见表2 |\n| vec | Vec object | x |\n| boxed | Box object | x |\n| serialize | Serialize object | x |\n| deserialize | Deserialize object | x |\n| string | String object | x |\n\n**表 1** option对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| some | String | x |\n\n**表 2** results说明\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| ok | Boolean | x |\n\n**表 3** Vec对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| v | String | x |\n\n**表 4** Box对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| b | String | x |\n\n**表 5** Serialize对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| s | String | x |\n\n**表 6** Deserialize对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| d | String | x |\n\n**表 7** String对象\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| t | String | x |\n";
    let file = module(&ok(&page(body)), MODULE);
    let names: BTreeSet<String> = structs(&file).iter().map(|s| s.ident.to_string()).collect();
    let expected = [
        "BoxType",
        "DeserializeType",
        "ListPhonesRequest",
        RESPONSE,
        "OptionType",
        "ResultType",
        "SerializeType",
        "StringType",
        "VecType",
    ];
    assert_eq!(names, expected.iter().map(|s| s.to_string()).collect());
    let response = fields(find_struct(&file, RESPONSE));
    assert_eq!(field(&response, "results").ty, ":: std :: option :: Option < :: std :: vec :: Vec < ResultType > >");
    // Every std and serde path the code uses is absolute, so no generated name can capture one.
    for item in structs(&file) {
        for f in fields(item) {
            let tokens: Vec<&str> = f.ty.split(' ').collect();
            for (i, token) in tokens.iter().enumerate() {
                if ["Option", "String", "Vec", "Box", "BTreeMap", "Value"].contains(token) {
                    assert_eq!(tokens[i - 1], "::", "`{token}` is not qualified in {}", f.ty);
                }
            }
        }
        let derive = item
            .attrs
            .iter()
            .find(|a| a.path().is_ident("derive"))
            .map(|a| quote::ToTokens::to_token_stream(a).to_string());
        if let Some(derive) = derive.filter(|d| d.contains("Serialize")) {
            assert!(derive.contains(":: serde :: Serialize , :: serde :: Deserialize"), "{derive}");
        }
    }
}

#[test]
fn nothing_in_names_or_descriptions_is_injected() {
    let title = "# 查询*/ \"q\" #[cfg(any())] </table>\u{1}\n";
    let body = rows(&[
        "a\"b | String | ends */ here \"quoted\" #[cfg(any())] </table> \u{1}\u{7}bell",
        "x*/y | String | /* opens a comment",
        "#[serde(skip)] | String | `#[doc(hidden)]` and `*/`",
        "r#\"raw\"# | String | \\\" escaped quote",
        "z | String | line one<br>#[allow(warnings)]<br>}",
    ]);
    let text = format!("{title}{}", &page(&body)[0].1["# 查询手机\n".len()..]);
    let docs = vec![("a.md", text)];
    let output = ok(&docs);
    let file = module(&output, MODULE);
    // Exactly the expected items, each with only doc and derive attributes.
    let items: Vec<String> = file
        .items
        .iter()
        .map(|item| match item {
            syn::Item::Struct(s) => format!("struct {}", s.ident),
            syn::Item::Impl(i) => format!("impl {}", quote::ToTokens::to_token_stream(&i.self_ty)),
            other => panic!("unexpected item {}", quote::ToTokens::to_token_stream(other)),
        })
        .collect();
    assert_eq!(items, ["struct ListPhonesRequest", "impl ListPhonesRequest", &format!("struct {RESPONSE}")]);
    for item in structs(&file) {
        for attr in &item.attrs {
            let path = quote::ToTokens::to_token_stream(attr.path()).to_string();
            assert!(path == "doc" || path == "derive", "attribute {path} on {}", item.ident);
        }
    }
    let response = fields(find_struct(&file, RESPONSE));
    let wires: Vec<&str> = response.iter().map(|f| f.wire.as_str()).collect();
    assert_eq!(wires, ["a\"b", "x*/y", "#[serde(skip)]", "r#\"raw\"#", "z"]);
    for f in &response {
        assert!(f.attrs.iter().all(|a| a == "doc" || a == "serde"), "{f:?}");
        assert!(f.docs.iter().all(|d| !d.chars().any(char::is_control)), "control characters in {:?}", f.docs);
    }
    let docs = |ident: &str| field(&response, ident).docs.concat();
    assert_eq!(
        docs("a_b"),
        " ends \\*/ here \"quoted\" #\\[cfg(any())\\]   bell",
        "the inline `</table>` tag is no text"
    );
    assert!(docs("x_y").contains("/\\* opens a comment"), "{}", docs("x_y"));
    assert!(docs("serde_skip").contains("`#[doc(hidden)]`"), "{}", docs("serde_skip"));
    assert_eq!(field(&response, "z").docs, [" line one", "", " \\#\\[allow(warnings)\\]", "", " }"]);
    // The title lands in doc comments of lib.rs and of the module, as text.
    let lib = syn::parse_file(&output.files["src/lib.rs"]).expect("lib.rs parses");
    assert!(
        lib.items.iter().all(|item| matches!(item, syn::Item::Mod(m) if m.ident == MODULE)),
        "lib.rs has only the module"
    );
    assert!(
        common::item_docs(&lib.attrs).concat().contains("查询\\*/ \"q\" #\\[cfg(any())\\]"),
        "{:?}",
        common::item_docs(&lib.attrs)
    );
}

// ---------------------------------------------------------------------------------------------
// Files and text

#[test]
fn a_file_that_is_not_utf8_is_reported_with_its_name_and_line() {
    let dir = common::temp_dir("not-utf8");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("good.md"), "# fine\n").unwrap();
    std::fs::write(dir.join("sub/坏.md"), b"# GBK\n\nok\n\xb1\xed 1\n").unwrap();
    std::fs::write(dir.join("z.md"), b"\xff").unwrap();
    let diagnostics = Spec::load(&dir).unwrap_err();
    let found: Vec<(Code, &str, u32)> = diagnostics.iter().map(|d| (d.code, d.loc.file.as_str(), d.loc.line)).collect();
    assert_eq!(found, [(Code::NotUtf8, "sub/坏.md", 4), (Code::NotUtf8, "z.md", 1)]);
    assert!(diagnostics.iter().all(|d| d.is_error()));
}

const MIXED: &str = "<a name=\"t1\"></a>\n<table><tr><th>参数</th><th>参数类型</th><th>描述</th></tr>\n<tr><td>id</td><td>String</td><td><p>one</p>\n<p>two</p></td></tr>\n<tr><td>item</td><td>Object</td><td>详情请参见<a href=\"#t2\">表1</a></td></tr>\n</table>\n\n**表 1** item对象\n\n<a name=\"t2\"></a>\n\n| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| size | Integer | line<br>break |\n\n## 响应样例\n\n```json\n{\n  \"id\": \"a\",\n  \"item\": {\"size\": 1}\n}\n```\n";

#[test]
fn crlf_line_endings_give_the_same_output_as_lf() {
    let lf = page(MIXED);
    let crlf = vec![("a.md", lf[0].1.replace('\n', "\r\n"))];
    let (lf, crlf) = (ok(&lf), ok(&crlf));
    assert_eq!(lf.files, crlf.files);
    assert_eq!(lf.schema, crlf.schema);
    assert!(lf.files.contains_key("tests/examples.rs"), "the example is found");
}

#[test]
fn an_empty_file_gives_an_empty_crate() {
    let output = common::generate(&[("empty.md", "")], Strictness::Strict).expect("succeeds");
    assert!(output.diagnostics.is_empty(), "{}", common::list(&output.diagnostics));
    assert_eq!(output.files.keys().collect::<Vec<_>>(), ["Cargo.toml", "schema.json", "src/lib.rs"]);
    let lib = syn::parse_file(&output.files["src/lib.rs"]).expect("parses");
    assert!(lib.items.is_empty());
}

#[test]
fn a_page_without_tables_defines_nothing() {
    let text = "# 概述\n\n说明文字。\n\n## 小节\n\n- 一项\n- 二项\n\n```json\n{\"a\": 1}\n```\n\n| 不是 | 参数表 |\n| --- | --- |\n| x | y |\n";
    let output = common::generate(&[("intro.md", text)], Strictness::Strict).expect("succeeds");
    assert!(output.diagnostics.is_empty(), "{}", common::list(&output.diagnostics));
    assert!(output.schema.modules.is_empty());
    // An operation without tables: its request type, and nothing else.
    let output = ok(&[("a.md", common::HEADER.to_owned())]);
    let names: Vec<String> = structs(&module(&output, MODULE)).iter().map(|s| s.ident.to_string()).collect();
    assert_eq!(names, ["ListPhonesRequest"]);
}

#[test]
fn ragged_pipe_rows_are_padded_and_cut() {
    let body = "| 参数 | 参数类型 | 描述 |\n| --- | --- | --- |\n| short |\n| typed | String |\n| long | String | d | extra | more |\n";
    // The short row has no type: reported at its own line, not the next one.
    assert_eq!(codes_at(&errors(&page(body))), [(Code::UnknownType, BODY_LINE + 2)]);
    let response = response_fields(&lenient(&page(body)));
    assert_eq!(response.iter().map(|f| f.ident.as_str()).collect::<Vec<_>>(), ["short", "typed", "long"]);
    assert!(field(&response, "short").ty.contains("serde_json :: Value"));
    assert!(field(&response, "typed").docs.is_empty());
    assert_eq!(field(&response, "long").docs, [" d"], "cells past the header are dropped");
}

#[test]
fn escaped_pipes_stay_in_their_cell() {
    let body = rows(&["a\\|b | String | x \\| y `c\\|d`", "`e\\|f` | Map<String\\|String> | z"]);
    let response = response_fields(&lenient(&page(&body)));
    assert_eq!(field(&response, "a_b").wire, "a|b");
    assert_eq!(field(&response, "a_b").docs, [" x \\| y `c|d`"]);
    assert_eq!(field(&response, "e_f").wire, "e|f");
    let output = ok(&page(&rows(&["a\\|b | String | x \\| y"])));
    assert_eq!(response_fields(&output).len(), 1);
}

#[test]
fn rowspan_and_colspan_are_expanded() {
    let body = "<table><thead><tr><th>参数</th><th>参数类型</th><th>描述</th></tr></thead>\n<tbody><tr><td colspan=\"3\">通用字段</td></tr>\n<tr><td>a</td><td>String</td><td rowspan=\"2\">shared text</td></tr>\n<tr><td>b</td><td>Integer</td></tr>\n<tr><td>c</td><td colspan=\"2\">String</td></tr>\n<tr><td rowspan=\"100000\" colspan=\"100000\">huge</td></tr>\n</tbody></table>\n";
    let output = lenient(&page(body));
    let response = response_fields(&output);
    let summary: Vec<(&str, &str, Vec<String>)> = response
        .iter()
        .filter(|f| f.ident != "huge")
        .map(|f| (f.ident.as_str(), f.ty.as_str(), f.docs.clone()))
        .collect();
    let string = ":: std :: option :: Option < :: std :: string :: String >";
    assert_eq!(
        summary,
        [
            ("a", string, vec![" shared text".to_owned()]),
            ("b", ":: std :: option :: Option < i32 >", vec![" shared text".to_owned()]),
            ("c", string, vec![" String".to_owned()]),
        ]
    );
    // The sub-heading row spanning all columns is no field; strict mode accepts the table as
    // soon as the huge span is gone.
    let strict = ok(&page(&body.replace("<tr><td rowspan=\"100000\" colspan=\"100000\">huge</td></tr>\n", "")));
    assert_eq!(response_fields(&strict).len(), 3);
}

#[test]
fn a_200_kb_description_is_kept_whole() {
    let description: String = (0..20_000).map(|i| format!("word{i:05} ")).collect();
    assert!(description.len() >= 200_000);
    let body = rows(&[&format!("big | String | {description}")]);
    let response = response_fields(&ok(&page(&body)));
    let doc = field(&response, "big").docs.concat();
    assert_eq!(doc.trim(), description.trim());
}

fn nested_cell(depth: usize, open: &str, close: &str) -> String {
    format!(
        "<table><tr><th>参数</th><th>参数类型</th><th>描述</th></tr>\n<tr><td>deep</td><td>String</td><td>{}bottom <a href=\"https://example.com/x\">link</a>{}</td></tr>\n</table>\n",
        open.repeat(depth),
        close.repeat(depth)
    )
}

#[test]
fn html_nested_50_deep_in_a_cell_keeps_its_text_and_links() {
    let output = ok(&page(&nested_cell(50, "<span><em>", "</em></span>")));
    assert_eq!(field(&response_fields(&output), "deep").docs, [" bottom [link](https://example.com/x)"]);
}

#[test]
fn html_nested_5000_deep_does_not_overflow_the_stack() {
    for (open, close) in [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<b>", "</b>"),
    ] {
        let output = lenient(&page(&nested_cell(5000, open, close)));
        let docs = field(&response_fields(&output), "deep").docs.concat();
        assert!(docs.contains("bottom"), "{open}: {docs}");
    }
    // Inline HTML in a pipe cell, and Markdown nesting outside tables.
    let pipe = rows(&[&format!("deep | String | {}bottom{}", "<span>".repeat(5000), "</span>".repeat(5000))]);
    assert_eq!(field(&response_fields(&ok(&page(&pipe))), "deep").docs, [" bottom"]);
    let quotes = format!("{}{}\n\n{}", ">".repeat(5000), " deep quote", rows(&["id | String | x"]));
    assert_eq!(response_fields(&lenient(&page(&quotes))).len(), 1);
    let lists: String = (0..5000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    let output = ok(&[("a.md", format!("{}{lists}", common::HEADER))]);
    let names: Vec<String> = structs(&module(&output, MODULE)).iter().map(|s| s.ident.to_string()).collect();
    assert_eq!(names, ["ListPhonesRequest"], "5000 nested list items hold no table");
}

// ---------------------------------------------------------------------------------------------
// The one test that compiles what is emitted

/// `tests/fixtures/hostile`: three documents and a config with most of the cases above at once
/// (keywords, digits, dots, Chinese, collisions, shadowing type names, direct, indirect and
/// cross-module recursion, injection attempts, a link out of the spec, an example).
fn hostile_spec() -> Spec {
    Spec::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")).expect("the fixture loads")
}

/// Strict mode lists every problem of the fixture; lenient mode emits a crate that
/// `cargo test` builds with warnings denied and whose example round-trips. This is the only
/// test that runs cargo: its target directory, `target/hostile-target`, is kept between runs.
#[test]
fn the_crate_emitted_for_a_hostile_spec_builds_and_its_example_round_trips() {
    let spec = hostile_spec();
    let strict = codegen::generate(&spec, Strictness::Strict, &common::options()).unwrap_err();
    let found: Vec<(Code, &str, u32)> = strict.errors().map(|d| (d.code, d.loc.file.as_str(), d.loc.line)).collect();
    assert_eq!(
        found,
        [
            (Code::MissingColumn, "a.md", 47),
            (Code::FieldCollision, "a.md", 49),
            (Code::DuplicateField, "a.md", 51),
            (Code::UnknownType, "a.md", 52),
            (Code::FieldCollision, "a.md", 53),
            (Code::OutsideSpec, "sub/b.md", 21),
        ],
        "{}",
        common::list(&strict)
    );
    let output =
        codegen::generate(&spec, Strictness::Lenient, &common::options()).expect("lenient generation succeeds");
    common::parse_all(&output);
    let file = module(&output, MODULE);
    let node = fields(find_struct(&file, "Node"));
    assert_eq!(field(&node, "child").ty, ":: std :: option :: Option < :: std :: boxed :: Box < Node > >");
    // Value lists with awkward values become enums, whose variants must compile too.
    let enums: Vec<Vec<String>> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Enum(e) => Some(e.variants.iter().map(|v| v.ident.to_string()).collect()),
            _ => None,
        })
        .collect();
    assert!(
        enums.iter().any(|v| v.contains(&"UnknownValue".to_owned()) && v.contains(&"SelfValue".to_owned())),
        "{enums:?}"
    );

    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace").to_path_buf();
    let crate_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-crate");
    codegen::emit::files::write(&crate_dir, &output.files).expect("writes the crate");
    // The workspace's lock file pins the same serde versions the workspace already built.
    if let Ok(lock) = std::fs::read(workspace.join("Cargo.lock")) {
        std::fs::write(crate_dir.join("Cargo.lock"), lock).expect("writes Cargo.lock");
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let run = std::process::Command::new(cargo)
        .args(["test", "-j", "2", "--quiet"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", workspace.join("target/hostile-target"))
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("runs cargo");
    let log = format!("{}\n{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "the emitted crate in {} does not build or pass:\n{log}", crate_dir.display());
    assert!(log.contains("2 passed"), "both example tests ran:\n{log}");
}
