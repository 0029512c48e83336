// Command skiff-kubelet is the testbed's process kubelet: it runs the pods of Argo Workflows
// (pods labelled workflows.argoproj.io/workflow) as host processes, each container in its own
// mount, PID and UTS namespace with the pod's volumes bind-mounted at their mount paths, reports
// their status the way the kubelet does, and serves kubectl logs and exec through the
// kube-apiserver. The image of a container is ignored (the host's file system stands in for it),
// except that containers of the executor image find Argo's argoexec binary on their PATH.
//
// Usage:
//
//	skiff-kubelet run --kubeconfig F --listen 127.0.0.1:PORT --tls-cert F --tls-key F --client-ca F
//	                  --state-dir D --cgroup D --argoexec F [--instant]
//	skiff-kubelet container-init SPEC   (internal: the first process of a container)
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == containerInitCommand {
		os.Exit(containerInit(os.Args[2:]))
	}
	if len(os.Args) < 2 || os.Args[1] != "run" {
		fmt.Fprintln(os.Stderr, "usage: skiff-kubelet run --kubeconfig F --listen ADDR ... (see --help)")
		os.Exit(2)
	}
	cfg, err := parseConfig(os.Args[2:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "skiff-kubelet:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	k, err := newKubelet(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "skiff-kubelet:", err)
		os.Exit(1)
	}
	if err := k.run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "skiff-kubelet:", err)
		os.Exit(1)
	}
}
