package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// Why a pod's containers are being stopped.
type stopReason int

const (
	stopNone     stopReason = iota
	stopDeadline            // activeDeadlineSeconds passed
	stopDeletion            // the pod has a deletionTimestamp
	stopGone                // the pod object is gone from the API
	stopShutdown            // the kubelet is stopping
)

const (
	deadlineReason  = "DeadlineExceeded"
	deadlineMessage = "Pod was active on the node longer than the specified deadline"
	// InstantAnnotation makes one pod finish at once without running anything.
	instantAnnotation = "skiff.dev/testbed-instant"
)

// errPermanent marks a setup failure that retrying cannot fix (the pod fails).
var errPermanent = errors.New("permanent")

// podRun runs one pod from the moment it is scheduled until its object is deleted.
type podRun struct {
	k         *kubelet
	uid       types.UID
	namespace string
	name      string
	dir       string // <state-dir>/pods/<uid>

	mu         sync.Mutex
	pod        *v1.Pod // latest seen
	isGone     bool
	stopWhy    stopReason
	killAt     time.Time     // when running containers get SIGKILL
	stopCh     chan struct{} // closed on the first stop
	nudge      chan struct{} // closed and replaced on every change of pod or stop state
	containers []*container  // init containers first, in spec order
	byName     map[string]*container
	phase      v1.PodPhase
	reason     string
	message    string
	startTime  time.Time
	ready      bool // sandbox prepared (PodReadyToStartContainers)

	statusMu   sync.Mutex   // serialises status writes
	lastStatus v1.PodStatus // status as the API has it after our last write
}

func newPodRun(k *kubelet, pod *v1.Pod) *podRun {
	return &podRun{k: k, uid: pod.UID, namespace: pod.Namespace, name: pod.Name,
		dir: filepath.Join(k.cfg.stateDir, "pods", string(pod.UID)), pod: pod.DeepCopy(),
		stopCh: make(chan struct{}), nudge: make(chan struct{}), byName: map[string]*container{},
		phase: v1.PodPending, lastStatus: *pod.Status.DeepCopy()}
}

func (r *podRun) String() string { return r.namespace + "/" + r.name }

// update takes a newer version of the pod from the watch.
func (r *podRun) update(pod *v1.Pod) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.pod = pod.DeepCopy()
	if pod.DeletionTimestamp != nil {
		grace := int64(0)
		if pod.DeletionGracePeriodSeconds != nil {
			grace = *pod.DeletionGracePeriodSeconds
		}
		r.stopLocked(stopDeletion, time.Duration(grace)*time.Second)
	}
	r.changedLocked()
}

// gone is called when the pod object has been removed from the API.
func (r *podRun) gone() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.isGone = true
	r.stopLocked(stopGone, 0)
	r.changedLocked()
}

func (r *podRun) stop(why stopReason, grace time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopLocked(why, grace)
	r.changedLocked()
}

func (r *podRun) stopLocked(why stopReason, grace time.Duration) {
	at := time.Now().Add(grace)
	if r.stopWhy == stopNone {
		r.stopWhy = why
		r.killAt = at
		close(r.stopCh)
		return
	}
	if at.Before(r.killAt) {
		r.killAt = at
	}
	if why == stopGone || why == stopShutdown {
		r.stopWhy = why
	}
}

func (r *podRun) changedLocked() {
	close(r.nudge)
	r.nudge = make(chan struct{})
}

func (r *podRun) stopping() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stopWhy != stopNone
}

// writesAllowed says whether the pod may still be written to the API.
func (r *podRun) writesAllowed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.isGone && r.stopWhy != stopShutdown
}

func (r *podRun) current() *v1.Pod {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pod
}

// run is the pod's whole life on this node.
func (r *podRun) run() {
	defer r.cleanup()
	pod := r.current()
	switch {
	case pod.Status.Phase == v1.PodSucceeded || pod.Status.Phase == v1.PodFailed:
		// finished before this kubelet started: only its deletion is left to do
	case pod.Status.StartTime != nil:
		r.failOrphan()
	case r.k.cfg.instant || pod.Annotations[instantAnnotation] == "true":
		r.runInstant()
	default:
		r.runContainers()
	}
	r.awaitDeletion()
}

