package ghfake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Run is a check run on a pull request head.
type Run struct {
	ID          int64
	Name        string
	App         string
	Status      string // default "completed"
	Conclusion  string
	Title       string
	Summary     string
	Text        string
	CompletedAt time.Time
	HeadSHA     string // default: the pull request head
}

// Change is one registry commit that changed servers/<server>/server.yaml.
type Change struct {
	SHA    string // registry commit
	Patch  string // the server.yaml patch
	PR     int    // 0: no pull request
	PRHead string
	Runs   []Run
}

// Server holds a fake registry: changes per server, newest first.
type Server struct {
	*httptest.Server
	Owner, Repo string
	// PageSize caps every page (forces Link pagination); 0 honours per_page.
	PageSize int
	// Delay is slept before every answer (less if the client hangs up).
	Delay time.Duration
	// Intercept, when set, may answer a request itself (return true).
	Intercept func(w http.ResponseWriter, r *http.Request) bool

	mu       sync.Mutex
	changes  map[string][]Change
	Requests atomic.Int64
	// NotModified counts 304 answers.
	NotModified atomic.Int64
}

// New starts a fake for docker/mcp-registry on 127.0.0.1.
func New() *Server {
	f := &Server{Owner: "docker", Repo: "mcp-registry", changes: map[string][]Change{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// URL is the API root to give the client.
func (f *Server) URL() string { return f.Server.URL + "/" }

// Add records changes of a server (newest first), replacing earlier ones.
func (f *Server) Add(server string, changes ...Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.changes[server] = changes
}

func (f *Server) serve(w http.ResponseWriter, r *http.Request) {
	f.Requests.Add(1)
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if f.Intercept != nil && f.Intercept(w, r) {
		return
	}
	prefix := "/repos/" + f.Owner + "/" + f.Repo + "/commits"
	rest, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok || r.Method != http.MethodGet {
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
		return
	}
	parts := strings.Split(strings.TrimPrefix(rest, "/"), "/")
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case rest == "":
		f.listCommits(w, r)
	case len(parts) == 1:
		f.commit(w, r, parts[0])
	case len(parts) == 2 && parts[1] == "pulls":
		f.pulls(w, r, parts[0])
	case len(parts) == 2 && parts[1] == "check-runs":
		f.checkRuns(w, r, parts[0])
	default:
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
	}
}

func (f *Server) listCommits(w http.ResponseWriter, r *http.Request) {
	server, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Query().Get("path"), "servers/"), "/server.yaml")
	if !ok {
		f.write(w, r, []any{}, "")
		return
	}
	var items []any
	for _, c := range f.changes[server] {
		items = append(items, map[string]any{"sha": c.SHA, "html_url": "https://github.com/docker/mcp-registry/commit/" + c.SHA})
	}
	page, link := f.paginate(r, len(items))
	f.write(w, r, orEmpty(items[page[0]:page[1]]), link)
}

func orEmpty(s []any) []any {
	if s == nil {
		return []any{}
	}
	return s
}

// find returns the change with registry commit sha, or with PR head sha.
func (f *Server) find(sha string, byHead bool) (string, *Change) {
	for server, cs := range f.changes {
		for i := range cs {
			if (!byHead && cs[i].SHA == sha) || (byHead && cs[i].PRHead == sha && cs[i].PR != 0) {
				return server, &cs[i]
			}
		}
	}
	return "", nil
}

func notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprint(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`)
}

func (f *Server) commit(w http.ResponseWriter, r *http.Request, sha string) {
	server, c := f.find(sha, false)
	if c == nil {
		notFound(w)
		return
	}
	f.write(w, r, map[string]any{"sha": c.SHA, "files": []any{
		map[string]any{"filename": "servers/" + server + "/server.yaml", "status": "modified", "patch": c.Patch},
	}}, "")
}

func (f *Server) pulls(w http.ResponseWriter, r *http.Request, sha string) {
	_, c := f.find(sha, false)
	if c == nil {
		notFound(w)
		return
	}
	items := []any{}
	if c.PR != 0 {
		items = append(items, map[string]any{
			"number": c.PR, "state": "closed", "html_url": fmt.Sprintf("https://github.com/%s/%s/pull/%d", f.Owner, f.Repo, c.PR),
			"merge_commit_sha": c.SHA, "merged_at": "2026-05-05T10:00:00Z",
			"head": map[string]any{"sha": c.PRHead, "ref": "automation/update-pin-x"},
			"base": map[string]any{"ref": "main", "repo": map[string]any{"full_name": f.Owner + "/" + f.Repo}},
		})
	}
	f.write(w, r, items, "")
}

func (f *Server) checkRuns(w http.ResponseWriter, r *http.Request, head string) {
	_, c := f.find(head, true)
	var items []any
	if c != nil {
		for _, run := range c.Runs {
			items = append(items, runJSON(run, c.PRHead))
		}
	}
	page, link := f.paginate(r, len(items))
	f.write(w, r, map[string]any{"total_count": len(items), "check_runs": orEmpty(items[page[0]:page[1]])}, link)
}

func runJSON(run Run, head string) map[string]any {
	if run.Status == "" {
		run.Status = "completed"
	}
	if run.HeadSHA == "" {
		run.HeadSHA = head
	}
	m := map[string]any{
		"id": run.ID, "name": run.Name, "head_sha": run.HeadSHA, "status": run.Status,
		"html_url": fmt.Sprintf("https://github.com/docker/mcp-registry/runs/%d", run.ID),
		"app":      map[string]any{"slug": run.App, "name": run.App},
		"output":   map[string]any{"title": run.Title, "summary": run.Summary, "text": run.Text},
	}
	if run.Status == "completed" {
		m["conclusion"] = run.Conclusion
		m["completed_at"] = run.CompletedAt.UTC().Format(time.RFC3339)
	}
	return m
}

// paginate returns [start,end) for the requested page and its Link header.
func (f *Server) paginate(r *http.Request, n int) ([2]int, string) {
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if per <= 0 {
		per = 30
	}
	if f.PageSize > 0 && f.PageSize < per {
		per = f.PageSize
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	start, end := min((page-1)*per, n), min(page*per, n)
	if end >= n {
		return [2]int{start, end}, ""
	}
	u := *r.URL
	q := u.Query()
	q.Set("page", strconv.Itoa(page+1))
	u.RawQuery = q.Encode()
	return [2]int{start, end}, fmt.Sprintf(`<http://%s%s>; rel="next"`, r.Host, u.RequestURI())
}

// write answers JSON with an ETag, or 304 when If-None-Match matches.
func (f *Server) write(w http.ResponseWriter, r *http.Request, v any, link string) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if link != "" {
		w.Header().Set("Link", link)
	}
	if r.Header.Get("If-None-Match") == etag {
		f.NotModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(body)
}

// LoopbackTransport dials only loopback IP literals; any other address
// (a host name included, so no DNS query is made) is refused.
func LoopbackTransport() *http.Transport {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			ip := net.ParseIP(host)
			if ip == nil || !ip.IsLoopback() {
				return nil, fmt.Errorf("ghfake: refusing to dial %s: tests reach loopback only", addr)
			}
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost: 64,
	}
}
