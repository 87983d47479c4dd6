//! JSON examples in code blocks: which are JSON, and the text to test.

/// What a code block under an example heading holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleText {
    /// JSON, with the number of lines dropped before it (a request line, headers).
    Json { json: String, skipped_lines: usize },
    /// Meant as JSON but not valid: the parse error, with its line inside the block.
    Invalid { message: String, line: usize },
    /// A request line alone, a shell command, prose: not an example of a body.
    NotJson,
}

/// Reads a code block. A leading request line (`POST https://…`), status line or HTTP headers
/// before the body are skipped.
pub fn classify(block: &str) -> ExampleText {
    let lines: Vec<&str> = block.lines().collect();
    let Some(start) = lines.iter().position(|l| l.trim_start().starts_with(['{', '['])) else {
        return ExampleText::NotJson;
    };
    if !lines[..start].iter().all(|l| is_preamble(l)) {
        return ExampleText::NotJson;
    }
    let json = lines[start..].join("\n");
    match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(value) if value.is_object() || value.is_array() => {
            ExampleText::Json { json: json.trim().to_owned(), skipped_lines: start }
        }
        Ok(_) => ExampleText::NotJson,
        Err(error) => ExampleText::Invalid { message: error.to_string(), line: start + error.line() },
    }
}

fn is_preamble(line: &str) -> bool {
    let line = line.trim();
    let first = line.split_whitespace().next().unwrap_or("");
    line.is_empty()
        || ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"].contains(&first.trim_matches('"'))
        || first.eq_ignore_ascii_case("STATUS")
        || line.starts_with("HTTP/")
        || line
            .split_once(':')
            .is_some_and(|(name, _)| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_and_headers_are_skipped() {
        let block = "POST https://{endpoint}/v1/x\nContent-Type: application/json\n\n{\n  \"a\": 1\n}\n";
        assert_eq!(classify(block), ExampleText::Json { json: "{\n  \"a\": 1\n}".into(), skipped_lines: 3 });
        assert_eq!(classify("GET https://{endpoint}/v1/x"), ExampleText::NotJson);
        assert_eq!(classify("\"GET https://{endpoint}/v1/x\""), ExampleText::NotJson);
        assert_eq!(classify("curl -X GET x"), ExampleText::NotJson);
        assert!(matches!(classify("{\n \"a\": 1,\n}"), ExampleText::Invalid { line: 3, .. }));
    }
}
