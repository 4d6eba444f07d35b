//! Tasks vs threads
//!
//! 5 OS threads each hold a thread while they sleep; 5 tasks sleep on 2 workers and hold none.
//!
//! An OS thread that sleeps still occupies a thread, with its own stack: five sleeping threads need five threads.
//! A task that awaits a sleep is parked instead: it gives its worker back, so five sleeping tasks fit on two
//! workers, which sit idle meanwhile. Both groups finish after 200 ms, but the threads needed five lanes of their
//! own and the tasks none beyond the two workers. See many_tasks for what a task costs in bytes.
//!
//! Group: basics

use std::thread;
use std::time::Duration;

const COUNT: u64 = 5; // param 1..=64: how many threads and how many tasks
const SLEEP_MS: u64 = 200; // param 0..=600000 ms: how long each one sleeps

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // OS threads: each one is held for its whole sleep.
    let threads: Vec<_> = (1..=COUNT)
        .map(|i| thread::spawn(move || {
            thread::sleep(Duration::from_millis(SLEEP_MS));
            println!("Hello from thread {}", i);
        }))
        .collect();

    // Tasks on 2 workers: a sleeping task holds no worker.
    let tasks: Vec<_> = (1..=COUNT)
        .map(|i| tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(SLEEP_MS)).await;
            println!("Hello from task {}", i);
        }))
        .collect();

    for task in tasks {
        task.await.unwrap();
    }
    for t in threads {
        t.join().unwrap();
    }
}
