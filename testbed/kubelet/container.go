package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	v1 "k8s.io/api/core/v1"
)

type containerState int

const (
	stateWaiting containerState = iota
	stateRunning
	stateTerminated
)

const (
	// At most this much of the termination message file is reported (as the kubelet does).
	maxTerminationMessage = 4096
	// FallbackToLogsOnError reports the last lines of the log, at most this many bytes.
	fallbackLogLines = 80
	fallbackLogBytes = 2048
	defaultPath      = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
)

// container is one container of a pod: its configuration, process and state. The state fields
// are guarded by the pod run's mutex.
type container struct {
	run      *podRun
	name     string
	spec     *v1.Container
	isInit   bool
	executor bool   // of the executor image: argoexec is on its PATH
	dir      string // <pod>/containers/<name>
	logs     *logWriter

	// set by prepare
	env      []string
	argv     []string
	sandbox  sandboxSpec
	subPaths map[string]bool // sources of subPath mounts, resolved when the container starts

	// state
	state          containerState
	waitingReason  string
	waitingMessage string
	startedAt      time.Time
	finishedAt     time.Time
	exitCode       int32
	signal         int32
	reason         string
	message        string
	pid            int
	done           chan struct{} // closed when the container has terminated
}

func newContainer(r *podRun, spec *v1.Container, init bool) *container {
	waiting := "PodInitializing"
	if init {
		waiting = "ContainerCreating"
	}
	return &container{run: r, name: spec.Name, spec: spec, isInit: init,
		executor: isExecutorImage(spec.Image, r.k.cfg.executorImage),
		dir:      filepath.Join(r.dir, "containers", spec.Name), waitingReason: waiting,
		done: make(chan struct{})}
}

// isExecutorImage says whether image names the executor: its repository's last path element
// equals name, whatever the registry, tag or digest (quay.io/argoproj/argoexec:v4.0.5).
func isExecutorImage(image, name string) bool {
	repo := image
	if i := strings.Index(repo, "@"); i >= 0 {
		repo = repo[:i]
	}
	if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
		repo = repo[:i]
	}
	return path.Base(repo) == name
}

// id is the container's ID as the kubelet reports it ("<runtime>://<id>").
func (c *container) id() string {
	uid := string(c.run.uid)
	if len(uid) > 8 {
		uid = uid[:8]
	}
	return "skiff-testbed://" + uid + "-" + c.name
}

func (c *container) started() bool {
	c.run.mu.Lock()
	defer c.run.mu.Unlock()
	return c.state != stateWaiting
}

func (c *container) succeeded() bool {
	c.run.mu.Lock()
	defer c.run.mu.Unlock()
	return c.state == stateTerminated && c.exitCode == 0
}

