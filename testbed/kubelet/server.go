package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	remotecommandconsts "k8s.io/apimachinery/pkg/util/remotecommand"
	"k8s.io/kubelet/pkg/cri/streaming/remotecommand"
)

// startServer serves the kubelet API the kube-apiserver proxies pods/log and pods/exec to, over
// TLS with client certificates signed by the cluster's CA (the kube-apiserver's
// --kubelet-client-certificate).
func (k *kubelet) startServer() (*http.Server, error) {
	cert, err := tls.LoadX509KeyPair(k.cfg.tlsCert, k.cfg.tlsKey)
	if err != nil {
		return nil, fmt.Errorf("serving certificate: %w", err)
	}
	caPEM, err := os.ReadFile(k.cfg.clientCA)
	if err != nil {
		return nil, fmt.Errorf("client CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("client CA %s holds no PEM certificate", k.cfg.clientCA)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	mux.HandleFunc("GET /containerLogs/{namespace}/{pod}/{container}", k.serveLogs)
	mux.HandleFunc("/exec/{namespace}/{pod}/{container}", k.serveExec)
	mux.HandleFunc("/exec/{namespace}/{pod}/{uid}/{container}", k.serveExec)
	server := &http.Server{
		Handler: mux,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, ClientCAs: pool,
			ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          log.Default(),
	}
	listener, err := net.Listen("tcp", k.cfg.listen)
	if err != nil {
		return nil, err
	}
	go func() {
		if err := server.ServeTLS(listener, "", ""); err != nil && err != http.ErrServerClosed {
			log.Printf("kubelet server: %v", err)
		}
	}()
	return server, nil
}

// apiError answers with a metav1.Status, as the kubelet does.
func apiError(w http.ResponseWriter, code int, reason metav1.StatusReason, format string, args ...any) {
	status := metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusFailure,
		Message: fmt.Sprintf(format, args...), Reason: reason, Code: int32(code)}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(status)
}

// containerFor finds a container of a pod this kubelet runs, answering 404 if there is none.
func (k *kubelet) containerFor(w http.ResponseWriter, req *http.Request) (*podRun, *container) {
	ns, name, cname := req.PathValue("namespace"), req.PathValue("pod"), req.PathValue("container")
	r := k.lookup(ns, name)
	if r == nil || (req.PathValue("uid") != "" && string(r.uid) != req.PathValue("uid")) {
		apiError(w, http.StatusNotFound, metav1.StatusReasonNotFound, "pod %s/%s is not run by the skiff testbed kubelet", ns, name)
		return nil, nil
	}
	r.mu.Lock()
	c := r.byName[cname]
	r.mu.Unlock()
	if c == nil {
		apiError(w, http.StatusNotFound, metav1.StatusReasonNotFound, "container %q not found in pod %s/%s", cname, ns, name)
		return nil, nil
	}
	return r, c
}

func (k *kubelet) serveLogs(w http.ResponseWriter, req *http.Request) {
	r, c := k.containerFor(w, req)
	if c == nil {
		return
	}
	q := req.URL.Query()
	if q.Get("previous") == "true" {
		apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest,
			"previous terminated container %q in pod %q not found", c.name, r.name)
		return
	}
	opts := logOptions{follow: q.Get("follow") == "true", timestamps: q.Get("timestamps") == "true",
		tailLines: -1, limitBytes: -1}
	var err error
	if v := q.Get("tailLines"); v != "" {
		if opts.tailLines, err = strconv.ParseInt(v, 10, 64); err != nil || opts.tailLines < 0 {
			apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest, "tailLines %q is not a count", v)
			return
		}
	}
	if v := q.Get("limitBytes"); v != "" {
		if opts.limitBytes, err = strconv.ParseInt(v, 10, 64); err != nil || opts.limitBytes < 1 {
			apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest, "limitBytes %q is not a positive count", v)
			return
		}
	}
	if v := q.Get("sinceSeconds"); v != "" {
		s, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest, "sinceSeconds %q is not a number", v)
			return
		}
		opts.since = time.Now().Add(-time.Duration(s) * time.Second)
	}
	if v := q.Get("sinceTime"); v != "" {
		if opts.since, err = time.Parse(time.RFC3339, v); err != nil {
			apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest, "sinceTime %q is not RFC 3339", v)
			return
		}
	}
	switch q.Get("stream") {
	case "Stdout":
		opts.stream = "stdout"
	case "Stderr":
		opts.stream = "stderr"
	}
	r.mu.Lock()
	logs, state, reason := c.logs, c.state, c.waitingReason
	r.mu.Unlock()
	if state == stateWaiting {
		apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest,
			"container %q in pod %q is waiting to start: %s", c.name, r.name, reason)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusOK)
	if logs == nil { // finished without running (instant, or it could not start)
		return
	}
	flush := func() {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	if err := copyLog(req.Context(), logs, opts, w, flush); err != nil {
		log.Printf("pod %s: serving logs of %s: %v", r, c.name, err)
	}
}

func (k *kubelet) serveExec(w http.ResponseWriter, req *http.Request) {
	r, c := k.containerFor(w, req)
	if c == nil {
		return
	}
	r.mu.Lock()
	running := c.state == stateRunning && c.pid > 0
	r.mu.Unlock()
	if !running {
		apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest,
			"container %q in pod %q is not running", c.name, r.name)
		return
	}
	opts, err := remotecommand.NewOptions(req)
	if err != nil {
		apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest, "%v", err)
		return
	}
	cmd := req.URL.Query()["command"]
	if len(cmd) == 0 {
		apiError(w, http.StatusBadRequest, metav1.StatusReasonBadRequest, "no command given")
		return
	}
	remotecommand.ServeExec(w, req, execIn{k: k}, r.namespace+"/"+r.name, r.uid, c.name, cmd, opts,
		4*time.Hour, 30*time.Second, remotecommandconsts.SupportedStreamingProtocols)
}
