/**
 * Building the Temporal server from source failed (no Go, the module proxy unreachable, a compile
 * error): an expected failure, reported in one line. Here, beside the other Temporal binaries'
 * errors, rather than in src/cluster, so src/process can name it without importing the cluster.
 */
export class TemporalBuildError extends Error {}
