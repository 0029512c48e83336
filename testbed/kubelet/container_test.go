package main

import "testing"

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
