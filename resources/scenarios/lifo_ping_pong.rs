//! LIFO slot: a ping-pong stays on one worker
//!
//! Two tasks bounce a number over two channels on 4 workers; every bounce runs on the same worker.
//!
//! When a task wakes another, tokio puts the woken task in the LIFO slot of the worker it is running on: it is
//! polled next, right there, while what it needs is still in that core's cache. So a message and its reply stay
//! on one worker, and the other workers stay parked: a task in a LIFO slot is never stolen. (So that a ping-pong
//! cannot starve the rest of the queue, after a budget of polls the slot's task goes to the back of the local
//! queue, where an idle worker may steal it.) The stage shows the LIFO slot of each worker.
//!
//! Group: scheduling

use tokio::sync::mpsc;

const ROUNDS: u64 = 20; // param 1..=1000: how many times the number goes back and forth

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let (to_pong, mut pong_in) = mpsc::channel(1);
    let (to_ping, mut ping_in) = mpsc::channel(1);
    let pong = tokio::spawn(async move {
        while let Some(n) = pong_in.recv().await {
            to_ping.send(n + 1).await.unwrap();
        }
    });
    let ping = tokio::spawn(async move {
        let mut n: u64 = 0;
        for _ in 0..ROUNDS {
            to_pong.send(n).await.unwrap();
            n = ping_in.recv().await.unwrap();
        }
        n
    });
    let n = ping.await.unwrap();
    pong.await.unwrap();
    println!("After {} rounds the number is {}", ROUNDS, n);
}
