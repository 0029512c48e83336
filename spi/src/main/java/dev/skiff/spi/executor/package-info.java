/** The executor contract: start a step on a target, observe it, stop it. */
package dev.skiff.spi.executor;
