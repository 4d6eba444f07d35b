//! Semaphore: limit how many run at once
//!
//! 5 requests share 2 permits: two run, three park until a finishing request releases its permit.
//!
//! A semaphore holds a number of permits. acquire().await takes one, or parks the task if none is left; the
//! permit goes back when it is dropped. With 2 permits, requests 1 and 2 start at once and requests 3 to 5 queue
//! up in order. Each finishing request releases its permit, and that release wakes the next request in line: no
//! more than two are ever in flight.
//!
//! Group: channels

use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::time::{sleep, Duration};

const PERMITS: usize = 2; // param 1..=1000: how many permits the semaphore has
const REQUESTS: u64 = 5; // param 1..=1000: how many requests are spawned
const REQUEST_MS: u64 = 500; // param 0..=600000 ms: how long each request takes

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let permits = Arc::new(Semaphore::new(PERMITS));

    let mut handles = Vec::new();
    for i in 1..=REQUESTS {
        let permits = permits.clone();
        handles.push(tokio::spawn(async move {
            let _permit = permits.acquire().await.unwrap();
            println!("Request {} started", i);
            sleep(Duration::from_millis(REQUEST_MS)).await;
            println!("Request {} finished", i);
        }));
    }

    for handle in handles {
        handle.await.unwrap();
    }
}
