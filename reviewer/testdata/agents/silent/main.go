// Command silent exits successfully without writing anything, like a CLI
// whose tools failed silently.
package main

func main() {}
