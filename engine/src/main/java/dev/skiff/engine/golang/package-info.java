/**
 * Go standard-library behaviour that Argo shows its users: file path cleaning, encoding/json's syntax errors,
 * strconv's quoting.
 */
package dev.skiff.engine.golang;
