package engine

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mcp-trust/mcp-trust/reviewer/internal/proc"
)

// ImageExists reports whether the engine has ref locally. It never pulls.
func (e *Engine) ImageExists(ctx context.Context, ref string) (bool, error) {
	_, err := e.docker1(ctx, "inspecting image "+ref, "image", "inspect", "--format", "{{.Id}}", "--", ref)
	var ee *Error
	if errors.As(err, &ee) && strings.Contains(strings.ToLower(ee.Stderr), "no such") {
		return false, nil
	}
	return err == nil, err
}

// BuildImage builds contextDir (which holds a Dockerfile) as tag, without
// network access during the build.
func (e *Engine) BuildImage(ctx context.Context, contextDir, tag string) error {
	_, err := e.docker1(ctx, "building image "+tag, "build", "--quiet", "--network=none", "--tag", tag, "--", contextDir)
	return err
}

// RemoveImage removes ref (a tag or an id).
func (e *Engine) RemoveImage(ctx context.Context, ref string) error {
	_, err := e.docker1(ctx, "removing image "+ref, "image", "rm", "--", ref)
	return err
}

// ComposeUp creates the project's networks and containers and starts them
// detached; it returns once the proxy is healthy and the agent started.
func (e *Engine) ComposeUp(ctx context.Context, project, file string) error {
	return e.composeRun(ctx, "starting the review containers", project, file, "up", "-d", "--no-build")
}

// ComposeDown stops and removes the project's containers, networks and
// volumes, killing at once whatever still runs.
func (e *Engine) ComposeDown(ctx context.Context, project, file string) error {
	return e.composeRun(ctx, "removing the review containers", project, file,
		"down", "--volumes", "--remove-orphans", "--timeout", "0")
}

// ProjectContainers lists the ids of every container of project (running
// or not), by the labels both Compose versions set.
func (e *Engine) ProjectContainers(ctx context.Context, project, service string) ([]string, error) {
	args := []string{"ps", "--all", "--quiet", "--no-trunc", "--filter", "label=com.docker.compose.project=" + project}
	if service != "" {
		args = append(args, "--filter", "label=com.docker.compose.service="+service)
	}
	out, err := e.docker1(ctx, "listing the review containers", args...)
	if err != nil {
		return nil, err
	}
	return strings.Fields(out), nil
}

// ProjectNetworks lists the networks Compose created for project.
func (e *Engine) ProjectNetworks(ctx context.Context, project string) ([]string, error) {
	out, err := e.docker1(ctx, "listing the review networks",
		"network", "ls", "--quiet", "--filter", "label=com.docker.compose.project="+project)
	if err != nil {
		return nil, err
	}
	return strings.Fields(out), nil
}

// RemoveContainers force-removes containers with their anonymous volumes.
func (e *Engine) RemoveContainers(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := e.docker1(ctx, "removing leftover review containers", append([]string{"rm", "--force", "--volumes", "--"}, ids...)...)
	return err
}

// Wait blocks until the container exits and returns its exit status.
func (e *Engine) Wait(ctx context.Context, id string) (int, error) {
	out, err := e.docker1(ctx, "waiting for the agent", "wait", id)
	if err != nil {
		return 0, err
	}
	code, err := strconv.Atoi(out)
	if err != nil {
		return 0, &Error{Op: "waiting for the agent", Err: fmt.Errorf("unexpected exit status %q", out)}
	}
	return code, nil
}

// Logs returns up to max bytes of the container's stdout. Its stderr (the
// agent's progress) is not kept.
func (e *Engine) Logs(ctx context.Context, id string, max int) ([]byte, error) {
	out := &proc.CappedBuffer{Max: max}
	if _, err := e.exec(ctx, out, e.docker, "logs", id); err != nil {
		return nil, &Error{Op: "reading the agent's output", Err: err}
	}
	return out.Bytes(), nil
}

// Inspect returns `docker inspect` of ids as raw JSON (tests and
// diagnostics).
func (e *Engine) Inspect(ctx context.Context, ids ...string) ([]byte, error) {
	out := &proc.CappedBuffer{Max: 4 << 20}
	if stderr, err := e.exec(ctx, out, e.docker, append([]string{"inspect", "--"}, ids...)...); err != nil {
		return nil, &Error{Op: "inspecting containers", Stderr: stderr, Err: err}
	}
	return out.Bytes(), nil
}

// RemoveNetworks removes networks by id.
func (e *Engine) RemoveNetworks(ctx context.Context, ids []string) error {
	_, err := e.docker1(ctx, "removing leftover review networks", append([]string{"network", "rm", "--"}, ids...)...)
	return err
}
