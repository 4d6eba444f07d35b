//! A background polling loop
//!
//! An interval loop ticks every 300 ms beside main; when main returns, the runtime drops the loop.
//!
//! interval() produces a tick right away and then one every period; the loop awaits each tick, so the poller is
//! parked between ticks and its worker is free. It never ends by itself. main does its own work and returns after
//! a second: that ends block_on, the runtime shuts down and drops every task still alive, the poller included, in
//! the middle of its wait for the next tick.
//!
//! Group: composition

use tokio::time::{interval, sleep, Duration};

const PERIOD_MS: u64 = 300; // param 1..=600000 ms: the interval's period
const MAIN_MS: u64 = 1000; // param 0..=600000 ms: how long main works

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    tokio::spawn(async {
        let mut ticker = interval(Duration::from_millis(PERIOD_MS));
        loop {
            ticker.tick().await;
            println!("Background: checking for updates");
        }
    });

    sleep(Duration::from_millis(MAIN_MS)).await;
    println!("Main work done: the runtime shuts down and drops the poller");
}
