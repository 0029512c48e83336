package dev.skiff.engine.cli;

import dev.skiff.engine.cluster.ClusterRegistry;
import dev.skiff.engine.cluster.ClusterSetup;
import dev.skiff.engine.cluster.TenantAllowances;
import dev.skiff.engine.cluster.TenantKubeconfig;
import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.spi.auth.SecretSource;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code --tenants} table of {@code skiff clusters}: per workflow namespace, what its tenant secret allows. */
final class TenantRows {

    record Row(String namespace, String context, String cluster, String allowed, String status) {
    }

    private TenantRows() {
    }

    static List<Row> of(ControllerConfig config, ClusterRegistry registry, List<String> namespaces) {
        String home = config.workflowSources().isEmpty() ? "in-cluster" : config.workflowSources().getFirst().cluster();
        String secretName = config.tenants().secretName();
        List<Row> rows = new ArrayList<>();
        Optional<SecretSource> secrets = registry.find(home)
                .map(c -> ClusterSetup.system().secretReader().apply(c.credentials()));
        for (String ns : namespaces) {
            if (secrets.isEmpty()) {
                rows.add(new Row(ns, "-", "-", "-", "ERROR: cluster '" + home + "' is not available"));
                continue;
            }
            Optional<Map<String, byte[]>> secret;
            try {
                secret = secrets.get().read(ns, secretName);
            } catch (RuntimeException e) {
                rows.add(new Row(ns, "-", "-", "-", "ERROR: " + e.getMessage()));
                continue;
            }
            byte[] value = secret.map(s -> s.get(config.tenants().key())).orElse(null);
            if (value == null) {
                rows.add(new Row(ns, "-", "-", "-", secret.isEmpty() ? "no secret '" + secretName + "': only its own"
                        + " cluster and namespace" + (config.tenants().controllerCredentialsElsewhere()
                        ? " (and anywhere with the controller's credentials: controllerCredentialsElsewhere)" : "")
                        : "ERROR: secret '" + secretName + "' has no key '" + config.tenants().key() + "'"));
                continue;
            }
            try {
                TenantKubeconfig parsed = TenantKubeconfig.parse(value, "secret " + ns + "/" + secretName);
                for (TenantAllowances.Allowance a : TenantAllowances.of(parsed, registry::find)) {
                    rows.add(new Row(ns, a.context(), a.cluster(), a.namespace(), a.status()));
                }
            } catch (RuntimeException e) {
                rows.add(new Row(ns, "-", "-", "-", "ERROR: " + e.getMessage()));
            }
        }
        return rows;
    }

    static void print(PrintStream out, List<Row> rows) {
        AlignedColumns.print(out, new String[] {"WORKFLOW-NAMESPACE", "CONTEXT", "CLUSTER", "NAMESPACE", "STATUS"},
                rows.stream().map(r -> new String[] {r.namespace(), r.context(), r.cluster(), r.allowed(),
                    r.status()}).toList());
    }
}
