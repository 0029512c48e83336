package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writtenLog is a finished log with these stdout and stderr contents, written as a container's.
func writtenLog(t *testing.T, stdout, stderr string) *logWriter {
	t.Helper()
	w, err := newLogWriter(filepath.Join(t.TempDir(), "main.log"))
	if err != nil {
		t.Fatal(err)
	}
	w.follow(io.NopCloser(strings.NewReader(stdout)), "stdout")
	w.wg.Wait() // stdout first, so the order of records is known
	w.follow(io.NopCloser(strings.NewReader(stderr)), "stderr")
	w.wait()
	return w
}

func readLog(t *testing.T, w *logWriter, opts logOptions) string {
	t.Helper()
	var out bytes.Buffer
	if err := copyLog(context.Background(), w, opts, &out, func() {}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func all() logOptions { return logOptions{tailLines: -1, limitBytes: -1} }

func TestLogKeepsLinesPartialLinesAndBothStreams(t *testing.T) {
	w := writtenLog(t, "one\ntwo\nno newline", "oops\n")

	if got := readLog(t, w, all()); got != "one\ntwo\nno newlineoops\n" {
		t.Errorf("log = %q", got)
	}
	stderr := all()
	stderr.stream = "stderr"
	if got := readLog(t, w, stderr); got != "oops\n" {
		t.Errorf("stderr = %q", got)
	}
}

func TestLogOptionsTailLimitAndTimestamps(t *testing.T) {
	w := writtenLog(t, "1\n2\n3\n4\n", "")

	tail := all()
	tail.tailLines = 2
	if got := readLog(t, w, tail); got != "3\n4\n" {
		t.Errorf("tail 2 = %q", got)
	}
	tail.tailLines = 0
	if got := readLog(t, w, tail); got != "" {
		t.Errorf("tail 0 = %q", got)
	}
	limit := all()
	limit.limitBytes = 3
	if got := readLog(t, w, limit); got != "1\n2" {
		t.Errorf("limit 3 = %q", got)
	}
	stamps := all()
	stamps.timestamps = true
	lines := strings.Split(strings.TrimSuffix(readLog(t, w, stamps), "\n"), "\n")
	if len(lines) != 4 || !strings.HasSuffix(lines[0], "Z 1") {
		t.Errorf("timestamped = %q", lines)
	}
	since := all()
	since.since = time.Now().Add(time.Hour)
	if got := readLog(t, w, since); got != "" {
		t.Errorf("since the future = %q", got)
	}
}

func TestFollowReturnsOnceTheStreamsEnd(t *testing.T) {
	w, err := newLogWriter(filepath.Join(t.TempDir(), "main.log"))
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	w.follow(pr, "stdout")
	follow := all()
	follow.follow = true
	done := make(chan string)
	go func() {
		var out bytes.Buffer
		_ = copyLog(context.Background(), w, follow, &out, func() {})
		done <- out.String()
	}()
	_, _ = pw.Write([]byte("early\n"))
	_, _ = pw.Write([]byte("late\n"))
	_ = pw.Close()
	w.wait()
	if got := <-done; got != "early\nlate\n" {
		t.Errorf("followed = %q", got)
	}
}

func TestTailForTerminationMessageKeepsTheLastLinesAndBytes(t *testing.T) {
	var text strings.Builder
	for i := 0; i < 100; i++ {
		text.WriteString(strings.Repeat("x", 9) + "\n")
	}
	w := writtenLog(t, text.String(), "")
	if got := w.tail(80, 2048); got != strings.Repeat(strings.Repeat("x", 9)+"\n", 80) {
		t.Errorf("tail has %d bytes", len(got))
	}
	if got := w.tail(80, 15); len(got) != 15 {
		t.Errorf("tail limited to 15 bytes has %d", len(got))
	}
}
