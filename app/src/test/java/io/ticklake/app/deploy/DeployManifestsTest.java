package io.ticklake.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticklake.service.config.AppConfig;
import io.ticklake.service.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's deploy artifacts (deploy/Dockerfile, deploy/k8s) agree with the service: the
 * config the pod gets loads through the service's own loader, the probes answer on the real admin
 * server, ports, state volume, grace period, user and entrypoint are what the service needs. No
 * Docker engine or Kubernetes runs here; each check also runs on a broken copy and must fail there.
 */
class DeployManifestsTest {
    private static final DeployManifests DEPLOY = DeployManifests.load(DeployManifests.repositoryDeployDir());

    @TempDir
    Path dir;

    @Test
    void everyManifestIsInTheKustomization() throws IOException {
        final Path k8s = DeployManifests.repositoryDeployDir().resolve("k8s");
        try (Stream<Path> files = Files.list(k8s)) {
            final List<String> yaml = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList();
            assertThat(DeployManifests.kustomizationResources(DeployManifests.repositoryDeployDir()))
                    .containsExactlyInAnyOrderElementsOf(yaml);
        }
        assertThat(Stream.of("StatefulSet", "ConfigMap", "Service", "ServiceAccount", "PodDisruptionBudget")
                .map(DEPLOY::resource)).hasSize(5);
    }

    @Test
    void thePodsConfigurationLoadsThroughTheServicesLoader() {
        final AppConfig config = DeployChecks.podConfig(DEPLOY, dir);
        DeployChecks.everyEnvironmentVariableIsAKey(DEPLOY, config);
        assertThat(config.lake()).hasValueSatisfying(l -> assertThat(l.toString()).startsWith("s3://"));
        assertThat(config.glueDatabase()).isPresent();
        assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
    }

