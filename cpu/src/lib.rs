//! mimic cpu
