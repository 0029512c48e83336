package main

import (
	"reflect"
	"testing"
)

func TestInstantOutputsDeclareTheTemplatesParametersWithTheirDefaults(t *testing.T) {
	template := `{"name":"t","outputs":{"parameters":[{"name":"a","valueFrom":{"path":"/tmp/a"}},` +
		`{"name":"b","valueFrom":{"path":"/tmp/b","default":"d"}}]}}`
	got := instantOutputs(template, true)
	want := map[string]any{"parameters": []any{map[string]any{"name": "a", "value": ""},
		map[string]any{"name": "b", "value": "d"}}, "result": ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outputs = %v, want %v", got, want)
	}
	if got := instantOutputs("offloaded", false); len(got) != 0 {
		t.Errorf("an offloaded template gives no outputs, got %v", got)
	}
}
