//! Ports: one trait per file, named by role, each with its own error type.
