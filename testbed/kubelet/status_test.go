package main

import (
	"encoding/json"
	"testing"
	"time"

	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestStatusPatchChangesOnlyWhatTheKubeletOwnsAndCarriesTheUID(t *testing.T) {
	scheduled := v1.PodCondition{Type: v1.PodScheduled, Status: v1.ConditionTrue}
	old := v1.PodStatus{Phase: v1.PodPending, QOSClass: v1.PodQOSBestEffort, Conditions: []v1.PodCondition{scheduled}}
	now := time.Now()
	r := &podRun{uid: "u-1", pod: &v1.Pod{ObjectMeta: metav1.ObjectMeta{Generation: 1}}, phase: v1.PodRunning,
		startTime: now, ready: true}
	main := &container{run: r, name: "main", spec: &v1.Container{Name: "main", Image: "img"}, state: stateRunning,
		startedAt: now}
	r.containers = []*container{main}

	desired := r.desiredStatus(old, now)
	patch, err := statusPatch(r.uid, old, desired)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(patch, &m); err != nil {
		t.Fatal(err)
	}

	if m["metadata"].(map[string]any)["uid"] != "u-1" {
		t.Errorf("no uid precondition in %s", patch)
	}
	status := m["status"].(map[string]any)
	if status["phase"] != "Running" || status["podIP"] != podIP {
		t.Errorf("status patch %s", patch)
	}
	if _, touched := status["qosClass"]; touched {
		t.Errorf("qosClass is not the kubelet's: %s", patch)
	}
	var ready bool
	for _, c := range desired.Conditions {
		if c.Type == v1.PodScheduled && c.Status != v1.ConditionTrue {
			t.Error("PodScheduled was changed")
		}
		if c.Type == v1.PodReady {
			ready = c.Status == v1.ConditionTrue
		}
	}
	if !ready {
		t.Errorf("a pod whose only container runs is Ready: %+v", desired.Conditions)
	}
	if again, _ := statusPatch(r.uid, desired, desired); again != nil {
		t.Errorf("no change, yet a patch: %s", again)
	}
}

func TestTerminalPodReportsNotReadyWithThePhaseAsReason(t *testing.T) {
	now := time.Now()
	r := &podRun{uid: "u", pod: &v1.Pod{}, phase: v1.PodFailed, startTime: now}
	r.containers = []*container{{run: r, name: "main", spec: &v1.Container{Name: "main"}, state: stateTerminated,
		exitCode: 3, reason: "Error", startedAt: now, finishedAt: now}}
	s := r.desiredStatus(v1.PodStatus{}, now)
	for _, c := range s.Conditions {
		if (c.Type == v1.PodReady || c.Type == v1.ContainersReady) && (c.Status != v1.ConditionFalse || c.Reason != "PodFailed") {
			t.Errorf("%s = %s/%s", c.Type, c.Status, c.Reason)
		}
	}
	if got := s.ContainerStatuses[0].State.Terminated; got == nil || got.ExitCode != 3 || got.Reason != "Error" {
		t.Errorf("main = %+v", s.ContainerStatuses[0].State)
	}
}
