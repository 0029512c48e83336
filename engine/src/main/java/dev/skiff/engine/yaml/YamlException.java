package dev.skiff.engine.yaml;

/**
 * Text that {@link YamlReader} cannot turn into documents: bad syntax, an unknown alias, a merge key on something
 * that is not a mapping, or a limit exceeded. {@link #problem()} is the parser's description, which may quote
 * lines of the text: callers reading secrets (kubeconfigs) should show only {@link #line()} and {@link #column()}.
 */
public final class YamlException extends RuntimeException {

    private final int line;
    private final int column;
    private final String problem;
    private final boolean syntax;

    YamlException(int line, int column, String problem, Throwable cause) {
        this(line, column, problem, cause, false);
    }

    YamlException(int line, int column, String problem, Throwable cause, boolean syntax) {
        super((line > 0 ? "at line " + line + (column > 0 ? ", column " + column : "") + ": " : "") + problem, cause);
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.syntax = syntax;
    }

    /**
     * Whether the YAML parser found the problem (bad syntax, a repeated key): its description may quote lines of
     * the text. Otherwise the problem is Skiff's own (a limit, an unknown alias, a misused merge key) and quotes
     * at most an anchor's name.
     */
    public boolean isSyntaxError() {
        return syntax;
    }

    /** The line of the problem, from 1; 0 when unknown. */
    public int line() {
        return line;
    }

    /** The column of the problem, from 1; 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
