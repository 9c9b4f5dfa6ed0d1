package main

// go generate is not used here
