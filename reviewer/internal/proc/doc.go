// Package proc holds what the reviewer's git runner and the engine share
// when they start a command: OwnProcessGroup, so a cancel kills the
// command and its helpers together, and CappedBuffer, which keeps a bounded
// prefix of a command's output without failing the command.
package proc
