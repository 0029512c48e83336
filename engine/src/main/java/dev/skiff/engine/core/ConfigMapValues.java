package dev.skiff.engine.core;

import java.util.Optional;

/**
 * Argo's {@code GetConfigMapValue}: a parameter's value from a ConfigMap labelled
 * {@code workflows.argoproj.io/configmap-type: Parameter}, with Argo's messages. A ConfigMap the store does not
 * hold and a key it lacks are "not found" (a {@code default} may stand in); a ConfigMap of another type is not.
 */
final class ConfigMapValues {

    static final String TYPE_LABEL = "workflows.argoproj.io/configmap-type";
    static final String PARAMETER_TYPE = "Parameter";

    private ConfigMapValues() {
    }

    /** Why a value could not be read; {@code notFound} as Argo's {@code CodeNotFound}. */
    static final class Missing extends Exception {

        private final boolean notFound;

        Missing(String message, boolean notFound) {
            super(message, null, false, false);
            this.notFound = notFound;
        }

        boolean notFound() {
            return notFound;
        }
    }

    static String value(ConfigMapStore store, String namespace, String name, String key) throws Missing {
        Optional<ConfigMapStore.StoredConfigMap> cm = store.configMap(namespace, name);
        if (cm.isEmpty()) {
            throw new Missing("ConfigMap '" + name + "' does not exist. Please make sure it has the label "
                    + TYPE_LABEL + ": " + PARAMETER_TYPE + " to be detectable by the controller", true);
        }
        if (!PARAMETER_TYPE.equals(cm.get().labels().get(TYPE_LABEL))) {
            throw new Missing("ConfigMap '" + name + "' needs to have the label " + TYPE_LABEL + ": "
                    + PARAMETER_TYPE + " to load parameters", false);
        }
        String value = cm.get().data().get(key);
        if (value == null) {
            throw new Missing("ConfigMap '" + name + "' does not have the key '" + key + "'", true);
        }
        return value;
    }
}
