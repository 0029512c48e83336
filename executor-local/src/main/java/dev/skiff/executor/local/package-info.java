/** The {@code local} executor: steps as host processes, each in its own sandbox directory. */
package dev.skiff.executor.local;
