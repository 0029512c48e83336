package main

import (
	"strings"
	"testing"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestExpandReplacesDefinedReferencesAndKeepsTheRestAsKubernetesDoes(t *testing.T) {
	lookup := func(name string) (string, bool) {
		v, ok := map[string]string{"A": "x", "EMPTY": ""}[name]
		return v, ok
	}
	for in, want := range map[string]string{
		"$(A)/$(A)":   "x/x",
		"$(UNKNOWN)":  "$(UNKNOWN)",
		"$$(A)":       "$(A)",
		"cost $5":     "cost $5",
		"$(EMPTY)end": "end",
		"open $(A":    "open $(A",
		"trailing $":  "trailing $",
		"$()":         "$()",
	} {
		if got := expand(in, lookup); got != want {
			t.Errorf("expand(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFieldValueReadsTheDownwardAPIFieldsOfThePod(t *testing.T) {
	pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns", UID: "u",
		Labels: map[string]string{"b": "2", "a": "1"}}, Spec: v1.PodSpec{ServiceAccountName: "sa", NodeName: "n"}}
	for path, want := range map[string]string{"metadata.name": "p", "metadata.namespace": "ns", "metadata.uid": "u",
		"metadata.labels['a']": "1", "spec.serviceAccountName": "sa", "spec.nodeName": "n", "status.podIP": podIP} {
		if got, err := fieldValue(pod, path, false); err != nil || got != want {
			t.Errorf("fieldValue(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
	if got, _ := fieldValue(pod, "metadata.labels", true); got != "a=\"1\"\nb=\"2\"" {
		t.Errorf("labels file = %q", got)
	}
	if _, err := fieldValue(pod, "metadata.labels", false); err == nil {
		t.Error("whole labels are for volumes only")
	}
}

func TestResourceValueUsesTheLimitOrTheNodesAllocatableRoundedUp(t *testing.T) {
	c := &v1.Container{Name: "main", Resources: v1.ResourceRequirements{
		Limits: v1.ResourceList{v1.ResourceMemory: resource.MustParse("1500Ki")}}}
	pod := &v1.Pod{Spec: v1.PodSpec{Containers: []v1.Container{*c}}}
	check := func(res, divisor, want string) {
		t.Helper()
		ref := &v1.ResourceFieldSelector{Resource: res}
		if divisor != "" {
			ref.Divisor = resource.MustParse(divisor)
		}
		if got, err := resourceValue(pod, c, ref); err != nil || got != want {
			t.Errorf("%s / %s = %q, %v; want %q", res, divisor, got, err, want)
		}
	}
	check("limits.memory", "1Mi", "2")
	check("limits.cpu", "", "64")
	check("limits.cpu", "1m", "64000")
	check("requests.cpu", "", "0")
}

func TestContainerEnvironmentOrdersImageServiceEnvFromAndEnvWithOverrides(t *testing.T) {
	pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns"}}
	e := &podEnv{pod: pod, configMaps: map[string]*v1.ConfigMap{
		"cm": {Data: map[string]string{"K": "from-cm", "PATH": "/cm"}}}, secrets: map[string]*v1.Secret{},
		service: []envVar{{"KUBERNETES_SERVICE_HOST", "127.0.0.1"}}}
	c := &v1.Container{Name: "main",
		EnvFrom: []v1.EnvFromSource{{Prefix: "P_", ConfigMapRef: &v1.ConfigMapEnvSource{LocalObjectReference: v1.LocalObjectReference{Name: "cm"}}}},
		Env: []v1.EnvVar{{Name: "X", Value: "$(P_K)-$(KUBERNETES_SERVICE_HOST)"}, {Name: "HOME", Value: "/home/me"},
			{Name: "NAME", ValueFrom: &v1.EnvVarSource{FieldRef: &v1.ObjectFieldSelector{FieldPath: "metadata.name"}}}}}
	got, err := e.forContainer(c)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PATH=" + defaultPath, "HOSTNAME=p", "HOME=/home/me", "KUBERNETES_SERVICE_HOST=127.0.0.1",
		"P_K=from-cm", "P_PATH=/cm", "X=from-cm-127.0.0.1", "NAME=p"}
	if len(got) != len(want) {
		t.Fatalf("env = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("env[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestMissingConfigMapKeyIsAnErrorUnlessOptional(t *testing.T) {
	pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns"}}
	e := &podEnv{pod: pod, configMaps: map[string]*v1.ConfigMap{"cm": {Data: map[string]string{}}}, secrets: map[string]*v1.Secret{}}
	optional := true
	ref := func(opt *bool) *v1.EnvVarSource {
		return &v1.EnvVarSource{ConfigMapKeyRef: &v1.ConfigMapKeySelector{
			LocalObjectReference: v1.LocalObjectReference{Name: "cm"}, Key: "missing", Optional: opt}}
	}
	if _, err := e.forContainer(&v1.Container{Env: []v1.EnvVar{{Name: "A", ValueFrom: ref(nil)}}}); err == nil {
		t.Error("a missing key must fail the container's setup")
	}
	got, err := e.forContainer(&v1.Container{Env: []v1.EnvVar{{Name: "A", ValueFrom: ref(&optional)}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		if v == "A=" {
			t.Error("an optional missing key defines no variable")
		}
	}
}

func TestPodHostnameIsTheNameCutTo63CharactersWithoutATrailingDashOrDot(t *testing.T) {
	long := strings.Repeat("a", 61) + "-.bcd"
	cases := []struct{ name, hostname, want string }{
		{"short", "", "short"},
		{"p", "custom", "custom"},
		{strings.Repeat("x", 63), "", strings.Repeat("x", 63)},
		{strings.Repeat("x", 70), "", strings.Repeat("x", 63)},
		{long, "", strings.Repeat("a", 61)},
	}
	for _, c := range cases {
		pod := &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: c.name}, Spec: v1.PodSpec{Hostname: c.hostname}}
		if got := podHostname(pod); got != c.want {
			t.Errorf("podHostname(%q, %q) = %q, want %q", c.name, c.hostname, got, c.want)
		}
	}
	e := &podEnv{pod: &v1.Pod{ObjectMeta: metav1.ObjectMeta{Name: long}}, configMaps: map[string]*v1.ConfigMap{},
		secrets: map[string]*v1.Secret{}}
	env, err := e.forContainer(&v1.Container{Name: "main"})
	if err != nil {
		t.Fatal(err)
	}
	if env[1] != "HOSTNAME="+strings.Repeat("a", 61) {
		t.Errorf("env[1] = %q, want the cut hostname", env[1])
	}
}
