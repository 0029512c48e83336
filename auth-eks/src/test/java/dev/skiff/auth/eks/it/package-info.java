/** Integration tests of the eks provider against the local AWS emulator, in its own module layer. */
package dev.skiff.auth.eks.it;
