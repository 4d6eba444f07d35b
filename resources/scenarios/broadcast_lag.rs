//! broadcast: a slow receiver lags
//!
//! A 2-slot broadcast channel and a receiver 3x slower than the sender: it lags and loses messages.
//!
//! A broadcast channel keeps only the newest messages (here 2). The sender never waits for slow receivers; when a
//! receiver falls further behind than the capacity, the oldest messages are gone for it. Its next recv returns
//! Lagged(n), saying how many it missed, and then it continues from the oldest message still kept. That is the
//! price of never blocking the sender.
//!
//! Group: channels

use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{sleep, Duration};

const CAPACITY: usize = 2; // param 1..=1024: how many messages the channel keeps
const MESSAGES: u64 = 6; // param 1..=1000: how many messages are sent
const SEND_GAP_MS: u64 = 100; // param 0..=600000 ms: pause between two sends
const READER_PAUSE_MS: u64 = 350; // param 0..=600000 ms: how long the receiver waits before each recv

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let (tx, mut slow) = broadcast::channel(CAPACITY);

    let reader = tokio::spawn(async move {
        loop {
            sleep(Duration::from_millis(READER_PAUSE_MS)).await;
            match slow.recv().await {
                Ok(n) => println!("Slow receiver got {}", n),
                Err(RecvError::Lagged(missed)) => println!("Slow receiver lagged by {}", missed),
                Err(RecvError::Closed) => break,
            }
        }
    });

    for n in 1..=MESSAGES {
        tx.send(n).unwrap();
        sleep(Duration::from_millis(SEND_GAP_MS)).await;
    }
    drop(tx);
    reader.await.unwrap();
}
