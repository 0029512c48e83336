package dev.skiff.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamespaceLeaseTest {

    @Test
    void namespaceNameIsAValidDnsLabelDerivedFromTheTestName() {
        String name = NamespaceLease.nameFor("serviceAccountTokenBoundToNamespacedRoleCreatesPodsThereAndIsForbiddenElsewhere_X");

        assertThat(name).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63)
                .startsWith("t-serviceaccounttokenboundtonamespacedrole");
    }

    @Test
    void twoNamespacesForTheSameTestDiffer() {
        assertThat(NamespaceLease.nameFor("same")).isNotEqualTo(NamespaceLease.nameFor("same"));
    }
}
