/**
 * {@code pbft demo}: a local cluster of replica processes with an equivocating primary, a client
 * workload through the view change that replaces it, a backup killed and restarted, and the
 * replicas' traces validated against the TLA+ spec; a summary and an HTML report.
 */
package org.pbft.demo;
