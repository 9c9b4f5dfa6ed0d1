// Package ghcheck renders a review for GitHub: the body of a check run
// (name, status, conclusion and output title, summary and text, as the
// Checks API takes it), the Markdown job summary, and workflow-command
// annotations for pre-scan findings.
//
// Everything from the reviewed code or the agent is untrusted. In Markdown
// it goes through the review report's escapers (reviewer.MarkdownText and
// MarkdownCode), so it cannot add a heading, link, image, HTML or mention.
// In a workflow command it is escaped by the runner's rules (EscapeData,
// EscapeProperty) after sanitize.Line, so it cannot end the command, start
// a line of its own or carry a terminal escape into the log.
package ghcheck