func (r *podRun) runContainers() {
	r.mu.Lock()
	r.startTime = time.Now()
	r.mu.Unlock()
	if d := r.current().Spec.ActiveDeadlineSeconds; d != nil {
		go r.enforceDeadline(time.Duration(*d) * time.Second)
	}
	if err := r.prepare(); err != nil {
		r.failSetup(err)
		return
	}
	r.pushStatus()
	if r.runInit() {
		r.runRegular()
	}
	r.finish()
}

// enforceDeadline stops the pod once it has been active for d (activeDeadlineSeconds).
func (r *podRun) enforceDeadline(d time.Duration) {
	r.mu.Lock()
	deadline := r.startTime.Add(d)
	stopCh := r.stopCh
	r.mu.Unlock()
	select {
	case <-time.After(time.Until(deadline)):
		pod := r.current()
		grace := r.k.cfg.defaultGrace
		if pod.Spec.TerminationGracePeriodSeconds != nil {
			grace = *pod.Spec.TerminationGracePeriodSeconds
		}
		log.Printf("pod %s: active deadline of %s exceeded, stopping it (grace %ds)", r, d, grace)
		r.stop(stopDeadline, time.Duration(grace)*time.Second)
	case <-stopCh:
	}
}

// prepare makes the pod's directories, volumes and the containers' environments. Missing
// ConfigMaps or Secrets are waited for (as the kubelet does); unsupported volumes fail the pod.
func (r *podRun) prepare() error {
	for attempt := 0; ; attempt++ {
		err := r.prepareOnce()
		if err == nil || errors.Is(err, errPermanent) {
			return err
		}
		if attempt == 0 || attempt%30 == 0 {
			log.Printf("pod %s: setting up: %v (retrying)", r, err)
		}
		r.mu.Lock()
		for _, c := range r.containers {
			c.waitingReason, c.waitingMessage = "ContainerCreating", ""
		}
		stopCh := r.stopCh
		r.mu.Unlock()
		if attempt == 0 {
			r.pushStatus()
		}
		select {
		case <-stopCh:
			return fmt.Errorf("stopped before its setup finished: %w", err)
		case <-time.After(time.Second):
		}
	}
}

