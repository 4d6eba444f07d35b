// Moves and drops: senders moved into tasks close the channel when the last task ends; a permit is released when
// its holder's scope ends; drop() ends a value's life at once.
use std::sync::Arc;
use tokio::sync::{mpsc, Semaphore};
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::channel(1);
    let tx2 = tx.clone();
    tokio::spawn(async move {
        tx.send("from the first").await.unwrap();
    });
    tokio::spawn(async move {
        sleep(Duration::from_millis(50)).await;
        tx2.send("from the second").await.unwrap();
    });
    while let Some(m) = rx.recv().await {
        println!("{}", m);
    }
    println!("closed: both senders are gone");

    let permits = Arc::new(Semaphore::new(1));
    {
        let _held = permits.acquire().await.unwrap();
        println!("inside: {} free", permits.available_permits());
    }
    println!("after the block: {} free", permits.available_permits());
    let p = permits.acquire().await.unwrap();
    println!("taken again: {} free", permits.available_permits());
    drop(p);
    println!("dropped: {} free", permits.available_permits());
}
