package io.ticklake.app.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The instructions of a Dockerfile, as far as the deploy checks need them: comments dropped, line
 * continuations joined, each instruction its keyword and its raw arguments.
 */
record Dockerfile(List<Instruction> instructions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One instruction, e.g. {@code USER} with {@code 10001:10001}. */
    record Instruction(String keyword, String args) {
    }

    static Dockerfile parse(final String text) {
        final List<Instruction> out = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        for (final String raw : text.split("\n", -1)) {
            final String line = raw.strip();
            if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            final String joined = current.toString().strip();
            current.setLength(0);
            final int space = joined.indexOf(' ');
            out.add(space < 0 ? new Instruction(joined.toUpperCase(Locale.ROOT), "")
                    : new Instruction(joined.substring(0, space).toUpperCase(Locale.ROOT), joined.substring(space + 1).strip()));
        }
        return new Dockerfile(List.copyOf(out));
    }

    /** The arguments of the last {@code keyword} (the one in effect), if any. */
    Optional<String> last(final String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).reduce((a, b) -> b).map(Instruction::args);
    }

    List<String> all(final String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
    }

    /**
     * The exec form (a JSON array of strings) of the last {@code keyword}; empty when it is in shell
     * form or absent.
     */
    Optional<List<String>> execForm(final String keyword) {
        return last(keyword).filter(a -> a.startsWith("[")).map(a -> {
            try {
                return Arrays.asList(JSON.readValue(a, String[].class));
            } catch (JsonProcessingException e) {
                return null;
            }
        });
    }

    /** A copy with the last {@code keyword} replaced (negative tests). */
    Dockerfile with(final String keyword, final String args) {
        final List<Instruction> copy = new ArrayList<>(instructions);
        for (int i = copy.size() - 1; i >= 0; i--) {
            if (copy.get(i).keyword().equals(keyword)) {
                copy.set(i, new Instruction(keyword, args));
                return new Dockerfile(List.copyOf(copy));
            }
        }
        copy.add(new Instruction(keyword, args));
        return new Dockerfile(List.copyOf(copy));
    }
}
