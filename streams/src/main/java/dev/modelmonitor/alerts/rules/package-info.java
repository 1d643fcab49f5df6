/**
 * Alert rules: the model ({@link dev.modelmonitor.alerts.rules.Rule}), the rules-file format
 * ({@link dev.modelmonitor.alerts.rules.RuleParser}, {@link dev.modelmonitor.alerts.rules.RuleYaml}),
 * validation with messages that name the rule and the field ({@link
 * dev.modelmonitor.alerts.rules.RuleValidator}), the stored form on the compacted rules topic
 * ({@link dev.modelmonitor.alerts.rules.RuleRecords}, {@link
 * dev.modelmonitor.alerts.rules.RulesTopic}) and the shipped {@link
 * dev.modelmonitor.alerts.rules.DefaultRules}. A set of rules is valid only as a whole.
 */
package dev.modelmonitor.alerts.rules;
