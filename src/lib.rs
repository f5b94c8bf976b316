//! mimic
