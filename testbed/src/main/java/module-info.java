/** Test fixtures: real kube-apiservers on loopback and a JUnit 5 extension that shares them. */
module dev.skiff.testbed {
    requires org.junit.jupiter.api;
    requires io.kubernetes.client.java;
    requires io.kubernetes.client.java.api;
}
