/** The executor contract: start a step on a target (placing and saving its artifacts), observe it, stop it. */
package dev.skiff.spi.executor;
