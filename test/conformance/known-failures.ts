// Conformance cases that fail on this engine today, each with the reason (one line) and a
// minimal reproduction in known-failures.md (same folder). The runner runs them with
// `it.fails`: CI stays green while they fail, and a fix makes the test fail until its
// entry is removed here, so this list can only shrink. Keys are `area / case name`; an
// entry also covers the case's async mirror (`async-mirror / area / case name`).
export const knownFailures: Record<string, string> = {
}
