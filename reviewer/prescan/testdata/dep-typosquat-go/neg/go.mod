module github.com/acme/server

go 1.22

require (
	github.com/sirupsen/logrus v1.9.3
	github.com/spf13/cobra v1.8.0
	golang.org/x/net v0.30.0 // indirect
)
