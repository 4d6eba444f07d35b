//! broadcast: every receiver gets every message
//!
//! One sender, three receivers: each receiver gets both messages, then sees the channel close.
//!
//! A broadcast channel hands a copy of each message to every receiver that subscribed. The three receiver tasks
//! park on recv; one send wakes all three, and each one takes its own copy. Dropping the sender closes the
//! channel: every receiver's loop ends with Closed.
//!
//! Group: channels

use tokio::sync::broadcast;
use tokio::time::{sleep, Duration};

const CAPACITY: usize = 16; // param 1..=1024: how many messages the channel keeps
const RECEIVERS: u64 = 3; // param 1..=64: how many receiver tasks subscribe
const GAP_MS: u64 = 100; // param 0..=600000 ms: pause after each send

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let (tx, _) = broadcast::channel(CAPACITY);

    let mut handles = Vec::new();
    for i in 1..=RECEIVERS {
        let mut rx = tx.subscribe();
        handles.push(tokio::spawn(async move {
            while let Ok(msg) = rx.recv().await {
                println!("Receiver {} got: {}", i, msg);
            }
        }));
    }

    tx.send("hello").unwrap();
    sleep(Duration::from_millis(GAP_MS)).await;
    tx.send("world").unwrap();
    sleep(Duration::from_millis(GAP_MS)).await;
    drop(tx);

    for handle in handles {
        handle.await.unwrap();
    }
}
