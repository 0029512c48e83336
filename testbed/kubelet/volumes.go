package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	authenticationv1 "k8s.io/api/authentication/v1"
	v1 "k8s.io/api/core/v1"
)

const defaultFileMode = 0o644

// prepareVolumes makes every volume of the pod under <pod>/volumes/<name> (hostPath volumes are
// the host path itself) and returns their host paths by name.
func (r *podRun) prepareVolumes(pod *v1.Pod, env *podEnv) (map[string]string, error) {
	base := filepath.Join(r.dir, "volumes")
	out := map[string]string{}
	for _, v := range pod.Spec.Volumes {
		dir := filepath.Join(base, v.Name)
		var err error
		switch {
		case v.EmptyDir != nil:
			err = os.MkdirAll(dir, 0o777)
			if err == nil {
				err = os.Chmod(dir, 0o777)
			}
		case v.HostPath != nil:
			dir, err = hostPath(v.HostPath)
		case v.ConfigMap != nil:
			err = writeFiles(dir, func(files fileSet) error {
				return env.projectConfigMap(files, v.ConfigMap.LocalObjectReference.Name, v.ConfigMap.Items,
					v.ConfigMap.Optional, mode(v.ConfigMap.DefaultMode))
			})
		case v.Secret != nil:
			err = writeFiles(dir, func(files fileSet) error {
				return env.projectSecret(files, v.Secret.SecretName, v.Secret.Items, v.Secret.Optional,
					mode(v.Secret.DefaultMode))
			})
		case v.DownwardAPI != nil:
			err = writeFiles(dir, func(files fileSet) error {
				return env.projectDownwardAPI(files, v.DownwardAPI.Items, mode(v.DownwardAPI.DefaultMode))
			})
		case v.Projected != nil:
			err = writeFiles(dir, func(files fileSet) error {
				return env.project(files, v.Projected)
			})
		default:
			err = fmt.Errorf("%w: volume %q: only emptyDir, hostPath, configMap, secret, downwardAPI and projected"+
				" volumes are supported by the testbed kubelet", errPermanent, v.Name)
		}
		if err != nil {
			return nil, err
		}
		out[v.Name] = dir
	}
	return out, nil
}

func mode(m *int32) os.FileMode {
	if m == nil {
		return defaultFileMode
	}
	return os.FileMode(*m) & 0o777
}

func hostPath(h *v1.HostPathVolumeSource) (string, error) {
	p := filepath.Clean(h.Path)
	t := v1.HostPathUnset
	if h.Type != nil {
		t = *h.Type
	}
	fi, err := os.Stat(p)
	switch t {
	case v1.HostPathDirectoryOrCreate:
		if os.IsNotExist(err) {
			return p, os.MkdirAll(p, 0o755)
		}
	case v1.HostPathFileOrCreate:
		if os.IsNotExist(err) {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return p, err
			}
			return p, os.WriteFile(p, nil, 0o644)
		}
	case v1.HostPathDirectory:
		if err != nil || !fi.IsDir() {
			return p, fmt.Errorf("hostPath %s is not a directory", p)
		}
	case v1.HostPathFile:
		if err != nil || !fi.Mode().IsRegular() {
			return p, fmt.Errorf("hostPath %s is not a file", p)
		}
	}
	if err != nil && !os.IsNotExist(err) {
		return p, err
	}
	if os.IsNotExist(err) {
		return p, fmt.Errorf("hostPath %s does not exist", p)
	}
	return p, nil
}

// fileSet collects the files of a projected volume: relative path -> content and mode.
type fileSet map[string]projectedFile

type projectedFile struct {
	data []byte
	mode os.FileMode
}

// writeFiles fills dir with what fill collects, replacing what an earlier attempt left there.
func writeFiles(dir string, fill func(fileSet) error) error {
	files := fileSet{}
	if err := fill(files); err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := files[name]
		target := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, f.data, f.mode); err != nil {
			return err
		}
		if err := os.Chmod(target, f.mode); err != nil {
			return err
		}
	}
	return nil
}

func (files fileSet) add(path string, data []byte, m os.FileMode) error {
	clean := filepath.Clean(path)
	if path == "" || filepath.IsAbs(path) || slices.Contains(strings.Split(path, "/"), "..") {
		return fmt.Errorf("%w: volume file path %q must be relative without '..'", errPermanent, path)
	}
	files[clean] = projectedFile{data: data, mode: m}
	return nil
}

