//! Dropping a JoinHandle vs abort()
//!
//! Dropping a JoinHandle detaches its task, which keeps ticking; abort() cancels; shutdown drops the rest.
//!
//! A JoinHandle is only a way to wait for a task. Dropping it does not stop the task: in tokio the task is
//! detached and runs on, so the "detached" ticker keeps printing. abort() is what cancels: the "aborted" ticker
//! is dropped at its next await and never ticks again. When main returns, the runtime shuts down and drops every
//! task still alive, the detached one included.
//!
//! Group: cancellation

use tokio::time::{sleep, Duration};

const TICK_MS: u64 = 400; // param 1..=600000 ms: how often each ticker ticks
const WAIT_MS: u64 = 1100; // param 0..=600000 ms: how long main waits, before and after

async fn ticker(name: &'static str) {
    for i in 1.. {
        sleep(Duration::from_millis(TICK_MS)).await;
        println!("{} tick {}", name, i);
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let detached = tokio::spawn(ticker("detached"));
    let aborted = tokio::spawn(ticker("aborted"));

    sleep(Duration::from_millis(WAIT_MS)).await;
    drop(detached);
    aborted.abort();
    println!("Dropped one handle, aborted the other");

    sleep(Duration::from_millis(WAIT_MS)).await;
    println!("main returns: the runtime drops every task left");
}
