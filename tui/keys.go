package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the UI, in one place so help is generated
// from the same bindings Update matches.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding

	Find, Build, Publisher, Category, State, Sort, Clear key.Binding

	Detail, Back, Verify, VerifyAll, Report, Copy, Yank key.Binding

	Help, Quit key.Binding
}

// DefaultKeyMap returns the bindings listed in the help screen.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:        b([]string{"up", "k"}, "↑/k", "up"),
		Down:      b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:    b([]string{"pgup", "ctrl+u"}, "pgup", "page up"),
		PageDown:  b([]string{"pgdown", "ctrl+d", "space"}, "pgdn", "page down"),
		Top:       b([]string{"home", "g"}, "g", "top"),
		Bottom:    b([]string{"end", "G"}, "G", "bottom"),
		Find:      b([]string{"/"}, "/", "find"),
		Build:     b([]string{"t"}, "t", "build facet"),
		Publisher: b([]string{"p"}, "p", "publisher facet"),
		Category:  b([]string{"f"}, "f", "category facet"),
		State:     b([]string{"s"}, "s", "state facet"),
		Sort:      b([]string{"o"}, "o", "sort"),
		Clear:     b([]string{"x"}, "x", "clear find and facets"),
		Detail:    b([]string{"enter"}, "enter", "details"),
		Back:      b([]string{"esc"}, "esc", "back / cancel / clear"),
		Verify:    b([]string{"v"}, "v", "verify"),
		VerifyAll: b([]string{"V"}, "V", "verify all listed"),
		Report:    b([]string{"r"}, "r", "report"),
		Copy:      b([]string{"c"}, "c", "show reference"),
		Yank:      b([]string{"y"}, "y", "copy verified ref"),
		Help:      b([]string{"?"}, "?", "help"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "quit"),
	}
}

// helpKeys adapts a KeyMap to help.KeyMap for one screen.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding { return h.short }

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// helpFor returns the bindings that apply in state s.
func (k KeyMap) helpFor(s state) helpKeys {
	switch s {
	case stateDetail:
		return helpKeys{short: []key.Binding{k.Up, k.Down, k.Verify, k.Report, k.Copy, k.Yank, k.Back, k.Help, k.Quit}}
	case stateReport:
		return helpKeys{short: []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Back, k.Quit}}
	case stateHelp:
		return helpKeys{short: []key.Binding{k.Back, k.Help, k.Quit}}
	}
	return helpKeys{
		short: []key.Binding{k.Find, k.Build, k.Publisher, k.Sort, k.Detail, k.Verify, k.VerifyAll, k.Report, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
			{k.Find, k.Build, k.Publisher, k.Category, k.State, k.Sort, k.Clear},
			{k.Detail, k.Verify, k.VerifyAll, k.Report, k.Copy, k.Yank, k.Back, k.Help, k.Quit},
		},
	}
}
