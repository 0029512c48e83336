package main

import (
	"encoding/json"
	"log"
	"time"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

var taskResults = schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: "workflowtaskresults"}

// runInstant finishes the pod at once without running anything: every container terminated
// with exit code 0, phase Succeeded. For a pod of Argo's executor (ARGO_NODE_ID in its
// environment) it first writes the WorkflowTaskResult that Argo's wait container would write
// for a step without outputs, already complete, so that a controller treats the node as done.
func (r *podRun) runInstant() {
	pod := r.current()
	now := time.Now()
	r.writeInstantTaskResult(pod)
	r.mu.Lock()
	r.startTime = now
	for i := range pod.Spec.InitContainers {
		r.addContainerLocked(&pod.Spec.InitContainers[i], true)
	}
	for i := range pod.Spec.Containers {
		r.addContainerLocked(&pod.Spec.Containers[i], false)
	}
	for _, c := range r.containers {
		c.state = stateTerminated
		c.startedAt, c.finishedAt = now, now
		c.reason = "Completed"
		close(c.done)
	}
	r.phase = v1.PodSucceeded
	r.mu.Unlock()
	r.pushStatus()
}

// argoEnv reads the executor's variables from the pod's containers (wait, main or init).
func argoEnv(pod *v1.Pod) map[string]string {
	env := map[string]string{}
	all := append(append([]v1.Container{}, pod.Spec.InitContainers...), pod.Spec.Containers...)
	for _, c := range all {
		for _, e := range c.Env {
			if e.ValueFrom == nil && len(e.Name) > 5 && e.Name[:5] == "ARGO_" {
				if _, seen := env[e.Name]; !seen {
					env[e.Name] = e.Value
				}
			}
		}
	}
	return env
}

func (r *podRun) writeInstantTaskResult(pod *v1.Pod) {
	env := argoEnv(pod)
	nodeID, workflow := env["ARGO_NODE_ID"], env["ARGO_WORKFLOW_NAME"]
	if nodeID == "" || workflow == "" {
		return
	}
	labels := map[string]any{
		"workflows.argoproj.io/workflow":                 workflow,
		"workflows.argoproj.io/report-outputs-completed": "true",
	}
	if id := env["ARGO_INSTANCE_ID"]; id != "" {
		labels["workflows.argoproj.io/controller-instanceid"] = id
	}
	metadata := map[string]any{"name": nodeID, "namespace": pod.Namespace, "labels": labels}
	if uid := env["ARGO_WORKFLOW_UID"]; uid != "" {
		metadata["ownerReferences"] = []any{map[string]any{"apiVersion": "argoproj.io/v1alpha1",
			"kind": "Workflow", "name": workflow, "uid": uid}}
	}
	obj := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTaskResult",
		"metadata": metadata,
		"outputs":  instantOutputs(env["ARGO_TEMPLATE"], env["ARGO_INCLUDE_SCRIPT_OUTPUT"] == "true"),
	}}
	_, err := r.k.dynamic.Resource(taskResults).Namespace(pod.Namespace).Create(r.k.ctx, obj, metaCreate)
	if apierrors.IsAlreadyExists(err) {
		_, err = r.k.dynamic.Resource(taskResults).Namespace(pod.Namespace).Update(r.k.ctx, mergeExisting(r, obj), metav1.UpdateOptions{})
	}
	if err != nil {
		log.Printf("pod %s: writing WorkflowTaskResult %s: %v", r, nodeID, err)
	}
}

func mergeExisting(r *podRun, obj *unstructured.Unstructured) *unstructured.Unstructured {
	existing, err := r.k.dynamic.Resource(taskResults).Namespace(obj.GetNamespace()).Get(r.k.ctx, obj.GetName(), metav1.GetOptions{})
	if err != nil {
		return obj
	}
	obj.SetResourceVersion(existing.GetResourceVersion())
	return obj
}

// instantOutputs declares the template's output parameters with their default (or empty)
// values, and an empty result for scripts, so that a controller waiting for declared outputs
// does not wait for ever. Artifacts are not produced.
func instantOutputs(template string, includeScriptOutput bool) map[string]any {
	out := map[string]any{}
	var t struct {
		Outputs struct {
			Parameters []struct {
				Name      string `json:"name"`
				ValueFrom *struct {
					Default *string `json:"default"`
				} `json:"valueFrom"`
			} `json:"parameters"`
		} `json:"outputs"`
	}
	if template != "" && template != "offloaded" && json.Unmarshal([]byte(template), &t) == nil {
		var params []any
		for _, p := range t.Outputs.Parameters {
			value := ""
			if p.ValueFrom != nil && p.ValueFrom.Default != nil {
				value = *p.ValueFrom.Default
			}
			params = append(params, map[string]any{"name": p.Name, "value": value})
		}
		if len(params) > 0 {
			out["parameters"] = params
		}
	}
	if includeScriptOutput {
		out["result"] = ""
	}
	return out
}
