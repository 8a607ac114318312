//! The binary as an operator runs it: its command line, `demo` and
//! `generate`, backup, restore and copy (`ops/`), crash safety, two
//! processes on one database, and `/metrics`.

mod cli;
mod demo;
mod durability;
mod generate;
mod metrics;
mod ops;
mod scale_out;