func (r *podRun) prepareOnce() error {
	pod := r.current()
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	r.mu.Lock()
	if len(r.containers) == 0 {
		for i := range pod.Spec.InitContainers {
			r.addContainerLocked(&pod.Spec.InitContainers[i], true)
		}
		for i := range pod.Spec.Containers {
			r.addContainerLocked(&pod.Spec.Containers[i], false)
		}
	}
	r.mu.Unlock()
	env := r.newPodEnv(pod)
	volumes, err := r.prepareVolumes(pod, env)
	if err != nil {
		return err
	}
	for _, c := range r.containers {
		if err := c.prepare(pod, volumes, env); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.ready = true
	r.mu.Unlock()
	return nil
}

func (r *podRun) addContainerLocked(spec *v1.Container, init bool) {
	c := newContainer(r, spec, init)
	r.containers = append(r.containers, c)
	r.byName[c.name] = c
}

// runInit runs the init containers one after the other; false if one failed or the pod stops.
func (r *podRun) runInit() bool {
	for _, c := range r.containers {
		if !c.isInit {
			continue
		}
		if r.stopping() {
			return false
		}
		c.start()
		r.pushStatus()
		r.await(c)
		if !c.succeeded() {
			return false
		}
	}
	return !r.stopping()
}

// runRegular starts the regular containers in spec order and waits for all of them.
func (r *podRun) runRegular() {
	var regular []*container
	for _, c := range r.containers {
		if !c.isInit {
			regular = append(regular, c)
		}
	}
	for _, c := range regular {
		if r.stopping() {
			break
		}
		c.start()
	}
	r.mu.Lock()
	r.phase = v1.PodRunning
	r.mu.Unlock()
	r.pushStatus()
	var wg sync.WaitGroup
	var left atomic.Int32
	for _, c := range regular {
		if c.started() {
			left.Add(1)
		}
	}
	for _, c := range regular {
		if !c.started() {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.await(c)
			if left.Add(-1) > 0 { // the last exit is reported with the pod's final phase
				r.pushStatus()
			}
		}()
	}
	wg.Wait()
}

// await waits until c exits; when the pod stops it sends SIGTERM, then SIGKILL at the kill time.
func (r *podRun) await(c *container) {
	termSent := false
	for {
		r.mu.Lock()
		stopping, killAt, nudge := r.stopWhy != stopNone, r.killAt, r.nudge
		r.mu.Unlock()
		var timer <-chan time.Time
		if stopping {
			if time.Until(killAt) <= 0 {
				c.kill()
				<-c.done
				return
			}
			if !termSent {
				c.terminate()
				termSent = true
			}
			timer = time.After(time.Until(killAt))
		}
		select {
		case <-c.done:
			return
		case <-nudge:
		case <-timer:
		}
	}
}

// finish sets the terminal phase once every container has stopped, and frees the volumes.
func (r *podRun) finish() {
	r.mu.Lock()
	failed := r.stopWhy == stopDeadline
	for _, c := range r.containers {
		if c.state != stateTerminated || c.exitCode != 0 {
			failed = true
		}
	}
	if r.stopWhy == stopDeadline {
		r.reason, r.message = deadlineReason, deadlineMessage
	}
	if failed {
		r.phase = v1.PodFailed
	} else {
		r.phase = v1.PodSucceeded
	}
	r.ready = false
	summary := fmt.Sprintf("pod %s: %s", r, r.phase)
	for _, c := range r.containers {
		if c.state == stateTerminated {
			summary += fmt.Sprintf(", %s exit %d", c.name, c.exitCode)
		}
	}
	if r.reason != "" {
		summary += " (" + r.reason + ")"
	}
	r.mu.Unlock()
	log.Print(summary)
	r.pushStatus()
	r.releaseVolumes()
}

// failSetup fails a pod whose volumes or environment cannot be set up.
func (r *podRun) failSetup(err error) {
	log.Printf("pod %s: %v", r, err)
	r.mu.Lock()
	if r.stopWhy == stopDeadline {
		r.reason, r.message = deadlineReason, deadlineMessage
	} else {
		r.reason, r.message = "SetupFailed", "skiff testbed kubelet: "+err.Error()
	}
	r.phase = v1.PodFailed
	r.ready = false
	r.mu.Unlock()
	r.pushStatus()
	r.releaseVolumes()
}

// failOrphan fails a pod that an earlier kubelet started: its processes are gone.
func (r *podRun) failOrphan() {
	r.mu.Lock()
	r.reason, r.message = "KubeletRestarted", "skiff testbed kubelet: the kubelet that ran this pod has stopped"
	r.phase = v1.PodFailed
	r.mu.Unlock()
	r.pushStatus()
}

// awaitDeletion waits for the pod's deletion and then removes the object (grace period 0, as
// the kubelet does once the pod's containers have stopped).
func (r *podRun) awaitDeletion() {
	for {
		r.mu.Lock()
		gone, deleting, shutdown, nudge := r.isGone, r.pod.DeletionTimestamp != nil, r.stopWhy == stopShutdown, r.nudge
		r.mu.Unlock()
		if gone || shutdown {
			return
		}
		if deleting {
			zero := int64(0)
			err := r.k.client.CoreV1().Pods(r.namespace).Delete(r.k.ctx, r.name, metav1.DeleteOptions{
				GracePeriodSeconds: &zero, Preconditions: metav1.NewUIDPreconditions(string(r.uid))})
			if err == nil || apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
				return
			}
			log.Printf("pod %s: deleting: %v", r, err)
			select {
			case <-time.After(time.Second):
			case <-r.k.ctx.Done():
				return
			}
			continue
		}
		select {
		case <-nudge:
		case <-r.k.ctx.Done():
			return
		}
	}
}

// releaseVolumes removes the volumes and container roots of a finished pod (nothing can reach
// them any more); logs and termination messages stay until the pod is deleted.
func (r *podRun) releaseVolumes() {
	r.k.cgroups.removePod(string(r.uid))
	_ = os.RemoveAll(filepath.Join(r.dir, "volumes"))
	for _, c := range r.containers {
		c.releaseRoot()
	}
}

func (r *podRun) cleanup() {
	r.k.cgroups.removePod(string(r.uid))
	_ = os.RemoveAll(r.dir)
}
