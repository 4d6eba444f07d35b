//! Wakeline's own measurements, stubbed for real tokio: a compiled program has no executor allocator to read
//! (the referee leaves the lines that print them out of the comparison: see known-differences.tsv).
pub fn allocated_bytes() -> usize {
    0
}

pub fn thread_stack_kib() -> usize {
    8192
}
