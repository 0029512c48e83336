/** Shared markers of the SPI, such as {@link dev.skiff.spi.Stability}. */
package dev.skiff.spi;
