package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// containerInitCommand is the hidden subcommand that becomes a container's first process.
const containerInitCommand = "container-init"

// sandboxSpec is what container-init needs to build a container's file system view.
type sandboxSpec struct {
	Root       string      `json:"root"`    // empty directory that becomes the container's "/"
	Scratch    string      `json:"scratch"` // writable directory for fresh and mirrored directories
	Cgroup     string      `json:"cgroup"`  // cgroup the container's processes live in
	Hostname   string      `json:"hostname"`
	Mounts     []mountSpec `json:"mounts"`
	WorkingDir string      `json:"workingDir"`
	Argv       []string    `json:"argv"`
}

type mountSpec struct {
	Source   string `json:"source"`
	Target   string `json:"target"`
	ReadOnly bool   `json:"readOnly,omitempty"`
	File     bool   `json:"file,omitempty"`
}

// Top-level directories a container gets empty and writable, as an image has them, instead of
// the host's.
var freshDirs = map[string]os.FileMode{"tmp": os.ModeSticky | 0o777, "run": 0o755, "root": 0o700}

// containerInit runs as the first process of a new mount, PID and UTS namespace: it builds the
// container's root, pivots into it and executes the container's command, which so becomes PID 1
// of the container. Why it could not is written to file descriptor 3 (exit code 128); a
// successful exec closes that descriptor without writing.
func containerInit(args []string) int {
	status := os.NewFile(3, "status")
	fail := func(err error) int {
		_, _ = status.WriteString(err.Error())
		return 128
	}
	if len(args) != 1 {
		return fail(errors.New("container-init expects the sandbox spec file"))
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return fail(err)
	}
	var spec sandboxSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return fail(err)
	}
	if len(spec.Argv) == 0 {
		return fail(errors.New("no command specified"))
	}
	if err := os.WriteFile(filepath.Join(spec.Cgroup, "cgroup.procs"), []byte("0"), 0o644); err != nil {
		return fail(fmt.Errorf("joining cgroup %s: %w", spec.Cgroup, err))
	}
	if err := buildRoot(&spec); err != nil {
		return fail(err)
	}
	if err := unix.Sethostname([]byte(spec.Hostname)); err != nil {
		return fail(fmt.Errorf("setting hostname: %w", err))
	}
	wd := spec.WorkingDir
	if wd == "" {
		wd = "/"
	}
	if err := os.Chdir(wd); err != nil {
		return fail(fmt.Errorf("working directory: %w", err))
	}
	path, err := lookPath(spec.Argv[0], os.Getenv("PATH"))
	if err != nil {
		return fail(err)
	}
	unix.CloseOnExec(3)
	err = unix.Exec(path, spec.Argv, os.Environ())
	return fail(fmt.Errorf("exec: %q: %w", spec.Argv[0], err))
}

// buildRoot makes spec.Root the container's root: the host's top-level directories bound
// read-only (the host stands in for the image), fresh /proc, /dev, /tmp, /var/tmp, /run and
// /root, the pod's volumes at their mount paths, then pivots into it. Mount points missing on
// the host are created in writable copies ("mirrors") of their parent directories, so nothing
// is ever created on the host.
func buildRoot(spec *sandboxSpec) error {
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making mounts private: %w", err)
	}
	root := spec.Root
	if err := unix.Mount(root, root, "", unix.MS_BIND, ""); err != nil {
		return fmt.Errorf("binding root: %w", err)
	}
	entries, err := os.ReadDir("/")
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		target := filepath.Join(root, name)
		source := "/" + name
		var err error
		switch {
		case name == "proc":
			if err = mkdirMode(target, 0o555); err == nil {
				err = unix.Mount("proc", target, "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "")
			}
		case name == "dev":
			err = setupDev(target)
		case freshDirs[name] != 0:
			err = mkdirMode(target, freshDirs[name])
		case name == "lost+found":
		default:
			err = copyEntry(source, target)
		}
		if err != nil {
			return fmt.Errorf("preparing /%s: %w", name, err)
		}
	}
	if fi, err := os.Lstat(filepath.Join(root, "var", "tmp")); err == nil && fi.IsDir() {
		fresh := filepath.Join(spec.Scratch, "var-tmp")
		if err := mkdirMode(fresh, os.ModeSticky|0o777); err != nil {
			return err
		}
		if err := unix.Mount(fresh, filepath.Join(root, "var", "tmp"), "", unix.MS_BIND, ""); err != nil {
			return fmt.Errorf("binding /var/tmp: %w", err)
		}
	}
	m := &mirrors{spec: spec}
	for _, mount := range spec.Mounts {
		target, err := m.ensure(mount.Target, mount.File)
		if err != nil {
			return fmt.Errorf("mount point %s: %w", mount.Target, err)
		}
		flags := uintptr(unix.MS_BIND)
		if !mount.File {
			flags |= unix.MS_REC
		}
		if err := unix.Mount(mount.Source, target, "", flags, ""); err != nil {
			return fmt.Errorf("mounting %s: %w", mount.Target, err)
		}
		if mount.ReadOnly {
			if err := readOnly(target, !mount.File); err != nil {
				return fmt.Errorf("making %s read-only: %w", mount.Target, err)
			}
		}
	}
	if spec.WorkingDir != "" {
		if _, err := m.ensure(spec.WorkingDir, false); err != nil {
			return fmt.Errorf("working directory %s: %w", spec.WorkingDir, err)
		}
	}
	return pivot(root)
}

