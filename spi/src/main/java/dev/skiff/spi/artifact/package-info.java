/**
 * The artifact-store contract: named by URI scheme ({@code s3}, ...), a store fetches, stores and deletes the objects
 * of artifact locations for executors that do the transfers themselves (the local executor) and for artifact garbage
 * collection. JDK types only; a store plugin brings its own client library.
 */
package dev.skiff.spi.artifact;
