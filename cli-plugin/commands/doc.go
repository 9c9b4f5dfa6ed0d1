// Package commands is the command layer of mcptrust: the only package that
// imports cobra and docker/cli, and the only one that chooses concrete
// implementations or decides exit codes.
//
// Each command has its own file, in the shape of gh's commands: an options
// struct holding the inputs and the dependencies it uses, NewCmdX(f, runF)
// which binds flags and validates them, and xRun(opts) which does the work
// (tests pass a runF to see the parsed options). Output for a command lives
// beside it (verify_output.go, pin_output.go, review_output.go).
//
// Shared pieces have named files:
//
//   - main.go: Main, run as a Docker CLI plugin or standalone.
//   - root.go: the command tree and the plugin hook.
//   - plugin.go, plugin_help.go: the `docker` command docker's plugin
//     protocol runs us under (docker's global flags, the metadata call, the
//     socket that cancels, docker's help layout), on cli-plugin/dockerplugin
//     instead of docker/cli's command layer.
//   - factory.go, runners.go: the Factory, where the real catalog loader,
//     verifier, report store, Docker-reviews source, reviewer and git runner
//     are chosen, each built only when a command asks for it.
//   - exit.go, errors.go: the documented exit codes, the one function that
//     maps an error to them, and the error types that carry a class.
//   - format.go, format_ci.go, templatedata.go: --format (table, json,
//     template, sarif, github) and the data templates see.
//   - flags.go, args.go: flags and argument checks several commands share.
//   - adapt.go: catalog entries to verify targets and registry policy.
//   - table.go: the catalog table (catalog, demo) and its cell sanitiser.
//   - keychain.go, keyfetch.go: registry credentials and --key sources.
//   - verify_run.go: the bounded verification of many targets with
//     progress (verify --all, demo).
//   - catalog_tui.go, reports_tui.go, reports_tui_docker.go: the UI's
//     dependencies, built from the Factory.
package commands