// copyEntry reproduces one host entry in the container's root: a directory or file bound
// read-only (with what is mounted below it), a symbolic link as a link.
func copyEntry(source, target string) error {
	fi, err := os.Lstat(source)
	if err != nil {
		return err
	}
	switch {
	case fi.Mode()&os.ModeSymlink != 0:
		link, err := os.Readlink(source)
		if err != nil {
			return err
		}
		return os.Symlink(link, target)
	case fi.IsDir():
		if err := mkdirMode(target, fi.Mode().Perm()); err != nil {
			return err
		}
		if err := unix.Mount(source, target, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			return err
		}
		return readOnly(target, true)
	default:
		if err := createFile(target); err != nil {
			return err
		}
		if err := unix.Mount(source, target, "", unix.MS_BIND, ""); err != nil {
			return err
		}
		return readOnly(target, false)
	}
}

func readOnly(target string, recursive bool) error {
	flags := uint(0)
	if recursive {
		flags = unix.AT_RECURSIVE
	}
	err := unix.MountSetattr(unix.AT_FDCWD, target, flags, &unix.MountAttr{Attr_set: unix.MOUNT_ATTR_RDONLY})
	if errors.Is(err, unix.ENOSYS) {
		err = unix.Mount("", target, "", unix.MS_BIND|unix.MS_REMOUNT|unix.MS_RDONLY, "")
	}
	return err
}

// setupDev makes a container /dev as runtimes do: a tmpfs with the usual device nodes bound from
// the host, the host's pts, a private shm and the /proc/self/fd links.
func setupDev(dev string) error {
	if err := mkdirMode(dev, 0o755); err != nil {
		return err
	}
	if err := unix.Mount("tmpfs", dev, "tmpfs", unix.MS_NOSUID|unix.MS_STRICTATIME, "mode=755,size=65536k"); err != nil {
		return err
	}
	for _, d := range []string{"null", "zero", "full", "random", "urandom", "tty"} {
		target := filepath.Join(dev, d)
		if err := createFile(target); err != nil {
			return err
		}
		if err := unix.Mount("/dev/"+d, target, "", unix.MS_BIND, ""); err != nil {
			return fmt.Errorf("/dev/%s: %w", d, err)
		}
	}
	if err := mkdirMode(filepath.Join(dev, "pts"), 0o755); err != nil {
		return err
	}
	if err := unix.Mount("/dev/pts", filepath.Join(dev, "pts"), "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
		return fmt.Errorf("/dev/pts: %w", err)
	}
	if err := mkdirMode(filepath.Join(dev, "shm"), os.ModeSticky|0o777); err != nil {
		return err
	}
	if err := unix.Mount("shm", filepath.Join(dev, "shm"), "tmpfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC,
		"mode=1777,size=65536k"); err != nil {
		return fmt.Errorf("/dev/shm: %w", err)
	}
	for name, link := range map[string]string{"fd": "/proc/self/fd", "stdin": "/proc/self/fd/0",
		"stdout": "/proc/self/fd/1", "stderr": "/proc/self/fd/2", "ptmx": "pts/ptmx"} {
		if err := os.Symlink(link, filepath.Join(dev, name)); err != nil {
			return err
		}
	}
	return nil
}

// mirrors creates mount points in the container's root. Where a missing mount point's parent
// is a read-only host directory, the parent is replaced by a writable directory in the scratch
// area holding the same entries (each bound read-only from the host), so the mount point is
// created there instead of on the host.
type mirrors struct {
	spec  *sandboxSpec
	count int
}

