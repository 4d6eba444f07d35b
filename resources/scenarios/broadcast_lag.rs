use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{sleep, Duration};

#[tokio::main]
async fn main() {
    let (tx, mut slow) = broadcast::channel(2);

    let reader = tokio::spawn(async move {
        loop {
            sleep(Duration::from_millis(350)).await;
            match slow.recv().await {
                Ok(n) => println!("Slow receiver got {}", n),
                Err(RecvError::Lagged(missed)) => println!("Slow receiver lagged by {}", missed),
                Err(RecvError::Closed) => break,
            }
        }
    });

    for n in 1..=6 {
        tx.send(n).unwrap();
        sleep(Duration::from_millis(100)).await;
    }
    drop(tx);
    reader.await.unwrap();
}
