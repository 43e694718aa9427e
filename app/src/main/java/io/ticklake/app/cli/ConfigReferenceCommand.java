package io.ticklake.app.cli;

import io.ticklake.service.config.ConfigReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code config-reference}: prints every configuration key with its environment variable and default. */
@Command(name = "config-reference", mixinStandardHelpOptions = true,
        description = "Prints the configuration reference (Markdown): every key, its TICKLAKE_* variable, default "
                + "and meaning.")
public final class ConfigReferenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigReference.markdown());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
