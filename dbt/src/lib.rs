//! mimic dbt
