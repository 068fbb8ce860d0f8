/**
 * {@code pbft demo}: a local cluster of replica processes with an equivocating primary, a client
 * workload through the view change that replaces it, backups killed and restarted from their
 * data directories, all four killed at once and restarted, and the
 * replicas' traces validated against the TLA+ spec; a summary and an HTML report.
 */
package org.pbft.demo;
