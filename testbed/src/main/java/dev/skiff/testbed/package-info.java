/** Real Kubernetes clusters for tests: the process testbed (or K3s) and the JUnit 5 extension that shares them. */
package dev.skiff.testbed;
