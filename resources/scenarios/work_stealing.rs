//! Work stealing: idle workers take half of a busy worker's queue
//!
//! main spawns 8 CPU-heavy jobs on 4 workers; the three idle workers steal them, and all four compute.
//!
//! tokio::spawn from a task queues the new task on the spawning worker: the newest in its LIFO slot, the others
//! in its local queue. Idle workers do not wait for work to be handed out: one searches and steals half of
//! another worker's local queue (never its LIFO slot), then another steals half of what is left. So 8 jobs
//! spawned on one worker compute on all four, two each, and the batch takes 2 x 100 ms instead of 8 x 100 ms.
//! The dashed arrows on the timeline are the steals. Run it on 1 worker and the jobs wait in one queue.
//!
//! Group: scheduling

use std::time::{Duration, Instant};

const JOBS: u64 = 8; // param 1..=16: how many CPU-heavy jobs main spawns
const JOB_MS: u64 = 100; // param 1..=500 ms: how long each job computes

fn crunch(millis: u64) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(millis) {}
}

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let start = Instant::now();
    let mut handles = Vec::new();
    for i in 1..=JOBS {
        handles.push(tokio::spawn(async move {
            crunch(JOB_MS);
            i
        }));
    }
    let mut total = 0;
    for handle in handles {
        total += handle.await.unwrap();
    }
    println!("{} jobs of {} ms done in {} ms (sum of ids {})", JOBS, JOB_MS, start.elapsed().as_millis(), total);
}
