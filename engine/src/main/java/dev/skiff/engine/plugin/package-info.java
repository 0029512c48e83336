/** Loads each folder of {@code plugins/} into its own module layer and finds its SPI providers. */
package dev.skiff.engine.plugin;
