//! select! takes the first, drops the rest
//!
//! The 1 s branch wins; the 3 s branch is dropped (cancelled) mid-flight.
//!
//! tokio::select! polls its branches and finishes with the first one that is Ready. The other branches are
//! dropped on the spot: a dropped future is never polled again, its timer is disarmed, and the code after its
//! await never runs, so "Slow source answered" is never printed. Cancellation in async Rust is simply dropping a
//! future.
//!
//! Group: composition

use tokio::time::{sleep, Duration};

const SLOW_MS: u64 = 3000; // param 0..=600000 ms: how long the slow source sleeps
const FAST_MS: u64 = 1000; // param 0..=600000 ms: how long the fast source sleeps

async fn slow_source() -> &'static str {
    sleep(Duration::from_millis(SLOW_MS)).await;
    println!("Slow source answered");
    "slow"
}

async fn fast_source() -> &'static str {
    sleep(Duration::from_millis(FAST_MS)).await;
    println!("Fast source answered");
    "fast"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let winner = tokio::select! {
        v = slow_source() => v,
        v = fast_source() => v,
    };
    println!("First completed: {}", winner);
}
