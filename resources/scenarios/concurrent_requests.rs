//! Concurrent requests
//!
//! A 1.5 s and a 0.5 s request in flight at once: the counter shows 2 active, then 1, then 0.
//!
//! A server spawns a task per request, so a slow request does not hold up a fast one. Both start at once and the
//! shared counter (an Arc<AtomicUsize>) reads 2 active. The fast one finishes after 0.5 s while the slow one is
//! still parked in its sleep; the slow one finishes at 1.5 s. Waiting for both with join! takes as long as the
//! slowest, not the sum.
//!
//! Group: composition

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::time::{sleep, Duration};

const SLOW_MS: u64 = 1500; // param 0..=600000 ms: how long the slow request takes
const FAST_MS: u64 = 500; // param 0..=600000 ms: how long the fast request takes

async fn handle_request(name: &'static str, millis: u64, active: Arc<AtomicUsize>) {
    let now = active.fetch_add(1, Ordering::SeqCst) + 1;
    println!("{} started ({} active)", name, now);
    sleep(Duration::from_millis(millis)).await;
    let left = active.fetch_sub(1, Ordering::SeqCst) - 1;
    println!("{} finished ({} active)", name, left);
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let active = Arc::new(AtomicUsize::new(0));
    let slow = tokio::spawn(handle_request("slow request", SLOW_MS, active.clone()));
    let fast = tokio::spawn(handle_request("fast request", FAST_MS, active.clone()));
    let _ = tokio::join!(slow, fast);
    println!("Both requests served");
}
