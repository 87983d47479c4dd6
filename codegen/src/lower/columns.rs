//! Recognising parameter tables by their header row, whatever the column names and order.

/// Which column holds what, in a parameter table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub name: usize,
    pub ty: Option<usize>,
    pub required: Option<usize>,
    pub description: Option<usize>,
}

/// What a table is, judged by its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableKind {
    Params(Columns),
    /// A table that documents parameters but lacks a column that says what they are.
    MissingName,
    /// An error-code catalogue: code, message and what else the docs say of each code.
    ErrorCodes(ErrorColumns),
    /// Anything else: status codes, revision history, permissions. Skipped.
    Other,
}

/// Which column holds what, in an error-code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorColumns {
    pub code: usize,
    pub message: usize,
    pub description: Option<usize>,
    pub status: Option<usize>,
    pub action: Option<usize>,
}

const NAME: &[&str] = &[
    "参数",
    "名称",
    "参数名称",
    "属性",
    "参数名",
    "字段",
    "字段名",
    "字段名称",
    "parameter",
    "name",
    "field",
    "property",
];
const TYPE: &[&str] = &["参数类型", "类型", "数据类型", "字段类型", "type", "datatype"];
const REQUIRED: &[&str] = &["是否必选", "必选", "是否必填", "必填", "必选/可选", "mandatory", "required"];
const DESCRIPTION: &[&str] = &["描述", "说明", "备注", "参数说明", "description"];
/// A description column under another name, used only when no column above is present.
const DESCRIPTION_FALLBACK: &[&str] = &["约束"];

pub fn classify(header: &[String]) -> TableKind {
    let normalised: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let find = |names: &[&str]| normalised.iter().position(|h| names.contains(&h.as_str()));
    if let (Some(code), Some(message)) =
        (find(&["错误码", "errorcode"]), find(&["errormessage", "错误信息", "错误消息"]))
    {
        return TableKind::ErrorCodes(ErrorColumns {
            code,
            message,
            description: find(&["错误描述", "描述", "说明"]),
            status: find(&["状态码", "httpstatus", "statuscode"]),
            action: find(&["处理措施", "解决方案"]),
        });
    }
    let name = find(NAME);
    let ty = find(TYPE);
    let required = find(REQUIRED);
    let description = find(DESCRIPTION).or_else(|| find(DESCRIPTION_FALLBACK));
    match name {
        Some(name) if ty.is_some() || required.is_some() => {
            TableKind::Params(Columns { name, ty, required, description })
        }
        None if ty.is_some() && required.is_some() => TableKind::MissingName,
        _ => TableKind::Other,
    }
}

fn normalise(header: &str) -> String {
    header.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(header: &[&str]) -> TableKind {
        classify(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parameter_tables_in_any_order() {
        assert_eq!(
            kind(&["参数", "参数类型", "描述"]),
            TableKind::Params(Columns { name: 0, ty: Some(1), required: None, description: Some(2) })
        );
        assert_eq!(
            kind(&["参数", "参数类型", "是否必选", "描述"]),
            TableKind::Params(Columns { name: 0, ty: Some(1), required: Some(2), description: Some(3) })
        );
        assert_eq!(
            kind(&["名称", "是否必选", "说明"]),
            TableKind::Params(Columns { name: 0, ty: None, required: Some(1), description: Some(2) })
        );
        assert_eq!(
            kind(&["属性", "是否必选", "类型", "约束", "说明"]),
            TableKind::Params(Columns { name: 0, ty: Some(2), required: Some(1), description: Some(4) })
        );
        assert_eq!(
            kind(&["名称", "是否必选", "参数类型", "约束"]),
            TableKind::Params(Columns { name: 0, ty: Some(2), required: Some(1), description: Some(3) })
        );
        assert_eq!(
            kind(&["Name", "Type", "Description"]),
            TableKind::Params(Columns { name: 0, ty: Some(1), required: None, description: Some(2) })
        );
    }

    #[test]
    fn other_tables_are_not_parameters() {
        for header in [
            &["发布日期", "修订记录"][..],
            &["状态码", "描述"],
            &["类型", "子类型", "说明"],
            &["正常返回码", "类型", "说明"],
            &["参数", "描述"],
        ] {
            assert_eq!(kind(header), TableKind::Other, "{header:?}");
        }
        assert_eq!(kind(&["类型", "是否必选", "描述"]), TableKind::MissingName);
        assert!(matches!(
            kind(&["状态码", "错误码", "Error Message", "处理措施"]),
            TableKind::ErrorCodes(ErrorColumns { code: 1, message: 2, .. })
        ));
    }
}
