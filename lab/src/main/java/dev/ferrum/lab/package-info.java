/**
 * BMC emulators for Ferrum's tests and benchmarks. Nothing here is part of the service: the service's tests
 * depend on this module with test scope, and the benchmarks start it as a separate process.
 */
package dev.ferrum.lab;
