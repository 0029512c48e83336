package main

import (
	"fmt"
	"math"
	"sort"
	"strings"

	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The fake nodes' allocatable resources, reported for resourceFieldRefs without a limit.
var nodeAllocatable = v1.ResourceList{
	v1.ResourceCPU:              resource.MustParse("64"),
	v1.ResourceMemory:           resource.MustParse("256Gi"),
	v1.ResourceEphemeralStorage: resource.MustParse("100Gi"),
}

const podIP = "127.0.0.1" // containers share the host's network

// podEnv resolves environment variables and volume contents of one pod, reading each ConfigMap
// and Secret once per setup attempt.
type podEnv struct {
	r          *podRun
	pod        *v1.Pod
	service    []envVar
	configMaps map[string]*v1.ConfigMap // nil value: not found
	secrets    map[string]*v1.Secret
}

type envVar struct{ name, value string }

func (r *podRun) newPodEnv(pod *v1.Pod) *podEnv {
	h, p := r.k.apiHost, r.k.apiPort
	return &podEnv{r: r, pod: pod, configMaps: map[string]*v1.ConfigMap{}, secrets: map[string]*v1.Secret{},
		service: []envVar{
			{"KUBERNETES_SERVICE_HOST", h}, {"KUBERNETES_SERVICE_PORT", p}, {"KUBERNETES_SERVICE_PORT_HTTPS", p},
			{"KUBERNETES_PORT", "tcp://" + h + ":" + p}, {"KUBERNETES_PORT_443_TCP", "tcp://" + h + ":" + p},
			{"KUBERNETES_PORT_443_TCP_PROTO", "tcp"}, {"KUBERNETES_PORT_443_TCP_PORT", p},
			{"KUBERNETES_PORT_443_TCP_ADDR", h},
		}}
}

func (e *podEnv) configMap(name string) (*v1.ConfigMap, error) {
	if cm, ok := e.configMaps[name]; ok {
		return cm, nil
	}
	cm, err := e.r.k.client.CoreV1().ConfigMaps(e.pod.Namespace).Get(e.r.k.ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		e.configMaps[name] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	e.configMaps[name] = cm
	return cm, nil
}

func (e *podEnv) secret(name string) (*v1.Secret, error) {
	if s, ok := e.secrets[name]; ok {
		return s, nil
	}
	s, err := e.r.k.client.CoreV1().Secrets(e.pod.Namespace).Get(e.r.k.ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		e.secrets[name] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	e.secrets[name] = s
	return s, nil
}

// configMapData is a ConfigMap's data and binaryData as bytes; nil if it does not exist.
func (e *podEnv) configMapData(name string) (map[string][]byte, error) {
	cm, err := e.configMap(name)
	if cm == nil || err != nil {
		return nil, err
	}
	data := map[string][]byte{}
	for k, v := range cm.Data {
		data[k] = []byte(v)
	}
	for k, v := range cm.BinaryData {
		data[k] = v
	}
	return data, nil
}

func (e *podEnv) secretData(name string) (map[string][]byte, error) {
	s, err := e.secret(name)
	if s == nil || err != nil {
		return nil, err
	}
	return s.Data, nil
}

// forContainer is the container's environment, "NAME=value" in order: the image's defaults
// (PATH, HOME, HOSTNAME), the kubernetes service variables, envFrom, env.
func (e *podEnv) forContainer(c *v1.Container) ([]string, error) {
	list := orderedEnv{}
	list.set("PATH", defaultPath)
	list.set("HOSTNAME", podHostname(e.pod))
	list.set("HOME", "/root")
	for _, v := range e.service {
		list.set(v.name, v.value)
	}
	defined := orderedEnv{}
	for _, from := range c.EnvFrom {
		var data map[string][]byte
		var err error
		var what, name string
		optional := false
		switch {
		case from.ConfigMapRef != nil:
			what, name = "configmap", from.ConfigMapRef.Name
			optional = from.ConfigMapRef.Optional != nil && *from.ConfigMapRef.Optional
			data, err = e.configMapData(name)
		case from.SecretRef != nil:
			what, name = "secret", from.SecretRef.Name
			optional = from.SecretRef.Optional != nil && *from.SecretRef.Optional
			data, err = e.secretData(name)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		if data == nil {
			if optional {
				continue
			}
			return nil, fmt.Errorf("container %s: %s %q not found", c.Name, what, name)
		}
		keys := make([]string, 0, len(data))
		for k := range data {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			defined.set(from.Prefix+k, string(data[k]))
		}
	}
	lookup := func(name string) (string, bool) {
		if v, ok := defined.get(name); ok {
			return v, true
		}
		for _, s := range e.service {
			if s.name == name {
				return s.value, true
			}
		}
		return "", false
	}
	for _, v := range c.Env {
		if v.ValueFrom == nil {
			defined.set(v.Name, expand(v.Value, lookup))
			continue
		}
		value, ok, err := e.valueFrom(c, v.ValueFrom)
		if err != nil {
			return nil, fmt.Errorf("container %s, variable %s: %w", c.Name, v.Name, err)
		}
		if ok {
			defined.set(v.Name, value)
		}
	}
	for _, v := range defined {
		list.set(v.name, v.value)
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.name + "=" + v.value
	}
	return out, nil
}

// valueFrom resolves one env valueFrom; ok is false for an optional reference that is absent.
func (e *podEnv) valueFrom(c *v1.Container, from *v1.EnvVarSource) (string, bool, error) {
	switch {
	case from.FieldRef != nil:
		v, err := fieldValue(e.pod, from.FieldRef.FieldPath, false)
		return v, err == nil, err
	case from.ResourceFieldRef != nil:
		v, err := resourceValue(e.pod, c, from.ResourceFieldRef)
		return v, err == nil, err
	case from.ConfigMapKeyRef != nil:
		ref := from.ConfigMapKeyRef
		optional := ref.Optional != nil && *ref.Optional
		data, err := e.configMapData(ref.Name)
		if err != nil {
			return "", false, err
		}
		if data == nil {
			if optional {
				return "", false, nil
			}
			return "", false, fmt.Errorf("configmap %q not found", ref.Name)
		}
		v, ok := data[ref.Key]
		if !ok {
			if optional {
				return "", false, nil
			}
			return "", false, fmt.Errorf("couldn't find key %s in ConfigMap %s/%s", ref.Key, e.pod.Namespace, ref.Name)
		}
		return string(v), true, nil
	case from.SecretKeyRef != nil:
		ref := from.SecretKeyRef
		optional := ref.Optional != nil && *ref.Optional
		data, err := e.secretData(ref.Name)
		if err != nil {
			return "", false, err
		}
		if data == nil {
			if optional {
				return "", false, nil
			}
			return "", false, fmt.Errorf("secret %q not found", ref.Name)
		}
		v, ok := data[ref.Key]
		if !ok {
			if optional {
				return "", false, nil
			}
			return "", false, fmt.Errorf("couldn't find key %s in Secret %s/%s", ref.Key, e.pod.Namespace, ref.Name)
		}
		return string(v), true, nil
	}
	return "", false, fmt.Errorf("%w: this kind of valueFrom is not supported by the testbed kubelet", errPermanent)
}

// fieldValue is a downward API field of the pod; forVolume allows whole label and annotation maps.
func fieldValue(pod *v1.Pod, fieldPath string, forVolume bool) (string, error) {
	if key, ok := subscript(fieldPath, "metadata.labels"); ok {
		return pod.Labels[key], nil
	}
	if key, ok := subscript(fieldPath, "metadata.annotations"); ok {
		return pod.Annotations[key], nil
	}
	switch fieldPath {
	case "metadata.name":
		return pod.Name, nil
	case "metadata.namespace":
		return pod.Namespace, nil
	case "metadata.uid":
		return string(pod.UID), nil
	case "spec.nodeName":
		return pod.Spec.NodeName, nil
	case "spec.serviceAccountName":
		return pod.Spec.ServiceAccountName, nil
	case "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs":
		return podIP, nil
	case "metadata.labels":
		if forVolume {
			return formatMap(pod.Labels), nil
		}
	case "metadata.annotations":
		if forVolume {
			return formatMap(pod.Annotations), nil
		}
	}
	return "", fmt.Errorf("%w: field %q is not supported", errPermanent, fieldPath)
}

// subscript reads "prefix['key']".
func subscript(fieldPath, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(fieldPath, prefix+"['")
	if !ok || !strings.HasSuffix(rest, "']") {
		return "", false
	}
	return strings.TrimSuffix(rest, "']"), true
}

func formatMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = fmt.Sprintf("%s=%q", k, m[k])
	}
	return strings.Join(lines, "\n")
}

// resourceValue is a container's resource limit or request for a resourceFieldRef, with limits
// defaulting to the node's allocatable resources (as the kubelet does).
func resourceValue(pod *v1.Pod, c *v1.Container, ref *v1.ResourceFieldSelector) (string, error) {
	if ref.ContainerName != "" {
		c = nil
		for i := range pod.Spec.Containers {
			if pod.Spec.Containers[i].Name == ref.ContainerName {
				c = &pod.Spec.Containers[i]
			}
		}
		for i := range pod.Spec.InitContainers {
			if pod.Spec.InitContainers[i].Name == ref.ContainerName {
				c = &pod.Spec.InitContainers[i]
			}
		}
		if c == nil {
			return "", fmt.Errorf("%w: no container %q", errPermanent, ref.ContainerName)
		}
	}
	kind, name, ok := strings.Cut(ref.Resource, ".")
	if !ok || (kind != "limits" && kind != "requests") {
		return "", fmt.Errorf("%w: resource %q is not supported", errPermanent, ref.Resource)
	}
	list := c.Resources.Limits
	if kind == "requests" {
		list = c.Resources.Requests
	}
	q, ok := list[v1.ResourceName(name)]
	if !ok {
		if kind == "limits" {
			q, ok = nodeAllocatable[v1.ResourceName(name)]
		}
		if !ok {
			q = resource.MustParse("0")
		}
	}
	divisor := ref.Divisor
	if divisor.IsZero() {
		divisor = resource.MustParse("1")
	}
	if name == string(v1.ResourceCPU) {
		return fmt.Sprint(int64(math.Ceil(float64(q.MilliValue()) / float64(divisor.MilliValue())))), nil
	}
	return fmt.Sprint(int64(math.Ceil(float64(q.Value()) / float64(divisor.Value())))), nil
}

// orderedEnv keeps variables in definition order; setting a name again replaces its value in place.
type orderedEnv []envVar

func (o *orderedEnv) set(name, value string) {
	for i := range *o {
		if (*o)[i].name == name {
			(*o)[i].value = value
			return
		}
	}
	*o = append(*o, envVar{name, value})
}

func (o orderedEnv) get(name string) (string, bool) {
	for _, v := range o {
		if v.name == name {
			return v.value, true
		}
	}
	return "", false
}

func envMap(vars []string) func(string) (string, bool) {
	m := map[string]string{}
	for _, v := range vars {
		if name, value, ok := strings.Cut(v, "="); ok {
			m[name] = value
		}
	}
	return func(name string) (string, bool) {
		v, ok := m[name]
		return v, ok
	}
}

// expand replaces $(NAME) with the variable's value as Kubernetes does in env values, command
// and args: $$ is a literal $, and a reference to an undefined variable is left as it is.
func expand(in string, lookup func(string) (string, bool)) string {
	if !strings.Contains(in, "$") {
		return in
	}
	var b strings.Builder
	for i := 0; i < len(in); i++ {
		if in[i] != '$' || i+1 >= len(in) {
			b.WriteByte(in[i])
			continue
		}
		switch in[i+1] {
		case '$':
			b.WriteByte('$')
			i++
		case '(':
			end := strings.IndexByte(in[i+2:], ')')
			if end < 0 {
				b.WriteString(in[i:])
				return b.String()
			}
			name := in[i+2 : i+2+end]
			if v, ok := lookup(name); ok && name != "" {
				b.WriteString(v)
			} else {
				b.WriteString(in[i : i+3+end])
			}
			i += 2 + end
		default:
			b.WriteByte('$')
		}
	}
	return b.String()
}

// maxHostnameLength is the longest hostname the kubelet gives a pod (a DNS-1123 label).
const maxHostnameLength = 63

// podHostname is the pod's hostname as the kubelet sets it (GeneratePodHostnameAndDomain):
// spec.hostname, else the pod's name, cut to 63 characters without a trailing '-' or '.'.
func podHostname(pod *v1.Pod) string {
	hostname := pod.Name
	if pod.Spec.Hostname != "" {
		hostname = pod.Spec.Hostname
	}
	if len(hostname) <= maxHostnameLength {
		return hostname
	}
	return strings.TrimRight(hostname[:maxHostnameLength], "-.")
}
