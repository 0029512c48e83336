package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// cgroupTree is the kubelet's cgroup v2 directory: the kubelet itself in <root>/kubelet, each
// container in <root>/pod-<uid>/<container>. Killing <root> (cgroup.kill) ends every process the
// kubelet started, even when the kubelet itself was killed first (down.sh does that).
type cgroupTree struct {
	root string
}

func newCgroupTree(root string) (*cgroupTree, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("creating cgroup %s (a cgroup v2 hierarchy is needed): %w", root, err)
	}
	if _, err := os.Stat(filepath.Join(root, "cgroup.kill")); err != nil {
		return nil, fmt.Errorf("%s is not a cgroup v2 directory with cgroup.kill: %w", root, err)
	}
	return &cgroupTree{root: root}, nil
}

// enterSelf moves the kubelet into <root>/kubelet (a cgroup with processes cannot have children
// that hold processes too, so the kubelet does not stay in <root>).
func (t *cgroupTree) enterSelf() error {
	dir := filepath.Join(t.root, "kubelet")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "cgroup.procs"), []byte("0"), 0o644)
}

func (t *cgroupTree) podDir(uid string) string { return filepath.Join(t.root, "pod-"+uid) }

func (t *cgroupTree) containerDir(uid, container string) string {
	return filepath.Join(t.podDir(uid), container)
}

// create makes a container's cgroup.
func (t *cgroupTree) create(uid, container string) (string, error) {
	dir := t.containerDir(uid, container)
	return dir, os.MkdirAll(dir, 0o755)
}

// kill sends SIGKILL to every process of the cgroup dir and its descendants.
func kill(dir string) {
	_ = os.WriteFile(filepath.Join(dir, "cgroup.kill"), []byte("1"), 0o644)
}

// populated says whether a process lives in dir or below.
func populated(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "cgroup.events"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "populated "); ok {
			return strings.TrimSpace(v) == "1"
		}
	}
	return false
}

// removePod kills what is left in a pod's cgroup and removes it with its containers' cgroups.
func (t *cgroupTree) removePod(uid string) {
	dir := t.podDir(uid)
	if _, err := os.Stat(dir); err != nil {
		return
	}
	kill(dir)
	waitEmpty(dir, 5*time.Second)
	removeTree(dir)
}

// killAll kills every container of the kubelet (not the kubelet) and removes their cgroups.
func (t *cgroupTree) killAll() {
	entries, _ := os.ReadDir(t.root)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "pod-") {
			kill(filepath.Join(t.root, e.Name()))
		}
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "pod-") {
			dir := filepath.Join(t.root, e.Name())
			waitEmpty(dir, 5*time.Second)
			removeTree(dir)
		}
	}
}

func waitEmpty(dir string, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for populated(dir) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
}

// removeTree removes a cgroup directory bottom-up (cgroups are removed with rmdir, never unlinked).
func removeTree(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			removeTree(filepath.Join(dir, e.Name()))
		}
	}
	_ = os.Remove(dir)
}
