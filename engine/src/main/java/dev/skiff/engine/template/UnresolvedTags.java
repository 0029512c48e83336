package dev.skiff.engine.template;

/** What to do with a tag whose variable is not (yet) known: Argo's {@code allowUnresolved} true / false. */
public enum UnresolvedTags {
    /** Leave the tag in the text unchanged, to be resolved by a later pass. */
    KEEP,
    /** Fail with a TemplateException naming the tag. */
    FAIL
}
