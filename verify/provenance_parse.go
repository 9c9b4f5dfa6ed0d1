package verify

import (
	"encoding/json"
	"fmt"
	"strings"
)

// SLSA provenance predicate types BuildKit writes.
const (
	slsaV02 = "https://slsa.dev/provenance/v0.2"
	slsaV1  = "https://slsa.dev/provenance/v1"
)

// inTotoMediaType is the media type of an attestation manifest's layers;
// predicateTypeKey is the layer annotation naming the predicate.
const (
	inTotoMediaType  = "application/vnd.in-toto+json"
	predicateTypeKey = "in-toto.io/predicate-type"
)

// isProvenanceType reports whether t is a SLSA provenance predicate we read.
func isProvenanceType(t string) bool { return t == slsaV02 || t == slsaV1 }

// statement is the part of an in-toto statement we read.
type statement struct {
	Type          string          `json:"_type"`
	PredicateType string          `json:"predicateType"`
	Subject       []subject       `json:"subject"`
	Predicate     json.RawMessage `json:"predicate"`
}

type subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// gitSource is a configSource, material or resolved dependency.
type gitSource struct {
	URI    string            `json:"uri"`
	Digest map[string]string `json:"digest"`
}

type slsa02Predicate struct {
	Invocation struct {
		ConfigSource gitSource `json:"configSource"`
	} `json:"invocation"`
	Materials []gitSource `json:"materials"`
}

type slsa1Predicate struct {
	BuildDefinition struct {
		ExternalParameters struct {
			ConfigSource gitSource `json:"configSource"`
		} `json:"externalParameters"`
		ResolvedDependencies []gitSource `json:"resolvedDependencies"`
	} `json:"buildDefinition"`
}

// claim is one source the provenance names, with the JSON path it came
// from, so a mismatch can say which field.
type claim struct {
	field  string // e.g. invocation.configSource
	config bool   // the build's own config source, not a dependency
	src    gitSource
}

// parseStatement reads an in-toto SLSA provenance statement whose layer
// was annotated with predicateType, and returns the sources it names. The
// statement must name subject (the platform manifest digest).
func parseStatement(body []byte, predicateType, subjectDigest string) ([]claim, error) {
	var st statement
	if err := json.Unmarshal(body, &st); err != nil {
		return nil, trustf("parsing in-toto statement: %w", err)
	}
	switch {
	case !strings.HasPrefix(st.Type, "https://in-toto.io/Statement/"):
		return nil, trustf("not an in-toto statement: _type %q", st.Type)
	case st.PredicateType != predicateType:
		return nil, trustf("statement predicate type %q differs from the layer's %q", st.PredicateType, predicateType)
	case !namesSubject(st.Subject, subjectDigest):
		return nil, trustf("statement subject does not name %s", subjectDigest)
	}
	return predicateClaims(st.Predicate, predicateType)
}

func namesSubject(subs []subject, digest string) bool {
	hex := strings.TrimPrefix(digest, "sha256:")
	for _, s := range subs {
		if s.Digest["sha256"] == hex {
			return true
		}
	}
	return false
}

// predicateClaims pulls the config source and git dependencies out of
// either predicate version.
func predicateClaims(raw json.RawMessage, predicateType string) ([]claim, error) {
	var out []claim
	if predicateType == slsaV1 {
		var p slsa1Predicate
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, trustf("parsing SLSA v1 predicate: %w", err)
		}
		bd := p.BuildDefinition
		out = append(out, claim{field: "buildDefinition.externalParameters.configSource", config: true, src: bd.ExternalParameters.ConfigSource})
		for i, d := range bd.ResolvedDependencies {
			out = append(out, claim{field: fmt.Sprintf("buildDefinition.resolvedDependencies[%d]", i), src: d})
		}
		return out, nil
	}
	var p slsa02Predicate
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, trustf("parsing SLSA v0.2 predicate: %w", err)
	}
	out = append(out, claim{field: "invocation.configSource", config: true, src: p.Invocation.ConfigSource})
	for i, m := range p.Materials {
		out = append(out, claim{field: fmt.Sprintf("materials[%d]", i), src: m})
	}
	return out, nil
}

// errNoGitSource marks provenance that names no commit of the catalog's
// repository: a build from a local context proves nothing either way.
type errNoGitSource struct{ repo string }

func (e errNoGitSource) Error() string {
	return "provenance names no commit of " + e.repo + " (not a git-context build)"
}

// compareClaims holds the claims against the catalog's repository and pin:
// the config source, when it names a URI, must be the repository at the
// pin, and every git dependency on the repository must be at the pin. At
// least one source must name the repository at the pin.
func compareClaims(claims []claim, wantRepo, pin string) (string, error) {
	want := normaliseGitURL(wantRepo)
	var matched string
	for _, c := range claims {
		uri, sha := c.src.URI, c.src.Digest["sha1"]
		if uri == "" || (!c.config && sha == "") {
			continue
		}
		repo := normaliseGitURL(uri)
		if repo != want {
			if c.config {
				return "", trustf("%s.uri is %q, catalog source.project is %s", c.field, uri, wantRepo)
			}
			continue
		}
		if sha != pin {
			return "", trustf("%s.digest.sha1 is %q, catalog pins %s", c.field, sha, pin)
		}
		if matched == "" {
			matched = c.field
		}
	}
	if matched == "" {
		return "", errNoGitSource{repo: wantRepo}
	}
	return matched, nil
}

// normaliseGitURL reduces the spellings of a git remote to host/path:
// https://github.com/o/r, https://github.com/o/r.git#main, git@github.com:o/r
// and git+https://github.com/o/r/ are one repository. GitHub paths are case
// insensitive; other hosts keep the path's case.
func normaliseGitURL(s string) string {
	s = strings.TrimPrefix(s, "git+")
	if i := strings.IndexAny(s, "#?"); i >= 0 {
		s = s[:i]
	}
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	} else if at := strings.Index(s, "@"); at >= 0 && strings.Contains(s[at:], ":") {
		s = strings.Replace(s, ":", "/", 1) // scp form: git@host:owner/repo
	}
	if at, slash := strings.Index(s, "@"), strings.Index(s, "/"); at >= 0 && (slash < 0 || at < slash) {
		s = s[at+1:]
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "/"), ".git")
	host, path, _ := strings.Cut(s, "/")
	host = strings.ToLower(host)
	if host == "github.com" || host == "www.github.com" {
		return "github.com/" + strings.ToLower(path)
	}
	return host + "/" + path
}
