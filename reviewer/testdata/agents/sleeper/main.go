// Command sleeper never finishes: the review must time out and its
// containers must go.
package main

import "time"

func main() {
	for {
		time.Sleep(time.Hour)
	}
}