// prepare resolves the container's environment, command and mounts.
func (c *container) prepare(pod *v1.Pod, volumes map[string]string, env *podEnv) error {
	vars, err := env.forContainer(c.spec)
	if err != nil {
		return err
	}
	c.env = vars
	lookup := envMap(vars)
	var argv []string
	for _, a := range c.spec.Command {
		argv = append(argv, expand(a, lookup))
	}
	for _, a := range c.spec.Args {
		argv = append(argv, expand(a, lookup))
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	termLog := filepath.Join(c.dir, "termination-log")
	if err := os.WriteFile(termLog, nil, 0o666); err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	_ = os.Chmod(termLog, 0o666)
	mounts, err := c.mounts(volumes, termLog)
	if err != nil {
		return err
	}
	hostname := podHostname(pod)
	c.argv = argv
	c.sandbox = sandboxSpec{
		Root:       filepath.Join(c.dir, "root"),
		Scratch:    filepath.Join(c.dir, "scratch"),
		Hostname:   hostname,
		Mounts:     mounts,
		WorkingDir: c.spec.WorkingDir,
		Argv:       argv,
	}
	return nil
}

// mounts lists the container's bind mounts: its volumeMounts (subPath included), the
// termination message file and, for the executor image, argoexec.
func (c *container) mounts(volumes map[string]string, termLog string) ([]mountSpec, error) {
	var mounts []mountSpec
	for _, m := range c.spec.VolumeMounts {
		source, ok := volumes[m.Name]
		if !ok {
			return nil, fmt.Errorf("%w: container %s mounts volume %q, which the pod does not have", errPermanent, c.name, m.Name)
		}
		if m.SubPathExpr != "" {
			return nil, fmt.Errorf("%w: container %s: subPathExpr is not supported by the testbed kubelet", errPermanent, c.name)
		}
		if m.SubPath != "" {
			if filepath.IsAbs(m.SubPath) || slices.Contains(strings.Split(m.SubPath, "/"), "..") {
				return nil, fmt.Errorf("%w: container %s: subPath %q must be a relative path without '..'", errPermanent, c.name, m.SubPath)
			}
			// resolved as the container starts, as a kubelet does: an init container may still
			// create it (Argo's init places input artifacts that main mounts by subPath)
			source = filepath.Join(source, m.SubPath)
			if c.subPaths == nil {
				c.subPaths = map[string]bool{}
			}
			c.subPaths[source] = true
			mounts = append(mounts, mountSpec{Source: source, Target: m.MountPath, ReadOnly: m.ReadOnly})
			continue
		}
		fi, err := os.Stat(source)
		if err != nil {
			return nil, fmt.Errorf("volume %q: %v", m.Name, err)
		}
		mounts = append(mounts, mountSpec{Source: source, Target: m.MountPath, ReadOnly: m.ReadOnly, File: !fi.IsDir()})
	}
	target := c.spec.TerminationMessagePath
	if target == "" {
		target = v1.TerminationMessagePathDefault
	}
	mounts = append(mounts, mountSpec{Source: termLog, Target: target, File: true})
	if c.executor && c.run.k.cfg.argoexec != "" {
		mounts = append(mounts, mountSpec{Source: c.run.k.cfg.argoexec,
			Target: filepath.Join(c.run.k.cfg.executorBinDir, "argoexec"), ReadOnly: true, File: true})
	}
	sort.SliceStable(mounts, func(i, j int) bool {
		return depth(mounts[i].Target) < depth(mounts[j].Target)
	})
	return mounts, nil
}

func depth(p string) int { return strings.Count(filepath.Clean("/"+p), "/") }

// resolveSubPaths readies the subPath mounts as the container starts: a sub-path that does not
// exist (yet) becomes an empty directory, writable by all; one that exists is bound as what it
// is by now, a file or a directory.
func resolveSubPaths(mounts []mountSpec, subPaths map[string]bool) error {
	for i := range mounts {
		m := &mounts[i]
		if !subPaths[m.Source] {
			continue
		}
		fi, err := os.Stat(m.Source)
		if os.IsNotExist(err) {
			if err := os.MkdirAll(m.Source, 0o777); err != nil {
				return fmt.Errorf("%w: subPath %s: %v", errPermanent, m.Source, err)
			}
			_ = os.Chmod(m.Source, 0o777)
			m.File = false
			continue
		}
		if err != nil {
			return fmt.Errorf("subPath %s: %v", m.Source, err)
		}
		m.File = !fi.IsDir()
	}
	return nil
}

// start starts the container's first process (container-init, which becomes the command) and
// records whether it started.
func (c *container) start() {
	err := c.startProcess()
	r := c.run
	r.mu.Lock()
	defer r.mu.Unlock()
	c.startedAt = time.Now()
	if err != nil {
		log.Printf("pod %s: container %s did not start: %v", r, c.name, err)
		c.state = stateTerminated
		c.finishedAt = c.startedAt
		c.exitCode = 128
		c.reason = "StartError"
		c.message = err.Error()
		close(c.done)
		return
	}
	c.state = stateRunning
}

func (c *container) startProcess() error {
	cgroup, err := c.run.k.cgroups.create(string(c.run.uid), c.name)
	if err != nil {
		return err
	}
	c.sandbox.Cgroup = cgroup
	if err := resolveSubPaths(c.sandbox.Mounts, c.subPaths); err != nil {
		return err
	}
	for _, d := range []string{c.sandbox.Root, c.sandbox.Scratch} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	specFile := filepath.Join(c.dir, "sandbox.json")
	data, err := json.Marshal(c.sandbox)
	if err != nil {
		return err
	}
	if err := os.WriteFile(specFile, data, 0o600); err != nil {
		return err
	}
	logs, err := newLogWriter(filepath.Join(c.run.dir, "logs", c.name+".log"))
	if err != nil {
		return err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		return err
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		return err
	}
	statusR, statusW, err := os.Pipe()
	if err != nil {
		return err
	}
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		return err
	}
	cmd := exec.Command("/proc/self/exe", containerInitCommand, specFile)
	cmd.Env = c.env
	cmd.Stdin = devNull
	cmd.Stdout = outW
	cmd.Stderr = errW
	cmd.ExtraFiles = []*os.File{statusW}
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWNS | syscall.CLONE_NEWPID | syscall.CLONE_NEWUTS,
		Setsid:     true,
	}
	err = cmd.Start()
	for _, f := range []*os.File{outW, errW, statusW, devNull} {
		_ = f.Close()
	}
	if err != nil {
		for _, f := range []*os.File{outR, errR, statusR, logs.f} {
			_ = f.Close()
		}
		return err
	}
	logs.follow(outR, "stdout")
	logs.follow(errR, "stderr")
	c.logs = logs
	c.run.mu.Lock()
	c.pid = cmd.Process.Pid
	c.run.mu.Unlock()
	// container-init writes why it could not exec the command; a successful exec closes the pipe.
	failure, _ := io.ReadAll(statusR)
	_ = statusR.Close()
	if len(failure) > 0 {
		_ = cmd.Wait()
		logs.wait()
		return errors.New(strings.TrimSpace(string(failure)))
	}
	go c.reap(cmd)
	return nil
}

