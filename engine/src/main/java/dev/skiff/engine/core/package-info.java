/** The pure reconciler: workflow status and observed step outcomes in, new status and decisions out. */
package dev.skiff.engine.core;
