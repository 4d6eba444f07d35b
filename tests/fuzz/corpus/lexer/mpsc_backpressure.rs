use tokio::sync::mpsc;
use tokio::time::{sleep, Duration};

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(2);

    let producer = tokio::spawn(async move {
        for i in 1..=6 {
            tx.send(i).await.unwrap();
            println!("Sent {}", i);
        }
    });

    while let Some(n) = rx.recv().await {
        sleep(Duration::from_millis(200)).await;
        println!("Processed {}", n);
    }
    producer.await.unwrap();
}
