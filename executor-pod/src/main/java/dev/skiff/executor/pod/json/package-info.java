/** JSON-like trees (maps, lists, strings, numbers, booleans): reading, copying, and writing them as Go does. */
package dev.skiff.executor.pod.json;
