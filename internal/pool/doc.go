// Package pool runs indexed work on a bounded number of goroutines. It is
// the one bounded worker pool of the module: verify --all, pin's upstream
// checks, the UI's background verify and review jobs, the Docker-reviews
// lookups and verify's per-image fan-outs all use Run. (catalog's parallel
// parse is CPU work in batches with an early stop, tuned for load speed,
// and stays with the catalog.) It imports the standard library only.
package pool
