package main

import "net"

func dial() (net.Conn, error) { return net.Dial("tcp", "localhost:8080") }
