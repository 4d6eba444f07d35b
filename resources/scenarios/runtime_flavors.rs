//! current_thread vs multi_thread
//!
//! 4 jobs of CPU work and sleeps: on 1 worker the CPU parts queue up; on 4 workers they overlap.
//!
//! tokio has two runtime flavors. current_thread runs every task on the thread that called block_on: one worker,
//! so the 100 ms CPU slices of four jobs run one after the other while their sleeps overlap; all done in about
//! 800 ms. multi_thread runs a pool of workers: with 4 the CPU slices run in parallel and everything is done in
//! about 300 ms. Run this scenario with 1 worker, then with 4, and compare the worker lanes.
//!
//! Group: basics

use std::time::{Duration, Instant};
use tokio::time::sleep;

const JOBS: u64 = 4; // param 1..=8: how many jobs are spawned
const CPU_MS: u64 = 100; // param 0..=250 ms: each CPU slice
const SLEEP_MS: u64 = 100; // param 0..=600000 ms: the sleep between the two slices

fn crunch(millis: u64) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(millis) {}
}

// Run it as it is, then with 4 workers: #[tokio::main(flavor = "multi_thread", worker_threads = 4)]
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    let mut handles = Vec::new();
    for i in 1..=JOBS {
        handles.push(tokio::spawn(async move {
            crunch(CPU_MS);
            sleep(Duration::from_millis(SLEEP_MS)).await;
            crunch(CPU_MS);
            println!("Job {} done at {} ms", i, start.elapsed().as_millis());
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    println!("All done in {} ms", start.elapsed().as_millis());
}
