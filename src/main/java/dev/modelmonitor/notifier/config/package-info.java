/**
 * The notifier's YAML configuration: receivers, Alertmanager-like routes, retry, repeat and group
 * settings, {@code ${ENV}} references; read and validated by {@link
 * dev.modelmonitor.notifier.config.NotifierConfigLoader}.
 */
package dev.modelmonitor.notifier.config;
