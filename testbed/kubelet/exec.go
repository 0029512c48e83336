package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/remotecommand"
	utilexec "k8s.io/utils/exec"
)

// execIn runs `kubectl exec` commands inside a container: in its mount, PID and UTS namespaces,
// its root and working directory, with its environment (nsenter does the entering). In the
// container's PID namespace, PID 1 is the container's first process, so Argo's
// `/var/run/argo/argoexec kill 15 1` signals the emissary as in a real pod.
type execIn struct{ k *kubelet }

func (e execIn) ExecInContainer(ctx context.Context, name string, _ types.UID, container string, cmd []string,
	in io.Reader, out, errOut io.WriteCloser, tty bool, _ <-chan remotecommand.TerminalSize, _ time.Duration) error {
	if tty {
		return errors.New("the skiff testbed kubelet does not support a TTY; run kubectl exec without -t")
	}
	namespace, podName, _ := strings.Cut(name, "/")
	r := e.k.lookup(namespace, podName)
	if r == nil {
		return fmt.Errorf("pod %s not found", name)
	}
	r.mu.Lock()
	c := r.byName[container]
	var pid int
	var env []string
	if c != nil && c.state == stateRunning {
		pid, env = c.pid, c.env
	}
	r.mu.Unlock()
	if pid <= 0 {
		return fmt.Errorf("container %q in pod %s is not running", container, name)
	}
	args := append([]string{"--target", strconv.Itoa(pid), "--mount", "--pid", "--uts", "--root", "--wd", "--"}, cmd...)
	x := exec.CommandContext(ctx, "nsenter", args...)
	x.Env = env
	if in != nil {
		x.Stdin = in
	}
	if out != nil {
		x.Stdout = out
	}
	if errOut != nil {
		x.Stderr = errOut
	}
	err := x.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code := exitErr.ExitCode()
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal())
		}
		return utilexec.CodeExitError{Err: err, Code: code}
	}
	return err
}
