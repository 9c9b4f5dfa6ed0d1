// Command egress tries every way out it is given (HTTP to names and
// addresses, DNS, its own default gateway, the Docker socket) and reports
// each attempt; it should reach nothing.
package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mcp-trust/mcp-trust/reviewer/testdata/agents/fakeagent"
)

func main() {
	t := fakeagent.ReadTargets()
	urls := append([]string{}, t.HTTP...)
	if gw := defaultGateway(); gw != "" {
		for _, u := range t.HTTP {
			if strings.Contains(u, "/host-any") {
				port := u[strings.LastIndex(u, ":")+1 : strings.Index(u, "/host-any")]
				urls = append(urls, "http://"+gw+":"+port+"/internal-gateway")
			}
		}
	}
	var mu sync.Mutex
	var lines []string
	add := func(s string) { mu.Lock(); lines = append(lines, s); mu.Unlock() }
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() { add(try(u)) })
	}
	for _, name := range t.Lookup {
		wg.Go(func() { add(lookup(name)) })
	}
	wg.Wait()
	if _, err := os.Stat("/var/run/docker.sock"); err == nil {
		lines = append(lines, "REACHED docker.sock exists")
	}
	sort.Strings(lines)
	fakeagent.Finish("info", lines)
}

func try(u string) string {
	c := http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return "blocked " + u
	}
	resp.Body.Close()
	return fmt.Sprintf("REACHED %s status %d", u, resp.StatusCode)
}

func lookup(name string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupHost(ctx, name)
	if err != nil {
		return "unresolved " + name
	}
	return fmt.Sprintf("RESOLVED %s %v", name, addrs)
}

// defaultGateway reads the default route from /proc/net/route.
func defaultGateway() string {
	b, err := os.ReadFile("/proc/net/route")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 2 && f[1] == "00000000" {
			var a, b2, c, d byte
			fmt.Sscanf(f[2], "%02X%02X%02X%02X", &d, &c, &b2, &a)
			return fmt.Sprintf("%d.%d.%d.%d", a, b2, c, d)
		}
	}
	return ""
}
