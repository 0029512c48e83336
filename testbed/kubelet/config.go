package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
)

// config is what the kubelet is started with (flags of `skiff-kubelet run`).
type config struct {
	kubeconfig     string  // admin kubeconfig of the cluster
	listen         string  // host:port of the HTTPS server the kube-apiserver proxies logs and exec to
	tlsCert        string  // serving certificate (PEM)
	tlsKey         string  // its key
	clientCA       string  // CA that signed the kube-apiserver's kubelet client certificate
	stateDir       string  // per-pod directories: volumes, container roots, logs
	cgroup         string  // cgroup v2 directory that holds every process the kubelet starts
	argoexec       string  // Argo's argoexec binary, put on the PATH of executor-image containers
	executorImage  string  // repository name (last path element) that marks the executor image
	labelSelector  string  // pods this kubelet runs
	instant        bool    // every pod finishes at once without running anything
	qps            float64 // client rate limit
	burst          int
	readyFile      string // written once the kubelet serves and watches (for up.sh)
	defaultGrace   int64  // grace period when the pod does not say
	executorBinDir string // where argoexec appears inside executor-image containers
}

func parseConfig(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("skiff-kubelet run", flag.ContinueOnError)
	fs.StringVar(&c.kubeconfig, "kubeconfig", "", "admin kubeconfig of the cluster (required)")
	fs.StringVar(&c.listen, "listen", "", "host:port of the kubelet's HTTPS server (required)")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "serving certificate, PEM (required)")
	fs.StringVar(&c.tlsKey, "tls-key", "", "serving key, PEM (required)")
	fs.StringVar(&c.clientCA, "client-ca", "", "CA of the kube-apiserver's kubelet client certificate (required)")
	fs.StringVar(&c.stateDir, "state-dir", "", "directory for pod volumes, container roots and logs (required)")
	fs.StringVar(&c.cgroup, "cgroup", "", "cgroup v2 directory for every process the kubelet starts (required)")
	fs.StringVar(&c.argoexec, "argoexec", "", "Argo's argoexec binary for containers of the executor image")
	fs.StringVar(&c.executorImage, "executor-image-name", "argoexec",
		"an image whose repository's last path element is this is the executor image (any registry, any tag)")
	fs.StringVar(&c.labelSelector, "label-selector", "workflows.argoproj.io/workflow",
		"pods this kubelet runs (kwok's stages leave these alone)")
	fs.BoolVar(&c.instant, "instant", false, "finish every pod at once without running anything (benchmarks)")
	fs.Float64Var(&c.qps, "qps", 500, "requests per second to the kube-apiserver")
	fs.IntVar(&c.burst, "burst", 1000, "request burst to the kube-apiserver")
	fs.StringVar(&c.readyFile, "ready-file", "", "file written once the kubelet serves and watches pods")
	fs.Int64Var(&c.defaultGrace, "default-grace-period", 30, "termination grace period (s) when a pod sets none")
	fs.StringVar(&c.executorBinDir, "executor-bin-dir", "/usr/local/bin",
		"directory in which containers of the executor image find argoexec")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	var missing []string
	for name, value := range map[string]string{"kubeconfig": c.kubeconfig, "listen": c.listen,
		"tls-cert": c.tlsCert, "tls-key": c.tlsKey, "client-ca": c.clientCA, "state-dir": c.stateDir,
		"cgroup": c.cgroup} {
		if value == "" {
			missing = append(missing, "--"+name)
		}
	}
	if len(missing) > 0 {
		return c, fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	for _, p := range []*string{&c.stateDir, &c.cgroup} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return c, err
		}
		*p = abs
	}
	if !filepath.IsAbs(c.executorBinDir) {
		return c, errors.New("--executor-bin-dir must be absolute")
	}
	return c, nil
}
