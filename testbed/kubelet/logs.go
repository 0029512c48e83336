package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// logWriter writes a container's stdout and stderr to one file in the CRI log format the
// kubelet reads: "<RFC 3339 nano time> <stream> <F|P> <content>", P marking a partial line.
type logWriter struct {
	path    string
	mu      sync.Mutex
	f       *os.File
	changed chan struct{} // closed and replaced on every write and when the streams end
	ended   bool
	wg      sync.WaitGroup
}

const maxLogLine = 16 * 1024

func newLogWriter(path string) (*logWriter, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return nil, err
	}
	return &logWriter{path: path, f: f, changed: make(chan struct{})}, nil
}

// follow copies one stream until its writers close it.
func (w *logWriter) follow(r io.ReadCloser, stream string) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		defer r.Close()
		br := bufio.NewReaderSize(r, maxLogLine)
		for {
			line, err := br.ReadSlice('\n')
			if len(line) > 0 {
				if line[len(line)-1] == '\n' {
					w.write(stream, "F", line[:len(line)-1])
				} else {
					w.write(stream, "P", line)
				}
			}
			if err != nil && err != bufio.ErrBufferFull {
				return
			}
		}
	}()
}

func (w *logWriter) write(stream, tag string, content []byte) {
	var b bytes.Buffer
	b.Grow(len(content) + 48)
	b.WriteString(time.Now().UTC().Format(time.RFC3339Nano))
	b.WriteByte(' ')
	b.WriteString(stream)
	b.WriteByte(' ')
	b.WriteString(tag)
	b.WriteByte(' ')
	b.Write(content)
	b.WriteByte('\n')
	w.mu.Lock()
	_, _ = w.f.Write(b.Bytes())
	close(w.changed)
	w.changed = make(chan struct{})
	w.mu.Unlock()
}

// wait returns once both streams have ended (every process holding them has exited).
func (w *logWriter) wait() {
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.ended {
		w.ended = true
		_ = w.f.Close()
		close(w.changed)
		w.changed = make(chan struct{})
	}
}

// state says whether the streams have ended, and gives a channel closed at the next change.
func (w *logWriter) state() (bool, <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ended, w.changed
}

// tail is the end of the log (at most lines lines and bytes bytes), as FallbackToLogsOnError reports it.
func (w *logWriter) tail(lines, maxBytes int) string {
	data, err := os.ReadFile(w.path)
	if err != nil {
		return ""
	}
	var out bytes.Buffer
	for _, rec := range parseRecords(data) {
		out.Write(rec.content)
		if rec.full {
			out.WriteByte('\n')
		}
	}
	text := out.String()
	all := strings.SplitAfter(text, "\n")
	if all[len(all)-1] == "" {
		all = all[:len(all)-1]
	}
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	text = strings.Join(all, "")
	if len(text) > maxBytes {
		text = text[len(text)-maxBytes:]
	}
	return text
}

// logRecord is one line of the log file.
type logRecord struct {
	time    time.Time
	stamp   []byte // the time as written
	stream  string
	full    bool // F: ends a line; P: part of a longer line
	content []byte
}

func parseRecord(line []byte) (logRecord, bool) {
	parts := bytes.SplitN(line, []byte{' '}, 4)
	if len(parts) < 3 {
		return logRecord{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(parts[0]))
	if err != nil {
		return logRecord{}, false
	}
	rec := logRecord{time: t, stamp: parts[0], stream: string(parts[1]), full: string(parts[2]) == "F"}
	if len(parts) == 4 {
		rec.content = parts[3]
	}
	return rec, true
}

func parseRecords(data []byte) []logRecord {
	var out []logRecord
	for _, line := range bytes.Split(data, []byte{'\n'}) {
		if rec, ok := parseRecord(line); ok {
			out = append(out, rec)
		}
	}
	return out
}

// logOptions are the query parameters of the kubelet's containerLogs endpoint.
type logOptions struct {
	follow     bool
	timestamps bool
	tailLines  int64 // -1: all
	limitBytes int64 // -1: no limit
	since      time.Time
	stream     string // "" (both), "stdout" or "stderr"
}

// copyLog writes the log to out as kubectl logs shows it, following it while the container
// runs if asked to.
func copyLog(ctx context.Context, w *logWriter, opts logOptions, out io.Writer, flush func()) error {
	f, err := os.Open(w.path)
	if err != nil {
		return err
	}
	defer f.Close()
	written := int64(0)
	atLineStart := true
	emit := func(rec logRecord) bool {
		if opts.stream != "" && rec.stream != opts.stream || rec.time.Before(opts.since) {
			return true
		}
		var b bytes.Buffer
		if opts.timestamps && atLineStart {
			b.Write(rec.stamp)
			b.WriteByte(' ')
		}
		b.Write(rec.content)
		if rec.full {
			b.WriteByte('\n')
		}
		atLineStart = rec.full
		data := b.Bytes()
		if opts.limitBytes >= 0 && written+int64(len(data)) > opts.limitBytes {
			data = data[:opts.limitBytes-written]
		}
		n, err := out.Write(data)
		written += int64(n)
		return err == nil && (opts.limitBytes < 0 || written < opts.limitBytes)
	}
	// tailLines: start at the first record of the last N lines.
	var offset int64
	if opts.tailLines >= 0 {
		data, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		offset = tailOffset(data, opts, opts.tailLines)
	}
	var pending []byte
	buf := make([]byte, 64*1024)
	for {
		ended, changed := w.state()
		n, err := f.ReadAt(buf, offset)
		if n > 0 {
			offset += int64(n)
			pending = append(pending, buf[:n]...)
			for {
				i := bytes.IndexByte(pending, '\n')
				if i < 0 {
					break
				}
				if rec, ok := parseRecord(pending[:i]); ok && !emit(rec) {
					return nil
				}
				pending = pending[i+1:]
			}
			flush()
			continue
		}
		if err != nil && err != io.EOF {
			return err
		}
		if !opts.follow || ended {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil
		}
	}
}

// tailOffset is the file offset of the first record of the last n lines that opts shows.
func tailOffset(data []byte, opts logOptions, n int64) int64 {
	if n == 0 {
		return int64(len(data))
	}
	end := len(data)
	if end > 0 && data[end-1] == '\n' {
		end--
	}
	count := int64(0)
	for end > 0 {
		start := bytes.LastIndexByte(data[:end], '\n') + 1
		if rec, ok := parseRecord(data[start:end]); ok && (opts.stream == "" || rec.stream == opts.stream) && rec.full {
			count++
			if count > n {
				return int64(end + 1)
			}
		}
		end = start - 1
	}
	return 0
}
