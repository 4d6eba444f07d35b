//! Backpressure: a full channel parks the sender
//!
//! A fast producer fills a 2-slot channel and parks; each receive wakes it to send one more.
//!
//! A bounded channel limits how far a producer can run ahead. With room for 2 messages, the producer sends 1, 2
//! and 3 at once (main has already taken 1), then its send finds the channel full and parks. It is not polled
//! again until main receives a message and frees a slot: that recv wakes the producer. From then on producer and
//! consumer move in lockstep, at the consumer's pace.
//!
//! Group: channels

use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

const CAPACITY: usize = 2; // param 1..=1024: how many messages the channel buffers
const MESSAGES: u64 = 6; // param 1..=1000: how many messages the producer sends
const PROCESS_MS: u64 = 200; // param 0..=600000 ms: how long the consumer takes per message

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let (tx, mut rx) = mpsc::channel(CAPACITY);

    let producer = tokio::spawn(async move {
        for i in 1..=MESSAGES {
            tx.send(i).await.unwrap();
            println!("Sent {}", i);
        }
    });

    while let Some(n) = rx.recv().await {
        sleep(Duration::from_millis(PROCESS_MS)).await;
        println!("Processed {}", n);
    }
    producer.await.unwrap();
}
