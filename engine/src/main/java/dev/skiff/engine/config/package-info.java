/** The controller's configuration file ({@code conf/controller.yaml}): reading and checking it. */
package dev.skiff.engine.config;
