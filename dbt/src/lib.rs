//! mimic dbt
pub mod code_memory;
