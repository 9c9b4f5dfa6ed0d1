package catalog

// encodeCatalog writes the parsed (not yet finished) catalog c.
func encodeCatalog(c *Catalog) []byte {
	e := &compactWriter{b: make([]byte, 0, 64+len(c.Servers)*512)}
	e.uint(compactVersion)
	e.str(c.Name)
	e.str(c.DisplayName)
	e.uint(uint64(len(c.Problems)))
	for i := range c.Problems {
		p := &c.Problems[i]
		e.str(p.File)
		e.int(int64(p.Line))
		for _, s := range []string{p.Field, p.Rule, string(p.Origin), string(p.Severity), p.Exception, p.Message} {
			e.str(s)
		}
	}
	e.uint(uint64(len(c.Servers)))
	for _, s := range c.Servers {
		e.server(s)
	}
	return e.b
}

func (e *compactWriter) server(s *Server) {
	for _, v := range []string{s.Name, string(s.Type), s.Image, s.Digest, s.Title, s.Description, s.Icon, s.Category} {
		e.str(v)
	}
	e.strs(s.Tags)
	src := &s.Source
	for _, v := range []string{src.Project, src.Upstream, src.Branch, src.Commit, src.Directory, src.Dockerfile, src.BuildTarget} {
		e.str(v)
	}
	e.bool(s.Remote != nil)
	if s.Remote != nil {
		e.str(s.Remote.TransportType)
		e.str(s.Remote.URL)
		e.bool(s.Remote.Headers != nil)
		e.uint(uint64(len(s.Remote.Headers)))
		for k, v := range s.Remote.Headers {
			e.str(k)
			e.str(v)
		}
	}
	e.strs(s.Run.Command)
	e.strs(s.Run.Volumes)
	e.str(s.Run.User)
	e.strs(s.Run.AllowHosts)
	e.bool(s.Run.DisableNetwork)
	e.strs(s.Secrets)
	e.bool(s.OAuth != nil)
	e.uint(uint64(len(s.OAuth)))
	for _, o := range s.OAuth {
		e.str(o.Provider)
		e.str(o.Secret)
		e.str(o.Env)
	}
	e.str(s.Metadata.Owner)
	e.str(s.Metadata.License)
	e.int(s.Metadata.Pulls)
	e.int(s.Metadata.Stars)
	e.int(s.Metadata.GitHubStars)
	for _, v := range []string{s.Readme, s.ToolsURL, s.DateAdded, s.Owner, string(s.Pin), string(s.Tier), s.TierReason} {
		e.str(v)
	}
	e.bool(s.KnownPublisher)
	e.str(s.Origin.File)
	e.int(int64(s.Origin.Line))
	e.strs(s.UnknownKeys)
}

// decodeCatalog reads what encodeCatalog wrote; any inconsistency is
// errCompact.
func decodeCatalog(data string) (*Catalog, error) {
	d := &compactReader{s: data}
	if d.uint() != compactVersion {
		return nil, errCompact
	}
	c := &Catalog{Name: d.str(), DisplayName: d.str()}
	if n := d.count(); n > 0 {
		c.Problems = make([]Problem, n)
		for i := range c.Problems {
			p := &c.Problems[i]
			p.File, p.Line, p.Field, p.Rule = d.str(), int(d.int()), d.str(), d.str()
			p.Origin, p.Severity, p.Exception, p.Message = RuleOrigin(d.str()), Severity(d.str()), d.str(), d.str()
		}
	}
	n := d.count()
	c.Servers = make([]*Server, n)
	block := make([]Server, n) // one allocation for every server
	for i := range block {
		d.server(&block[i])
		c.Servers[i] = &block[i]
	}
	if d.err != nil || d.p != len(d.s) {
		return nil, errCompact
	}
	return c, nil
}

func (d *compactReader) server(s *Server) {
	s.Name, s.Type, s.Image, s.Digest = d.str(), ServerType(d.str()), d.str(), d.str()
	s.Title, s.Description, s.Icon, s.Category = d.str(), d.str(), d.str(), d.str()
	s.Tags = d.strs()
	src := &s.Source
	src.Project, src.Upstream, src.Branch, src.Commit = d.str(), d.str(), d.str(), d.str()
	src.Directory, src.Dockerfile, src.BuildTarget = d.str(), d.str(), d.str()
	if d.bool() {
		s.Remote = d.remote()
	}
	s.Run.Command, s.Run.Volumes, s.Run.User = d.strs(), d.strs(), d.str()
	s.Run.AllowHosts, s.Run.DisableNetwork = d.strs(), d.bool()
	s.Secrets = d.strs()
	s.OAuth = d.oauth()
	s.Metadata.Owner, s.Metadata.License = d.str(), d.str()
	s.Metadata.Pulls, s.Metadata.Stars, s.Metadata.GitHubStars = d.int(), d.int(), d.int()
	s.Readme, s.ToolsURL, s.DateAdded, s.Owner = d.str(), d.str(), d.str(), d.str()
	s.Pin, s.Tier, s.TierReason = PinState(d.str()), Tier(d.str()), d.str()
	s.KnownPublisher = d.bool()
	s.Origin.File, s.Origin.Line = d.str(), int(d.int())
	s.UnknownKeys = d.strs()
}

func (d *compactReader) remote() *Remote {
	r := &Remote{TransportType: d.str(), URL: d.str()}
	hasHeaders, n := d.bool(), d.count()
	if hasHeaders {
		r.Headers = make(map[string]string, n)
	}
	for i := 0; i < n && d.err == nil; i++ {
		k, v := d.str(), d.str()
		if !hasHeaders {
			d.fail()
			return r
		}
		r.Headers[k] = v
	}
	return r
}

func (d *compactReader) oauth() []OAuthProvider {
	has, n := d.bool(), d.count()
	if !has {
		if n != 0 {
			d.fail()
		}
		return nil
	}
	out := make([]OAuthProvider, n)
	for i := range out {
		out[i] = OAuthProvider{Provider: d.str(), Secret: d.str(), Env: d.str()}
	}
	return out
}
