//! Many tasks sleeping on a few workers
//!
//! 10 tasks sleep 100 ms on 4 workers; the run takes ~100 ms, not 1 s.
//!
//! tokio::spawn hands each future to the runtime as a task. A sleeping task is parked, not running: it holds no
//! worker while it waits. So ten tasks that each sleep 100 ms overlap on four workers and all finish about 100 ms
//! after they start; the workers spend that time parked with nothing to do.
//!
//! Group: basics

use tokio::time::{sleep, Duration};

const TASKS: u64 = 10; // param 1..=10000: how many tasks to spawn
const SLEEP_MS: u64 = 100; // param 0..=600000 ms: how long each task sleeps

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let mut handles = Vec::new();
    for i in 0..TASKS {
        handles.push(tokio::spawn(async move {
            sleep(Duration::from_millis(SLEEP_MS)).await;
            println!("Task {} done", i);
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    println!("All tasks done");
}
