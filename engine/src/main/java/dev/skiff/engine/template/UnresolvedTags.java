package dev.skiff.engine.template;

/** What to do with a tag whose variable is not (yet) known: Argo's {@code allowUnresolved} true / false. */
public enum UnresolvedTags {
    /** Leave the tag in the text unchanged, to be resolved by a later pass. */
    KEEP,
    /**
     * Leave a tag unchanged only while a variable it uses is missing; an expression whose variables are all
     * known but that fails to compile or evaluate, or yields nil, is an error (Argo's {@code ReplaceStrict}).
     */
    KEEP_IF_MISSING,
    /** Fail with a TemplateException naming the tag. */
    FAIL
}
