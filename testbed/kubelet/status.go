package main

import (
	"encoding/json"
	"fmt"
	"log"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
)

var metaCreate = metav1.CreateOptions{}

func metaTime(t time.Time) metav1.Time { return metav1.NewTime(t.Truncate(time.Second)) }

// Conditions the kubelet owns; others (PodScheduled, DisruptionTarget, ...) are left as they are.
var kubeletConditions = []v1.PodConditionType{v1.PodReadyToStartContainers, v1.PodInitialized, v1.PodReady,
	v1.ContainersReady}

// desiredStatus is the pod's status as the kubelet reports it now, built on base (the status as
// the API has it) so that fields the kubelet does not own stay. Called with r.mu held.
func (r *podRun) desiredStatus(base v1.PodStatus, now time.Time) v1.PodStatus {
	s := *base.DeepCopy()
	pod := r.pod
	s.Phase = r.phase
	s.Reason, s.Message = r.reason, r.message
	s.ObservedGeneration = pod.Generation
	if !r.startTime.IsZero() {
		t := metaTime(r.startTime)
		s.StartTime = &t
		s.HostIP, s.PodIP = podIP, podIP
		s.HostIPs = []v1.HostIP{{IP: podIP}}
		s.PodIPs = []v1.PodIP{{IP: podIP}}
	}
	s.InitContainerStatuses, s.ContainerStatuses = nil, nil
	var incomplete, unready []string
	for _, c := range r.containers {
		cs := c.status()
		if c.isInit {
			s.InitContainerStatuses = append(s.InitContainerStatuses, cs)
			if !cs.Ready {
				incomplete = append(incomplete, c.name)
			}
		} else {
			s.ContainerStatuses = append(s.ContainerStatuses, cs)
			if !cs.Ready {
				unready = append(unready, c.name)
			}
		}
	}
	if len(r.containers) == 0 { // not set up yet
		for _, c := range pod.Spec.InitContainers {
			s.InitContainerStatuses = append(s.InitContainerStatuses, waitingStatus(c, "PodInitializing"))
			incomplete = append(incomplete, c.Name)
		}
		for _, c := range pod.Spec.Containers {
			s.ContainerStatuses = append(s.ContainerStatuses, waitingStatus(c, "PodInitializing"))
			unready = append(unready, c.Name)
		}
	}
	terminal := r.phase == v1.PodSucceeded || r.phase == v1.PodFailed
	conditions := map[v1.PodConditionType]v1.PodCondition{}
	conditions[v1.PodReadyToStartContainers] = condition(v1.PodReadyToStartContainers, r.ready && !terminal, "", "")
	if len(incomplete) == 0 {
		conditions[v1.PodInitialized] = condition(v1.PodInitialized, true, "", "")
	} else {
		conditions[v1.PodInitialized] = condition(v1.PodInitialized, false, "ContainersNotInitialized",
			fmt.Sprintf("containers with incomplete status: [%s]", strings.Join(incomplete, " ")))
	}
	var ready v1.PodCondition
	switch {
	case r.phase == v1.PodSucceeded:
		ready = condition(v1.ContainersReady, false, "PodCompleted", "")
	case r.phase == v1.PodFailed:
		ready = condition(v1.ContainersReady, false, "PodFailed", "")
	case len(unready) > 0:
		ready = condition(v1.ContainersReady, false, "ContainersNotReady",
			fmt.Sprintf("containers with unready status: [%s]", strings.Join(unready, " ")))
	default:
		ready = condition(v1.ContainersReady, true, "", "")
	}
	conditions[v1.ContainersReady] = ready
	ready.Type = v1.PodReady
	conditions[v1.PodReady] = ready
	var kept []v1.PodCondition
	for _, c := range s.Conditions {
		if _, ours := conditions[c.Type]; !ours {
			kept = append(kept, c)
		}
	}
	for _, t := range kubeletConditions {
		c := conditions[t]
		c.ObservedGeneration = pod.Generation
		c.LastTransitionTime = metaTime(now)
		for _, old := range base.Conditions {
			if old.Type == t && old.Status == c.Status {
				c.LastTransitionTime = old.LastTransitionTime
			}
		}
		kept = append(kept, c)
	}
	s.Conditions = kept
	return s
}

func condition(t v1.PodConditionType, ok bool, reason, message string) v1.PodCondition {
	status := v1.ConditionFalse
	if ok {
		status = v1.ConditionTrue
	}
	return v1.PodCondition{Type: t, Status: status, Reason: reason, Message: message}
}

func waitingStatus(c v1.Container, reason string) v1.ContainerStatus {
	started := false
	return v1.ContainerStatus{Name: c.Name, Image: c.Image, Started: &started,
		State: v1.ContainerState{Waiting: &v1.ContainerStateWaiting{Reason: reason}}}
}

// pushStatus writes the pod's current status to the API as a strategic merge patch computed
// from the status of the last write (as the kubelet's status manager does), with the pod's UID
// as precondition. Failures are retried a few times; a pod gone from the API is given up.
func (r *podRun) pushStatus() {
	r.statusMu.Lock()
	defer r.statusMu.Unlock()
	if !r.writesAllowed() {
		return
	}
	r.mu.Lock()
	desired := r.desiredStatus(r.lastStatus, time.Now())
	r.mu.Unlock()
	patch, err := statusPatch(r.uid, r.lastStatus, desired)
	if err != nil {
		log.Printf("pod %s: computing status patch: %v", r, err)
		return
	}
	if patch == nil {
		return
	}
	for attempt := 1; ; attempt++ {
		pod, err := r.k.client.CoreV1().Pods(r.namespace).Patch(r.k.ctx, r.name, types.StrategicMergePatchType,
			patch, metav1.PatchOptions{}, "status")
		if err == nil {
			r.lastStatus = pod.Status
			return
		}
		if apierrors.IsNotFound(err) || apierrors.IsConflict(err) || r.k.ctx.Err() != nil {
			return
		}
		if attempt == 5 {
			log.Printf("pod %s: status update failed %d times, giving up this one: %v", r, attempt, err)
			return
		}
		time.Sleep(time.Duration(attempt) * 200 * time.Millisecond)
	}
}

// statusPatch is the strategic merge patch from old to desired with metadata.uid as
// precondition, or nil when nothing changes.
func statusPatch(uid types.UID, old, desired v1.PodStatus) ([]byte, error) {
	oldJSON, err := json.Marshal(v1.Pod{Status: old})
	if err != nil {
		return nil, err
	}
	newJSON, err := json.Marshal(v1.Pod{Status: desired})
	if err != nil {
		return nil, err
	}
	patch, err := strategicpatch.CreateTwoWayMergePatch(oldJSON, newJSON, v1.Pod{})
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(patch, &m); err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return nil, nil
	}
	m["metadata"] = map[string]any{"uid": string(uid)}
	return json.Marshal(m)
}
