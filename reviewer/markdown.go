package reviewer

// MarkdownCode renders untrusted text (a file name, an excerpt) as one
// inline Markdown code span it cannot leave, with hidden characters
// escaped. Other renderers of a review (the GitHub check output) use it so
// agent and repository text reads the same there as in report.md.
func MarkdownCode(s string) string { return codeSpan(s) }

// MarkdownText renders untrusted text as inline Markdown text that cannot
// open a heading, list, link, HTML block, comment or code span: hidden
// characters escaped, ASCII punctuation backslash-escaped.
func MarkdownText(s string) string { return mdText(s) }
