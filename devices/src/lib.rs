//! mimic devices
