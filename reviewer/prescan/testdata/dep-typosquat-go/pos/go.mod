module github.com/acme/server

go 1.22

require github.com/sirupsen/logruss v1.9.3

require (
	github.com/spf13/cobraa v1.8.0
)
