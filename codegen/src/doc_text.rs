//! Plain text made safe for Markdown doc comments.

/// Escapes what Markdown or rustdoc would read as markup, and wraps bare URLs in `<…>`.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if (word.starts_with("http://") || word.starts_with("https://")) && !word.contains(['<', '>']) {
            let end = word.find(|c: char| !c.is_ascii() || c == '"' || c == '\'').unwrap_or(word.len());
            out.push('<');
            out.push_str(&word[..end]);
            out.push('>');
            escape_into(&word[end..], &mut out);
        } else {
            escape_into(word, &mut out);
        }
    }
    out
}

fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '#' | '_' if needs_escape(c, out) => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// Underscores only need escaping where they could start emphasis: not inside a word.
fn needs_escape(c: char, before: &str) -> bool {
    match c {
        '_' => before.chars().next_back().is_none_or(|p| !p.is_alphanumeric()),
        '#' => before.trim().is_empty(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underscores_inside_words_stay() {
        assert_eq!(escape_text("request_id _x # y"), "request_id \\_x # y");
        assert_eq!(escape_text("#1"), "\\#1");
    }
}