    @Test
    void anUnknownKeyInTheConfigMapFails() {
        final DeployManifests typo = DEPLOY.withProperties(DEPLOY.properties() + "sink.rol.max.records=10\n");
        assertThatThrownBy(() -> DeployChecks.podConfig(typo, dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown config key sink.rol.max.records");
    }

    @Test
    void anUnknownTicklakeVariableFails() {
        final DeployManifests typo = DEPLOY.edit(m -> m.container().withArray("env").addObject()
                .put("name", "TICKLAKE_SHUTDOWN_TIMEOUT").put("value", "1000"));
        final AppConfig config = DeployChecks.podConfig(typo, dir);   // the loader only warns ...
        assertThatThrownBy(() -> DeployChecks.everyEnvironmentVariableIsAKey(typo, config))   // ... the check fails
                .isInstanceOf(AssertionError.class).hasMessageContaining("TICKLAKE_SHUTDOWN_TIMEOUT");
    }

    @Test
    void portsAgreeWithTheConfigMap() {
        final AppConfig config = DeployChecks.podConfig(DEPLOY, dir);
        DeployChecks.portsAgree(DEPLOY, config);

        final DeployManifests moved = DEPLOY.withProperties(DEPLOY.properties().replace("http.port=8080", "http.port=9090"));
        assertThat(moved.properties()).contains("http.port=9090");
        assertThatThrownBy(() -> DeployChecks.portsAgree(moved, DeployChecks.podConfig(moved, dir)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("http.port");
    }

    @Test
    void probesAndScrapePathAnswerOnTheRealAdminServer() {
        DeployChecks.probesAnswer(DEPLOY);

        final DeployManifests wrong = DEPLOY.edit(m -> ((ObjectNode) m.container().path("readinessProbe").path("httpGet"))
                .put("path", "/healthz"));
        assertThatThrownBy(() -> DeployChecks.probesAnswer(wrong)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/healthz");
        final DeployManifests swapped = DEPLOY.edit(m -> ((ObjectNode) m.container().path("livenessProbe").path("httpGet"))
                .put("path", "/health/ready"));
        assertThatThrownBy(() -> DeployChecks.probesAnswer(swapped)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("while rebalancing");
    }

    @Test
    void theStateDirectoryIsOnTheClaimedVolume() {
        DeployChecks.stateOnVolume(DEPLOY, DeployChecks.podConfig(DEPLOY, dir));

        final DeployManifests tmp = DEPLOY.withProperties(DEPLOY.properties()
                .replace("state.dir=/var/lib/ticklake/state", "state.dir=/tmp/state"));
        assertThatThrownBy(() -> DeployChecks.stateOnVolume(tmp, DeployChecks.podConfig(tmp, dir)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("volumeClaimTemplate");
    }

    @Test
    void theGracePeriodOutlastsAGracefulStop() {
        final AppConfig config = DeployChecks.podConfig(DEPLOY, dir);
        DeployChecks.graceCoversShutdown(DEPLOY, config);

        final DeployManifests longer = DEPLOY.withProperties(DEPLOY.properties()
                .replace("shutdown.timeout.ms=30000", "shutdown.timeout.ms=90000"));
        assertThatThrownBy(() -> DeployChecks.graceCoversShutdown(longer, DeployChecks.podConfig(longer, dir)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("terminationGracePeriodSeconds");
        final DeployManifests shorter = DEPLOY.edit(m -> m.podSpec().put("terminationGracePeriodSeconds", 30));
        assertThatThrownBy(() -> DeployChecks.graceCoversShutdown(shorter, config)).isInstanceOf(AssertionError.class);
    }

    @Test
    void theContainerRunsAsNonRoot() {
        DeployChecks.nonRoot(DEPLOY);

        assertThatThrownBy(() -> DeployChecks.nonRoot(DEPLOY.withDockerfile(DEPLOY.dockerfile().with("USER", "root"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("USER");
        assertThatThrownBy(() -> DeployChecks.nonRoot(DEPLOY.edit(m -> ((ObjectNode) m.podSpec().path("securityContext"))
                .put("runAsUser", 0)))).isInstanceOf(AssertionError.class).hasMessageContaining("runAsUser");
    }

    @Test
    void theEntrypointIsExecFormSoSigtermReachesTheJvm() {
        DeployChecks.execEntrypoint(DEPLOY);

        final Dockerfile shell = DEPLOY.dockerfile().with("ENTRYPOINT", "java -jar /opt/ticklake/ticklake.jar");
        assertThatThrownBy(() -> DeployChecks.execEntrypoint(DEPLOY.withDockerfile(shell)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("exec form");
        final Dockerfile wrapped = DEPLOY.dockerfile().with("ENTRYPOINT",
                "[\"sh\", \"-c\", \"java -jar /opt/ticklake/ticklake.jar \\\"$@\\\"\"]");
        assertThatThrownBy(() -> DeployChecks.execEntrypoint(DEPLOY.withDockerfile(wrapped)))
                .isInstanceOf(AssertionError.class);
        final DeployManifests overridden = DEPLOY.edit(m -> m.container().putArray("command").add("sh").add("-c")
                .add("java -jar /opt/ticklake/ticklake.jar run"));
        assertThatThrownBy(() -> DeployChecks.execEntrypoint(overridden)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ENTRYPOINT");
    }

    @Test
    void eachPodAdvertisesItsStableDnsName() {
        DeployChecks.applicationServerIsPodDns(DEPLOY, DeployChecks.podConfig(DEPLOY, dir));
    }

    @Test
    void credentialsComeFromThePodsRoleNotFromTheManifests() {
        DeployChecks.credentialsFromRole(DEPLOY, DeployChecks.podConfig(DEPLOY, dir));

        final DeployManifests keys = DEPLOY.edit(m -> m.container().withArray("env").addObject()
                .put("name", "AWS_SECRET_ACCESS_KEY").put("value", "abc"));
        assertThatThrownBy(() -> DeployChecks.credentialsFromRole(keys, DeployChecks.podConfig(keys, dir)))
                .isInstanceOf(AssertionError.class);
        final DeployManifests password = DEPLOY.withProperties(DEPLOY.properties()
                + "kafka.ssl.keystore.password=changeit\n");
        assertThatThrownBy(() -> DeployChecks.credentialsFromRole(password, DeployChecks.podConfig(password, dir)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("kafka.ssl.keystore.password");
    }

    @Test
    void theHeapFromTheMemoryLimitIsAtLeastTheProvenOne() {
        DeployChecks.heapFitsLimit(DEPLOY);

        final DeployManifests small = DEPLOY.edit(m -> {
            ((ObjectNode) m.container().path("resources").path("limits")).put("memory", "512Mi");
            ((ObjectNode) m.container().path("resources").path("requests")).put("memory", "512Mi");
        });
        assertThatThrownBy(() -> DeployChecks.heapFitsLimit(small)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("MaxRAMPercentage");
    }
}
