// tokio::sync::mpsc::unbounded_channel: send never waits (there is always room), so a producer runs far ahead of
// a slow consumer; on a bounded channel, try_send hands the message back at once when it is full or closed.
use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let producer = tokio::spawn(async move {
        for i in 1..=5 {
            tx.send(i).unwrap();
        }
        println!("producer: sent 5 without waiting");
    });
    producer.await.unwrap();
    while let Some(v) = rx.recv().await {
        sleep(Duration::from_millis(100)).await;
        println!("consumer: {}", v);
    }
    println!("consumer: the channel is closed");

    let (tx, mut rx) = mpsc::channel::<u32>(1);
    tx.try_send(1).unwrap();
    match tx.try_send(2) {
        Err(mpsc::error::TrySendError::Full(v)) => println!("full: {} came back", v),
        other => println!("unexpected: {:?}", other),
    }
    println!("received {:?}", rx.recv().await);
    drop(rx);
    match tx.try_send(3) {
        Err(mpsc::error::TrySendError::Closed(v)) => println!("closed: {} came back", v),
        other => println!("unexpected: {:?}", other),
    }
}
