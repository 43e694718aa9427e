package io.ticklake.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The deploy artifacts of the repository ({@code deploy/Dockerfile}, the Kubernetes resources listed
 * in {@code deploy/k8s/kustomization.yaml}), parsed; {@link #edit} makes a modified copy for the
 * checks' negative cases.
 */
final class DeployManifests {
    static final String PROPERTIES_KEY = "ticklake.properties";
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Dockerfile dockerfile;
    private final Map<String, ObjectNode> byKind;

    private DeployManifests(final Dockerfile dockerfile, final Map<String, ObjectNode> byKind) {
        this.dockerfile = dockerfile;
        this.byKind = byKind;
    }

    /** The repository's {@code deploy/} directory (tests run in the app module). */
    static Path repositoryDeployDir() {
        final Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("deploy");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no deploy directory at " + dir);
        }
        return dir;
    }

    /** Loads the Dockerfile and every resource of the kustomization (one per kind). */
    static DeployManifests load(final Path deployDir) {
        try {
            final Dockerfile dockerfile = Dockerfile.parse(Files.readString(deployDir.resolve("Dockerfile")));
            final Path k8s = deployDir.resolve("k8s");
            final Map<String, ObjectNode> byKind = new LinkedHashMap<>();
            for (final JsonNode resource : YAML.readTree(k8s.resolve("kustomization.yaml").toFile()).path("resources")) {
                final ObjectNode doc = (ObjectNode) YAML.readTree(k8s.resolve(resource.asText()).toFile());
                if (byKind.put(doc.path("kind").asText(), doc) != null) {
                    throw new IllegalStateException("two resources of kind " + doc.path("kind").asText());
                }
            }
            return new DeployManifests(dockerfile, byKind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file names the kustomization lists. */
    static java.util.List<String> kustomizationResources(final Path deployDir) throws IOException {
        final java.util.List<String> out = new java.util.ArrayList<>();
        YAML.readTree(deployDir.resolve("k8s").resolve("kustomization.yaml").toFile()).path("resources")
                .forEach(n -> out.add(n.asText()));
        return out;
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    /** The resource of {@code kind} (e.g. {@code StatefulSet}). */
    ObjectNode resource(final String kind) {
        return Objects.requireNonNull(byKind.get(kind), () -> "no " + kind + " in deploy/k8s");
    }

    ObjectNode statefulSet() {
        return resource("StatefulSet");
    }

    /** The pod spec of the StatefulSet. */
    ObjectNode podSpec() {
        return (ObjectNode) statefulSet().path("spec").path("template").path("spec");
    }

    /** The ticklake container (the first of the pod). */
    ObjectNode container() {
        return (ObjectNode) podSpec().path("containers").path(0);
    }

    /** The ConfigMap's {@code ticklake.properties}. */
    String properties() {
        return resource("ConfigMap").path("data").path(PROPERTIES_KEY).asText();
    }

    /** A deep copy with {@code change} applied to its resources (negative cases). */
    DeployManifests edit(final Consumer<DeployManifests> change) {
        final Map<String, ObjectNode> copy = new LinkedHashMap<>();
        byKind.forEach((kind, node) -> copy.put(kind, node.deepCopy()));
        final DeployManifests edited = new DeployManifests(dockerfile, copy);
        change.accept(edited);
        return edited;
    }

    /** A copy with another Dockerfile (negative cases). */
    DeployManifests withDockerfile(final Dockerfile other) {
        return new DeployManifests(other, byKind);
    }

    /** A copy whose ConfigMap holds {@code properties}. */
    DeployManifests withProperties(final String properties) {
        return edit(m -> ((ObjectNode) m.resource("ConfigMap").path("data")).put(PROPERTIES_KEY, properties));
    }
}
