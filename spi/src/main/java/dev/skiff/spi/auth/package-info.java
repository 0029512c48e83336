/** The cluster-auth contract: named factories turning config into cluster credentials. */
package dev.skiff.spi.auth;
