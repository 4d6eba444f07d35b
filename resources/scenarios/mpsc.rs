//! mpsc: messages between tasks
//!
//! A producer task sends 3 messages; main receives each as it arrives, then sees the channel close.
//!
//! An mpsc channel connects tasks without shared state. rx.recv().await parks main while the channel is empty;
//! each send puts a message in the buffer and wakes the receiver, so every message is received the moment it is
//! sent. When the producer ends, its Sender is dropped with it: the channel closes and recv returns None, which
//! ends main's loop. The spawned task's JoinHandle is dropped at once: the task is detached and runs on by
//! itself.
//!
//! Group: channels

use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

const CAPACITY: usize = 32; // param 1..=1024: how many messages the channel buffers
const GAP_MS: u64 = 100; // param 0..=600000 ms: pause between two sends

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let (tx, mut rx) = mpsc::channel(CAPACITY);

    tokio::spawn(async move {
        for i in 1..=3 {
            tx.send(format!("Message {}", i)).await.unwrap();
            sleep(Duration::from_millis(GAP_MS)).await;
        }
    });

    while let Some(msg) = rx.recv().await {
        println!("Received: {}", msg);
    }
    println!("Channel closed");
}