// reap waits for the container's first process; its exit ends the container (the kernel kills
// whatever else ran in its PID namespace).
func (c *container) reap(cmd *exec.Cmd) {
	err := cmd.Wait()
	c.logs.wait()
	exitCode, signal := int32(0), int32(0)
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			ws := exitErr.Sys().(syscall.WaitStatus)
			switch {
			case ws.Signaled():
				signal = int32(ws.Signal())
				exitCode = 128 + signal
			default:
				exitCode = int32(ws.ExitStatus())
			}
		} else {
			exitCode = 128
		}
	}
	message := c.terminationMessage(exitCode)
	r := c.run
	r.mu.Lock()
	c.state = stateTerminated
	c.finishedAt = time.Now()
	c.exitCode = exitCode
	c.signal = signal
	c.reason = "Completed"
	if exitCode != 0 {
		c.reason = "Error"
	}
	c.message = message
	c.pid = 0
	r.mu.Unlock()
	close(c.done)
}

// terminationMessage reads the termination message file, or with FallbackToLogsOnError and a
// failure, the end of the log.
func (c *container) terminationMessage(exitCode int32) string {
	data, _ := os.ReadFile(filepath.Join(c.dir, "termination-log"))
	if len(data) > maxTerminationMessage {
		data = data[:maxTerminationMessage]
	}
	if len(data) == 0 && exitCode != 0 && c.spec.TerminationMessagePolicy == v1.TerminationMessageFallbackToLogsOnError {
		return c.logs.tail(fallbackLogLines, fallbackLogBytes)
	}
	return string(data)
}

// terminate sends SIGTERM to the container's first process (it is ignored there unless the
// process handles it, as in a container).
func (c *container) terminate() {
	c.run.mu.Lock()
	pid := c.pid
	c.run.mu.Unlock()
	if pid > 0 {
		_ = syscall.Kill(pid, syscall.SIGTERM)
	}
}

// kill sends SIGKILL to every process of the container: its cgroup, and its first process
// (whose end kills whatever else runs in its PID namespace).
func (c *container) kill() {
	kill(c.run.k.cgroups.containerDir(string(c.run.uid), c.name))
	c.run.mu.Lock()
	pid := c.pid
	c.run.mu.Unlock()
	if pid > 0 {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

func (c *container) releaseRoot() {
	_ = os.RemoveAll(filepath.Join(c.dir, "root"))
	_ = os.RemoveAll(filepath.Join(c.dir, "scratch"))
}

// status is the container's status as the kubelet reports it.
func (c *container) status() v1.ContainerStatus {
	s := v1.ContainerStatus{Name: c.name, Image: c.spec.Image, ImageID: c.spec.Image}
	started := false
	switch c.state {
	case stateWaiting:
		s.State.Waiting = &v1.ContainerStateWaiting{Reason: c.waitingReason, Message: c.waitingMessage}
	case stateRunning:
		started = true
		s.ContainerID = c.id()
		s.Ready = !c.isInit
		s.State.Running = &v1.ContainerStateRunning{StartedAt: metaTime(c.startedAt)}
	case stateTerminated:
		s.ContainerID = c.id()
		s.Ready = c.isInit && c.exitCode == 0
		s.State.Terminated = &v1.ContainerStateTerminated{ExitCode: c.exitCode,
			Reason: c.reason, Message: c.message, StartedAt: metaTime(c.startedAt),
			FinishedAt: metaTime(c.finishedAt), ContainerID: c.id()}
	}
	s.Started = &started
	return s
}
