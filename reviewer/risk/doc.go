// Package risk is the one ordered severity scale of a review: None, Info,
// Low, Medium, High, Critical. It is both the severity of a pre-scan
// finding and the risk of a review, and its text form ("info" ... "critical")
// is what labels.txt, the stored reviews and --format json carry. It is a
// leaf: the standard library only, so the pre-scan, the reviewer, the UI
// and the output formats can share it without importing one another.
package risk
