/**
 * The JUnit 5 extension that gives integration tests a real broker and schema registry, shared by
 * all test classes of a JVM: {@link dev.modelmonitor.local.junit.LocalClusterExtension}.
 */
package dev.modelmonitor.local.junit;
