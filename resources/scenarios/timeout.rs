//! timeout drops slow work
//!
//! timeout(1 s, 3 s of work) elapses after 1 s and drops the work.
//!
//! tokio::time::timeout races a future against a timer, exactly like a select! with two branches. The 1 s timer
//! is Ready first, so timeout returns Err(Elapsed) and the 3 s future is dropped: it is cancelled at its await,
//! and its own timer is disarmed without ever firing.
//!
//! Group: composition

use tokio::time::{sleep, timeout, Duration};

const LIMIT_MS: u64 = 1000; // param 0..=600000 ms: the time limit
const WORK_MS: u64 = 3000; // param 0..=600000 ms: how long the work takes

async fn long_task() -> &'static str {
    sleep(Duration::from_millis(WORK_MS)).await;
    "finished"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match timeout(Duration::from_millis(LIMIT_MS), long_task()).await {
        Ok(msg) => println!("Success: {}", msg),
        Err(_) => println!("Timed out!"),
    }
}
