// Command canary is an HTTP server that logs every request it receives to
// stdout ("HIT <method> <path>"); the agent must never be one of them.
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	err := http.ListenAndServe(":8080", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Printf("HIT %s %s\n", r.Method, r.URL.Path)
		fmt.Fprintln(w, "canary")
	}))
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
