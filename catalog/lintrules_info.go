package catalog

// LintRuleInfo describes one lint rule for outputs that list the rules
// they report on (SARIF): whose rule it is and what it asks.
type LintRuleInfo struct {
	ID     string
	Origin RuleOrigin
	Doc    string
}

// LintRule returns the description of the lint rule id. An unknown id is
// reported as a registry rule with no description (ok false), as grade
// treats it.
func LintRule(id string) (LintRuleInfo, bool) {
	r, ok := lintRules[id]
	if !ok {
		return LintRuleInfo{ID: id, Origin: OriginRegistry}, false
	}
	return LintRuleInfo{ID: id, Origin: r.origin, Doc: r.doc}, true
}