// keysToFiles writes either the listed items or every key.
func keysToFiles(files fileSet, data map[string][]byte, items []v1.KeyToPath, optional bool, m os.FileMode,
	what string) error {
	if len(items) == 0 {
		for k, v := range data {
			if err := files.add(k, v, m); err != nil {
				return err
			}
		}
		return nil
	}
	for _, item := range items {
		v, ok := data[item.Key]
		if !ok {
			if optional {
				continue
			}
			return fmt.Errorf("%s has no key %q", what, item.Key)
		}
		itemMode := m
		if item.Mode != nil {
			itemMode = os.FileMode(*item.Mode) & 0o777
		}
		if err := files.add(item.Path, v, itemMode); err != nil {
			return err
		}
	}
	return nil
}

func (e *podEnv) projectConfigMap(files fileSet, name string, items []v1.KeyToPath, optional *bool, m os.FileMode) error {
	data, err := e.configMapData(name)
	if err != nil {
		return err
	}
	opt := optional != nil && *optional
	if data == nil {
		if opt {
			return nil
		}
		return fmt.Errorf("configmap %q not found", name)
	}
	return keysToFiles(files, data, items, opt, m, "configmap "+name)
}

func (e *podEnv) projectSecret(files fileSet, name string, items []v1.KeyToPath, optional *bool, m os.FileMode) error {
	data, err := e.secretData(name)
	if err != nil {
		return err
	}
	opt := optional != nil && *optional
	if data == nil {
		if opt {
			return nil
		}
		return fmt.Errorf("secret %q not found", name)
	}
	return keysToFiles(files, data, items, opt, m, "secret "+name)
}

func (e *podEnv) projectDownwardAPI(files fileSet, items []v1.DownwardAPIVolumeFile, m os.FileMode) error {
	for _, item := range items {
		var value string
		var err error
		switch {
		case item.FieldRef != nil:
			value, err = fieldValue(e.pod, item.FieldRef.FieldPath, true)
		case item.ResourceFieldRef != nil:
			value, err = resourceValue(e.pod, nil, item.ResourceFieldRef)
		default:
			continue
		}
		if err != nil {
			return err
		}
		itemMode := m
		if item.Mode != nil {
			itemMode = os.FileMode(*item.Mode) & 0o777
		}
		if err := files.add(item.Path, []byte(value), itemMode); err != nil {
			return err
		}
	}
	return nil
}

// project fills a projected volume: ServiceAccount tokens (TokenRequest bound to the pod),
// ConfigMaps, Secrets and downward API files.
func (e *podEnv) project(files fileSet, p *v1.ProjectedVolumeSource) error {
	m := mode(p.DefaultMode)
	for _, s := range p.Sources {
		var err error
		switch {
		case s.ServiceAccountToken != nil:
			err = e.projectToken(files, s.ServiceAccountToken, m)
		case s.ConfigMap != nil:
			err = e.projectConfigMap(files, s.ConfigMap.Name, s.ConfigMap.Items, s.ConfigMap.Optional, m)
		case s.Secret != nil:
			err = e.projectSecret(files, s.Secret.Name, s.Secret.Items, s.Secret.Optional, m)
		case s.DownwardAPI != nil:
			err = e.projectDownwardAPI(files, s.DownwardAPI.Items, m)
		default:
			err = fmt.Errorf("%w: this projected volume source is not supported by the testbed kubelet", errPermanent)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// projectToken asks for a ServiceAccount token bound to the pod, as the kubelet does. The token
// is not refreshed: pods of the testbed live shorter than its expiry (one hour by default).
func (e *podEnv) projectToken(files fileSet, t *v1.ServiceAccountTokenProjection, m os.FileMode) error {
	sa := e.pod.Spec.ServiceAccountName
	if sa == "" {
		sa = "default"
	}
	expiry := int64(3600)
	if t.ExpirationSeconds != nil {
		expiry = *t.ExpirationSeconds
	}
	req := &authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{
		ExpirationSeconds: &expiry,
		BoundObjectRef: &authenticationv1.BoundObjectReference{Kind: "Pod", APIVersion: "v1",
			Name: e.pod.Name, UID: e.pod.UID},
	}}
	if t.Audience != "" {
		req.Spec.Audiences = []string{t.Audience}
	}
	resp, err := e.r.k.client.CoreV1().ServiceAccounts(e.pod.Namespace).CreateToken(e.r.k.ctx, sa, req, metaCreate)
	if err != nil {
		return fmt.Errorf("token of ServiceAccount %s: %w", sa, err)
	}
	return files.add(t.Path, []byte(resp.Status.Token), m)
}
