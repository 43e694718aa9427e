package io.ticklake.app.cli;

import io.ticklake.service.UsageException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code ticklake} command. Errors are one line on stderr: exit 2 for bad arguments or
 * configuration ({@link UsageException}, picocli parameter errors), exit 1 for runtime failures;
 * {@code --verbose} adds the stack trace.
 */
@Command(name = "ticklake", mixinStandardHelpOptions = true, version = "ticklake 0.1.0",
        description = "Stock-index ticks → Kafka Streams → exactly-once Parquet lake → catalog and SQL.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, GenerateCommand.class,
            QueryCommand.class, RollupCommand.class, CatalogCommand.class, LakeCommand.class, CompactCommand.class, DlqCommand.class, ConfigReferenceCommand.class,
            PollCommand.class,
            io.ticklake.app.cli.bench.BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class TickLakeCommand implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "show stack traces of errors and DEBUG logs of ticklake")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }

    /** Runs the CLI with the process's stdout/stderr; returns the exit code. */
    public static int execute(final String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** The configured command line writing to {@code out} and {@code err} (tests pass their own). */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err) {
        final CommandLine cl = new CommandLine(new TickLakeCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(parameterErrors());
        cl.setExecutionExceptionHandler(executionErrors());
        cl.setExitCodeExceptionMapper(e -> e instanceof UsageException || e instanceof ParameterException
                ? ExitCodes.USAGE : ExitCodes.RUNTIME);
        return cl;
    }

    private static IParameterExceptionHandler parameterErrors() {
        return (ex, args) -> {
            final CommandLine cmd = ex.getCommandLine();
            final PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        };
    }

    private static IExecutionExceptionHandler executionErrors() {
        return (ex, cmd, parseResult) -> {
            final PrintWriter err = cmd.getErr();
            final boolean usage = ex instanceof UsageException || ex instanceof ParameterException;
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + (usage ? "" : "error: ") + oneLine(ex));
            if (verbose(parseResult)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return usage ? ExitCodes.USAGE : ExitCodes.RUNTIME;
        };
    }

    private static boolean verbose(final ParseResult parseResult) {
        ParseResult r = parseResult;
        while (r != null) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
            r = r.hasSubcommand() ? r.subcommand() : null;
        }
        return false;
    }

    /**
     * A throwable's message on one line; when it has none (or it merely wraps its cause), the first
     * cause message in the chain, prefixed with the exception's simple name when that adds meaning.
     */
    public static String oneLine(final Throwable e) {
        Throwable t = e;
        while (t != null && (t.getMessage() == null || t.getMessage().isBlank()
                || t.getCause() != null && t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        final String msg = t == null ? e.getClass().getSimpleName()
                : t.getMessage().startsWith(t.getClass().getName()) || isPlain(t) ? t.getMessage()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        return msg.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** Exceptions whose message speaks for itself. */
    private static boolean isPlain(final Throwable t) {
        final List<Class<?>> plain = Arrays.asList(UsageException.class, IllegalArgumentException.class,
                IllegalStateException.class, ParameterException.class, java.io.UncheckedIOException.class,
                RuntimeException.class);
        // ticklake's own exceptions are written for users; their class names are not
        return plain.contains(t.getClass()) || t.getClass().getName().startsWith("io.ticklake.")
                || t.getClass().getName().toLowerCase(Locale.ROOT).contains("picocli");
    }
}
