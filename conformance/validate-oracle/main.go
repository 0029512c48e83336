// Runs Argo v4.1.2's own validation (workflow/validate) on the Workflows, WorkflowTemplates and
// ClusterWorkflowTemplates of the given files, resolving references among them with getters that fail as the
// Kubernetes API does (NotFound), as the controller's and server's validation sees them. For checking Skiff's lint.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	apierr "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"

	wfv1 "github.com/argoproj/argo-workflows/v4/pkg/apis/workflow/v1alpha1"
	"github.com/argoproj/argo-workflows/v4/util/logging"
	"github.com/argoproj/argo-workflows/v4/workflow/common"
	wfutil "github.com/argoproj/argo-workflows/v4/workflow/util"
	"github.com/argoproj/argo-workflows/v4/workflow/validate"
)

type wfts map[string]*wfv1.WorkflowTemplate
type cwfts map[string]*wfv1.ClusterWorkflowTemplate

func (m wfts) Get(_ context.Context, name string) (*wfv1.WorkflowTemplate, error) {
	if t, ok := m[name]; ok {
		return t, nil
	}
	return nil, apierr.NewNotFound(schema.GroupResource{Group: "argoproj.io", Resource: "workflowtemplates"}, name)
}

func (m cwfts) Get(_ context.Context, name string) (*wfv1.ClusterWorkflowTemplate, error) {
	if t, ok := m[name]; ok {
		return t, nil
	}
	return nil, apierr.NewNotFound(schema.GroupResource{Group: "argoproj.io", Resource: "clusterworkflowtemplates"}, name)
}

func main() {
	ctx := logging.WithLogger(context.Background(), logging.NewSlogLogger(logging.Error, logging.Text))
	w := wfts{}
	c := cwfts{}
	var objs []any
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err != nil {
			panic(err)
		}
		for _, pr := range common.ParseObjects(ctx, data, false) {
			if pr.Err != nil {
				fmt.Printf("%s: parse: %v\n", path, pr.Err)
				continue
			}
			switch v := pr.Object.(type) {
			case *wfv1.WorkflowTemplate:
				w[v.Name] = v
			case *wfv1.ClusterWorkflowTemplate:
				c[v.Name] = v
			}
			objs = append(objs, pr.Object)
		}
	}
	if os.Getenv("JOIN") != "" {
		var wf *wfv1.Workflow
		var spec *wfv1.WorkflowSpec
		for _, o := range objs {
			switch v := o.(type) {
			case *wfv1.Workflow:
				wf = v
			case *wfv1.WorkflowTemplate:
				s := v.Spec
				spec = &s
			case *wfv1.ClusterWorkflowTemplate:
				s := v.Spec
				spec = &s
			}
		}
		merged, err := wfutil.JoinWorkflowSpec(&wf.Spec, spec, nil)
		if err != nil {
			panic(err)
		}
		out, _ := json.Marshal(merged.Spec)
		fmt.Println(string(out))
		return
	}
	for _, o := range objs {
		switch v := o.(type) {
		case *wfv1.Workflow:
			err := validate.Workflow(ctx, w, c, v, nil, validate.Opts{})
			fmt.Printf("Workflow %s%s: %v\n", v.Name, v.GenerateName, err)
		case *wfv1.WorkflowTemplate:
			err := validate.WorkflowTemplate(ctx, w, c, v, nil, validate.Opts{Lint: true})
			fmt.Printf("WorkflowTemplate %s: %v\n", v.Name, err)
		case *wfv1.ClusterWorkflowTemplate:
			err := validate.ClusterWorkflowTemplate(ctx, w, c, v, nil, validate.Opts{Lint: true})
			fmt.Printf("ClusterWorkflowTemplate %s: %v\n", v.Name, err)
		}
	}
}
