package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestExecutorImageIsRecognisedByItsRepositoryNameWhateverRegistryTagOrDigest(t *testing.T) {
	for image, want := range map[string]bool{
		"quay.io/argoproj/argoexec:v4.0.5":      true,
		"argoproj/argoexec":                     true,
		"argoexec":                              true,
		"registry:5000/mirror/argoexec:latest":  true,
		"quay.io/argoproj/argoexec@sha256:0123": true,
		"quay.io/argoproj/argocli:v4.0.5":       false,
		"argoexec-debug:1":                      false,
		"registry:5000/argoexec-mirror":         false,
	} {
		if got := isExecutorImage(image, "argoexec"); got != want {
			t.Errorf("isExecutorImage(%q) = %v, want %v", image, got, want)
		}
	}
}

func TestASubPathIsResolvedWhenItsContainerStartsAsWhatAnEarlierContainerLeftThere(t *testing.T) {
	volume := t.TempDir()
	file := filepath.Join(volume, "message")    // an init container wrote a file here
	missing := filepath.Join(volume, "reports") // nothing wrote this one
	if err := os.WriteFile(file, []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	mounts := []mountSpec{
		{Source: volume, Target: "/mainctrfs"},
		{Source: file, Target: "/tmp/message"},
		{Source: missing, Target: "/work/reports"},
	}

	if err := resolveSubPaths(mounts, map[string]bool{file: true, missing: true}); err != nil {
		t.Fatal(err)
	}

	if !mounts[1].File {
		t.Errorf("a sub-path that is a file by now is bound as a file: %+v", mounts[1])
	}
	if fi, err := os.Stat(missing); err != nil || !fi.IsDir() || mounts[2].File {
		t.Errorf("a missing sub-path becomes a directory: %+v %v", mounts[2], err)
	}
	if mounts[0].File {
		t.Errorf("a mount without sub-path is left as it was: %+v", mounts[0])
	}
}
