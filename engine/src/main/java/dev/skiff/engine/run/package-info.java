/** The thin I/O shell that runs one workflow: feeds executor events to the reconciler and applies its decisions. */
package dev.skiff.engine.run;
