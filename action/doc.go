// Package action holds the tests of the mcptrust GitHub Action: action.yml
// at the repository root and its script, action/run.sh. The script runs
// here without a runner, given the environment variables GitHub sets, a
// release served from loopback, and the real mcptrust binary.
package action
