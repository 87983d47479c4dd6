//! The HTTP operation of an API page: its name, method and path template.

use crate::read::{BlockKind, Page};
use crate::source::Loc;

use super::naming::{self, Case};

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationFacts {
    /// UpperCamelCase name: the documented 接口名称, or derived from method and path.
    pub name: String,
    pub method: String,
    /// The path template, without scheme, host and query string.
    pub path: String,
    /// Names of the `{placeholders}` in the path, in order.
    pub path_params: Vec<String>,
    /// Names in the documented query string (`?limit={limit}`).
    pub query_params: Vec<String>,
    pub loc: Loc,
}

/// Finds the operation of a page: the first `METHOD /path` line in a URI section.
pub fn find(page: &Page) -> Option<OperationFacts> {
    let (line, loc) = page.blocks.iter().find_map(|block| {
        let in_uri = block.section.iter().any(|s| s.to_ascii_uppercase().starts_with("URI"));
        let text = match &block.kind {
            BlockKind::Paragraph(t) | BlockKind::Label(t) if in_uri => t.single_line(),
            _ => return None,
        };
        request_line(&text).map(|line| (line, block.loc.clone()))
    })?;
    let (method, target) = line;
    let (path, query) = split_target(&target);
    let path_params = placeholders(&path);
    let query_params = query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    let name = documented_name(page).unwrap_or_else(|| derived_name(&method, &path));
    Some(OperationFacts { name, method, path, path_params, query_params, loc })
}

/// `GET /v1/{project_id}/phones` → (`GET`, `/v1/{project_id}/phones`).
fn request_line(text: &str) -> Option<(String, String)> {
    let mut words = text.split_whitespace();
    let method = words.next()?.to_ascii_uppercase();
    let target = words.next()?;
    (METHODS.contains(&method.as_str()) && (target.starts_with('/') || target.starts_with("http")))
        .then(|| (method, target.to_owned()))
}

/// Drops scheme and host, splits off the query string, and removes emphasis markers.
fn split_target(target: &str) -> (String, String) {
    let without_host = match target.find("://") {
        Some(scheme) => target[scheme + 3..].find('/').map_or("/", |slash| &target[scheme + 3 + slash..]).to_owned(),
        None => target.to_owned(),
    };
    let (path, query) = without_host.split_once('?').unwrap_or((&without_host, ""));
    (path.trim_end_matches(['。', '.']).to_owned(), query.to_owned())
}

fn placeholders(path: &str) -> Vec<String> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(name, _)| name.trim().to_owned()).collect()
}

/// The 接口名称 list item's content, when it is an identifier.
fn documented_name(page: &Page) -> Option<String> {
    page.blocks.iter().find_map(|block| match &block.kind {
        BlockKind::Paragraph(text) if block.section.last().is_some_and(|s| s.trim() == "接口名称") => {
            let name = text.single_line();
            naming::is_valid_ident(&name).then_some(name)
        }
        _ => None,
    })
}

/// `GET /v2/{project_id}/cloudvolumes/{volume_id}` → `ShowCloudvolume`.
pub fn derived_name(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let ends_with_param = segments.last().is_some_and(|s| s.starts_with('{'));
    let verb = match method {
        "GET" if ends_with_param => "Show",
        "GET" => "List",
        "POST" => "Create",
        "PUT" | "PATCH" => "Update",
        "DELETE" => "Delete",
        "HEAD" => "Check",
        _ => "Call",
    };
    let literal: Vec<&str> = segments.iter().copied().filter(|s| !s.starts_with('{') && !is_version(s)).collect();
    let mut words: Vec<String> = literal.iter().map(|s| s.to_string()).collect();
    if ends_with_param || method == "DELETE" || method == "PUT" {
        if let Some(last) = words.last_mut() {
            *last = naming::singular(last);
        }
    }
    naming::sanitize(&format!("{verb} {}", words.join(" ")), Case::UpperCamel)
}

fn is_version(segment: &str) -> bool {
    let rest = segment.strip_prefix(['v', 'V']).unwrap_or("");
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The version segment of a path (`v2`), to tell apart operations that share a name.
pub fn version(path: &str) -> Option<&str> {
    path.split('/').find(|s| is_version(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_page;
    use crate::source::SourceFile;

    #[test]
    fn finds_documented_and_derived_operations() {
        let doc = "# 查询\n\n## 功能介绍\n\n-   接口名称\n\n    GetCloudPhoneDetail\n\n## URI\n\nGET /v1/\\{project\\_id\\}/cloud-phone/phones/\\{phone\\_id\\}?limit=\\{limit\\}\n";
        let page = read_page(&SourceFile::new("a.md", doc));
        let op = find(&page).expect("an operation");
        assert_eq!(op.name, "GetCloudPhoneDetail");
        assert_eq!(op.method, "GET");
        assert_eq!(op.path, "/v1/{project_id}/cloud-phone/phones/{phone_id}");
        assert_eq!(op.path_params, ["project_id", "phone_id"]);
        assert_eq!(op.query_params, ["limit"]);
        assert_eq!(op.loc.line, 11);
    }

    #[test]
    fn derived_names() {
        assert_eq!(derived_name("GET", "/v2/{project_id}/cloudvolumes/{volume_id}"), "ShowCloudvolume");
        assert_eq!(derived_name("GET", "/v2.0/ports"), "ListPorts");
        assert_eq!(derived_name("POST", "/v3/{project_id}/cloudvolumes"), "CreateCloudvolumes");
        assert_eq!(derived_name("DELETE", "/v1/{project_id}/vpcs/{vpc_id}"), "DeleteVpc");
        assert_eq!(version("/v2.0/ports"), Some("v2.0"));
    }
}
