package dev.skiff.engine.expr;

/**
 * An expression could not be compiled or evaluated. The message is meant for users: it names the
 * problem and, where known, the position in the source as {@code (line:column)} followed by a
 * snippet that points at it, the way expr-lang reports errors.
 */
public class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message);
    }

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A message located at rune offset {@code position} of {@code source}, formatted like expr-lang. */
    static ExpressionException at(String message, String source, int position) {
        return new ExpressionException(locate(message, source, position));
    }

    static String locate(String message, String source, int position) {
        int line = 1;
        int column = 0;
        int lineStart = 0;
        int runes = 0;
        for (int i = 0; i < source.length(); ) {
            if (runes == position) {
                break;
            }
            int cp = source.codePointAt(i);
            if (cp == '\n') {
                lineStart = i + 1;
                line++;
                column = 0;
            } else {
                column++;
            }
            runes++;
            i += Character.charCount(cp);
        }
        int lineEnd = source.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        if (lineStart == lineEnd) {
            return message;
        }
        String text = source.substring(lineStart, lineEnd).replace('\t', ' ');
        return message + " (" + line + ":" + (column + 1) + ")\n | " + text + "\n | " + ".".repeat(column) + "^";
    }
}
