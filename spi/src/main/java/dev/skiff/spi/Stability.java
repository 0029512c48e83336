package dev.skiff.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How far a public SPI type may change between releases. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Stability {

    Level value();

    /** The promise a type makes to plugin authors. */
    enum Level {
        /** Changes only with a major version. */
        STABLE,
        /** May change in any release; tell us when you depend on it. */
        EXPERIMENTAL
    }
}
