package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/url"
	"os"
	"sync"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

// kubelet watches the pods it runs and keeps one podRun per pod.
type kubelet struct {
	cfg     config
	client  kubernetes.Interface
	dynamic dynamic.Interface
	apiHost string // what KUBERNETES_SERVICE_HOST says in containers
	apiPort string // and KUBERNETES_SERVICE_PORT
	cgroups *cgroupTree
	ctx     context.Context // cancelled on shutdown

	mu     sync.Mutex
	runs   map[types.UID]*podRun
	byName map[string]*podRun // namespace/name -> latest run
	wg     sync.WaitGroup
}

func newKubelet(cfg config) (*kubelet, error) {
	restConfig, err := clientcmd.BuildConfigFromFlags("", cfg.kubeconfig)
	if err != nil {
		return nil, fmt.Errorf("reading kubeconfig %s: %w", cfg.kubeconfig, err)
	}
	restConfig.QPS = float32(cfg.qps)
	restConfig.Burst = cfg.burst
	restConfig.UserAgent = "skiff-testbed-kubelet"
	client, err := kubernetes.NewForConfig(restConfig)
	if err != nil {
		return nil, err
	}
	dyn, err := dynamic.NewForConfig(restConfig)
	if err != nil {
		return nil, err
	}
	host, port, err := apiServerAddress(restConfig)
	if err != nil {
		return nil, err
	}
	cgroups, err := newCgroupTree(cfg.cgroup)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.stateDir, 0o755); err != nil {
		return nil, err
	}
	return &kubelet{cfg: cfg, client: client, dynamic: dyn, apiHost: host, apiPort: port, cgroups: cgroups,
		runs: map[types.UID]*podRun{}, byName: map[string]*podRun{}}, nil
}

func apiServerAddress(c *rest.Config) (string, string, error) {
	u, err := url.Parse(c.Host)
	if err != nil {
		return "", "", fmt.Errorf("kube-apiserver URL %q: %w", c.Host, err)
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		return u.Hostname(), "443", nil
	}
	return host, port, nil
}

func (k *kubelet) run(ctx context.Context) error {
	k.ctx = ctx
	if err := k.cgroups.enterSelf(); err != nil {
		return err
	}
	server, err := k.startServer()
	if err != nil {
		return err
	}
	factory := informers.NewSharedInformerFactoryWithOptions(k.client, 0,
		informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.LabelSelector = k.cfg.labelSelector
			o.FieldSelector = "spec.nodeName!="
		}))
	informer := factory.Core().V1().Pods().Informer()
	_, err = informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { k.observe(obj) },
		UpdateFunc: func(_, obj any) { k.observe(obj) },
		DeleteFunc: func(obj any) { k.forget(obj) },
	})
	if err != nil {
		return err
	}
	factory.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), informer.HasSynced) {
		return fmt.Errorf("pod watch did not sync")
	}
	log.Printf("watching pods with %s; serving logs and exec on %s; state in %s; instant=%v",
		k.cfg.labelSelector, k.cfg.listen, k.cfg.stateDir, k.cfg.instant)
	if k.cfg.readyFile != "" {
		if err := os.WriteFile(k.cfg.readyFile, []byte(fmt.Sprintf("%d\n", os.Getpid())), 0o644); err != nil {
			return err
		}
	}
	<-ctx.Done()
	log.Printf("stopping: killing every container")
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = server.Shutdown(shutdown)
	k.mu.Lock()
	for _, r := range k.runs {
		r.stop(stopShutdown, 0)
	}
	k.mu.Unlock()
	done := make(chan struct{})
	go func() { k.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		log.Printf("some pods did not stop within 10 s")
	}
	k.cgroups.killAll()
	return nil
}

// observe is called for every added or changed pod of the watch.
func (k *kubelet) observe(obj any) {
	pod, ok := obj.(*v1.Pod)
	if !ok {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ctx.Err() != nil {
		return
	}
	if r, ok := k.runs[pod.UID]; ok {
		r.update(pod)
		return
	}
	r := newPodRun(k, pod)
	k.runs[pod.UID] = r
	k.byName[pod.Namespace+"/"+pod.Name] = r
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		r.run()
		k.mu.Lock()
		delete(k.runs, pod.UID)
		if k.byName[pod.Namespace+"/"+pod.Name] == r {
			delete(k.byName, pod.Namespace+"/"+pod.Name)
		}
		k.mu.Unlock()
	}()
}

// forget is called when a pod object is gone from the API (deleted for good).
func (k *kubelet) forget(obj any) {
	if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = tomb.Obj
	}
	pod, ok := obj.(*v1.Pod)
	if !ok {
		return
	}
	k.mu.Lock()
	r := k.runs[pod.UID]
	k.mu.Unlock()
	if r != nil {
		r.gone()
	}
}

// lookup finds the run of a pod by namespace and name (for logs and exec).
func (k *kubelet) lookup(namespace, name string) *podRun {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.byName[namespace+"/"+name]
}
