package io.ticklake.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ticklake.service.config.AppConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the deployed pod needs on its classpath to authenticate as its IAM role: the AWS SDK's STS
 * module (IRSA web-identity credentials; without it the SDK's default chain skips the web identity
 * token and the pod has no credentials) and the MSK IAM SASL login module (the ConfigMap's
 * {@code AWS_MSK_IAM} settings).
 */
class PodCredentialsTest {
    /** What the SDK's WebIdentityTokenFileCredentialsProvider loads reflectively. */
    private static final String STS_WEB_IDENTITY_FACTORY =
            "software.amazon.awssdk.services.sts.internal.StsWebIdentityCredentialsProviderFactory";

    @TempDir
    Path dir;

    @Test
    void theSdkCanExchangeTheServiceAccountTokenForRoleCredentials() {
        assertThatCode(() -> Class.forName(STS_WEB_IDENTITY_FACTORY)).as("the STS module on the classpath")
                .doesNotThrowAnyException();
    }

    @Test
    void aKafkaClientBuildsWithTheConfigMapsMskIamSettings() {
        final AppConfig config = DeployChecks.podConfig(DeployManifests.load(DeployManifests.repositoryDeployDir()), dir);
        final Map<String, Object> props = new HashMap<>(config.clientProps());
        assertThat(props).containsEntry("sasl.mechanism", "AWS_MSK_IAM");
        // nothing listens there: building the client loads the login module and callback handler, no connection is needed
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        try (Admin admin = Admin.create(props)) {
            assertThat(admin).isNotNull();
        }
    }
}
