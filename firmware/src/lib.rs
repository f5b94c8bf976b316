//! mimic firmware