// ensure returns the path under the root at which the container sees p, creating what is
// missing (a file at the end if file is set). Symbolic links are followed inside the root.
func (m *mirrors) ensure(p string, file bool) (string, error) {
	root := m.spec.Root
	parts := splitPath(p)
	cur := root
	for hops := 0; len(parts) > 0; {
		part := parts[0]
		parts = parts[1:]
		if part == "." {
			continue
		}
		if part == ".." {
			if cur != root {
				cur = filepath.Dir(cur)
			}
			continue
		}
		last := len(parts) == 0
		next := filepath.Join(cur, part)
		fi, err := os.Lstat(next)
		if err == nil && fi.Mode()&os.ModeSymlink != 0 {
			if hops++; hops > 40 {
				return "", errors.New("too many levels of symbolic links")
			}
			link, err := os.Readlink(next)
			if err != nil {
				return "", err
			}
			if filepath.IsAbs(link) {
				cur = root
			}
			parts = append(splitPath(link), parts...)
			continue
		}
		if err == nil {
			if !last && !fi.IsDir() {
				return "", fmt.Errorf("%s is not a directory", strings.TrimPrefix(next, root))
			}
			cur = next
			continue
		}
		if !os.IsNotExist(err) {
			return "", err
		}
		create := func() error {
			if last && file {
				return createFile(next)
			}
			return os.Mkdir(next, 0o755)
		}
		err = create()
		if errors.Is(err, syscall.EROFS) {
			if err := m.mirror(cur); err != nil {
				return "", fmt.Errorf("making %s writable: %w", strings.TrimPrefix(cur, root), err)
			}
			err = create()
		}
		if err != nil {
			return "", err
		}
		cur = next
	}
	return cur, nil
}

// mirror covers dir with a writable scratch directory holding dir's entries.
func (m *mirrors) mirror(dir string) error {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	f := os.NewFile(uintptr(fd), dir)
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return err
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	m.count++
	scratch := filepath.Join(m.spec.Scratch, fmt.Sprintf("mirror-%d", m.count))
	if err := mkdirMode(scratch, fi.Mode().Perm()); err != nil {
		return err
	}
	if err := unix.Mount(scratch, dir, "", unix.MS_BIND, ""); err != nil {
		return err
	}
	for _, name := range names {
		// the covered directory stays reachable through the descriptor
		if err := copyEntry(fmt.Sprintf("/proc/self/fd/%d/%s", fd, name), filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// pivot makes root the process's root and detaches the host's (as runc does).
func pivot(root string) error {
	oldRoot, err := unix.Open("/", unix.O_DIRECTORY|unix.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer unix.Close(oldRoot)
	newRoot, err := unix.Open(root, unix.O_DIRECTORY|unix.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer unix.Close(newRoot)
	if err := unix.Fchdir(newRoot); err != nil {
		return err
	}
	if err := unix.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("pivot_root: %w", err)
	}
	if err := unix.Fchdir(oldRoot); err != nil {
		return err
	}
	if err := unix.Mount("", ".", "", unix.MS_SLAVE|unix.MS_REC, ""); err != nil {
		return err
	}
	if err := unix.Unmount(".", unix.MNT_DETACH); err != nil {
		return fmt.Errorf("detaching the host's root: %w", err)
	}
	if err := unix.Chdir("/"); err != nil {
		return err
	}
	// A copy of the root itself shows at its host path when that lies in a bound host directory.
	_ = unix.Unmount(root, unix.MNT_DETACH)
	return nil
}

func splitPath(p string) []string {
	var parts []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return parts
}

func mkdirMode(dir string, mode os.FileMode) error {
	if err := os.Mkdir(dir, mode.Perm()); err != nil && !os.IsExist(err) {
		return err
	}
	return os.Chmod(dir, mode)
}

func createFile(p string) error {
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	return f.Close()
}

// lookPath finds the command as execvp would, in the container's PATH.
func lookPath(file, path string) (string, error) {
	if strings.Contains(file, "/") {
		if err := executable(file); err != nil {
			return "", fmt.Errorf("exec: %q: %w", file, err)
		}
		return file, nil
	}
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(dir, file)
		if executable(p) == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("exec: %q: executable file not found in $PATH", file)
}

func executable(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if fi.IsDir() || fi.Mode()&0o111 == 0 {
		return fmt.Errorf("stat %s: permission denied", p)
	}
	return nil
}
