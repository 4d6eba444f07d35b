use tokio::sync::broadcast;
use tokio::time::{sleep, Duration};

#[tokio::main]
async fn main() {
    let (tx, _) = broadcast::channel(16);

    let mut handles = Vec::new();
    for i in 1..=3 {
        let mut rx = tx.subscribe();
        handles.push(tokio::spawn(async move {
            while let Ok(msg) = rx.recv().await {
                println!("Receiver {} got: {}", i, msg);
            }
        }));
    }

    tx.send("hello").unwrap();
    sleep(Duration::from_millis(100)).await;
    tx.send("world").unwrap();
    sleep(Duration::from_millis(100)).await;
    drop(tx);

    for handle in handles {
        handle.await.unwrap();
    }
}
